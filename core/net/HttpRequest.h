// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "net/CookieJar.h"
#include "net/RetryPolicy.h"

#include <QByteArray>
#include <QList>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <utility>

namespace kpi::net {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

inline constexpr qint64 DefaultMaxResponseBytes = 10 * 1024 * 1024;
inline constexpr std::chrono::milliseconds DefaultDeadline{30000};

// Everything one HTTP exchange needs. Plain data: build it, hand it to HttpClient::send().
struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    HeaderList headers;
    QByteArray body;

    // One attempt, redirects included, must finish within this; it also ends a response
    // that trickles in slowly, which a stall timeout alone would let run forever.
    std::chrono::milliseconds deadline = DefaultDeadline;
    qint64 maxResponseBytes = DefaultMaxResponseBytes;
    int maxRedirects = 10;
    RetryPolicy retry;

    // Headers holding credentials, dropped on a redirect to another origin as browsers and
    // curl do. Authorization, Proxy-Authorization and Cookie always count. Names match
    // case-insensitively, as HTTP header names do: "x-api-key" here covers "X-Api-Key".
    QList<QByteArray> credentialHeaders;
    // Query parameters holding credentials: shown as <redacted> in every message and log.
    QStringList secretQueryItems;
    // The whole URL is a credential (a Discord or Slack webhook, whose path is the token):
    // shown as redactedUrl() in every message and log.
    bool secretUrl = false;
    // A jar of the caller's own (a source's login session): its cookies are sent and
    // Set-Cookie answers stored on every hop, redirects included. Null: no cookies at all.
    QPointer<CookieJar> cookieJar;

    void setHeader(const QByteArray &name, const QByteArray &value);
    // Whether the header `name` (any case) holds a credential; see credentialHeaders.
    bool isCredentialHeader(const QByteArray &name) const;

    // The URL as it may be shown to the user or logged: no password, no secret query values.
    QString displayUrl() const { return displayUrl(url); }
    QString displayUrl(const QUrl &other) const;
    // `https://hooks.example.com/…(redacted)`: the scheme and host only, for URLs that are
    // secrets as a whole.
    static QString redactedUrl(const QUrl &url);
};

} // namespace kpi::net
