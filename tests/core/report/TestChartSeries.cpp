// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "report/ChartSeries.h"
#include "store/HistoryStore.h"

#include <QTemporaryDir>
#include <QTest>

using kpi::report::Bucketer;
using kpi::report::ChartSeries;
using kpi::store::Sample;
using Point = kpi::report::ChartSeries::Point;

namespace {

qint64 at(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toMSecsSinceEpoch();
}

Sample sample(const QString &iso, double value)
{
    Sample s;
    s.metricKey = QStringLiteral("USERS");
    s.timestampMs = at(iso);
    s.value = value;
    return s;
}

// Two weeks (ISO weeks 2026-W10 and W11) in Berlin, one sample crossing midnight UTC.
QList<Sample> history()
{
    return {
        sample(QStringLiteral("2026-03-02T08:00:00Z"), 10), // Mon W10
        sample(QStringLiteral("2026-03-04T08:00:00Z"), 40), // Wed W10
        sample(QStringLiteral("2026-03-08T23:30:00Z"), 25), // Sun 23:30 UTC, Mon 00:30 Berlin: W11
        sample(QStringLiteral("2026-03-10T08:00:00Z"), 5),  // Tue W11
    };
}

} // namespace

class TestChartSeries : public QObject
{
    Q_OBJECT

private:
    QList<Sample> samples() const { return history(); }

private Q_SLOTS:
    void noBucket_keepsEverySample()
    {
        const auto points = ChartSeries::points(history(), {});
        QCOMPARE(points.size(), 4);
        QCOMPARE(points[2], (Point{at(QStringLiteral("2026-03-08T23:30:00Z")), 25}));
    }

    void weeks_inTheZone_withEachAggregation_data()
    {
        QTest::addColumn<QString>("aggregation");
        QTest::addColumn<double>("week10");
        QTest::addColumn<double>("week11");
        QTest::newRow("last") << "last" << 40.0 << 5.0;
        QTest::newRow("sum") << "sum" << 50.0 << 30.0;
        QTest::newRow("mean") << "mean" << 25.0 << 15.0;
        QTest::newRow("max") << "max" << 40.0 << 25.0;
    }
    void weeks_inTheZone_withEachAggregation()
    {
        QFETCH(QString, aggregation);
        QFETCH(double, week10);
        QFETCH(double, week11);
        ChartSeries::Options options;
        options.bucket = Bucketer::Size::Week;
        options.aggregation = *ChartSeries::aggregationFromString(aggregation);
        options.zone = QTimeZone("Europe/Berlin");
        const auto points = ChartSeries::points(history(), options);
        QCOMPARE(points.size(), 2);
        // Each bucket sits at its Monday's midnight in Berlin (23:00 UTC the day before).
        QCOMPARE(points[0], (Point{at(QStringLiteral("2026-03-01T23:00:00Z")), week10}));
        QCOMPARE(points[1], (Point{at(QStringLiteral("2026-03-08T23:00:00Z")), week11}));
    }

    void sameHistoryInUtc_putsTheSundaySampleInTheEarlierWeek()
    {
        ChartSeries::Options options;
        options.bucket = Bucketer::Size::Week;
        options.aggregation = ChartSeries::Aggregation::Sum;
        const auto points = ChartSeries::points(history(), options);
        QCOMPARE(points.size(), 2);
        QCOMPARE(points[0].value, 75.0);
        QCOMPARE(points[1].value, 5.0);
    }

    void months_andDays()
    {
        ChartSeries::Options options;
        options.bucket = Bucketer::Size::Month;
        options.aggregation = ChartSeries::Aggregation::Mean;
        auto samples = history();
        samples.append(sample(QStringLiteral("2026-04-01T00:00:00Z"), 100));
        auto points = ChartSeries::points(samples, options);
        QCOMPARE(points, (QList<Point>{{at(QStringLiteral("2026-03-01T00:00:00Z")), 20},
                                       {at(QStringLiteral("2026-04-01T00:00:00Z")), 100}}));
        options.bucket = Bucketer::Size::Day;
        points = ChartSeries::points(samples, options);
        QCOMPARE(points.size(), 5);
    }

