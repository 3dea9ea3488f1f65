// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "runlog/RunLogView.h"
#include "store/HistoryStore.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using kpi::store::EventLevel;
using kpi::store::Run;
using kpi::store::RunEvent;
using kpi::store::RunStatus;
using kpi::ui::RunLogView;

namespace {

RunEvent makeEvent(const QString &source, EventLevel level, const QString &step, int http,
                   qint64 durationMs, const QString &message)
{
    RunEvent e;
    e.sourceId = source;
    e.level = level;
    e.step = step;
    e.httpStatus = http;
    e.durationMs = durationMs;
    e.message = message;
    return e;
}

} // namespace

class TestRunLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        kpi::store::DatabaseLocation location;
        location.path = m_dir.filePath(QStringLiteral("history-%1.sqlite").arg(++m_count));
        auto history = kpi::store::HistoryStore::open(location);
        KPI_VERIFY_OK(history);
        m_history = std::move(*history);
        const qint64 start =
            QDateTime::fromString(QStringLiteral("2026-06-15T09:00:00Z"), Qt::ISODate)
                .toMSecsSinceEpoch();
        m_okRun =
            addRun(start, 800, RunStatus::Ok, 0,
                   {makeEvent(QStringLiteral("stats"), EventLevel::Info, QStringLiteral("fetch"),
                              200, 640, QStringLiteral("2 values"))});
        m_partialRun =
            addRun(start + 86'400'000, 1500, RunStatus::Partial, 1,
                   {makeEvent(QStringLiteral("stats"), EventLevel::Info, QStringLiteral("fetch"),
                              200, 420, QStringLiteral("2 values")),
                    makeEvent(QStringLiteral("down"), EventLevel::Error, QStringLiteral("fetch"),
                              503, 1200, QStringLiteral("HTTP 503 Service Unavailable"))});
    }

    void runs_newestFirst_withStatusAndDuration()
    {
        RunLogView view;
        view.setHistory(m_history.get());
        QTreeWidget *runs = view.runList();
        QCOMPARE(runs->topLevelItemCount(), 2);
        QCOMPARE(runs->topLevelItem(0)->text(0), QStringLiteral("Partial"));
        QCOMPARE(runs->topLevelItem(0)->text(1), QStringLiteral("2026-06-16 09:00:00"));
        QCOMPARE(runs->topLevelItem(0)->text(2), QStringLiteral("1.5 s"));
        QCOMPARE(runs->topLevelItem(0)->text(4), QStringLiteral("2 (1 failed)"));
        QCOMPARE(runs->topLevelItem(1)->text(0), QStringLiteral("OK"));
        QCOMPARE(runs->topLevelItem(1)->text(2), QStringLiteral("800 ms"));
        // The newest is opened.
        QCOMPARE(view.selectedRun(), m_partialRun);
    }

    void openingARun_showsItsEvents()
    {
        RunLogView view;
        view.setHistory(m_history.get());
        QTreeWidget *events = view.eventList();
        QCOMPARE(events->topLevelItemCount(), 2);
        QTreeWidgetItem *failed = events->topLevelItem(1);
        QCOMPARE(failed->text(1), QStringLiteral("down"));
        QCOMPARE(failed->text(2), QStringLiteral("fetch"));
        QCOMPARE(failed->text(3), QStringLiteral("503"));
        QCOMPARE(failed->text(4), QStringLiteral("1.2 s"));
        QCOMPARE(failed->text(5), QStringLiteral("HTTP 503 Service Unavailable"));

        view.selectRun(m_okRun);
        QCOMPARE(events->topLevelItemCount(), 1);
        QCOMPARE(events->topLevelItem(0)->text(3), QStringLiteral("200"));
    }

    void copy_putsTheRunOnTheClipboard()
    {
        RunLogView view;
        view.setHistory(m_history.get());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QApplication::clipboard()->clear();
        view.eventList()->setFocus();
        QTest::keyClick(view.eventList(), Qt::Key_C, Qt::ControlModifier);
        const QString text = QApplication::clipboard()->text();
        QVERIFY2(text.contains(QStringLiteral("Partial")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("\tdown\tfetch\t503\t1.2 s\tHTTP 503 Service "
                                              "Unavailable")),
                 qPrintable(text));
        QCOMPARE(text.count(QLatin1Char('\n')), 2); // the summary and two events

        // Only the chosen events when some are chosen; the Copy button does the same.
        QApplication::clipboard()->clear();
        view.eventList()->topLevelItem(1)->setSelected(true);
        QPushButton *copy = nullptr;
        for (QPushButton *button : view.findChildren<QPushButton *>()) {
            if (button->text() == QStringLiteral("&Copy"))
                copy = button;
        }
        QVERIFY(copy && copy->isEnabled());
        copy->click();
        const QString one = QApplication::clipboard()->text();
        QCOMPARE(one.count(QLatin1Char('\n')), 1);
        QVERIFY(one.contains(QStringLiteral("503")));
    }

    void noRuns_saysHowToStart()
    {
        kpi::store::DatabaseLocation location;
        location.path = m_dir.filePath(QStringLiteral("empty.sqlite"));
        auto empty = kpi::store::HistoryStore::open(location);
        KPI_VERIFY_OK(empty);
        RunLogView view;
        view.setHistory(empty->get());
        QCOMPARE(view.runList()->topLevelItemCount(), 0);
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("runSummary"))
                    ->text()
                    .contains(QStringLiteral("Collect now")));
    }

    void reload_seesNewRuns_andKeepsTheChosenOne()
    {
        RunLogView view;
        view.setHistory(m_history.get());
        view.selectRun(m_okRun);
        addRun(QDateTime::currentMSecsSinceEpoch(), 100, RunStatus::Failed, 2, {});
        view.reload();
        QCOMPARE(view.runList()->topLevelItemCount(), 3);
        QCOMPARE(view.runList()->topLevelItem(0)->text(0), QStringLiteral("Failed"));
        QCOMPARE(view.selectedRun(), m_okRun);
    }

private:
    qint64 addRun(qint64 start, qint64 duration, RunStatus status, int failed,
                  QList<RunEvent> events)
    {
        const auto id = m_history->beginRun(start, QStringLiteral("schedule"));
        if (!id)
            return 0;
        Run run;
        run.id = *id;
        run.startedAtMs = start;
        run.finishedAtMs = start + duration;
        run.status = status;
        run.trigger = QStringLiteral("schedule");
        run.sourceCount = 2;
        run.failedCount = failed;
        for (RunEvent &e : events) {
            e.runId = *id;
            e.timestampMs = start + 10;
        }
        if (!m_history->completeRun(run, {}, events))
            return 0;
        return *id;
    }

    QTemporaryDir m_dir;
    int m_count = 0;
    std::unique_ptr<kpi::store::HistoryStore> m_history;
    qint64 m_okRun = 0;
    qint64 m_partialRun = 0;
};

QTEST_MAIN(TestRunLog)
#include "TestRunLog.moc"
