// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "cron/CronExpression.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimeZone>
#include <QTimer>

#include <optional>

namespace kpi {
class Clock;
}

namespace kpi::schedule {

// What to do with a time that passed while the app was not running or the machine slept.
enum class MissedRuns { CatchUp, Skip };

struct ScheduledJob
{
    QString id; // "collect", "deliver:<destination id>"
    cron::CronExpression cron;
    QTimeZone zone;
    // The last time the job ran (from the history), so that a slot missed while the app
    // was not running is noticed at start. None: the job waits for its next time.
    std::optional<QDateTime> lastRun;
};

// Decides when each job is due (qBittorrent's refresh timer): one single-shot QTimer armed
// for the earliest next time, never polling. QTimer counts monotonic time, which stands
// still while the machine sleeps and ignores clock changes, so whoever sees the wall clock
// jump calls wallClockChanged() (WallClockWatcher does on Linux) and the timer is re-armed
// from the clock.
//
// A slot found in the past (missed while asleep or not running) is run once, however
// many slots were missed, or skipped with a note: never a burst. A slot that comes while
// the job's previous run is still going is skipped with a note, never overlapped.
class Scheduler : public QObject
{
    Q_OBJECT

public:
    // A slot this late is a missed one rather than a timer firing a little late.
    static constexpr qint64 OnTimeGraceMs = 60 * 1000;

    explicit Scheduler(const Clock &clock, QObject *parent = nullptr);

    void setMissedRuns(MissedRuns missedRuns) { m_missedRuns = missedRuns; }
    MissedRuns missedRuns() const { return m_missedRuns; }

    // Replaces the jobs; call start() (again) to arm them.
    void setJobs(const QList<ScheduledJob> &jobs);
    QStringList jobIds() const;
    // Catches up what was missed since each job's last run (once), then arms the timer.
    void start();
    // Paused, nothing is due; the slots that pass meanwhile were skipped on purpose, so
    // resuming waits for the next one.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }

    // The job's next time; invalid for an unknown job or one whose cron never matches.
    QDateTime nextTime(const QString &jobId) const;
    // The earliest next time over all jobs; invalid when none.
    QDateTime nextTime() const;

    // The job's run has ended: its next slot may run again.
    void markFinished(const QString &jobId);
    bool isRunning(const QString &jobId) const;

    // Runs what is due now and re-arms: what the timer does when it fires.
    void checkDue();
    // The wall clock jumped: a resume from suspend or a clock change. Next times are
    // brought forward where the clock went back, then checkDue().
    void wallClockChanged();

    // For tests and the tray: how long until the timer fires, if it is armed.
    std::optional<qint64> armedIntervalMs() const;

Q_SIGNALS:
    // Run the job now. `caughtUp`: the slot was missed and is being made up for.
    void due(const QString &jobId, const QDateTime &slot, bool caughtUp);
    // A slot that does not run, and why.
    void skipped(const QString &jobId, const QDateTime &slot, const QString &reason);
    void nextTimeChanged();

private:
    struct Job
    {
        ScheduledJob config;
        QDateTime next; // UTC; invalid: never
        bool running = false;
    };

    void arm();
    // The latest slot at or before `now`, starting from `first` (which is at or before now).
    QDateTime latestSlot(const Job &job, const QDateTime &first, const QDateTime &now) const;

    const Clock &m_clock;
    QTimer m_timer;
    QList<Job> m_jobs;
    MissedRuns m_missedRuns = MissedRuns::CatchUp;
    bool m_paused = false;
    bool m_started = false;
};

} // namespace kpi::schedule