    void windows_andThePreviousPeriod()
    {
        const QDateTime now =
            QDateTime::fromString(QStringLiteral("2026-03-31T12:00:00Z"), Qt::ISODate);
        const auto days30 = ChartSeries::window(ChartSeries::Range::Days30, now, QTimeZone::utc());
        QCOMPARE(*days30.sinceMs, at(QStringLiteral("2026-03-01T12:00:00Z")) + 1);
        QCOMPARE(days30.untilMs, now.toMSecsSinceEpoch() + 1);
        const auto previous = days30.previous();
        QVERIFY(previous);
        QCOMPARE(previous->untilMs, *days30.sinceMs);
        QCOMPARE(previous->untilMs - *previous->sinceMs, days30.untilMs - *days30.sinceMs);

        const auto all = ChartSeries::window(ChartSeries::Range::All, now, QTimeZone::utc());
        QVERIFY(!all.sinceMs);
        QVERIFY(!all.previous());

        // Custom: whole days in the zone, either order.
        const QTimeZone berlin("Europe/Berlin");
        const auto custom = ChartSeries::window(ChartSeries::Range::Custom, now, berlin,
                                                QDate(2026, 3, 10), QDate(2026, 3, 1));
        QCOMPARE(*custom.sinceMs, at(QStringLiteral("2026-02-28T23:00:00Z")));
        QCOMPARE(custom.untilMs, at(QStringLiteral("2026-03-10T23:00:00Z")));
    }

    void shifted_movesEveryPoint()
    {
        const QList<Point> points{{1000, 1}, {2000, 2}};
        QCOMPARE(ChartSeries::shifted(points, 500), (QList<Point>{{1500, 1}, {2500, 2}}));
    }

    void downsampled_keepsShortSeries_andThinsLongOnes()
    {
        QList<Point> points;
        for (int i = 0; i < 100'000; ++i)
            points.append({qint64(i) * 60'000, double(i % 1000)});
        points[50'000].value = 1e6; // a spike must survive
        QCOMPARE(ChartSeries::downsampled(points.mid(0, 10), 2000), points.mid(0, 10));
        const auto thin = ChartSeries::downsampled(points, 2000);
        QCOMPARE(thin.size(), 2000);
        QCOMPARE(thin.first(), points.first());
        QCOMPARE(thin.last(), points.last());
        QVERIFY(thin.contains(points[50'000]));
    }

    // What the chart reads: one metric's times and values, in time order, cut to the window
    // (since inclusive, until exclusive), the same points as through samples().
    void timedValues_fromTheStore_giveTheSamePoints()
    {
        QTemporaryDir dir;
        kpi::store::DatabaseLocation location;
        location.path = dir.filePath(QStringLiteral("history.sqlite"));
        auto history = kpi::store::HistoryStore::open(location);
        KPI_VERIFY_OK(history);
        auto samples = this->samples();
        Sample other = samples.first();
        other.metricKey = QStringLiteral("OTHER");
        samples.append(other);
        KPI_VERIFY_OK((*history)->addSamples(samples));

        const auto all = (*history)->timedValues(QStringLiteral("USERS"));
        KPI_VERIFY_OK(all);
        QCOMPARE(all->size(), 4);
        kpi::store::SampleQuery query;
        query.metricKeys = {QStringLiteral("USERS")};
        const auto viaSamples = (*history)->samples(query);
        KPI_VERIFY_OK(viaSamples);
        QList<Point> raw;
        for (const auto &one : *all)
            raw.append({one.timestampMs, one.value});
        ChartSeries::Options weekly;
        weekly.bucket = Bucketer::Size::Week;
        weekly.aggregation = ChartSeries::Aggregation::Sum;
        QCOMPARE(ChartSeries::points(raw, weekly), ChartSeries::points(*viaSamples, weekly));

        const auto cut = (*history)->timedValues(QStringLiteral("USERS"),
                                                 at(QStringLiteral("2026-03-04T08:00:00Z")),
                                                 at(QStringLiteral("2026-03-10T08:00:00Z")));
        KPI_VERIFY_OK(cut);
        QCOMPARE(cut->size(), 2);
        QCOMPARE(cut->at(0).value, 40.0);
        QCOMPARE(cut->at(1).value, 25.0);
        const auto none = (*history)->timedValues(QStringLiteral("MISSING"));
        KPI_VERIFY_OK(none);
        QVERIFY(none->isEmpty());
    }

    void csv_quotesAndKeepsRealTimes()
    {
        ChartSeries::Series current{QStringLiteral("USERS"),
                                    QStringLiteral("Users, \"active\""),
                                    false,
                                    {{at(QStringLiteral("2026-03-02T00:00:00Z")), 1.5}}};
        ChartSeries::Series previous{QStringLiteral("USERS"),
                                     QStringLiteral("Users"),
                                     true,
                                     {{at(QStringLiteral("2026-02-02T00:00:00Z")), 1e9}}};
        QCOMPARE(
            ChartSeries::toCsv({current, previous}, QTimeZone("Europe/Berlin")),
            QByteArray("metric,label,period,time,value\r\n"
                       "USERS,\"Users, \"\"active\"\"\",current,2026-03-02T01:00:00+01:00,1.5\r\n"
                       "USERS,Users,previous,2026-02-02T01:00:00+01:00,1000000000\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestChartSeries)
#include "TestChartSeries.moc"
