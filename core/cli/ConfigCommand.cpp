// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "cli/ConfigCommand.h"

#include "cli/CliContext.h"
#include "workspace/PresetCatalog.h"
#include "workspace/WorkspaceLoader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTextStream>

namespace kpi::cli {

namespace {

// A workspace source using the preset with its required parameters' examples.
QString exampleOf(const workspace::Preset &preset)
{
    QJsonObject params;
    for (const auto &param : preset.params) {
        if (param.required)
            params.insert(param.name, param.example);
    }
    // Written out by hand: a QJsonObject would put "params" before "preset".
    return QStringLiteral("{\"id\": \"%1\", \"preset\": \"%2\", \"params\": %3}")
        .arg(preset.id.section(QLatin1Char('-'), 0, 0), preset.id,
             QString::fromUtf8(QJsonDocument(params).toJson(QJsonDocument::Compact)));
}

} // namespace

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
    case Action::Presets:
        Q_EMIT done(listPresets());
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

// What a preset source needs, for someone writing one: docs/sources.md has more.
int ConfigCommand::listPresets()
{
    QTextStream &out = context().out();
    const auto &catalog = workspace::PresetCatalog::builtIn();
    for (const auto &preset : catalog.presets()) {
        out << preset.id << "  " << preset.label << '\n';
        out << "  " << preset.description << '\n';
        for (const auto &param : preset.params) {
            if (param.advanced)
                continue;
            out << "  params." << param.name << "  "
                << (param.required ? tr("required") : tr("default \"%1\"").arg(param.defaultValue))
                << ": " << param.description << tr(", such as \"%1\"").arg(param.example) << '\n';
        }
        for (const auto &secret : preset.secrets)
            out << "  secrets." << secret.name << "  "
                << (secret.required ? tr("required") : tr("optional")) << ": " << secret.description
                << '\n';
        QHash<QString, QString> defaults;
        for (const auto &param : preset.params)
            defaults.insert(param.name, param.defaultValue);
        QStringList keys;
        for (const QJsonValue &metric : preset.metrics)
            keys.append(workspace::Preset::fill(
                metric.toObject().value(QLatin1String("key")).toString(), defaults, {}, false));
        out << "  " << tr("metrics: %1").arg(keys.join(QStringLiteral(", "))) << '\n';
        out << "  " << tr("example: %1").arg(exampleOf(preset)) << "\n\n";
    }
    out.flush();
    return catalog.loadErrors().isEmpty() ? ExitOk : ExitFailures;
}

} // namespace kpi::cli
