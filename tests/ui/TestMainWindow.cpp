// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeHttpServer.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "schedule/CollectionSchedule.h"
#include "store/HistoryStore.h"

#include <QAction>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using kpi::test::FakeHttpServer;
using kpi::test::FakeResponse;
using kpi::test::RecordedRequest;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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

    void collectNow_fillsTheTableAndTheRunLog()
    {
        kpi::ui::MainWindow window(m_workspace, m_dir.filePath(QStringLiteral("history.sqlite")));
        window.show();
        auto *table = window.findChild<QTableWidget *>();
        auto *log = window.findChild<QPlainTextEdit *>();
        QVERIFY(table && log);
        QCOMPARE(table->rowCount(), 3); // the workspace's metrics, none collected yet
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("not collected yet"));

        window.collectNow();
        QTRY_COMPARE_WITH_TIMEOUT(table->item(0, 1)->text(), QStringLiteral("12"), 20000);
        QCOMPARE(table->item(1, 0)->text(), QStringLiteral("USERS"));
        QVERIFY(table->item(1, 0)->font().bold()); // the North Star
        QCOMPARE(table->item(1, 1)->text(), QStringLiteral("100"));
        QCOMPARE(table->item(1, 2)->text(), QStringLiteral("new"));
        QVERIFY2(log->toPlainText().startsWith(
                     QStringLiteral("down: failed at fetch: HTTP 404 Not Found")),
                 qPrintable(log->toPlainText()));

        m_users = 130;
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QAction *>()->isEnabled(), 10000);
        window.collectNow();
        QTRY_COMPARE_WITH_TIMEOUT(table->item(1, 1)->text(), QStringLiteral("130"), 20000);
        QCOMPARE(table->item(1, 2)->text(), QStringLiteral("+30"));
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
        auto *table = window.findChild<QTableWidget *>();
        QTRY_COMPARE_WITH_TIMEOUT(table->item(1, 1)->text(), QString::number(m_users), 20000);
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

private:
    QTemporaryDir m_dir;
    std::unique_ptr<FakeHttpServer> m_server;
    QString m_workspace;
    int m_users = 100;
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
