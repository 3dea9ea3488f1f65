// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "report/Bucketer.h"

#include <QDateTime>
#include <QTest>

using kpi::report::Bucketer;
using kpi::store::Sample;

namespace {

qint64 utc(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toMSecsSinceEpoch();
}

Sample sample(const QString &key, const QString &iso, double value)
{
    Sample s;
    s.metricKey = key;
    s.timestampMs = utc(iso);
    s.value = value;
    return s;
}

} // namespace

class TestBucketer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bucketStart_followsTheZonesCalendar_data()
    {
        QTest::addColumn<QString>("size");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("instant");
        QTest::addColumn<QDate>("start");
        QTest::newRow("day, UTC") << "day"
                                  << "UTC"
                                  << "2026-11-28T23:30:00Z" << QDate(2026, 11, 28);
        QTest::newRow("day, Berlin is already tomorrow")
            << "day"
            << "Europe/Berlin"
            << "2026-11-28T23:30:00Z" << QDate(2026, 11, 29);
        QTest::newRow("day, New York is still yesterday")
            << "day"
            << "America/New_York"
            << "2026-11-28T03:00:00Z" << QDate(2026, 11, 27);
        QTest::newRow("week starts Monday") << "week"
                                            << "UTC"
                                            << "2026-11-29T12:00:00Z" << QDate(2026, 11, 23);
        QTest::newRow("week, Monday itself") << "week"
                                             << "UTC"
                                             << "2026-11-23T00:00:00Z" << QDate(2026, 11, 23);
        QTest::newRow("week across a year") << "week"
                                            << "UTC"
                                            << "2027-01-02T08:00:00Z" << QDate(2026, 12, 28);
        QTest::newRow("week, Sunday night in Berlin is Monday")
            << "week"
            << "Europe/Berlin"
            << "2026-11-29T23:30:00Z" << QDate(2026, 11, 30);
        QTest::newRow("month") << "month"
                               << "UTC"
                               << "2026-02-28T23:59:59Z" << QDate(2026, 2, 1);
        QTest::newRow("month, Berlin new year") << "month"
                                                << "Europe/Berlin"
                                                << "2026-12-31T23:30:00Z" << QDate(2027, 1, 1);
        QTest::newRow("day after spring forward") << "day"
                                                  << "Europe/Berlin"
                                                  << "2026-03-29T01:30:00Z" << QDate(2026, 3, 29);
        QTest::newRow("day during fall back") << "day"
                                              << "Europe/Berlin"
                                              << "2026-10-25T00:30:00Z" << QDate(2026, 10, 25);
    }
    void bucketStart_followsTheZonesCalendar()
    {
        QFETCH(QString, size);
        QFETCH(QString, zone);
        QFETCH(QString, instant);
        QFETCH(QDate, start);
        const Bucketer bucketer(*Bucketer::sizeFromString(size), QTimeZone(zone.toUtf8()));
        QCOMPARE(bucketer.bucketStart(utc(instant)), start);
    }

    void sizeFromString_onlyTheThreeSizes()
    {
        QCOMPARE(Bucketer::sizeFromString(QStringLiteral("week")), Bucketer::Size::Week);
        QVERIFY(!Bucketer::sizeFromString(QStringLiteral("year")));
        QVERIFY(!Bucketer::sizeFromString(QStringLiteral("Day")));
    }

    void lastPerBucket_keepsTheLastValueOfEachPeriodAndMetric()
    {
        const Bucketer weeks(Bucketer::Size::Week, QTimeZone(QByteArrayLiteral("UTC")));
        const QList<Sample> samples{
            sample(QStringLiteral("A"), QStringLiteral("2026-11-23T06:00:00Z"), 1),
            sample(QStringLiteral("A"), QStringLiteral("2026-11-25T06:00:00Z"), 2),
            sample(QStringLiteral("A"), QStringLiteral("2026-11-29T23:59:00Z"),
                   3), // last of week 48
            sample(QStringLiteral("A"), QStringLiteral("2026-11-30T00:00:00Z"), 4),
            sample(QStringLiteral("B"), QStringLiteral("2026-11-24T06:00:00Z"), 10),
        };
        const auto buckets = weeks.lastPerBucket(samples);
        QCOMPARE(buckets.size(), 3);
        QCOMPARE(buckets[0].metricKey, QStringLiteral("A"));
        QCOMPARE(buckets[0].start, QDate(2026, 11, 23));
        QCOMPARE(buckets[0].sample.value, 3.0);
        QCOMPARE(buckets[1].start, QDate(2026, 11, 30));
        QCOMPARE(buckets[1].sample.value, 4.0);
        QCOMPARE(buckets[2].metricKey, QStringLiteral("B"));
        QCOMPARE(buckets[2].sample.value, 10.0);
        QVERIFY(weeks.lastPerBucket({}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBucketer)
#include "TestBucketer.moc"
