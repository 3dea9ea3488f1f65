// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "net/CookieJar.h"

#include <QDateTime>
#include <QUrl>

namespace kpi::net {

QByteArray CookieJar::cookieHeader(const QUrl &url) const
{
    QByteArray header;
    const auto cookies = cookiesForUrl(url);
    for (const QNetworkCookie &cookie : cookies) {
        if (!header.isEmpty())
            header += "; ";
        header += cookie.toRawForm(QNetworkCookie::NameAndValueOnly);
    }
    return header;
}

void CookieJar::store(const QList<QNetworkCookie> &cookies, const QUrl &url)
{
    setCookiesFromUrl(cookies, url);
}

QByteArray CookieJar::serialize() const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QByteArray data;
    const auto cookies = allCookies();
    for (const QNetworkCookie &cookie : cookies) {
        if (!cookie.isSessionCookie() && cookie.expirationDate() <= now)
            continue;
        data += cookie.toRawForm(QNetworkCookie::Full) + '\n';
    }
    return data;
}

void CookieJar::restore(const QByteArray &data)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<QNetworkCookie> kept;
    const auto lines = data.split('\n');
    for (const QByteArray &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        const auto parsed = QNetworkCookie::parseCookies(line);
        for (const QNetworkCookie &cookie : parsed) {
            // Without a domain Qt would send it everywhere; store() always sets one.
            if (cookie.domain().isEmpty())
                continue;
            if (!cookie.isSessionCookie() && cookie.expirationDate() <= now)
                continue;
            kept.append(cookie);
        }
    }
    setAllCookies(kept);
}

void CookieJar::clear()
{
    setAllCookies({});
}

} // namespace kpi::net
