// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "schedule/Scheduler.h"
#include "util/Result.h"
#include "workspace/Workspace.h"

#include <QObject>

namespace kpi {
class Clock;
}
namespace kpi::delivery {
class DeliveryWorker;
}
namespace kpi::store {
class HistoryStore;
}

namespace kpi::schedule {

// The digests: a destination whose `schedule` is a cron expression (a weekly Discord
// digest) is a job `deliver:<id>` of its own Scheduler. When one is due, the slot is
// claimed in the history (so of a daemon and a window exactly one queues it), the digest
// is built and queued in the outbox, and the worker sends it like any other row.
class DeliverySchedule : public QObject
{
    Q_OBJECT

public:
    static QString jobFor(const QString &destinationId)
    {
        return QStringLiteral("deliver:") + destinationId;
    }

    DeliverySchedule(store::HistoryStore *history, delivery::DeliveryWorker *worker,
                     const Clock &clock, QString instanceName, QObject *parent = nullptr);

    // Reads the scheduled destinations of the worker's workspace and arms their jobs.
    Result<void> start();
    Scheduler &scheduler() { return m_scheduler; }

    // Builds the digest of `destination` for `slot` and queues it (an existing row of the
    // slot is left alone); the number of rows queued (0 or 1).
    static Result<int> enqueueDigest(store::HistoryStore &history,
                                     const workspace::Workspace &workspace,
                                     const workspace::DestinationConfig &destination,
                                     const QDateTime &slot, qint64 nowMs);

Q_SIGNALS:
    void skipped(const QString &reason);

private:
    void onDue(const QString &jobId, const QDateTime &slot, bool caughtUp);

    store::HistoryStore *m_history;
    delivery::DeliveryWorker *m_worker;
    const Clock &m_clock;
    QString m_instanceName;
    Scheduler m_scheduler;
};

} // namespace kpi::schedule
