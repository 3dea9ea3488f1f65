// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "net/RetryPolicy.h"

#include <QTest>
#include <QTimeZone>

using kpi::net::RetryPolicy;
using std::chrono::milliseconds;

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backoffDelay_growsExponentiallyWithinJitter_data()
    {
        QTest::addColumn<int>("failedAttempt");
        QTest::addColumn<double>("jitter");
        QTest::addColumn<qint64>("expectedMs");
        // initialDelay 1000 ms, maxDelay 30000 ms; jitter scales into [50 %, 100 %].
        QTest::newRow("first, no jitter") << 1 << 1.0 << qint64(1000);
        QTest::newRow("first, full jitter") << 1 << 0.0 << qint64(500);
        QTest::newRow("second") << 2 << 1.0 << qint64(2000);
        QTest::newRow("third, half jitter") << 3 << 0.5 << qint64(3000);
        QTest::newRow("fifth") << 5 << 1.0 << qint64(16000);
        QTest::newRow("capped") << 6 << 1.0 << qint64(30000);
        QTest::newRow("capped far out") << 40 << 1.0 << qint64(30000);
        QTest::newRow("jitter clamped") << 1 << 7.0 << qint64(1000);
    }
    void backoffDelay_growsExponentiallyWithinJitter()
    {
        QFETCH(int, failedAttempt);
        QFETCH(double, jitter);
        QFETCH(qint64, expectedMs);
        QCOMPARE(RetryPolicy{}.backoffDelay(failedAttempt, jitter).count(), expectedMs);
    }

    void parseRetryAfter_acceptsSecondsAndDates_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expectedMs"); // -1: unparsable
        QTest::newRow("seconds") << QByteArray("120") << qint64(120000);
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("padded") << QByteArray(" 5 ") << qint64(5000);
        QTest::newRow("http-date") << QByteArray("Sat, 28 Nov 2026 12:00:30 GMT") << qint64(30000);
        QTest::newRow("date in the past")
            << QByteArray("Sat, 28 Nov 2026 11:00:00 GMT") << qint64(0);
        QTest::newRow("negative") << QByteArray("-3") << qint64(-1);
        QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
        QTest::newRow("empty") << QByteArray("") << qint64(-1);
        QTest::newRow("fraction") << QByteArray("1.5") << qint64(-1);
        QTest::newRow("signed") << QByteArray("+5") << qint64(-1);
        // Absurd waits are clamped, never overflowed into a negative delay.
        const qint64 cap = kpi::net::MaxRetryAfterValue.count();
        QTest::newRow("at the cap") << QByteArray("86400") << cap;
        QTest::newRow("just over the cap") << QByteArray("86401") << cap;
        QTest::newRow("overflows as ms") << QByteArray("9999999999999999") << cap;
        QTest::newRow("overflows 64 bits") << QByteArray("99999999999999999999") << cap;
        QTest::newRow("http-date in year 9999")
            << QByteArray("Fri, 31 Dec 9999 23:59:59 GMT") << cap;
    }
    void parseRetryAfter_acceptsSecondsAndDates()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, expectedMs);
        const QDateTime now(QDate(2026, 11, 28), QTime(12, 0), QTimeZone::utc());
        const auto parsed = RetryPolicy::parseRetryAfter(value, now);
        QCOMPARE(parsed.has_value(), expectedMs >= 0);
        if (parsed)
            QCOMPARE(parsed->count(), expectedMs);
    }

    void isNotProcessedStatus_onlyStatusesSayingSo()
    {
        for (int status : {408, 429, 503})
            QVERIFY2(RetryPolicy::isNotProcessedStatus(status),
                     qPrintable(QString::number(status)));
        for (int status : {200, 400, 500, 502, 504})
            QVERIFY2(!RetryPolicy::isNotProcessedStatus(status),
                     qPrintable(QString::number(status)));
    }

    void isIdempotent_perRfc9110()
    {
        for (const char *method : {"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"})
            QVERIFY2(RetryPolicy::isIdempotent(method), method);
        for (const char *method : {"POST", "PATCH", "CONNECT", "get", ""})
            QVERIFY2(!RetryPolicy::isIdempotent(method), method);
        QVERIFY(!RetryPolicy{}.retryNonIdempotent); // a POST is not repeated by default
    }

    void isRetryableStatus_onlyTransientOnes()
    {
        for (int status : {408, 429, 500, 502, 503, 504})
            QVERIFY2(RetryPolicy::isRetryableStatus(status), qPrintable(QString::number(status)));
        for (int status : {200, 301, 400, 401, 403, 404, 422, 501, 505})
            QVERIFY2(!RetryPolicy::isRetryableStatus(status), qPrintable(QString::number(status)));
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "TestRetryPolicy.moc"
