// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "report/Lttb.h"

#include <QTest>

#include <cmath>

using kpi::report::Lttb;

namespace {

QList<Lttb::Point> line(int count, double (*f)(int))
{
    QList<Lttb::Point> points;
    for (int i = 0; i < count; ++i)
        points.append({double(i), f(i)});
    return points;
}

} // namespace

class TestLttb : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shortSeries_isReturnedWhole()
    {
        const auto points = line(10, [](int i) { return double(i * i); });
        QCOMPARE(Lttb::downsample(points, 10), points);
        QCOMPARE(Lttb::downsample(points, 50), points);
        QCOMPARE(Lttb::downsample(points, 2), points); // below 3: nothing sensible to pick
        QCOMPARE(Lttb::downsample({}, 5), QList<Lttb::Point>());
    }

    void returnsExactlyThresholdPoints_keepingFirstAndLast_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("threshold");
        QTest::newRow("100000 to 1000") << 100'000 << 1000;
        QTest::newRow("11 to 10") << 11 << 10;
        QTest::newRow("1000 to 3") << 1000 << 3;
        QTest::newRow("7 to 4 (uneven buckets)") << 7 << 4;
    }
    void returnsExactlyThresholdPoints_keepingFirstAndLast()
    {
        QFETCH(int, count);
        QFETCH(int, threshold);
        const auto points = line(count, [](int i) { return std::sin(i / 50.0) * 100; });
        const auto kept = Lttb::downsample(points, threshold);
        QCOMPARE(kept.size(), threshold);
        QCOMPARE(kept.first(), points.first());
        QCOMPARE(kept.last(), points.last());
        // Points of the input, in order, none twice.
        for (int i = 1; i < kept.size(); ++i)
            QVERIFY2(kept[i].x > kept[i - 1].x, qPrintable(QString::number(i)));
        for (const auto &point : kept)
            QCOMPARE(point.y, points[int(point.x)].y);
    }

    // A flat line with one spike and one dip: a stride or an average loses them, LTTB keeps
    // both, since each makes the largest triangle in its bucket.
    void keepsTheExtremes()
    {
        auto points = line(10'000, [](int) { return 5.0; });
        points[3'217].y = 900;
        points[7'801].y = -400;
        const auto kept = Lttb::downsample(points, 100);
        QCOMPARE(kept.size(), 100);
        QVERIFY(kept.contains(points[3'217]));
        QVERIFY(kept.contains(points[7'801]));
    }

    // The classic worked example: with three buckets of one point each nothing is dropped,
    // and with one inner bucket the point farthest from the line first–last is chosen.
    void picksTheLargestTriangle()
    {
        const QList<Lttb::Point> points{{0, 0}, {1, 1}, {2, 8}, {3, 2}, {4, 0}};
        const auto kept = Lttb::downsample(points, 3);
        QCOMPARE(kept, (QList<Lttb::Point>{{0, 0}, {2, 8}, {4, 0}}));
    }

    void unevenX_isHandled()
    {
        QList<Lttb::Point> points;
        double x = 0;
        for (int i = 0; i < 500; ++i) {
            x += (i % 7) + 0.5; // irregular sampling, like runs that were missed
            points.append({x, double(i % 13)});
        }
        const auto kept = Lttb::downsample(points, 50);
        QCOMPARE(kept.size(), 50);
        QCOMPARE(kept.first(), points.first());
        QCOMPARE(kept.last(), points.last());
    }
};

QTEST_APPLESS_MAIN(TestLttb)
#include "TestLttb.moc"
