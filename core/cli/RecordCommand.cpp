// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "cli/RecordCommand.h"

#include "cli/CliContext.h"
#include "cli/Formatting.h"
#include "pipeline/ManualRecorder.h"
#include "store/HistoryStore.h"
#include "util/Clock.h"

#include <QLocale>
#include <QTextStream>

#include <cmath>

namespace kpi::cli {

RecordCommand::RecordCommand(CliContext &context, Options options, const Clock &clock,
                             QObject *parent)
    : Command(context, parent), m_options(std::move(options)), m_clock(clock)
{ }

void RecordCommand::start()
{
    CliContext &ctx = context();
    const auto loaded = ctx.workspaceOrPrintErrors();
    if (!loaded) {
        Q_EMIT done(ExitUsage);
        return;
    }
    const workspace::Workspace &workspace = *loaded;

    // The C locale, as everywhere on the command line: "1204.5", never "1.204,5".
    bool ok = false;
    const double value = QLocale::c().toDouble(m_options.value.trimmed(), &ok);
    if (!ok || !std::isfinite(value)) {
        ctx.printError(
            {Error::Code::InvalidInput,
             tr("expected a number such as 1204 or 0.25, got \"%1\"").arg(m_options.value),
             QStringLiteral("VALUE")});
        Q_EMIT done(ExitUsage);
        return;
    }

    const QTimeZone zone = workspace.zone();
    const qint64 nowMs = m_clock.nowMs();
    qint64 atMs = nowMs;
    if (!m_options.at.isEmpty()) {
        // A date means the start of that day in the workspace's time zone.
        const auto at = ctx.dateOption(QStringLiteral("--at"), m_options.at, zone, false);
        if (!at) {
            Q_EMIT done(ExitUsage);
            return;
        }
        if (*at > nowMs) {
            ctx.printError({Error::Code::InvalidInput,
                            tr("%1 is in the future").arg(formatUtc(*at)), QStringLiteral("--at")});
            Q_EMIT done(ExitUsage);
            return;
        }
        atMs = *at;
    }

    // Checked before the history is opened, so a typo creates no database.
    if (const auto checked =
            pipeline::ManualRecorder::prepare(workspace, m_options.key, value, atMs);
        !checked) {
        Error error = checked.error();
        error.where = QStringLiteral("KEY");
        ctx.printError(error);
        Q_EMIT done(ExitUsage);
        return;
    }
    auto history = ctx.openHistory();
    if (!history) {
        ctx.printError(history.error());
        Q_EMIT done(ExitFailures);
        return;
    }
    const auto recorded =
        pipeline::ManualRecorder::record(**history, workspace, m_options.key, value, atMs);
    if (!recorded) {
        ctx.printError(recorded.error());
        Q_EMIT done(ExitFailures);
        return;
    }
    ctx.out() << tr("recorded %1 = %2 at %3\n")
                     .arg(recorded->metricKey, formatValue(recorded->value),
                          formatUtc(recorded->timestampMs));
    ctx.out().flush();
    Q_EMIT done(ExitOk);
}

} // namespace kpi::cli
