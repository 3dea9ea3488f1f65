// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "net/HostLimiter.h"

#include <QTest>
#include <QUrl>

using kpi::net::HostLimiter;

class TestHostLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void originOf_normalisesSchemeHostAndPort_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("origin");
        QTest::newRow("https default port") << "https://API.github.com/repos/x"
                                            << "https://api.github.com:443";
        QTest::newRow("http default port") << "http://example.com"
                                           << "http://example.com:80";
        QTest::newRow("explicit port") << "http://127.0.0.1:8080/a?b"
                                       << "http://127.0.0.1:8080";
    }
    void originOf_normalisesSchemeHostAndPort()
    {
        QFETCH(QString, url);
        QFETCH(QString, origin);
        QCOMPARE(HostLimiter::originOf(QUrl(url)), origin);
    }

    void acquire_grantsAtOnceUpToTheLimitThenQueuesInOrder()
    {
        HostLimiter limiter(2);
        QList<int> started;
        QList<HostLimiter::Ticket> tickets;
        for (int i = 0; i < 5; ++i) {
            const auto grant =
                limiter.acquire(QStringLiteral("a"), [&started, i] { started.append(i); });
            QCOMPARE(grant.immediate, i < 2);
            if (grant.immediate)
                started.append(i); // the caller starts a granted request itself
            tickets.append(grant.ticket);
        }
        QCOMPARE(started, (QList<int>{0, 1}));
        QCOMPARE(limiter.inFlight(QStringLiteral("a")), 2);
        QCOMPARE(limiter.waiting(QStringLiteral("a")), 3);

        limiter.release(tickets[1]);
        QCOMPARE(started, (QList<int>{0, 1, 2}));
        limiter.release(tickets[3]); // leaves the queue without ever starting
        limiter.release(tickets[0]);
        QCOMPARE(started, (QList<int>{0, 1, 2, 4}));
        limiter.release(tickets[0]); // twice is harmless
        QCOMPARE(limiter.inFlight(QStringLiteral("a")), 2);
    }

    void acquire_originsAreIndependent()
    {
        HostLimiter limiter(1);
        QVERIFY(limiter.acquire(QStringLiteral("a"), [] {}).immediate);
        QVERIFY(!limiter.acquire(QStringLiteral("a"), [] {}).immediate);
        QVERIFY(limiter.acquire(QStringLiteral("b"), [] {}).immediate);
    }

    void setMaxPerOrigin_raisingStartsWaiters()
    {
        HostLimiter limiter(1);
        int started = 0;
        for (int i = 0; i < 4; ++i)
            started += limiter.acquire(QStringLiteral("a"), [&] { ++started; }).immediate ? 1 : 0;
        QCOMPARE(started, 1);
        limiter.setMaxPerOrigin(3);
        QCOMPARE(started, 3);
    }

    void limit_neverExceedsQtsConnectionsPerHost()
    {
        // More would queue inside QNetworkAccessManager with their deadlines running.
        HostLimiter limiter(20);
        QCOMPARE(limiter.maxPerOrigin(), kpi::net::MaxConnectionsPerOrigin);
        limiter.setMaxPerOrigin(1);
        QCOMPARE(limiter.maxPerOrigin(), 1);
        limiter.setMaxPerOrigin(7);
        QCOMPARE(limiter.maxPerOrigin(), kpi::net::MaxConnectionsPerOrigin);
        limiter.setMaxPerOrigin(0);
        QCOMPARE(limiter.maxPerOrigin(), 1);

        limiter.setMaxPerOrigin(100);
        int immediate = 0;
        for (int i = 0; i < kpi::net::MaxConnectionsPerOrigin + 2; ++i)
            immediate += limiter.acquire(QStringLiteral("a"), [] {}).immediate ? 1 : 0;
        QCOMPARE(immediate, kpi::net::MaxConnectionsPerOrigin);
        QCOMPARE(limiter.waiting(QStringLiteral("a")), 2);
    }

    void release_startsTheNextInsideTheCall()
    {
        HostLimiter limiter(1);
        QList<int> started;
        const auto first = limiter.acquire(QStringLiteral("a"), [&] { started.append(0); });
        QVERIFY(first.immediate);
        HostLimiter::Ticket second = 0;
        // The second request finishes at once when started: its release, from inside the
        // first release, must start the third.
        second = limiter
                     .acquire(QStringLiteral("a"),
                              [&] {
                                  started.append(1);
                                  limiter.release(second);
                              })
                     .ticket;
        limiter.acquire(QStringLiteral("a"), [&] { started.append(2); });
        limiter.release(first.ticket);
        QCOMPARE(started, (QList<int>{1, 2}));
        QCOMPARE(limiter.inFlight(QStringLiteral("a")), 1);
        QCOMPARE(limiter.waiting(QStringLiteral("a")), 0);
    }
};

QTEST_GUILESS_MAIN(TestHostLimiter)
#include "TestHostLimiter.moc"
