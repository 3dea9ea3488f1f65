// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
// Scheduled collection end to end in one process: a fake API, a real SQLite history, two
// "instances" (a daemon and a window) on that history, and a fake clock.
#include "FakeClock.h"
#include "FakeHttpServer.h"
#include "FakeSecretStore.h"
#include "TestSupport.h"
#include "net/HttpClient.h"
#include "pipeline/Collector.h"
#include "schedule/CollectionSchedule.h"
#include "store/HistoryStore.h"
#include "workspace/WorkspaceLoader.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kpi;
using kpi::pipeline::Collector;
using kpi::pipeline::RunReport;
using kpi::schedule::CollectionSchedule;
using kpi::test::FakeHttpServer;
using kpi::test::FakeResponse;
using kpi::test::RecordedRequest;

namespace {

QDateTime utc(int y, int mo, int d, int h, int mi)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), Qt::UTC);
}

} // namespace

class TestCollectionSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_location.path = m_dir.filePath(QStringLiteral("history-%1.sqlite").arg(++m_count));
        m_server = std::make_unique<FakeHttpServer>();
        m_server->route("/stats", [](const RecordedRequest &) {
            return FakeResponse::json(R"({"users": 42})");
        });
        m_client = std::make_unique<net::HttpClient>(&m_network);
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void dueSlot_collectsAndRecordsTheSlot()
    {
        test::FakeClock clock(utc(2026, 11, 28, 5, 0));
        auto history = openHistory();
        Collector collector(m_client.get(), &m_secrets, clock);
        collector.setWorkspace(workspace(QStringLiteral("0 6 * * *")));
        collector.setHistory(history.get());
        CollectionSchedule schedule(&collector, clock, QStringLiteral("daemon"));
        QSignalSpy finished(&collector, &Collector::finished);
        KPI_VERIFY_OK(schedule.start());
        QCOMPARE(schedule.scheduler().nextTime(), utc(2026, 11, 28, 6, 0));

        clock.set(utc(2026, 11, 28, 6, 0));
        schedule.scheduler().checkDue(); // as the timer firing does
        QVERIFY(finished.wait(10000));
        const auto report = finished.constFirst().constFirst().value<RunReport>();
        QCOMPARE(report.outcomes.size(), 1);
        QVERIFY(report.outcomes.constFirst().isComplete());
        QCOMPARE(history->runs(5)->size(), 1);
        QCOMPARE(history->runs(5)->constFirst().trigger, QStringLiteral("schedule"));
        QCOMPARE(history->latestClaimedSlot(CollectionSchedule::CollectJob)->value(),
                 utc(2026, 11, 28, 6, 0).toMSecsSinceEpoch());
        QVERIFY(!schedule.scheduler().isRunning(CollectionSchedule::CollectJob));
    }

    // A daemon and a window on one history, both awake at 06:00: one collection.
    void twoInstancesOnOneHistory_collectTheSlotOnce()
    {
        test::FakeClock clock(utc(2026, 11, 28, 5, 0));
        auto daemonHistory = openHistory();
        auto windowHistory = openHistory();
        Collector daemon(m_client.get(), &m_secrets, clock);
        Collector window(m_client.get(), &m_secrets, clock);
        for (auto [collector, history] :
             {std::pair{&daemon, daemonHistory.get()}, std::pair{&window, windowHistory.get()}}) {
            collector->setWorkspace(workspace(QStringLiteral("0 6 * * *")));
            collector->setHistory(history);
        }
        CollectionSchedule daemonSchedule(&daemon, clock, QStringLiteral("daemon"));
        CollectionSchedule windowSchedule(&window, clock, QStringLiteral("window"));
        KPI_VERIFY_OK(daemonSchedule.start());
        KPI_VERIFY_OK(windowSchedule.start());
        QSignalSpy daemonRan(&daemon, &Collector::finished);
        QSignalSpy windowStarted(&window, &Collector::started);

        clock.set(utc(2026, 11, 28, 6, 0));
        daemonSchedule.scheduler().checkDue();
        windowSchedule.scheduler().checkDue();
        QVERIFY(daemonRan.wait(10000));
        QCOMPARE(windowStarted.size(), 0);
        QCOMPARE(m_server->requests().size(), 1);
        QCOMPARE(daemonHistory->runs(5)->size(), 1);
        // The window is ready for the next slot all the same.
        QVERIFY(!windowSchedule.scheduler().isRunning(CollectionSchedule::CollectJob));
        QCOMPARE(windowSchedule.scheduler().nextTime(), utc(2026, 11, 29, 6, 0));
    }

    // The history remembers the last slot: a start after a gap catches up once.
    void restartAfterAGap_catchesUpOnceFromTheHistory()
    {
        test::FakeClock clock(utc(2026, 11, 25, 6, 0));
        auto history = openHistory();
        KPI_VERIFY_OK(history->claimSlot(CollectionSchedule::CollectJob, clock.nowMs(),
                                         clock.nowMs(), QStringLiteral("window")));
        clock.set(utc(2026, 11, 28, 12, 0)); // three slots missed
        Collector collector(m_client.get(), &m_secrets, clock);
        collector.setWorkspace(workspace(QStringLiteral("0 6 * * *")));
        collector.setHistory(history.get());
        CollectionSchedule schedule(&collector, clock, QStringLiteral("daemon"));
        QSignalSpy finished(&collector, &Collector::finished);
        KPI_VERIFY_OK(schedule.start());
        QVERIFY(finished.wait(10000));
        QTest::qWait(50); // a burst would have queued more by now
        QCOMPARE(finished.size(), 1);
        QCOMPARE(history->runs(5)->constFirst().trigger, QStringLiteral("catch-up"));
        QCOMPARE(history->latestClaimedSlot(CollectionSchedule::CollectJob)->value(),
                 utc(2026, 11, 28, 6, 0).toMSecsSinceEpoch());
    }

    // Collect now was pressed just before the slot and is still running: skip with a note.
    void slotDuringAManualRun_isSkippedWithANote()
    {
        m_server->route("/stats", [](const RecordedRequest &) {
            FakeResponse response = FakeResponse::json(R"({"users": 42})");
            response.delayMs = 300;
            return response;
        });
        test::FakeClock clock(utc(2026, 11, 28, 5, 59));
        auto history = openHistory();
        Collector collector(m_client.get(), &m_secrets, clock);
        collector.setWorkspace(workspace(QStringLiteral("0 6 * * *")));
        collector.setHistory(history.get());
        CollectionSchedule schedule(&collector, clock, QStringLiteral("window"));
        QSignalSpy skipped(&schedule, &CollectionSchedule::skipped);
        QSignalSpy finished(&collector, &Collector::finished);
        KPI_VERIFY_OK(schedule.start());
        QVERIFY(collector.collect(QStringLiteral("window")));
        QVERIFY(!collector.collect(QStringLiteral("window"))); // never two at once
        clock.set(utc(2026, 11, 28, 6, 0));
        schedule.scheduler().checkDue();
        QCOMPARE(skipped.size(), 1);
        QVERIFY(
            skipped.constFirst().constFirst().toString().contains(QStringLiteral("still running")));
        QVERIFY(finished.wait(10000));
        QCOMPARE(history->runs(5)->size(), 1);
        QVERIFY(!schedule.scheduler().isRunning(CollectionSchedule::CollectJob));
    }

    void noSchedule_schedulesNothing()
    {
        test::FakeClock clock(utc(2026, 11, 28, 5, 0));
        Collector collector(m_client.get(), &m_secrets, clock);
        collector.setWorkspace(workspace(QString()));
        CollectionSchedule schedule(&collector, clock, QStringLiteral("window"));
        KPI_VERIFY_OK(schedule.start());
        QVERIFY(!schedule.scheduler().nextTime().isValid());
        QCOMPARE(schedule.scheduler().armedIntervalMs(), std::nullopt);
    }

