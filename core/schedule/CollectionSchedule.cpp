// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "schedule/CollectionSchedule.h"

#include "pipeline/Collector.h"
#include "pipeline/RunReport.h"
#include "store/HistoryStore.h"
#include "util/Clock.h"
#include "util/Logging.h"

namespace kpi::schedule {

CollectionSchedule::CollectionSchedule(pipeline::Collector *collector, const Clock &clock,
                                       QString instanceName, QObject *parent)
    : QObject(parent),
      m_collector(collector),
      m_clock(clock),
      m_instanceName(std::move(instanceName)),
      m_scheduler(clock)
{
    connect(&m_scheduler, &Scheduler::due, this, &CollectionSchedule::onDue);
    connect(&m_scheduler, &Scheduler::skipped, this,
            [this](const QString &, const QDateTime &, const QString &reason) {
                Q_EMIT skipped(reason);
            });
    connect(m_collector, &pipeline::Collector::finished, this, &CollectionSchedule::onRunFinished);
}

Result<void> CollectionSchedule::start()
{
    const workspace::Workspace &workspace = m_collector->workspace();
    QList<ScheduledJob> jobs;
    if (!workspace.schedule.isEmpty()) {
        const auto cron = cron::CronExpression::parse(workspace.schedule);
        if (!cron)
            return Result<void>::error(Error::Code::InvalidInput,
                                       tr("schedule: %1").arg(cron.error().message));
        const QTimeZone zone = workspace.timezone.isEmpty()
                                   ? QTimeZone::systemTimeZone()
                                   : QTimeZone(workspace.timezone.toUtf8());
        if (!zone.isValid())
            return Result<void>::error(
                Error::Code::InvalidInput,
                tr("timezone: unknown time zone \"%1\"").arg(workspace.timezone));
        m_zone = zone;
        ScheduledJob job{CollectJob, *cron, zone, std::nullopt};
        if (store::HistoryStore *history = m_collector->history()) {
            const auto latest = history->latestClaimedSlot(CollectJob);
            if (!latest)
                return latest.forward<void>();
            if (*latest)
                job.lastRun = QDateTime::fromMSecsSinceEpoch(**latest, Qt::UTC);
        }
        jobs.append(job);
    }
    m_scheduler.setMissedRuns(workspace.catchUpMissedRuns ? MissedRuns::CatchUp : MissedRuns::Skip);
    m_scheduler.setJobs(jobs);
    if (jobs.isEmpty())
        qCInfo(lcSchedule) << "the workspace has no schedule; collecting only on demand";
    else
        qCInfo(lcSchedule).noquote()
            << "collecting on" << workspace.schedule << "in" << QString::fromUtf8(m_zone.id());
    m_scheduler.start();
    if (!jobs.isEmpty())
        qCInfo(lcSchedule).noquote() << "next collection at" << nextCollectionText();
    return Result<void>::ok();
}

void CollectionSchedule::onRunFinished(const pipeline::RunReport &report)
{
    if (!m_ownRun)
        return;
    m_ownRun = false;
    m_scheduler.markFinished(CollectJob);
    // A run stopped halfway (the app quit, the machine shut down) or not stored did not do
    // the slot's work: give the slot back, so the next start catches it up.
    store::HistoryStore *history = m_collector->history();
    if (history && (report.status == store::RunStatus::Canceled || report.storeError)) {
        qCInfo(lcSchedule).noquote() << "giving back" << m_claimedSlot.toString(Qt::ISODate)
                                     << "to be caught up: the run did not complete";
        if (const auto released =
                history->releaseSlot(CollectJob, m_claimedSlot.toMSecsSinceEpoch(), m_instanceName);
            !released)
            qCWarning(lcSchedule).noquote() << released.error().message;
    }
}

QString CollectionSchedule::nextCollectionText() const
{
    const QDateTime next = m_scheduler.nextTime(CollectJob);
    if (!next.isValid())
        return m_scheduler.isPaused() ? tr("paused") : tr("never");
    return next.toTimeZone(m_zone).toString(Qt::ISODate);
}

void CollectionSchedule::onDue(const QString &jobId, const QDateTime &slot, bool caughtUp)
{
    if (jobId != CollectJob)
        return;
    const auto notRun = [&](const QString &reason, bool isSkip) {
        m_scheduler.markFinished(CollectJob);
        qCInfo(lcSchedule).noquote()
            << "not collecting for" << slot.toString(Qt::ISODate) << ":" << reason;
        if (isSkip)
            Q_EMIT skipped(reason);
    };
    if (m_collector->isCollecting()) {
        notRun(tr("a collection started by hand was still running at %1")
                   .arg(slot.toString(Qt::ISODate)),
               true);
        return;
    }
    if (store::HistoryStore *history = m_collector->history()) {
        const auto claimed = history->claimSlot(CollectJob, slot.toMSecsSinceEpoch(),
                                                m_clock.nowMs(), m_instanceName);
        if (!claimed) {
            notRun(claimed.error().message, true);
            return;
        }
        if (!*claimed) {
            // Not a failure: the other process is doing the job.
            notRun(tr("another KPI Collector on this history collects it"), false);
            return;
        }
    }
    m_ownRun = true;
    m_claimedSlot = slot;
    m_collector->collect(caughtUp ? QStringLiteral("catch-up") : QStringLiteral("schedule"));
}

} // namespace kpi::schedule
