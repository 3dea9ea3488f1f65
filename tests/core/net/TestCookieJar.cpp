// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "net/CookieJar.h"

#include <QDateTime>
#include <QTest>
#include <QUrl>

using kpi::net::CookieJar;

namespace {

QList<QNetworkCookie> parse(const char *setCookie)
{
    return QNetworkCookie::parseCookies(QByteArray(setCookie));
}

} // namespace

class TestCookieJar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serialize_roundTripsSessionAndLastingCookies()
    {
        const QUrl site(QStringLiteral("http://127.0.0.1:8080/login"));
        CookieJar jar;
        jar.store(parse("sid=abc123; Path=/; HttpOnly"), site);
        const QByteArray future =
            QDateTime::currentDateTimeUtc().addDays(30).toString(Qt::RFC2822Date).toLatin1();
        jar.store(parse(QByteArray("remember=yes; Path=/; Expires=" + future).constData()), site);
        const QByteArray saved = jar.serialize();
        QVERIFY(saved.contains("sid=abc123"));

        CookieJar restored;
        restored.restore(saved);
        QCOMPARE(restored.cookieHeader(QUrl(QStringLiteral("http://127.0.0.1:8080/dashboard"))),
                 jar.cookieHeader(QUrl(QStringLiteral("http://127.0.0.1:8080/dashboard"))));
        QVERIFY(restored.cookieHeader(QUrl(QStringLiteral("http://127.0.0.1:8080/")))
                    .contains("sid=abc123"));
        // Not to another host.
        QVERIFY(restored.cookieHeader(QUrl(QStringLiteral("http://127.0.0.2:8080/"))).isEmpty());
    }

    void restore_dropsExpiredAndDomainlessCookies()
    {
        CookieJar jar;
        jar.restore("old=1; expires=Thu, 01 Jan 2015 00:00:00 GMT; domain=127.0.0.1; path=/\n"
                    "nodomain=1; path=/\n"
                    "ok=1; domain=127.0.0.1; path=/\n");
        QCOMPARE(jar.cookieHeader(QUrl(QStringLiteral("http://127.0.0.1/"))), QByteArray("ok=1"));
    }

    void restore_ofGarbageIsEmpty()
    {
        CookieJar jar;
        jar.restore("\n\n;;;\n");
        QVERIFY(jar.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCookieJar)
#include "TestCookieJar.moc"