private:
    std::unique_ptr<store::HistoryStore> openHistory()
    {
        auto opened = store::HistoryStore::open(m_location);
        if (!opened)
            qFatal("cannot open the test history: %s", qPrintable(opened.error().message));
        return std::move(*opened);
    }

    workspace::Workspace workspace(const QString &schedule) const
    {
        QString json =
            QStringLiteral(R"({"version": 1, "timezone": "UTC", %1 "sources": [
            {"id": "stats", "type": "http-json", "url": "%2",
             "metrics": [{"key": "USERS", "path": "$.users"}]}]})")
                .arg(schedule.isEmpty() ? QString()
                                        : QStringLiteral("\"schedule\": \"%1\",").arg(schedule),
                     m_server->url(QStringLiteral("/stats")).toString());
        const auto loaded = workspace::WorkspaceLoader::parse(json.toUtf8());
        if (!loaded.isOk())
            qFatal("test workspace invalid: %s", qPrintable(loaded.errors.constFirst().toString()));
        return loaded.workspace;
    }

    QTemporaryDir m_dir;
    int m_count = 0;
    store::DatabaseLocation m_location;
    QNetworkAccessManager m_network;
    test::FakeSecretStore m_secrets;
    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<net::HttpClient> m_client;
};

QTEST_GUILESS_MAIN(TestCollectionSchedule)
#include "TestCollectionSchedule.moc"
