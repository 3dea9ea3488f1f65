// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "charts/ChartPanel.h"
#include "dashboard/CardData.h"
#include "store/HistoryStore.h"
#include "workspace/WorkspaceLoader.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QImage>
#include <QLegend>
#include <QLineSeries>
#include <QScatterSeries>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

using kpi::report::Bucketer;
using kpi::report::ChartSeries;
using kpi::ui::ChartPanel;

class TestChartPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        const QByteArray json =
            "{\"version\": 1, \"timezone\": \"UTC\", \"northStar\": \"USERS\", \"sources\": ["
            "{\"id\": \"stats\", \"type\": \"http-json\", \"url\": \"https://stats.example/api\","
            " \"metrics\": [{\"key\": \"REVENUE\", \"path\": \"$.r\", \"label\": \"Revenue, net\"},"
            " {\"key\": \"USERS\", \"path\": \"$.u\", \"label\": \"Users\"}]}]}";
        auto loaded = kpi::workspace::WorkspaceLoader::parse(json);
        QVERIFY(loaded.isOk());
        m_workspace = loaded.workspace;
        kpi::store::DatabaseLocation location;
        location.path = m_dir.filePath(QStringLiteral("h%1.sqlite").arg(++m_count));
        auto history = kpi::store::HistoryStore::open(location);
        KPI_VERIFY_OK(history);
        m_history = std::move(*history);
        // 120 days of USERS, one a day at noon: day d has value d. REVENUE only 10 days.
        m_now = QDateTime(QDate(2026, 6, 30), QTime(12, 0), QTimeZone::utc());
        QList<kpi::store::Sample> samples;
        for (int d = 0; d < 120; ++d) {
            kpi::store::Sample sample;
            sample.metricKey = QStringLiteral("USERS");
            sample.timestampMs = m_now.addDays(d - 119).toMSecsSinceEpoch();
            sample.value = d;
            samples.append(sample);
            if (d >= 110) {
                sample.metricKey = QStringLiteral("REVENUE");
                sample.value = 1000 + d;
                samples.append(sample);
            }
        }
        KPI_VERIFY_OK(m_history->addSamples(samples));
    }

    void northStarIsDrawnFirst_overTheRange()
    {
        ChartPanel panel;
        panel.setReferenceTime(m_now);
        panel.setHistory(m_history.get(), m_workspace);
        panel.reload();
        QCOMPARE(panel.shownMetrics(), QStringList{QStringLiteral("USERS")});
        // Last 30 days (the default): days 90 to 119, every value.
        QCOMPARE(panel.series().size(), 1);
        QCOMPARE(panel.series()[0].points.size(), 30);
        QCOMPARE(panel.series()[0].points.first().value, 90.0);
        QCOMPARE(panel.displayedPointCount(), 30);
        auto *axisX = qobject_cast<QDateTimeAxis *>(panel.chart()->axes(Qt::Horizontal).value(0));
        QVERIFY(axisX);
        QCOMPARE(axisX->format(), QStringLiteral("d MMM"));
    }

    void previousPeriod_isShiftedOntoTheCurrentOne()
    {
        ChartPanel panel;
        panel.setReferenceTime(m_now);
        panel.setHistory(m_history.get(), m_workspace);
        panel.showMetrics({QStringLiteral("USERS")});
        panel.setPreviousShown(true);
        QCOMPARE(panel.series().size(), 2);
        const auto &previous = panel.series()[1];
        QVERIFY(previous.previousPeriod);
        QCOMPARE(previous.points.size(), 30); // days 60 to 89
        QCOMPARE(previous.points.first().value, 60.0);
        // Drawn 30 days later, over the current period's first day.
        const auto lines = panel.chart()->series();
        QCOMPARE(lines.size(), 2);
        auto *current = qobject_cast<QLineSeries *>(lines[0]);
        auto *shifted = qobject_cast<QLineSeries *>(lines[1]);
        QCOMPARE(shifted->at(0).x(), current->at(0).x());
        QCOMPARE(shifted->at(0).y(), 60.0);
        QCOMPARE(shifted->pen().style(), Qt::DashLine);
    }

    void weeksWithMax_andASecondMetricOnItsOwnAxis()
    {
        ChartPanel panel;
        panel.setReferenceTime(m_now);
        panel.setHistory(m_history.get(), m_workspace);
        panel.showMetrics({QStringLiteral("USERS"), QStringLiteral("REVENUE")});
        panel.setRange(ChartSeries::Range::All);
        panel.setBucket(Bucketer::Size::Week, ChartSeries::Aggregation::Max);
        QCOMPARE(panel.series().size(), 2);
        // The last week holds days 118 and 119: its max is 119.
        QCOMPARE(panel.series()[0].points.last().value, 119.0);
        QCOMPARE(panel.series()[1].metricKey, QStringLiteral("REVENUE"));
        const auto lines = panel.chart()->series();
        const auto leftAxes = lines[0]->attachedAxes();
        const auto rightAxes = lines[1]->attachedAxes();
        QVERIFY(leftAxes != rightAxes);
        auto *right = qobject_cast<QValueAxis *>(panel.chart()->axes(Qt::Vertical).value(1));
        QVERIFY(right && right->isVisible());
        QVERIFY(right->max() >= 1119);
    }

    void customRange_wholeDays()
    {
        ChartPanel panel;
        panel.setReferenceTime(m_now);
        panel.setHistory(m_history.get(), m_workspace);
        panel.showMetrics({QStringLiteral("USERS")});
        panel.setRange(ChartSeries::Range::Custom, QDate(2026, 6, 1), QDate(2026, 6, 10));
        QCOMPARE(panel.series()[0].points.size(), 10);
    }

    void exports_csvAtFullResolution_andPng()
    {
        ChartPanel panel;
        panel.resize(800, 500);
        panel.setReferenceTime(m_now);
        panel.setHistory(m_history.get(), m_workspace);
        panel.showMetrics({QStringLiteral("REVENUE")});
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const QString csvPath = m_dir.filePath(QStringLiteral("chart.csv"));
        KPI_VERIFY_OK(panel.exportCsv(csvPath));
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = csv.readAll().split('\n');
        QCOMPARE(rows.value(0), QByteArray("metric,label,period,time,value\r"));
        QCOMPARE(rows.value(1),
                 QByteArray("REVENUE,\"Revenue, net\",current,2026-06-21T12:00:00+00:00,1110\r"));
        QCOMPARE(rows.size(), 12); // header, 10 rows, and the empty piece after the last \n

        const QString pngPath = m_dir.filePath(QStringLiteral("chart.png"));
        KPI_VERIFY_OK(panel.exportPng(pngPath));
        const QImage image(pngPath);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), panel.chartView()->size() * panel.devicePixelRatio());

        // A folder that is not there: an error that says where, no crash.
        const auto failed = panel.exportCsv(m_dir.filePath(QStringLiteral("missing/chart.csv")));
        QVERIFY(!failed);
        QVERIFY(failed.error().message.contains(QStringLiteral("missing/chart.csv")));
    }

    // Qt Charts' own theme is light; the chart takes the palette's colours instead.
    void darkPalette_isFollowed()
    {
        ChartPanel panel;
        panel.setReferenceTime(m_now);
        panel.setHistory(m_history.get(), m_workspace);
        panel.reload();
        QPalette dark = panel.palette();
        dark.setColor(QPalette::Base, QColor(0x28, 0x2a, 0x2e));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe8, 0xeb));
        panel.setPalette(dark);
        QCOMPARE(panel.chart()->backgroundBrush().color(), QColor(0x28, 0x2a, 0x2e));
        auto *axisY = panel.chart()->axes(Qt::Vertical).value(0);
        QCOMPARE(axisY->labelsColor(), QColor(0xe6, 0xe8, 0xeb));
        QCOMPARE(panel.chart()->legend()->labelColor(), QColor(0xe6, 0xe8, 0xeb));
    }

    // 100,000 samples are thinned for display, the export keeps them all.
    // A suspect value (a selector probably broken) is kept out of the line, its buckets and
    // its export, and marked apart in red; so is it on the dashboard's sparkline.
    void suspectValues_areMarkedApartFromTheLine()
    {
        kpi::store::Sample broken;
        broken.metricKey = QStringLiteral("USERS");
        broken.timestampMs = m_now.addSecs(-3600).toMSecsSinceEpoch();
        broken.value = 0;
        broken.suspect = QStringLiteral("dropped to 0 from 119");
        KPI_VERIFY_OK(m_history->addSamples({broken}));
        ChartPanel panel;
        panel.setReferenceTime(m_now);
        panel.setHistory(m_history.get(), m_workspace);
        panel.showMetrics({QStringLiteral("USERS")});
        QCOMPARE(panel.series()[0].points.size(), 30);
        QCOMPARE(panel.series()[0].points.last().value, 119.0);
        QCOMPARE(panel.displayedPointCount(), 30);
        QCOMPARE(panel.suspectPointCount(), 1);
        QScatterSeries *marks = nullptr;
        for (QAbstractSeries *series : panel.chart()->series()) {
            if (auto *scatter = qobject_cast<QScatterSeries *>(series))
                marks = scatter;
        }
        QVERIFY(marks);
        QCOMPARE(marks->count(), 1);
        QCOMPARE(marks->at(0).y(), 0.0);
        QCOMPARE(marks->name(), QStringLiteral("Users: suspect values"));
        // Buckets leave it out too: the day's last plausible value, not 0.
        panel.setBucket(kpi::report::Bucketer::Size::Day,
                        kpi::report::ChartSeries::Aggregation::Last);
        QCOMPARE(panel.series()[0].points.last().value, 119.0);

        const auto cards = kpi::ui::loadCards(*m_history, m_workspace, m_now, 7);
        const auto users = std::find_if(cards.cbegin(), cards.cend(), [](const auto &card) {
            return card.key() == QLatin1String("USERS");
        });
        QVERIFY(users != cards.cend());
        QVERIFY(!users->sparkline.isEmpty());
        QCOMPARE(users->sparkline.last().y(), 119.0);
        QCOMPARE(users->line.value, 119.0);
    }

    // The date ticks follow the width, also when the window is resized after drawing.
    void dateTicks_followTheWidth()
    {
        ChartPanel panel;
        panel.resize(500, 400);
        panel.setReferenceTime(m_now);
        panel.setHistory(m_history.get(), m_workspace);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.reload();
        auto *axisX = qobject_cast<QDateTimeAxis *>(panel.chart()->axes(Qt::Horizontal).value(0));
        QVERIFY(axisX);
        const int narrow = axisX->tickCount();
        panel.resize(1400, 400);
        QTRY_VERIFY(axisX->tickCount() > narrow);
        QCOMPARE(panel.series()[0].points.size(), 30); // not read again, still drawn
    }

    void longSeries_areThinnedForDisplayOnly()
    {
        QList<kpi::store::Sample> samples;
        const qint64 start = m_now.addDays(-20).toMSecsSinceEpoch();
        for (int i = 0; i < 100'000; ++i) {
            kpi::store::Sample sample;
            sample.metricKey = QStringLiteral("DENSE");
            sample.timestampMs = start + qint64(i) * 15'000;
            sample.value = i % 977;
            samples.append(sample);
        }
        KPI_VERIFY_OK(m_history->addSamples(samples));
        ChartPanel panel;
        panel.resize(900, 500);
        panel.setReferenceTime(m_now);
        panel.setHistory(m_history.get(), m_workspace);
        panel.showMetrics({QStringLiteral("DENSE")});
        QCOMPARE(panel.series()[0].points.size(), 100'000);
        QVERIFY(panel.displayedPointCount() < 5'000);
        QVERIFY(panel.displayedPointCount() >= 400);
    }

private:
    QTemporaryDir m_dir;
    int m_count = 0;
    kpi::workspace::Workspace m_workspace;
    std::unique_ptr<kpi::store::HistoryStore> m_history;
    QDateTime m_now;
};

QTEST_MAIN(TestChartPanel)
#include "TestChartPanel.moc"
