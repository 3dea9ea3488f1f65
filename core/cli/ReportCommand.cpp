// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "cli/ReportCommand.h"

#include "cli/CliContext.h"
#include "cli/Formatting.h"
#include "report/ReportBuilder.h"
#include "store/HistoryStore.h"
#include "util/Clock.h"

#include <QTextStream>

namespace kpi::cli {

ReportCommand::ReportCommand(CliContext &context, Options options, const Clock &clock,
                             QObject *parent)
    : Command(context, parent), m_options(std::move(options)), m_clock(clock)
{ }

void ReportCommand::start()
{
    CliContext &ctx = context();
    // The report needs the workspace: its metrics, labels, units and North Star.
    const auto loaded = ctx.workspaceOrPrintErrors();
    if (!loaded) {
        Q_EMIT done(ExitUsage);
        return;
    }
    const workspace::Workspace &workspace = *loaded;
    const QTimeZone zone = workspace.zone();
    qint64 atMs = m_clock.nowMs();
    if (!m_options.at.isEmpty()) {
        // A date means that whole day: its values up to midnight count.
        const auto at = ctx.dateOption(QStringLiteral("--at"), m_options.at, zone, true);
        if (!at) {
            Q_EMIT done(ExitUsage);
            return;
        }
        atMs = *at;
    }

    const auto location = ctx.databaseLocationOrPrintError();
    if (!location) {
        Q_EMIT done(ExitUsage);
        return;
    }
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(atMs, QTimeZone::utc());
    report::Report report;
    report.at = at;
    report.compareDays = m_options.compareDays;
    report.timezone = QString::fromUtf8(zone.id());
    // Reading never creates a database; none yet is an empty report.
    auto history = store::HistoryStore::open(*location, store::AccessMode::ReadOnly);
    if (!history && history.error().code != Error::Code::NotFound) {
        ctx.printError(history.error());
        Q_EMIT done(ExitFailures);
        return;
    }
    if (history) {
        auto built = report::ReportBuilder::build(**history, workspace, at, m_options.compareDays);
        if (!built) {
            ctx.printError(built.error());
            Q_EMIT done(ExitFailures);
            return;
        }
        report = std::move(*built);
    }
    ctx.out() << report::ReportFormatter::format(report, m_options.format);
    ctx.out().flush();
    Q_EMIT done(ExitOk);
}

} // namespace kpi::cli
