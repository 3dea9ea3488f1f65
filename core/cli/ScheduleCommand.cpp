// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "cli/ScheduleCommand.h"

#include "cli/CliContext.h"
#include "cli/Formatting.h"
#include "cli/TextTable.h"
#include "util/Clock.h"

#include <QTextStream>
#include <QTimeZone>

namespace kpi::cli {

namespace {

// 2026-03-29T03:00:00+02:00: the offset always spelled out (Qt writes "Z" for UTC), so the
// two 02:30s of an autumn night read differently.
QString formatWithOffset(const QDateTime &time)
{
    const int offset = time.offsetFromUtc();
    const int minutes = qAbs(offset) / 60;
    return time.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss")) +
           (offset < 0 ? QLatin1Char('-') : QLatin1Char('+')) +
           QStringLiteral("%1:%2")
               .arg(minutes / 60, 2, 10, QLatin1Char('0'))
               .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QTimeZone zoneNamed(const QString &id)
{
    return id.isEmpty() ? QTimeZone::systemTimeZone() : QTimeZone(id.toUtf8());
}

} // namespace

ScheduleCommand::ScheduleCommand(CliContext &context, Options options, const Clock &clock,
                                 QObject *parent)
    : Command(context, parent), m_options(std::move(options)), m_clock(clock)
{ }

void ScheduleCommand::start()
{
    Q_EMIT done(m_options.explain ? explain() : listWorkspace());
}

std::optional<QDateTime> ScheduleCommand::from(const QTimeZone &zone)
{
    if (m_options.from.isEmpty())
        return m_clock.nowUtc();
    // The parser checked the syntax; what is left is a time without an offset that the
    // zone's clocks skip, which QDateTime cannot place (Qt 6.4 makes it invalid).
    const QDateTime written = QDateTime::fromString(m_options.from, Qt::ISODateWithMs);
    if (written.isValid() && written.timeSpec() == Qt::LocalTime &&
        !QDateTime(written.date(), written.time(), zone).isValid()) {
        context().printError({Error::Code::InvalidInput,
                              tr("%1 does not exist in %2: the clocks skip it")
                                  .arg(m_options.from, QString::fromUtf8(zone.id())),
                              QStringLiteral("--from")});
        return std::nullopt;
    }
    const auto ms = parseDateArgument(m_options.from, zone, false);
    if (!ms)
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC);
}

int ScheduleCommand::explain()
{
    QString zoneId = m_options.timeZone;
    if (zoneId.isEmpty()) {
        // The workspace's zone is what the expression would run in; without a usable
        // workspace, the expression can still be explained in the system's.
        const auto loaded = context().loadWorkspace();
        if (loaded.isOk())
            zoneId = loaded.workspace.timezone;
    }
    const QTimeZone zone = zoneNamed(zoneId);
    const auto start = from(zone);
    if (!start)
        return ExitUsage;
    QDateTime time = *start;
    for (int i = 0; i < m_options.count; ++i) {
        time = m_options.explain->next(time, zone);
        if (!time.isValid()) {
            context().err() << tr("note: \"%1\" has no further time within %n year(s)", nullptr,
                                  cron::CronExpression::SearchYears)
                                   .arg(m_options.explain->text())
                            << '\n';
            break;
        }
        context().out() << formatWithOffset(time) << '\n';
    }
    return ExitOk;
}

int ScheduleCommand::listWorkspace()
{
    CliContext &ctx = context();
    const auto loaded = ctx.workspaceOrPrintErrors();
    if (!loaded) {
        return ExitUsage;
    }
    const workspace::Workspace &workspace = *loaded;
    // Schedules run in the workspace's zone whatever --timezone says; it only changes how
    // the times are shown.
    const QTimeZone runZone = zoneNamed(workspace.timezone);
    const QTimeZone shownZone =
        m_options.timeZone.isEmpty() ? runZone : zoneNamed(m_options.timeZone);
    const auto start = from(runZone);
    if (!start)
        return ExitUsage;

    TextTable table;
    table.addColumn(tr("SCHEDULE"));
    table.addColumn(tr("CRON"));
    table.addColumn(tr("NEXT"));
    const auto addRow = [&](const QString &name, const QString &text) {
        const auto cron = cron::CronExpression::parse(text);
        // The loader has validated every expression; this only guards a future mismatch.
        if (!cron) {
            table.addRow({name, text, cron.error().message});
            return;
        }
        const QDateTime next = cron->next(*start, runZone);
        table.addRow({name, text,
                      next.isValid() ? formatWithOffset(next.toTimeZone(shownZone))
                                     : tr("never (no such time within %n year(s))", nullptr,
                                          cron::CronExpression::SearchYears)});
    };
    if (workspace.schedule.isEmpty())
        table.addRow({tr("collect"), tr("(none)"), tr("only on demand")});
    else
        addRow(tr("collect"), workspace.schedule);
    for (const auto &destination : workspace.destinations) {
        if (destination.schedule != QLatin1String("on-collect"))
            addRow(tr("deliver to %1").arg(destination.id), destination.schedule);
    }
    table.print(ctx.out());
    ctx.out() << tr("Times in %1.").arg(QString::fromUtf8(shownZone.id())) << '\n';
    return ExitOk;
}

} // namespace kpi::cli
