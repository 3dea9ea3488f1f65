// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "destinations/WebhookDestination.h"

#include "util/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QUrl>

namespace kpi::destinations {

WebhookDestination::WebhookDestination(workspace::DestinationConfig config, net::HttpClient *client,
                                       const Clock &clock, QObject *parent)
    : HttpDestination(std::move(config), client, parent), m_clock(clock)
{ }

QList<QByteArray> WebhookDestination::bodies(const DeliveryItem &item, const QString &destinationId,
                                             int maxValuesPerRequest)
{
    const QJsonArray values = item.payload.value(QLatin1String("values")).toArray();
    const qsizetype perPart = maxValuesPerRequest > 0 ? maxValuesPerRequest : values.size();
    const qsizetype count =
        perPart == 0 ? 1 : std::max<qsizetype>(1, (values.size() + perPart - 1) / perPart);
    const QString kind = item.payload.value(QLatin1String("kind")).toString();
    QList<QByteArray> bodies;
    for (qsizetype part = 0; part < count; ++part) {
        QJsonObject body = item.payload;
        body.insert(QStringLiteral("event"), kind == QLatin1String("digest")
                                                 ? QStringLiteral("kpi.digest")
                                                 : QStringLiteral("kpi.values"));
        body.insert(QStringLiteral("destination"), destinationId);
        // Stable across retries: a receiver can drop a request it has already seen.
        body.insert(QStringLiteral("deliveryId"),
                    QStringLiteral("%1/%2/%3").arg(destinationId, item.period).arg(part + 1));
        body.insert(QStringLiteral("part"), QJsonObject{{QStringLiteral("index"), int(part + 1)},
                                                        {QStringLiteral("count"), int(count)}});
        QJsonArray slice;
        for (qsizetype i = part * perPart; i < std::min(values.size(), (part + 1) * perPart); ++i)
            slice.append(values.at(i));
        body.insert(QStringLiteral("values"), slice);
        bodies.append(QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    return bodies;
}

QByteArray WebhookDestination::signature(const QByteArray &secret, const QByteArray &timestamp,
                                         const QByteArray &body)
{
    return "sha256=" + QMessageAuthenticationCode::hash(timestamp + '.' + body, secret,
                                                        QCryptographicHash::Sha256)
                           .toHex();
}

Result<QList<net::HttpRequest>> WebhookDestination::requests(const DeliveryItem &item,
                                                             const SecretValues &secrets) const
{
    using R = Result<QList<net::HttpRequest>>;
    const QUrl url(secretOr(secrets, secretName(QStringLiteral("url")), QString()),
                   QUrl::StrictMode);
    const bool previewOnly = !secrets.contains(secretName(QStringLiteral("url")));
    if (!previewOnly && (!url.isValid() || (url.scheme() != QLatin1String("https") &&
                                            url.scheme() != QLatin1String("http")))) {
        // Never the value itself: it is a secret.
        return R::error(Error::Code::InvalidInput,
                        tr("the secret \"%1\" is not an http or https URL")
                            .arg(secretName(QStringLiteral("url"))));
    }
    const QString signingName = secretName(QStringLiteral("signingSecret"));
    const int perPart = config().settings.value(QLatin1String("maxValuesPerRequest")).toInt();
    const QByteArray timestamp = QByteArray::number(m_clock.nowMs() / 1000);
    QList<net::HttpRequest> requests;
    for (const QByteArray &body : bodies(item, id(), perPart)) {
        net::HttpRequest request;
        request.method = "POST";
        request.url = url;
        request.secretUrl = true;
        request.body = body;
        request.setHeader("Content-Type", "application/json");
        request.setHeader("X-KPI-Delivery", QJsonDocument::fromJson(body)
                                                .object()
                                                .value(QLatin1String("deliveryId"))
                                                .toString()
                                                .toUtf8());
        if (!signingName.isEmpty()) {
            const QString key = secretOr(secrets, signingName, QString());
            request.setHeader("X-KPI-Timestamp", timestamp);
            request.setHeader("X-KPI-Signature", key.isEmpty()
                                                     ? QByteArray("sha256=<computed when sent>")
                                                     : signature(key.toUtf8(), timestamp, body));
        }
        requests.append(request);
    }
    return R::ok(requests);
}

} // namespace kpi::destinations
