// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "cli/ReextractCommand.h"

#include "cli/CliContext.h"
#include "cli/Formatting.h"
#include "pipeline/Reextractor.h"
#include "store/HistoryStore.h"

#include <QTextStream>
#include <QTimeZone>

namespace kpi::cli {

namespace {

QString describe(const std::optional<double> &value, const QString &suspect)
{
    if (!value)
        return QStringLiteral("-");
    QString text = formatValue(*value);
    if (!suspect.isEmpty())
        text += QStringLiteral(" (suspect: %1)").arg(suspect);
    return text;
}

} // namespace

ReextractCommand::ReextractCommand(CliContext &context, Options options, QObject *parent)
    : Command(context, parent), m_options(std::move(options))
{ }

void ReextractCommand::start()
{
    CliContext &ctx = context();
    const auto loaded = ctx.workspaceOrPrintErrors();
    if (!loaded) {
        Q_EMIT done(ExitUsage);
        return;
    }
    const workspace::Workspace &workspace = *loaded;
    const workspace::SourceConfig *source = workspace.source(m_options.sourceId);
    if (!source) {
        ctx.printError({Error::Code::InvalidInput,
                        tr("the workspace has no source \"%1\"").arg(m_options.sourceId),
                        QStringLiteral("--source")});
        Q_EMIT done(ExitUsage);
        return;
    }
    const QTimeZone zone = workspace.zone();
    qint64 sinceMs = 0;
    if (!m_options.since.isEmpty()) {
        const auto since = ctx.dateOption(QStringLiteral("--since"), m_options.since, zone, false);
        if (!since) {
            Q_EMIT done(ExitUsage);
            return;
        }
        sinceMs = *since;
    }
    const auto location = ctx.databaseLocationOrPrintError();
    if (!location) {
        Q_EMIT done(ExitUsage);
        return;
    }
    auto history = store::HistoryStore::open(
        *location, m_options.dryRun ? store::AccessMode::ReadOnly : store::AccessMode::ReadWrite);
    if (!history) {
        ctx.printError(history.error());
        Q_EMIT done(ExitFailures);
        return;
    }
    const auto runs = pipeline::Reextractor::run(**history, *source, sinceMs, m_options.dryRun);
    if (!runs) {
        ctx.printError(runs.error());
        Q_EMIT done(runs.error().code == Error::Code::InvalidInput ? ExitUsage : ExitFailures);
        return;
    }

    QTextStream &out = ctx.out();
    if (runs->isEmpty()) {
        out << tr("No raw responses of \"%1\" are kept%2; nothing to re-extract.")
                   .arg(source->id, m_options.since.isEmpty()
                                        ? QString()
                                        : tr(" since %1").arg(m_options.since))
            << '\n';
        out.flush();
        Q_EMIT done(ExitOk);
        return;
    }
    int rewritten = 0;
    int touchedRuns = 0;
    int failures = 0;
    for (const auto &run : *runs) {
        out << tr("run %1 (%2)").arg(run.runId).arg(formatUtc(run.startedAtMs)) << '\n';
        if (run.error) {
            ++failures;
            out << "  " << tr("error: %1").arg(run.error->message) << '\n';
            continue;
        }
        bool touched = false;
        for (const auto &change : run.changes) {
            out << "  " << change.metricKey << ": " << describe(change.oldValue, change.oldSuspect);
            if (!change.newValue) {
                ++failures;
                out << ' ' << tr("kept; the current extraction fails: %1").arg(change.error);
            } else if (change.changed()) {
                ++rewritten;
                touched = true;
                out << QStringLiteral(" → ") << describe(change.newValue, change.newSuspect);
            } else {
                out << ' ' << tr("(unchanged)");
            }
            out << '\n';
        }
        touchedRuns += touched ? 1 : 0;
    }
    // Two counts, so two numerus messages put together ("1 value in 1 run").
    const QString valueCount = tr("%n value(s)", nullptr, rewritten);
    const QString runCount = tr("%n run(s)", nullptr, touchedRuns);
    if (m_options.dryRun)
        out << tr("Dry run: %1 in %2 would be rewritten; nothing was written.")
                   .arg(valueCount, runCount)
            << '\n';
    else
        out << tr("%1 in %2 rewritten.").arg(valueCount, runCount) << '\n';
    out.flush();
    Q_EMIT done(failures > 0 ? ExitFailures : ExitOk);
}

} // namespace kpi::cli
