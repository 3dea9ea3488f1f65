// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
// The scheduler against a fake clock: the test moves time and does what the timer does
// when it fires (checkDue()), so nothing waits; one test lets the real timer fire.
#include "FakeClock.h"
#include "schedule/Scheduler.h"

#include <QSignalSpy>
#include <QTest>

using namespace kpi;
using kpi::schedule::MissedRuns;
using kpi::schedule::ScheduledJob;
using kpi::schedule::Scheduler;

namespace {

QDateTime utc(int y, int mo, int d, int h, int mi, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC);
}

ScheduledJob job(const QString &id, const QString &cron, std::optional<QDateTime> lastRun = {},
                 const QByteArray &zone = "UTC")
{
    const auto parsed = cron::CronExpression::parse(cron);
    if (!parsed)
        qFatal("bad cron in test: %s", qPrintable(cron));
    return {id, *parsed, QTimeZone(zone), lastRun};
}

} // namespace

class TestScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void start_armsTheTimerForTheNextTimeAndNothingIsDue()
    {
        test::FakeClock clock(utc(2026, 11, 28, 5, 0));
        Scheduler scheduler(clock);
        QSignalSpy due(&scheduler, &Scheduler::due);
        scheduler.setJobs({job(QStringLiteral("collect"), QStringLiteral("0 6 * * *"))});
        scheduler.start();
        QVERIFY(due.isEmpty());
        QCOMPARE(scheduler.nextTime(QStringLiteral("collect")), utc(2026, 11, 28, 6, 0));
        QCOMPARE(scheduler.armedIntervalMs(), std::optional<qint64>(60 * 60 * 1000));
    }

    void dueTime_runsOnceAndArmsForTheNextDay()
    {
        test::FakeClock clock(utc(2026, 11, 28, 5, 0));
        Scheduler scheduler(clock);
        QSignalSpy due(&scheduler, &Scheduler::due);
        scheduler.setJobs({job(QStringLiteral("collect"), QStringLiteral("0 6 * * *"))});
        scheduler.start();
        clock.set(utc(2026, 11, 28, 6, 0, 1)); // the timer fires a moment after 06:00
        fireTimer(scheduler);
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.at(0).at(0).toString(), QStringLiteral("collect"));
        QCOMPARE(due.at(0).at(1).toDateTime(), utc(2026, 11, 28, 6, 0));
        QCOMPARE(due.at(0).at(2).toBool(), false); // on time, not a catch-up
        QCOMPARE(scheduler.nextTime(), utc(2026, 11, 29, 6, 0));
        // Firing again at once changes nothing.
        fireTimer(scheduler);
        QCOMPARE(due.size(), 1);
    }

    void timerFiringEarly_runsNothingAndReArms()
    {
        test::FakeClock clock(utc(2026, 11, 28, 5, 0));
        Scheduler scheduler(clock);
        QSignalSpy due(&scheduler, &Scheduler::due);
        scheduler.setJobs({job(QStringLiteral("collect"), QStringLiteral("0 6 * * *"))});
        scheduler.start();
        clock.set(utc(2026, 11, 28, 5, 59, 58));
        fireTimer(scheduler);
        QVERIFY(due.isEmpty());
        QCOMPARE(scheduler.armedIntervalMs(), std::optional<qint64>(2000));
    }

    // Missed while the app was not running: once at start, however many days passed.
    void missedWhileNotRunning_catchesUpOnceAtStart()
    {
        test::FakeClock clock(utc(2026, 11, 28, 9, 30));
        Scheduler scheduler(clock);
        QSignalSpy due(&scheduler, &Scheduler::due);
        scheduler.setJobs(
            {job(QStringLiteral("collect"), QStringLiteral("0 6 * * *"), utc(2026, 11, 24, 6, 0))});
        scheduler.start();
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.at(0).at(1).toDateTime(), utc(2026, 11, 28, 6, 0)); // the latest missed
        QCOMPARE(due.at(0).at(2).toBool(), true);
        QCOMPARE(scheduler.nextTime(), utc(2026, 11, 29, 6, 0));
    }

    void missedWhileNotRunning_skippedWhenCatchUpIsOff()
    {
        test::FakeClock clock(utc(2026, 11, 28, 9, 30));
        Scheduler scheduler(clock);
        scheduler.setMissedRuns(MissedRuns::Skip);
        QSignalSpy due(&scheduler, &Scheduler::due);
        QSignalSpy skipped(&scheduler, &Scheduler::skipped);
        scheduler.setJobs(
            {job(QStringLiteral("collect"), QStringLiteral("0 6 * * *"), utc(2026, 11, 27, 6, 0))});
        scheduler.start();
        QVERIFY(due.isEmpty());
        QCOMPARE(skipped.size(), 1);
        QVERIFY(skipped.at(0).at(2).toString().contains(QStringLiteral("catching up is off")));
        QCOMPARE(scheduler.nextTime(), utc(2026, 11, 29, 6, 0));
    }

    void lastRunUpToDate_nothingToCatchUp()
    {
        test::FakeClock clock(utc(2026, 11, 28, 9, 30));
        Scheduler scheduler(clock);
        QSignalSpy due(&scheduler, &Scheduler::due);
        scheduler.setJobs(
            {job(QStringLiteral("collect"), QStringLiteral("0 6 * * *"), utc(2026, 11, 28, 6, 0))});
        scheduler.start();
        QVERIFY(due.isEmpty());
        QCOMPARE(scheduler.nextTime(), utc(2026, 11, 29, 6, 0));
    }

    // Suspend: the monotonic timer stood still; on wake the clock has jumped past the slot.
    void wakeAfterSleepingThroughASlot_catchesUpOnceNotABurst()
    {
        test::FakeClock clock(utc(2026, 11, 28, 22, 0));
        Scheduler scheduler(clock);
        QSignalSpy due(&scheduler, &Scheduler::due);
        scheduler.setJobs({job(QStringLiteral("collect"), QStringLiteral("0 * * * *"))});
        scheduler.start();
        QCOMPARE(scheduler.nextTime(), utc(2026, 11, 28, 23, 0));
        clock.set(utc(2026, 11, 29, 7, 40)); // slept through nine hourly slots
        scheduler.wallClockChanged();
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.at(0).at(1).toDateTime(), utc(2026, 11, 29, 7, 0));
        QCOMPARE(due.at(0).at(2).toBool(), true);
        QCOMPARE(scheduler.nextTime(), utc(2026, 11, 29, 8, 0));
        QCOMPARE(scheduler.armedIntervalMs(), std::optional<qint64>(20 * 60 * 1000));
    }

    // The clock set back an hour: the same slot still comes, at its wall-clock time.
    void clockSetBack_reArmsFromTheNewTime()
    {
        test::FakeClock clock(utc(2026, 11, 28, 5, 0));
        Scheduler scheduler(clock);
        QSignalSpy due(&scheduler, &Scheduler::due);
        scheduler.setJobs({job(QStringLiteral("collect"), QStringLiteral("0 6 * * *"))});
        scheduler.start();
        clock.set(utc(2026, 11, 28, 4, 0));
        scheduler.wallClockChanged();
        QVERIFY(due.isEmpty());
        QCOMPARE(scheduler.nextTime(), utc(2026, 11, 28, 6, 0));
        QCOMPARE(scheduler.armedIntervalMs(), std::optional<qint64>(2 * 60 * 60 * 1000));
    }

    // A machine that booted with its clock years ahead, then NTP fixed it.
    void clockSetBackYears_reArmsForTheNearSlot()
    {
        test::FakeClock clock(utc(2030, 1, 1, 5, 0));
        Scheduler scheduler(clock);
        QSignalSpy due(&scheduler, &Scheduler::due);
        scheduler.setJobs({job(QStringLiteral("collect"), QStringLiteral("0 6 * * *"))});
        scheduler.start();
        QCOMPARE(scheduler.nextTime(), utc(2030, 1, 1, 6, 0));
        clock.set(utc(2026, 11, 28, 5, 0));
        scheduler.wallClockChanged();
        QVERIFY(due.isEmpty());
        QCOMPARE(scheduler.nextTime(), utc(2026, 11, 28, 6, 0));
    }

    // ... and a slot it claimed then, in the history, must not hold back every run.
    void lastRunInTheFuture_isIgnored()
    {
        test::FakeClock clock(utc(2026, 11, 28, 5, 0));
        Scheduler scheduler(clock);
        QSignalSpy due(&scheduler, &Scheduler::due);
        scheduler.setJobs(
            {job(QStringLiteral("collect"), QStringLiteral("0 6 * * *"), utc(2030, 1, 1, 6, 0))});
        scheduler.start();
        QVERIFY(due.isEmpty());
        QCOMPARE(scheduler.nextTime(), utc(2026, 11, 28, 6, 0));
    }

    // Woken seconds after a slot: that slot is on time, even with catching up off.
    void wakeJustAfterASlot_runsItOnTimeEvenWithoutCatchUp()
    {
        test::FakeClock clock(utc(2026, 11, 28, 7, 30));
        Scheduler scheduler(clock);
        scheduler.setMissedRuns(MissedRuns::Skip);
        QSignalSpy due(&scheduler, &Scheduler::due);
        QSignalSpy skipped(&scheduler, &Scheduler::skipped);
        scheduler.setJobs({job(QStringLiteral("collect"), QStringLiteral("0 * * * *"))});
        scheduler.start();
        clock.set(utc(2026, 11, 28, 10, 0, 5));
        scheduler.wallClockChanged();
        QCOMPARE(skipped.size(), 0);
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.at(0).at(1).toDateTime(), utc(2026, 11, 28, 10, 0));
        QCOMPARE(due.at(0).at(2).toBool(), false);
    }

    // A minutely job away for over a year: the slot made up for is the latest, the same
    // one any other process on the history would pick.
    void longAbsence_catchesUpTheLatestSlot()
    {
        test::FakeClock clock(utc(2026, 11, 28, 9, 41, 30));
        Scheduler scheduler(clock);
        QSignalSpy due(&scheduler, &Scheduler::due);
        scheduler.setJobs(
            {job(QStringLiteral("collect"), QStringLiteral("* * * * *"), utc(2025, 10, 1, 0, 0))});
        scheduler.start();
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.at(0).at(1).toDateTime(), utc(2026, 11, 28, 9, 41));
    }

    void clockSetForward_pastASlot_runsItOnce()
    {
        test::FakeClock clock(utc(2026, 11, 28, 5, 0));
        Scheduler scheduler(clock);
        QSignalSpy due(&scheduler, &Scheduler::due);
        scheduler.setJobs({job(QStringLiteral("collect"), QStringLiteral("0 6 * * *"))});
        scheduler.start();
        clock.set(utc(2026, 11, 28, 6, 30));
        scheduler.wallClockChanged();
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.at(0).at(2).toBool(), true); // half an hour late: a catch-up
    }

    void runStillInProgress_skipsTheNextSlotWithANote()
    {
        test::FakeClock clock(utc(2026, 11, 28, 5, 59));
        Scheduler scheduler(clock);
        QSignalSpy due(&scheduler, &Scheduler::due);
        QSignalSpy skipped(&scheduler, &Scheduler::skipped);
        scheduler.setJobs({job(QStringLiteral("collect"), QStringLiteral("*/5 * * * *"))});
        scheduler.start();
        clock.set(utc(2026, 11, 28, 6, 0));
        fireTimer(scheduler);
        QCOMPARE(due.size(), 1);
        QVERIFY(scheduler.isRunning(QStringLiteral("collect")));
        clock.set(utc(2026, 11, 28, 6, 5)); // the 06:00 run is still going
        fireTimer(scheduler);
        QCOMPARE(due.size(), 1);
        QCOMPARE(skipped.size(), 1);
        QCOMPARE(skipped.at(0).at(1).toDateTime(), utc(2026, 11, 28, 6, 5));
        QVERIFY(skipped.at(0).at(2).toString().contains(QStringLiteral("still in progress")));
        scheduler.markFinished(QStringLiteral("collect"));
        clock.set(utc(2026, 11, 28, 6, 10));
        fireTimer(scheduler);
        QCOMPARE(due.size(), 2);
    }

    // Collection and a destination's digest keep their own times.
    void severalJobs_eachOnItsOwnSchedule()
    {
        test::FakeClock clock(utc(2026, 11, 29, 23, 0)); // a Sunday
        Scheduler scheduler(clock);
        QSignalSpy due(&scheduler, &Scheduler::due);
        scheduler.setJobs({job(QStringLiteral("collect"), QStringLiteral("0 6 * * *")),
                           job(QStringLiteral("deliver:discord"), QStringLiteral("0 9 * * MON"))});
        scheduler.start();
        QCOMPARE(scheduler.nextTime(), utc(2026, 11, 30, 6, 0));
        clock.set(utc(2026, 11, 30, 6, 0));
        fireTimer(scheduler);
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.at(0).at(0).toString(), QStringLiteral("collect"));
        QCOMPARE(scheduler.nextTime(), utc(2026, 11, 30, 9, 0));
        clock.set(utc(2026, 11, 30, 9, 0));
        fireTimer(scheduler);
        QCOMPARE(due.size(), 2);
        QCOMPARE(due.at(1).at(0).toString(), QStringLiteral("deliver:discord"));
        QCOMPARE(scheduler.nextTime(QStringLiteral("deliver:discord")), utc(2026, 12, 7, 9, 0));
    }

    // The schedule reads the workspace's zone: 06:00 in Berlin is 05:00 UTC in winter.
    void timeZone_ofTheWorkspace()
    {
        test::FakeClock clock(utc(2026, 11, 28, 0, 0));
        Scheduler scheduler(clock);
        scheduler.setJobs(
            {job(QStringLiteral("collect"), QStringLiteral("0 6 * * *"), {}, "Europe/Berlin")});
        scheduler.start();
        QCOMPARE(scheduler.nextTime(), utc(2026, 11, 28, 5, 0));
    }

    void paused_nothingIsDueAndResumingWaitsForTheNextTime()
    {
        test::FakeClock clock(utc(2026, 11, 28, 5, 0));
        Scheduler scheduler(clock);
        QSignalSpy due(&scheduler, &Scheduler::due);
        scheduler.setJobs({job(QStringLiteral("collect"), QStringLiteral("0 6 * * *"))});
        scheduler.start();
        scheduler.setPaused(true);
        QCOMPARE(scheduler.armedIntervalMs(), std::nullopt);
        clock.set(utc(2026, 11, 28, 7, 0));
        fireTimer(scheduler);
        QVERIFY(due.isEmpty());
        scheduler.setPaused(false);
        QVERIFY(due.isEmpty());
        QCOMPARE(scheduler.nextTime(), utc(2026, 11, 29, 6, 0));
    }

    void aFarNextTime_armsAtMostADay()
    {
        test::FakeClock clock(utc(2026, 11, 28, 5, 0));
        Scheduler scheduler(clock);
        scheduler.setJobs({job(QStringLiteral("collect"), QStringLiteral("@yearly"))});
        scheduler.start();
        QCOMPARE(scheduler.nextTime(), utc(2027, 1, 1, 0, 0));
        QCOMPARE(scheduler.armedIntervalMs(), std::optional<qint64>(24LL * 60 * 60 * 1000));
    }

    // Real time, once: the armed QTimer does fire and the job comes due.
    void theArmedTimer_reallyFires()
    {
        test::FakeClock clock(utc(2026, 11, 28, 5, 59, 59));
        Scheduler scheduler(clock);
        QSignalSpy due(&scheduler, &Scheduler::due);
        scheduler.setJobs({job(QStringLiteral("collect"), QStringLiteral("0 6 * * *"))});
        scheduler.start();
        clock.set(utc(2026, 11, 28, 6, 0)); // by the time the one-second timer fires
        QVERIFY(due.wait(10000));
        QCOMPARE(due.size(), 1);
    }

private:
    // What the single-shot timer does when it fires.
    static void fireTimer(Scheduler &scheduler) { scheduler.checkDue(); }
};

QTEST_GUILESS_MAIN(TestScheduler)
#include "TestScheduler.moc"
