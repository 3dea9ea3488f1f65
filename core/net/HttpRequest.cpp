// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "net/HttpRequest.h"

#include <QUrlQuery>

#include <algorithm>

namespace kpi::net {

void HttpRequest::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return;
        }
    }
    headers.append({name, value});
}

bool HttpRequest::isCredentialHeader(const QByteArray &name) const
{
    const auto matches = [&name](const QByteArray &other) {
        return name.compare(other, Qt::CaseInsensitive) == 0;
    };
    return matches("Authorization") || matches("Proxy-Authorization") || matches("Cookie") ||
           std::any_of(credentialHeaders.cbegin(), credentialHeaders.cend(), matches);
}

QString HttpRequest::redactedUrl(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("<redacted URL>");
    QString shown = url.scheme() + QStringLiteral("://") + url.host();
    if (url.port() > 0)
        shown += QLatin1Char(':') + QString::number(url.port());
    return shown + QStringLiteral("/\u2026(redacted)");
}

QString HttpRequest::displayUrl(const QUrl &other) const
{
    if (secretUrl)
        return redactedUrl(other);
    QUrl shown = other.adjusted(QUrl::RemovePassword | QUrl::RemoveFragment);
    if (!secretQueryItems.isEmpty() && shown.hasQuery()) {
        QUrlQuery query(shown);
        auto items = query.queryItems(QUrl::FullyEncoded);
        for (auto &item : items) {
            if (secretQueryItems.contains(QUrl::fromPercentEncoding(item.first.toUtf8()),
                                          Qt::CaseSensitive))
                item.second = QStringLiteral("<redacted>");
        }
        query.setQueryItems(items);
        shown.setQuery(query);
    }
    // QUrl percent-encodes the marker's angle brackets; show them as written.
    return shown.toDisplayString().replace(QLatin1String("%3Credacted%3E"),
                                           QLatin1String("<redacted>"));
}

} // namespace kpi::net
