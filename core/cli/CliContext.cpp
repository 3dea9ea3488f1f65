// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "cli/CliContext.h"

#include "cli/Formatting.h"

#include <QCoreApplication>
#include <QTextStream>

namespace kpi::cli {

CliContext::CliContext(QTextStream &out, QTextStream &err, QString workspacePath,
                       QString databaseSpec)
    : m_out(out),
      m_err(err),
      m_workspacePath(workspace::WorkspaceLoader::resolvePath(workspacePath)),
      m_databaseSpec(std::move(databaseSpec))
{ }

CliContext::~CliContext() = default;

workspace::WorkspaceLoader::Outcome CliContext::loadWorkspace() const
{
    return workspace::WorkspaceLoader::loadFile(m_workspacePath);
}

Result<store::DatabaseLocation> CliContext::databaseLocation() const
{
    return store::DatabaseLocation::resolve(m_databaseSpec);
}

std::optional<workspace::Workspace> CliContext::workspaceOrPrintErrors()
{
    auto loaded = loadWorkspace();
    if (!loaded.isOk()) {
        printWorkspaceErrors(m_workspacePath, loaded.errors);
        return std::nullopt;
    }
    return std::move(loaded.workspace);
}

std::optional<store::DatabaseLocation> CliContext::databaseLocationOrPrintError()
{
    const auto location = databaseLocation();
    if (!location) {
        printError(location.error());
        return std::nullopt;
    }
    return *location;
}

Result<std::unique_ptr<store::HistoryStore>> CliContext::openHistory() const
{
    const auto location = databaseLocation();
    if (!location)
        return location.forward<std::unique_ptr<store::HistoryStore>>();
    return store::HistoryStore::open(*location);
}

pipeline::Services &CliContext::services()
{
    if (!m_services)
        m_services = std::make_unique<pipeline::Services>();
    return *m_services;
}

void CliContext::printWorkspaceErrors(const QString &file, const QList<Error> &errors)
{
    for (const Error &error : errors) // errors about the file itself have the file as their place
        m_err << file << ": " << (error.where == file ? error.message : error.toString()) << '\n';
    m_err << QCoreApplication::translate("kpi::cli::CliContext", "%n error(s) in %1", nullptr,
                                         int(errors.size()))
                 .arg(file)
          << '\n';
    m_err.flush();
}

void CliContext::printError(const Error &error)
{
    m_err << QCoreApplication::translate("kpi::cli::CliContext", "error: ") << error.toString()
          << '\n';
    m_err.flush();
}

std::optional<qint64> CliContext::dateOption(const QString &option, const QString &text,
                                             const QTimeZone &zone, bool endOfDay)
{
    const auto ms = parseDateArgument(text, zone, endOfDay);
    if (!ms)
        printError({Error::Code::InvalidInput,
                    QCoreApplication::translate(
                        "kpi::cli::CliContext",
                        "expected YYYY-MM-DD or an ISO 8601 date and time, got \"%1\"")
                        .arg(text),
                    option});
    return ms;
}

} // namespace kpi::cli
