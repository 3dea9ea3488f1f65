// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "schedule/Scheduler.h"
#include "util/Result.h"

#include <QObject>

namespace kpi {
class Clock;
}
namespace kpi::pipeline {
class Collector;
struct RunReport;
} // namespace kpi::pipeline
namespace kpi::workspace {
struct Workspace;
}

namespace kpi::schedule {

// Collects on the workspace's schedule: the Scheduler says when, the Collector runs, and
// the history's schedule_slots table makes sure that of all the processes on one history
// (a daemon, a window) exactly one runs each slot. The latest claimed slot also tells a
// restarted app what it missed.
class CollectionSchedule : public QObject
{
    Q_OBJECT

public:
    static inline const QString CollectJob = QStringLiteral("collect");

    // `instanceName` is recorded with each claimed slot ("daemon", "window").
    CollectionSchedule(pipeline::Collector *collector, const Clock &clock, QString instanceName,
                       QObject *parent = nullptr);

    // Reads the schedule from the collector's workspace and starts it; an error for a bad
    // cron expression or time zone (the loader reports those first) or an unreadable
    // history. A workspace without a schedule schedules nothing.
    Result<void> start();
    Scheduler &scheduler() { return m_scheduler; }
    // The next collection as ISO 8601 in the workspace's zone, for logs; or "never".
    QString nextCollectionText() const;

Q_SIGNALS:
    // A scheduled run that does not happen, with the reason, for the log and the tray.
    void skipped(const QString &reason);

private:
    void onDue(const QString &jobId, const QDateTime &slot, bool caughtUp);
    void onRunFinished(const pipeline::RunReport &report);

    pipeline::Collector *m_collector;
    const Clock &m_clock;
    QString m_instanceName;
    QTimeZone m_zone;
    Scheduler m_scheduler;
    bool m_ownRun = false; // the collector's current run is the scheduler's
    QDateTime m_claimedSlot;
};

} // namespace kpi::schedule
