// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeHttpServer.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "charts/ChartPanel.h"
#include "dashboard/DashboardView.h"
#include "dashboard/MetricCard.h"
#include "pipeline/Collector.h"
#include "runlog/RunLogView.h"
#include "schedule/CollectionSchedule.h"
#include "schedule/WallClockWatcher.h"
#include "settings/AppSettings.h"
#include "store/HistoryStore.h"
#include "util/Translations.h"

#include <QAction>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using kpi::test::FakeHttpServer;
using kpi::test::FakeResponse;
using kpi::test::RecordedRequest;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // The English plural forms, as main() loads them ("2 values", not "2 value(s)").
        QVERIFY(kpi::installTranslations(*QCoreApplication::instance()));
    }

    void init()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<FakeHttpServer>();
        m_server->route("/stats", [this](const RecordedRequest &) {
            return FakeResponse::json(QByteArray("{\"users\": ") + QByteArray::number(m_users) +
                                      ", \"posts\": 12}");
        });
        m_workspace = m_dir.filePath(QStringLiteral("workspace.json"));
        QFile file(m_workspace);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral(
                       R"json({"version": 1, "timezone": "UTC", "northStar": "USERS", "sources": [
            {"id": "stats", "type": "http-json", "url": "%1",
             "metrics": [{"key": "POSTS", "path": "$.posts"}, {"key": "USERS", "path": "$.users"}]},
            {"id": "down", "type": "http-json", "url": "%2", "attempts": 1,
             "metrics": [{"key": "GONE", "path": "$.gone"}]}]})json")
                       .arg(m_server->url(QStringLiteral("/stats")).toString(),
                            m_server->url(QStringLiteral("/missing")).toString())
                       .toUtf8());
    }

    void collectNow_updatesTheCardsAndTheRunLog()
    {
        kpi::ui::MainWindow window(m_workspace, m_dir.filePath(QStringLiteral("history.sqlite")));
        window.show();
        kpi::ui::DashboardView *dashboard = window.dashboard();
        QCOMPARE(dashboard->cards().size(), 3); // the workspace's metrics, none collected yet
        // The North Star first.
        QCOMPARE(dashboard->cards().constFirst()->data().key(), QStringLiteral("USERS"));
        const auto card = [&](const char *key) {
            return dashboard->card(QString::fromLatin1(key));
        };
        QCOMPARE(card("POSTS")->valueText(), QStringLiteral("—"));

        // Each card changes when its source answers, before the run is stored.
        QStringList shownWhenStatsAnswered;
        connect(window.collector(), &kpi::pipeline::Collector::sourceFinished, this,
                [&](const kpi::sources::SourceOutcome &outcome, int, int) {
                    if (outcome.sourceId == QLatin1String("stats"))
                        shownWhenStatsAnswered << card("POSTS")->valueText()
                                               << card("USERS")->valueText();
                });
        window.collectNow();
        QTRY_COMPARE_WITH_TIMEOUT(card("POSTS")->valueText(), QStringLiteral("12"), 20000);
        QCOMPARE(shownWhenStatsAnswered,
                 (QStringList{QStringLiteral("12"), QStringLiteral("100")}));
        QCOMPARE(card("USERS")->valueText(), QStringLiteral("100"));
        QVERIFY(card("USERS")->data().line.northStar);
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QAction *>()->isEnabled(), 10000);
        QVERIFY(card("GONE")->hasErrorBadge());
        QVERIFY(!card("USERS")->hasErrorBadge());
        // The status bar counts in English: "2 values", "2 sources", "1 with errors".
        QStringList statusTexts;
        for (const QLabel *label : window.statusBar()->findChildren<QLabel *>())
            statusTexts << label->text();
        QVERIFY2(statusTexts.contains(QStringLiteral(
                     "2 values collected from 2 sources, 1 with errors: see the run log (Ctrl+3)")),
                 qPrintable(statusTexts.join(QLatin1Char('|'))));
        // The run log opens on the run: the failed source with its step and HTTP status.
        QTreeWidget *events = window.runLog()->eventList();
        bool found = false;
        for (int i = 0; i < events->topLevelItemCount(); ++i) {
            const QTreeWidgetItem *item = events->topLevelItem(i);
            if (item->text(1) == QStringLiteral("down")) {
                QCOMPARE(item->text(2), QStringLiteral("fetch"));
                QCOMPARE(item->text(3), QStringLiteral("404"));
                found = true;
            }
        }
        QVERIFY(found);

        // The second run against a compare period of "the day before": both values are from
        // the same minute, so the first one is not a day old and there is no change yet.
        m_users = 130;
        window.collectNow();
        QTRY_COMPARE_WITH_TIMEOUT(card("USERS")->valueText(), QStringLiteral("130"), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QAction *>()->isEnabled(), 10000);
        QCOMPARE(window.runLog()->runList()->topLevelItemCount(), 2);
    }

    // A card opens its chart.
    void clickingACard_opensItsChart()
    {
        kpi::ui::MainWindow window(m_workspace, m_dir.filePath(QStringLiteral("history.sqlite")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::mouseClick(window.dashboard()->card(QStringLiteral("POSTS")), Qt::LeftButton);
        QCOMPARE(window.findChild<QTabWidget *>()->currentWidget(), window.charts());
        QCOMPARE(window.charts()->shownMetrics(), QStringList{QStringLiteral("POSTS")});
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(window.findChild<QTabWidget *>()->currentWidget(), window.runLog());
    }

    void geometry_isRemembered()
    {
        {
            kpi::ui::MainWindow window(m_workspace,
                                       m_dir.filePath(QStringLiteral("history.sqlite")));
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(1000, 650);
            window.showPage(kpi::ui::MainWindow::Page::RunLog);
            QTRY_COMPARE(window.size(), QSize(1000, 650));
            window.close();
        }
        kpi::ui::MainWindow again(m_workspace, m_dir.filePath(QStringLiteral("history.sqlite")));
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.size(), QSize(1000, 650));
        QCOMPARE(again.findChild<QTabWidget *>()->currentWidget(), again.runLog());
        kpi::settings::AppSettings::open()->clear();
    }

    // The window collects by itself: a scheduled time missed since the last one claimed in
    // the history is caught up once, as soon as the window is up.
    void schedule_missedTimeIsCollectedByTheWindow()
    {
        QFile file(m_workspace);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray json = file.readAll();
        file.close();
        json.replace("\"northStar\"", "\"schedule\": \"@hourly\", \"northStar\"");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(json);
        file.close();
        const QString database = m_dir.filePath(QStringLiteral("scheduled.sqlite"));
        {
            kpi::store::DatabaseLocation location;
            location.path = database;
            auto history = kpi::store::HistoryStore::open(location);
            KPI_VERIFY_OK(history);
            const qint64 dayAgo = QDateTime::currentMSecsSinceEpoch() - 86'400'000LL;
            KPI_VERIFY_OK((*history)->claimSlot(QStringLiteral("collect"), dayAgo, dayAgo,
                                                QStringLiteral("test")));
        }
        kpi::ui::MainWindow window(m_workspace, database);
        QTRY_COMPARE_WITH_TIMEOUT(window.dashboard()->card(QStringLiteral("USERS"))->valueText(),
                                  QString::number(m_users), 20000);
        const auto runs = window.history()->runs(5);
        KPI_VERIFY_OK(runs);
        QCOMPARE(runs->size(), 1);
        QCOMPARE(runs->constFirst().trigger, QStringLiteral("catch-up"));
        QVERIFY(window.schedule()->scheduler().nextTime().isValid());
    }

    void brokenWorkspace_saysWhatIsWrongAndCannotCollect()
    {
        QFile file(m_workspace);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"version": 1, "sources": [{"id": "x"}]})");
        file.close();
        kpi::ui::MainWindow window(m_workspace, m_dir.filePath(QStringLiteral("history.sqlite")));
        QLabel *problem = nullptr;
        for (QLabel *label : window.findChildren<QLabel *>()) {
            if (label->text().contains(QStringLiteral("cannot be used")))
                problem = label;
        }
        QVERIFY(problem);
        QVERIFY(problem->text().contains(
            QStringLiteral("sources[0].type: required, expected a string")));
        QVERIFY(!window.findChild<QAction *>()->isEnabled());
    }

    // A card's menu pins it as the North Star: written into the file, first on the dashboard.
    void aCardsMenu_makesItTheNorthStar()
    {
        kpi::ui::MainWindow window(m_workspace, m_dir.filePath(QStringLiteral("history.sqlite")));
        kpi::ui::MetricCard *posts = window.dashboard()->card(QStringLiteral("POSTS"));
        QVERIFY(posts);
        QAction *pin = nullptr;
        for (QAction *action : posts->actions()) {
            if (action->text().contains(QStringLiteral("North Star")))
                pin = action;
        }
        QVERIFY(pin);
        QVERIFY(pin->isEnabled());
        QCOMPARE(posts->contextMenuPolicy(), Qt::ActionsContextMenu);
        pin->trigger();
        QCOMPARE(window.workspace().northStar, QStringLiteral("POSTS"));
        QFile file(m_workspace);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("\"northStar\": \"POSTS\""));
        QCOMPARE(window.dashboard()->cards().constFirst()->data().key(), QStringLiteral("POSTS"));
        QVERIFY(!window.dashboard()->card(QStringLiteral("POSTS"))->actions().at(1)->isEnabled());
    }

    // A reload brings new schedules: they are announced (the tray reconnects its Pause),
    // a pause is kept, and the one wall-clock watcher is reused, not one more per reload.
    void reload_keepsThePauseAndOneClockWatcher()
    {
        kpi::ui::MainWindow window(m_workspace, m_dir.filePath(QStringLiteral("history.sqlite")));
        QVERIFY(window.schedule());
        window.setSchedulePaused(true);
        QVERIFY(window.schedule()->scheduler().isPaused());
        QSignalSpy changed(&window, &kpi::ui::MainWindow::scheduleChanged);
        QFile file(m_workspace);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray good = file.readAll();
        file.close();
        for (int i = 0; i < 3; ++i) {
            QVERIFY(file.open(QIODevice::Append));
            file.write(QByteArray(i + 1, ' ')); // new content, the same workspace
            file.close();
            window.reloadWorkspace();
        }
        QCOMPARE(changed.size(), 3);
        QVERIFY(window.schedule()->scheduler().isPaused());
        QCOMPARE(window.findChildren<kpi::schedule::WallClockWatcher *>().size(), 1);

        // A typo in between: no schedule, said so, and the pause holds when it is fixed.
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("{\"version\": 1, \"sources\": [");
        file.close();
        window.reloadWorkspace();
        QCOMPARE(changed.size(), 4);
        QVERIFY(!window.schedule());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(good);
        file.close();
        window.reloadWorkspace();
        QCOMPARE(changed.size(), 5);
        QVERIFY(window.schedule());
        QVERIFY(window.schedule()->scheduler().isPaused());
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<FakeHttpServer> m_server;
    QString m_workspace;
    int m_users = 100;
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
