// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "sources/RequestCredentials.h"

#include "net/HttpRequest.h"
#include "secrets/SecretScrubber.h"
#include "workspace/Workspace.h"

#include <QCoreApplication>
#include <QUrlQuery>

namespace kpi::sources::RequestCredentials {

Result<QString> apply(const workspace::HttpConfig &http, const SecretValues &secrets,
                      net::HttpRequest &request, secrets::SecretScrubber &scrubber)
{
    using workspace::AuthConfig;
    const auto secret = [&](const QString &name) -> std::optional<QString> {
        const auto it = secrets.constFind(name);
        if (it == secrets.cend())
            return std::nullopt;
        scrubber.add(it->reveal());
        return it->reveal();
    };
    const auto missing = [](const QString &name) {
        return Result<QString>::error(
            Error::Code::Secret,
            QCoreApplication::translate("RequestCredentials", "secret \"%1\" was not resolved")
                .arg(name));
    };
    for (const auto &[name, value] : http.headers) {
        QString text = value.value;
        if (value.isSecret()) {
            const auto resolved = secret(value.secret);
            if (!resolved)
                return missing(value.secret);
            text = *resolved;
            request.credentialHeaders.append(name.toLatin1());
        }
        request.setHeader(name.toLatin1(), text.toUtf8());
    }
    const AuthConfig &auth = http.auth;
    if (auth.type == AuthConfig::Type::None)
        return Result<QString>::ok({});
    const auto credential = secret(auth.secret);
    if (!credential)
        return missing(auth.secret);
    switch (auth.type) {
    case AuthConfig::Type::Bearer:
        request.setHeader("Authorization", "Bearer " + credential->toUtf8());
        break;
    case AuthConfig::Type::Basic: {
        const QByteArray encoded =
            (auth.username + QLatin1Char(':') + *credential).toUtf8().toBase64();
        scrubber.addEncoded(QString::fromLatin1(encoded));
        request.setHeader("Authorization", "Basic " + encoded);
        break;
    }
    case AuthConfig::Type::Header:
        request.setHeader(auth.name.toLatin1(), credential->toUtf8());
        request.credentialHeaders.append(auth.name.toLatin1());
        break;
    case AuthConfig::Type::Query:
        request.secretQueryItems.append(auth.name);
        return Result<QString>::ok(*credential);
    case AuthConfig::Type::None:
        break;
    }
    return Result<QString>::ok({});
}

void addToQuery(QUrl &url, const QString &name, const QString &value)
{
    QUrlQuery query(url);
    query.removeAllQueryItems(name);
    query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    url.setQuery(query);
}

} // namespace kpi::sources::RequestCredentials
