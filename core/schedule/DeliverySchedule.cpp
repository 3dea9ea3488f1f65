// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "schedule/DeliverySchedule.h"

#include "delivery/DeliveryWorker.h"
#include "destinations/DestinationFactory.h"
#include "destinations/PayloadBuilder.h"
#include "store/HistoryStore.h"
#include "util/Clock.h"
#include "util/Logging.h"

namespace kpi::schedule {

DeliverySchedule::DeliverySchedule(store::HistoryStore *history, delivery::DeliveryWorker *worker,
                                   const Clock &clock, QString instanceName, QObject *parent)
    : QObject(parent),
      m_history(history),
      m_worker(worker),
      m_clock(clock),
      m_instanceName(std::move(instanceName)),
      m_scheduler(clock)
{
    connect(&m_scheduler, &Scheduler::due, this, &DeliverySchedule::onDue);
    connect(&m_scheduler, &Scheduler::skipped, this,
            [this](const QString &, const QDateTime &, const QString &reason) {
                Q_EMIT skipped(reason);
            });
}

Result<void> DeliverySchedule::start()
{
    const workspace::Workspace &workspace = m_worker->workspace();
    const QTimeZone zone = workspace.zone();
    QList<ScheduledJob> jobs;
    for (const auto &destination : workspace.destinations) {
        if (destinations::PayloadBuilder::isOnCollect(destination))
            continue;
        if (!destinations::DestinationFactory::isSupported(destination.type)) {
            qCWarning(lcSchedule).noquote() << "destination" << destination.id << "of type"
                                            << destination.type << "cannot be delivered to yet";
            continue;
        }
        const auto cron = cron::CronExpression::parse(destination.schedule);
        if (!cron)
            return Result<void>::error(
                Error::Code::InvalidInput,
                tr("destination %1: schedule: %2").arg(destination.id, cron.error().message));
        ScheduledJob job{jobFor(destination.id), *cron, zone, std::nullopt};
        const auto latest = m_history->latestClaimedSlot(job.id);
        if (!latest)
            return latest.forward<void>();
        if (*latest)
            job.lastRun = QDateTime::fromMSecsSinceEpoch(**latest, Qt::UTC);
        jobs.append(job);
        qCInfo(lcSchedule).noquote()
            << "delivering to" << destination.id << "on" << destination.schedule;
    }
    m_scheduler.setMissedRuns(workspace.catchUpMissedRuns ? MissedRuns::CatchUp : MissedRuns::Skip);
    m_scheduler.setJobs(jobs);
    m_scheduler.start();
    return Result<void>::ok();
}

Result<int> DeliverySchedule::enqueueDigest(store::HistoryStore &history,
                                            const workspace::Workspace &workspace,
                                            const workspace::DestinationConfig &destination,
                                            const QDateTime &slot, qint64 nowMs)
{
    const auto entry =
        destinations::PayloadBuilder::digest(history, workspace, destination, slot, nowMs);
    if (!entry)
        return entry.forward<int>();
    return history.enqueue({*entry});
}

void DeliverySchedule::onDue(const QString &jobId, const QDateTime &slot, bool)
{
    m_scheduler.markFinished(jobId); // queuing is quick; the worker does the sending
    const QString destinationId = jobId.mid(jobFor(QString()).size());
    const workspace::DestinationConfig *destination =
        m_worker->workspace().destination(destinationId);
    if (!destination)
        return;
    const auto claimed =
        m_history->claimSlot(jobId, slot.toMSecsSinceEpoch(), m_clock.nowMs(), m_instanceName);
    if (!claimed) {
        Q_EMIT skipped(claimed.error().message);
        return;
    }
    if (!*claimed)
        return; // another process on this history queues it
    const auto queued =
        enqueueDigest(*m_history, m_worker->workspace(), *destination, slot, m_clock.nowMs());
    if (!queued) {
        qCWarning(lcSchedule).noquote()
            << "cannot queue the digest for" << destinationId << ":" << queued.error().message;
        // Given back, so that the next start tries again.
        if (const auto released =
                m_history->releaseSlot(jobId, slot.toMSecsSinceEpoch(), m_instanceName);
            !released)
            qCWarning(lcSchedule).noquote() << released.error().message;
        Q_EMIT skipped(queued.error().message);
        return;
    }
    qCInfo(lcSchedule).noquote() << "queued the digest for" << destinationId << "of"
                                 << slot.toString(Qt::ISODate);
    m_worker->poke();
}

} // namespace kpi::schedule
