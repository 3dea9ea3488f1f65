// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "schedule/Scheduler.h"

#include "util/Clock.h"
#include "util/Logging.h"

#include <algorithm>
#include <limits>

namespace kpi::schedule {

namespace {

// QTimer takes an int of milliseconds (about 24 days). A job due later than this wakes
// once a day to re-arm; that is the only wake-up that is not a due time.
constexpr qint64 MaxTimerMs = 24LL * 60 * 60 * 1000;
// More than a minutely job has in the widest search window that can hold a slot.
constexpr int MaxSlotsWalked = 600'000;

} // namespace

Scheduler::Scheduler(const Clock &clock, QObject *parent) : QObject(parent), m_clock(clock)
{
    m_timer.setSingleShot(true);
    // Precise: a coarse timer may fire up to 5 % early, which for a daily job is an hour.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Scheduler::checkDue);
}

void Scheduler::setJobs(const QList<ScheduledJob> &jobs)
{
    // A job that is running stays marked as running under the same id.
    QHash<QString, bool> running;
    for (const Job &job : std::as_const(m_jobs))
        running.insert(job.config.id, job.running);
    m_jobs.clear();
    for (const ScheduledJob &config : jobs)
        m_jobs.append({config, {}, running.value(config.id)});
    m_timer.stop();
    m_started = false;
}

QStringList Scheduler::jobIds() const
{
    QStringList ids;
    for (const Job &job : m_jobs)
        ids.append(job.config.id);
    return ids;
}

void Scheduler::start()
{
    m_started = true;
    const QDateTime now = m_clock.nowUtc();
    for (Job &job : m_jobs) {
        // A last run "in the future" was claimed while the clock was wrong; trusting it
        // would hold every run back until that date.
        const bool lastRunUsable =
            job.config.lastRun && job.config.lastRun->isValid() && *job.config.lastRun <= now;
        const QDateTime from = lastRunUsable ? job.config.lastRun->toUTC() : now;
        job.next = job.config.cron.next(from, job.config.zone).toUTC();
    }
    checkDue();
}

void Scheduler::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    qCInfo(lcSchedule) << (paused ? "paused" : "resumed");
    if (paused) {
        m_timer.stop();
        Q_EMIT nextTimeChanged();
        return;
    }
    const QDateTime now = m_clock.nowUtc();
    for (Job &job : m_jobs)
        job.next = job.config.cron.next(now, job.config.zone).toUTC();
    arm();
}

QDateTime Scheduler::nextTime(const QString &jobId) const
{
    for (const Job &job : m_jobs) {
        if (job.config.id == jobId)
            return job.next;
    }
    return {};
}

QDateTime Scheduler::nextTime() const
{
    QDateTime earliest;
    for (const Job &job : m_jobs) {
        if (job.next.isValid() && (!earliest.isValid() || job.next < earliest))
            earliest = job.next;
    }
    return earliest;
}

void Scheduler::markFinished(const QString &jobId)
{
    for (Job &job : m_jobs) {
        if (job.config.id == jobId)
            job.running = false;
    }
}

bool Scheduler::isRunning(const QString &jobId) const
{
    return std::any_of(m_jobs.cbegin(), m_jobs.cend(),
                       [&](const Job &job) { return job.config.id == jobId && job.running; });
}

void Scheduler::wallClockChanged()
{
    const QDateTime now = m_clock.nowUtc();
    qCInfo(lcSchedule).noquote() << "the wall clock jumped to" << now.toString(Qt::ISODate)
                                 << "; re-arming";
    // Set back: a time computed from the wrong clock may lie far ahead, with earlier
    // slots before it. (Claiming slots keeps one from running twice.)
    for (Job &job : m_jobs) {
        const QDateTime fromNow = job.config.cron.next(now, job.config.zone).toUTC();
        if (fromNow.isValid() && (!job.next.isValid() || fromNow < job.next))
            job.next = fromNow;
    }
    checkDue();
}

std::optional<qint64> Scheduler::armedIntervalMs() const
{
    if (!m_timer.isActive())
        return std::nullopt;
    return m_timer.interval();
}

void Scheduler::checkDue()
{
    if (!m_started || m_paused)
        return;
    const QDateTime now = m_clock.nowUtc();
    for (Job &job : m_jobs) {
        if (!job.next.isValid() || job.next > now)
            continue;
        const QDateTime slot = latestSlot(job, job.next, now);
        const bool late = slot.msecsTo(now) > OnTimeGraceMs;
        // Armed from now, not from the slot: however many slots passed, one run at most.
        job.next = job.config.cron.next(now, job.config.zone).toUTC();

        if (job.running) {
            qCInfo(lcSchedule).noquote()
                << job.config.id << "skips"
                << slot.toTimeZone(job.config.zone).toString(Qt::ISODate) << ": still running";
            Q_EMIT skipped(job.config.id, slot,
                           tr("the previous run was still in progress at %1")
                               .arg(slot.toTimeZone(job.config.zone).toString(Qt::ISODate)));
            continue;
        }
        if (late && m_missedRuns == MissedRuns::Skip) {
            qCInfo(lcSchedule).noquote() << job.config.id << "skips the missed"
                                         << slot.toTimeZone(job.config.zone).toString(Qt::ISODate);
            Q_EMIT skipped(job.config.id, slot,
                           tr("%1 was missed (the app was not running or the machine slept) "
                              "and catching up is off")
                               .arg(slot.toTimeZone(job.config.zone).toString(Qt::ISODate)));
            continue;
        }
        qCInfo(lcSchedule).noquote()
            << job.config.id << "is due for"
            << slot.toTimeZone(job.config.zone).toString(Qt::ISODate) << (late ? "(catch-up)" : "");
        job.running = true;
        Q_EMIT due(job.config.id, slot, late);
    }
    arm();
}

void Scheduler::arm()
{
    m_timer.stop();
    const QDateTime earliest = nextTime();
    if (m_paused || !earliest.isValid()) {
        Q_EMIT nextTimeChanged();
        return;
    }
    const qint64 wait = std::clamp<qint64>(m_clock.nowUtc().msecsTo(earliest), 0, MaxTimerMs);
    m_timer.start(int(wait));
    qCDebug(lcSchedule) << "next due" << earliest << "in" << wait << "ms";
    Q_EMIT nextTimeChanged();
}

QDateTime Scheduler::latestSlot(const Job &job, const QDateTime &first, const QDateTime &now) const
{
    // Searched back from now in growing windows, not forward from `first`: after a long
    // absence a minutely job has missed a great many slots, and the answer must not depend
    // on where a process started counting (two processes must claim the same slot).
    for (const qint64 windowMs :
         {3'600'000LL, 86'400'000LL, 32 * 86'400'000LL, 400 * 86'400'000LL}) {
        const QDateTime windowStart = now.addMSecs(-windowMs);
        QDateTime slot = first > windowStart
                             ? first
                             : job.config.cron.next(windowStart, job.config.zone).toUTC();
        if (!slot.isValid() || slot > now)
            continue;
        for (int walked = 0; walked < MaxSlotsWalked; ++walked) {
            const QDateTime following = job.config.cron.next(slot, job.config.zone).toUTC();
            if (!following.isValid() || following > now)
                break;
            slot = following;
        }
        return slot;
    }
    return first; // rarer than yearly: the first missed one is the only one found
}

} // namespace kpi::schedule
