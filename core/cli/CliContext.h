// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "pipeline/Services.h"
#include "store/HistoryStore.h"
#include "util/Error.h"
#include "workspace/WorkspaceLoader.h"

#include <QString>
#include <QTimeZone>

#include <memory>

class QTextStream;

namespace kpi::cli {

// What every command shares: its output streams, the workspace and database it was
// pointed at, and the app's services.
class CliContext
{
public:
    CliContext(QTextStream &out, QTextStream &err, QString workspacePath, QString databaseSpec);
    ~CliContext();

    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }

    // --workspace, else KPI_COLLECTOR_WORKSPACE, else workspace.json in the config folder.
    const QString &workspacePath() const { return m_workspacePath; }

    workspace::WorkspaceLoader::Outcome loadWorkspace() const;
    Result<store::DatabaseLocation> databaseLocation() const;
    Result<std::unique_ptr<store::HistoryStore>> openHistory() const;
    // The workspace, or none after its errors were printed: the command exits ExitUsage.
    std::optional<workspace::Workspace> workspaceOrPrintErrors();
    // Where the history is, or none after printing why: the command exits ExitUsage.
    std::optional<store::DatabaseLocation> databaseLocationOrPrintError();

    // Made on first use: `config check` needs no network and no keychain.
    pipeline::Services &services();

    // "FILE: where: message" on stderr, one line per error, then a count.
    void printWorkspaceErrors(const QString &file, const QList<Error> &errors);
    void printError(const Error &error);
    // A date option's value (see parseDateArgument()) in UTC milliseconds; when it is not a
    // date, the usage error naming `option` is printed and nothing is returned.
    std::optional<qint64> dateOption(const QString &option, const QString &text,
                                     const QTimeZone &zone, bool endOfDay);

private:
    QTextStream &m_out;
    QTextStream &m_err;
    QString m_workspacePath;
    QString m_databaseSpec;
    std::unique_ptr<pipeline::Services> m_services;
};

} // namespace kpi::cli
