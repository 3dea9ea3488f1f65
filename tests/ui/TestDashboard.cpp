// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "dashboard/CardData.h"
#include "dashboard/DashboardView.h"
#include "dashboard/MetricCard.h"
#include "store/HistoryStore.h"
#include "workspace/WorkspaceLoader.h"

#include <QApplication>
#include <QGridLayout>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using kpi::store::Sample;
using kpi::ui::CardData;
using kpi::ui::DashboardView;
using kpi::ui::MetricCard;

namespace {

constexpr qint64 DayMs = 86'400'000LL;

Sample sample(const QString &key, qint64 ms, double value, const QString &source)
{
    Sample s;
    s.metricKey = key;
    s.timestampMs = ms;
    s.value = value;
    s.sourceId = source;
    return s;
}

} // namespace

class TestDashboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QVERIFY(m_dir.isValid());
        // Not a raw string: moc 6.4 misreads the "//" of URLs in one.
        const QByteArray json =
            "{\"version\": 1, \"timezone\": \"UTC\", \"northStar\": \"USERS\", \"sources\": ["
            "{\"id\": \"stats\", \"type\": \"http-json\", \"url\": \"https://stats.example/api\","
            " \"metrics\": [{\"key\": \"POSTS\", \"path\": \"$.posts\", \"label\": \"Posts\"},"
            " {\"key\": \"USERS\", \"path\": \"$.users\", \"label\": \"Weekly users\"}]},"
            "{\"id\": \"down\", \"type\": \"http-json\", \"url\": \"https://down.example/api\","
            " \"metrics\": [{\"key\": \"GONE\", \"path\": \"$.gone\", \"unit\": \"EUR\"}]}]}";
        auto loaded = kpi::workspace::WorkspaceLoader::parse(json);
        QVERIFY2(loaded.isOk(), qPrintable(loaded.errors.value(0).toString()));
        m_workspace = loaded.workspace;

        kpi::store::DatabaseLocation location;
        location.path = m_dir.filePath(QStringLiteral("history-%1.sqlite").arg(++m_count));
        auto history = kpi::store::HistoryStore::open(location);
        KPI_VERIFY_OK(history);
        m_history = std::move(*history);
        m_now = QDateTime::fromString(QStringLiteral("2026-06-15T12:00:00Z"), Qt::ISODate);
        const qint64 now = m_now.toMSecsSinceEpoch();
        // USERS: 100 a week (and two hours) ago, 110 three days ago, 120 a day ago, 130 an
        // hour ago. POSTS only today; GONE only 20 days ago.
        KPI_VERIFY_OK(m_history->addSamples(
            {sample(QStringLiteral("USERS"), now - 7 * DayMs - 7'200'000, 100,
                    QStringLiteral("stats")),
             sample(QStringLiteral("USERS"), now - 3 * DayMs, 110, QStringLiteral("stats")),
             sample(QStringLiteral("USERS"), now - DayMs - 3'600'000, 120, QStringLiteral("stats")),
             sample(QStringLiteral("USERS"), now - 3'600'000, 130, QStringLiteral("stats")),
             sample(QStringLiteral("POSTS"), now - 3'600'000, 12, QStringLiteral("stats")),
             sample(QStringLiteral("GONE"), now - 20 * DayMs, 7, QStringLiteral("down"))}));
        // The last run: "down" failed.
        const auto runId = m_history->beginRun(now - 3'600'000, QStringLiteral("window"));
        KPI_VERIFY_OK(runId);
        kpi::store::Run run;
        run.id = *runId;
        run.startedAtMs = now - 3'600'000;
        run.finishedAtMs = now - 3'599'000;
        run.status = kpi::store::RunStatus::Partial;
        run.trigger = QStringLiteral("window");
        run.sourceCount = 2;
        run.failedCount = 1;
        kpi::store::RunEvent failed;
        failed.runId = *runId;
        failed.timestampMs = now - 3'599'500;
        failed.sourceId = QStringLiteral("down");
        failed.level = kpi::store::EventLevel::Error;
        failed.step = QStringLiteral("fetch");
        failed.httpStatus = 503;
        failed.message = QStringLiteral("HTTP 503 Service Unavailable");
        KPI_VERIFY_OK(m_history->completeRun(run, {}, {failed}));
    }

    // Values and changes are the report's (ReportBuilder): against the newest value at or
    // before `now - compareDays`, if that is not far older than asked.
    void loadCards_northStarFirst_withValuesAndChanges()
    {
        const auto cards = kpi::ui::loadCards(*m_history, m_workspace, m_now, 7);
        QCOMPARE(cards.size(), 3);
        const auto &users = cards[0];
        QCOMPARE(users.key(), QStringLiteral("USERS"));
        QVERIFY(users.line.northStar);
        QVERIFY(users.hasValue);
        QCOMPARE(users.line.label, QStringLiteral("Weekly users"));
        QCOMPARE(users.line.value, 130.0);
        QCOMPARE(users.line.previous, 100.0);
        QCOMPARE(users.line.change, 30.0);
        QCOMPARE(users.line.changePercent, 30.0);
        QCOMPARE(users.sparkline.size(), 4);
        QVERIFY(users.error.isEmpty());

        QCOMPARE(cards[1].key(), QStringLiteral("POSTS"));
        QCOMPARE(cards[1].line.value, 12.0);
        QCOMPARE(cards[1].line.comparison, kpi::report::Comparison::New);
        const auto &gone = cards[2];
        QCOMPARE(gone.key(), QStringLiteral("GONE"));
        QCOMPARE(gone.error, QStringLiteral("HTTP 503 Service Unavailable"));
        QCOMPARE(gone.line.comparison, kpi::report::Comparison::NotComparable); // 13 days off
        QCOMPARE(gone.sparkline.size(), 1); // 20 days ago, inside the last 30

        // A shorter compare period picks a nearer value.
        const auto daily = kpi::ui::loadCards(*m_history, m_workspace, m_now, 1);
        QCOMPARE(daily[0].line.previous, 120.0);
        QCOMPARE(daily[0].line.change, 10.0);
    }

    void cardsOfMetricsNotCollectedYet_sayWhatToDo()
    {
        kpi::store::DatabaseLocation location;
        location.path = m_dir.filePath(QStringLiteral("empty-%1.sqlite").arg(m_count));
        auto empty = kpi::store::HistoryStore::open(location);
        KPI_VERIFY_OK(empty);
        const auto cards = kpi::ui::loadCards(**empty, m_workspace, m_now, 7);
        QCOMPARE(cards.size(), 3);
        QCOMPARE(cards[0].key(), QStringLiteral("USERS"));
        QVERIFY(!cards[0].hasValue);
        MetricCard card(cards[0]);
        QCOMPARE(card.valueText(), QStringLiteral("\u2014"));
        QVERIFY(card.findChild<QLabel *>(QStringLiteral("collected"))
                    ->text()
                    .contains(QStringLiteral("Collect now")));
    }

    void view_showsNorthStarFirstAndLarger_andTheBadge()
    {
        DashboardView view;
        view.resize(1000, 700);
        view.setCards(kpi::ui::loadCards(*m_history, m_workspace, m_now, 7));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        const auto cards = view.cards();
        QCOMPARE(cards.size(), 3);
        MetricCard *users = cards[0];
        QCOMPARE(users->data().key(), QStringLiteral("USERS"));
        QCOMPARE(users->valueText(), QStringLiteral("130"));
        QCOMPARE(users->changeText(), QStringLiteral("\u25B2 +30 (+30 %)"));
        QCOMPARE(view.card(QStringLiteral("POSTS"))->changeText(), QStringLiteral("\u2726 new"));
        QVERIFY(!users->hasErrorBadge());
        QVERIFY(view.card(QStringLiteral("GONE"))->hasErrorBadge());
        QCOMPARE(view.card(QStringLiteral("GONE"))->valueText(), QStringLiteral("7 EUR"));
        // First on screen (the top left), and larger than the others: two columns by two rows.
        const MetricCard *posts = view.card(QStringLiteral("POSTS"));
        QTRY_VERIFY(users->geometry().top() <= posts->geometry().top());
        QVERIFY(users->geometry().left() < posts->geometry().left());
        QVERIFY(users->width() > 1.8 * posts->width());
        QVERIFY(users->height() > 1.8 * posts->height());
        QVERIFY(users->findChild<QLabel *>(QStringLiteral("value"))->font().pointSizeF() >
                posts->findChild<QLabel *>(QStringLiteral("value"))->font().pointSizeF());
        // A rise is green-ish, in the palette's variant.
        const QColor rise = users->findChild<QLabel *>(QStringLiteral("change"))
                                ->palette()
                                .color(QPalette::WindowText);
        QVERIFY(rise.green() > rise.red());

        // Where lower is better, the same rise is bad news: red, still ▲.
        m_workspace.sources[0].metrics[1].lowerIsBetter = true;
        QCOMPARE(m_workspace.sources[0].metrics[1].key, QStringLiteral("USERS"));
        view.setCards(kpi::ui::loadCards(*m_history, m_workspace, m_now, 7));
        MetricCard *worse = view.card(QStringLiteral("USERS"));
        QCOMPARE(worse->changeText(), QStringLiteral("\u25B2 +30 (+30 %)"));
        const QColor bad = worse->findChild<QLabel *>(QStringLiteral("change"))
                               ->palette()
                               .color(QPalette::WindowText);
        QVERIFY(bad.red() > bad.green());
        m_workspace.sources[0].metrics[1].lowerIsBetter = false;
    }

    void grid_followsTheWidth()
    {
        DashboardView view;
        view.setCards(kpi::ui::loadCards(*m_history, m_workspace, m_now, 7));
        view.resize(1200, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_COMPARE(view.columnCount(), 4);
        view.resize(560, 600);
        QTRY_COMPARE(view.columnCount(), 2);
        view.resize(300, 600);
        QTRY_COMPARE(view.columnCount(), 1);
        // One column: every card one above the other, the North Star on top.
        const auto cards = view.cards();
        QTRY_VERIFY(cards[0]->geometry().bottom() < cards[1]->geometry().top());
        QVERIFY(cards[1]->geometry().bottom() < cards[2]->geometry().top());
    }

    void valuesArrivingDuringARun_updateTheCard()
    {
        DashboardView view;
        view.setCards(kpi::ui::loadCards(*m_history, m_workspace, m_now, 7));
        view.applyValue(QStringLiteral("USERS"), 150, m_now);
        MetricCard *users = view.card(QStringLiteral("USERS"));
        QCOMPARE(users->valueText(), QStringLiteral("150"));
        QCOMPARE(users->changeText(), QStringLiteral("\u25B2 +50 (+50 %)")); // still against 100
        view.applyValue(QStringLiteral("GONE"), 9, m_now);
        MetricCard *gone = view.card(QStringLiteral("GONE"));
        QCOMPARE(gone->valueText(), QStringLiteral("9 EUR"));
        QVERIFY(!gone->hasErrorBadge()); // its source answered this time
        view.markFailed(QStringLiteral("POSTS"), QStringLiteral("no match"));
        QVERIFY(view.card(QStringLiteral("POSTS"))->hasErrorBadge());
    }

    void clickingACard_asksForItsChart()
    {
        DashboardView view;
        view.setCards(kpi::ui::loadCards(*m_history, m_workspace, m_now, 7));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy spy(&view, &DashboardView::metricActivated);
        QTest::mouseClick(view.card(QStringLiteral("POSTS")), Qt::LeftButton);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("POSTS"));
        view.card(QStringLiteral("USERS"))->setFocus();
        QTest::keyClick(view.card(QStringLiteral("USERS")), Qt::Key_Return);
        QCOMPARE(spy.size(), 2);
        QCOMPARE(spy.at(1).at(0).toString(), QStringLiteral("USERS"));

        // The arrows: Right and Left in reading order, Down to the card below; at the edge
        // the focus stays on the dashboard.
        view.resize(700, 600); // two columns: the North Star a full row, then POSTS, GONE
        view.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        QTRY_COMPARE(view.columnCount(), 2);
        MetricCard *users = view.card(QStringLiteral("USERS"));
        MetricCard *second = view.cards().at(1);
        MetricCard *third = view.cards().at(2);
        users->setFocus();
        QTest::keyClick(users, Qt::Key_Right);
        QTRY_COMPARE(QApplication::focusWidget(), second);
        QTest::keyClick(second, Qt::Key_Right);
        QTRY_COMPARE(QApplication::focusWidget(), third);
        QTest::keyClick(third, Qt::Key_Right);
        QCOMPARE(QApplication::focusWidget(), third);
        QTest::keyClick(third, Qt::Key_Up);
        QTRY_COMPARE(QApplication::focusWidget(), users);
        QTest::keyClick(users, Qt::Key_Down);
        QTRY_COMPARE(QApplication::focusWidget(), second);
        QTest::keyClick(second, Qt::Key_Left);
        QTRY_COMPARE(QApplication::focusWidget(), users);
    }

    void noMetrics_showsWhatToDoFirst()
    {
        DashboardView view;
        view.setEmptyText(QStringLiteral("Add a source"));
        view.setCards({});
        view.show();
        auto *empty = view.findChild<QLabel *>(QStringLiteral("emptyState"));
        QVERIFY(empty && empty->isVisible());
        view.setCards(kpi::ui::loadCards(*m_history, m_workspace, m_now, 7));
        QVERIFY(!empty->isVisible());
    }

    // The cards take their colours from the palette: a dark one gives light text on dark
    // cards, and the change colours switch to their variants for dark backgrounds.
    void darkPalette_isFollowed()
    {
        DashboardView view;
        view.setCards(kpi::ui::loadCards(*m_history, m_workspace, m_now, 7));
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        MetricCard *users = view.card(QStringLiteral("USERS"));
        const auto changeColor = [&] {
            return users->findChild<QLabel *>(QStringLiteral("change"))
                ->palette()
                .color(QPalette::WindowText);
        };
        const QColor light = changeColor();

        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x20, 0x22, 0x25));
        dark.setColor(QPalette::WindowText, QColor(0xe8, 0xea, 0xed));
        dark.setColor(QPalette::Base, QColor(0x2a, 0x2c, 0x30));
        dark.setColor(QPalette::Text, QColor(0xe8, 0xea, 0xed));
        view.setPalette(dark);
        QTRY_VERIFY(changeColor() != light);
        QVERIFY(changeColor().lightnessF() > light.lightnessF()); // brighter on dark
        const QImage image = users->grab().toImage();
        // The card's own background is the dark Base colour.
        QCOMPARE(image.pixelColor(image.width() / 2, image.height() - 3).rgb(),
                 QColor(0x2a, 0x2c, 0x30).rgb());
    }

private:
    QTemporaryDir m_dir;
    int m_count = 0;
    kpi::workspace::Workspace m_workspace;
    std::unique_ptr<kpi::store::HistoryStore> m_history;
    QDateTime m_now;
};

QTEST_MAIN(TestDashboard)
#include "TestDashboard.moc"
