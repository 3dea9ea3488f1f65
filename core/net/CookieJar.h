// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkCookie>
#include <QNetworkCookieJar>

namespace kpi::net {

// The cookies of one source (a site's session after logging in), never shared with the app's
// QNetworkAccessManager. HttpJob reads and fills it on every hop, redirects included, when a
// request carries one (HttpRequest::cookieJar). Qt's jar does the RFC 6265 checks: domain
// and path matching, Secure cookies only over HTTPS, expiry.
class CookieJar : public QNetworkCookieJar
{
    Q_OBJECT

public:
    using QNetworkCookieJar::QNetworkCookieJar;

    // The value of a Cookie header for `url`, empty when no cookie applies.
    QByteArray cookieHeader(const QUrl &url) const;
    // Takes the Set-Cookie headers of a response from `url`.
    void store(const QList<QNetworkCookie> &cookies, const QUrl &url);

    // Every unexpired cookie, session cookies included (they are the login), one
    // Set-Cookie line each, for the secret store. Secret: it is a credential.
    QByteArray serialize() const;
    // The cookies serialize() wrote; expired ones are dropped. Replaces what the jar held.
    void restore(const QByteArray &data);
    void clear();
    bool isEmpty() const { return allCookies().isEmpty(); }
};

} // namespace kpi::net
