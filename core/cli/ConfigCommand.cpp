// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "cli/ConfigCommand.h"

#include "cli/CliContext.h"
#include "workspace/WorkspaceLoader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextStream>

namespace kpi::cli {

ConfigCommand::ConfigCommand(CliContext &context, Action action, QString file, QObject *parent)
    : Command(context, parent), m_action(action), m_file(std::move(file))
{ }

void ConfigCommand::start()
{
    switch (m_action) {
    case Action::Check:
        Q_EMIT done(check());
        return;
    case Action::Import:
        Q_EMIT done(import());
        return;
    case Action::Export:
        Q_EMIT done(exportWorkspace());
        return;
    }
}

int ConfigCommand::check()
{
    const auto loaded = workspace::WorkspaceLoader::loadFile(m_file);
    if (!loaded.isOk()) {
        context().printWorkspaceErrors(m_file, loaded.errors);
        return ExitUsage;
    }
    const auto &ws = loaded.workspace;
    context().out() << tr("%1: OK (%n source(s), ", nullptr, int(ws.sources.size())).arg(m_file)
                    << tr("%n metric(s), ", nullptr, int(ws.metricKeys().size()))
                    << tr("%n destination(s))", nullptr, int(ws.destinations.size())) << '\n';
    context().out().flush();
    return ExitOk;
}

int ConfigCommand::import()
{
    const auto loaded = workspace::WorkspaceLoader::loadFile(m_file);
    if (!loaded.isOk()) {
        context().printWorkspaceErrors(m_file, loaded.errors);
        return ExitUsage;
    }
    QFile source(m_file);
    if (!source.open(QIODevice::ReadOnly)) {
        context().printError({Error::Code::NotFound, source.errorString(), m_file});
        return ExitFailures;
    }
    const QByteArray content = source.readAll();
    const QString target = context().workspacePath();
    if (QFileInfo(target).canonicalFilePath() == QFileInfo(m_file).canonicalFilePath()) {
        context().out() << tr("%1 is already the workspace.").arg(target) << '\n';
        return ExitOk;
    }
    QDir().mkpath(QFileInfo(target).absolutePath());
    // Atomic: a crash mid-way leaves the old workspace, never half a file.
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() ||
        !file.commit()) {
        context().printError({Error::Code::Storage,
                              tr("cannot write the workspace: %1").arg(file.errorString()),
                              target});
        return ExitFailures;
    }
    context().out() << tr("Imported %1 as the workspace %2.").arg(m_file, target) << '\n';
    context().out().flush();
    return ExitOk;
}

int ConfigCommand::exportWorkspace()
{
    const QString path = context().workspacePath();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        context().printError({Error::Code::NotFound,
                              tr("cannot read the workspace: %1").arg(file.errorString()), path});
        return ExitFailures;
    }
    const QByteArray content = file.readAll();
    // The file as written (key order, comments of whitespace), not a re-serialisation.
    context().out() << QString::fromUtf8(content);
    if (!content.endsWith('\n'))
        context().out() << '\n';
    context().out().flush();
    const auto loaded = workspace::WorkspaceLoader::parse(content);
    if (!loaded.isOk()) {
        context().printWorkspaceErrors(path, loaded.errors);
        return ExitUsage;
    }
    return ExitOk;
}

} // namespace kpi::cli
