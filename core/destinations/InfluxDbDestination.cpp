// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "destinations/InfluxDbDestination.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QMap>
#include <QUrl>
#include <QUrlQuery>

#include <cmath>

namespace kpi::destinations {

namespace {

QString escaped(QString text, const QString &special)
{
    // Line protocol allows no newline in a tag or field at all: one becomes a space.
    text.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
    QString out;
    out.reserve(text.size());
    for (const QChar c : std::as_const(text)) {
        if (special.contains(c))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

} // namespace

InfluxDbDestination::InfluxDbDestination(workspace::DestinationConfig config,
                                         net::HttpClient *client, QObject *parent)
    : HttpDestination(std::move(config), client, parent)
{ }

QString InfluxDbDestination::escapeMeasurement(QString text)
{
    return escaped(std::move(text), QStringLiteral(", "));
}

QString InfluxDbDestination::escapeKey(QString text)
{
    return escaped(std::move(text), QStringLiteral(",= "));
}

QByteArray InfluxDbDestination::lines(const QJsonObject &payload, const QString &measurement,
                                      const QJsonObject &extraTags)
{
    const QString start = payload.value(QLatin1String("periodStart"))
                              .toString(payload.value(QLatin1String("collectedAt")).toString());
    const qint64 seconds =
        QDateTime::fromString(start, Qt::ISODateWithMs).toMSecsSinceEpoch() / 1000;
    QByteArray out;
    for (const QJsonValue &entry : payload.value(QLatin1String("values")).toArray()) {
        const QJsonObject value = entry.toObject();
        const double number = value.value(QLatin1String("value")).toDouble(NAN);
        const QString key = value.value(QLatin1String("key")).toString();
        if (!std::isfinite(number) || key.isEmpty())
            continue;
        // Tags sorted by key, as InfluxDB recommends; an empty tag value is not allowed.
        QMap<QString, QString> tags;
        for (auto it = extraTags.constBegin(); it != extraTags.constEnd(); ++it)
            tags.insert(it.key(), it.value().toString());
        tags.insert(QStringLiteral("key"), key);
        if (const QString unit = value.value(QLatin1String("unit")).toString(); !unit.isEmpty())
            tags.insert(QStringLiteral("unit"), unit);
        QString line = escapeMeasurement(measurement);
        for (auto it = tags.cbegin(); it != tags.cend(); ++it) {
            if (!it.value().isEmpty())
                line += QLatin1Char(',') + escapeKey(it.key()) + QLatin1Char('=') +
                        escapeKey(it.value());
        }
        // A float field: the shortest text that reads back as the same double.
        line += QStringLiteral(" value=") +
                QString::number(number, 'g', QLocale::FloatingPointShortest) + QLatin1Char(' ') +
                QString::number(seconds) + QLatin1Char('\n');
        out += line.toUtf8();
    }
    return out;
}

Result<QList<net::HttpRequest>> InfluxDbDestination::requests(const DeliveryItem &item,
                                                              const SecretValues &secrets) const
{
    const QJsonObject &settings = config().settings;
    QUrl url(settings.value(QLatin1String("url")).toString());
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/api/v2/write"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("org"), settings.value(QLatin1String("org")).toString());
    query.addQueryItem(QStringLiteral("bucket"),
                       settings.value(QLatin1String("bucket")).toString());
    query.addQueryItem(QStringLiteral("precision"), QStringLiteral("s"));
    url.setQuery(query);

    net::HttpRequest request;
    request.method = "POST";
    request.url = url;
    request.body = lines(
        item.payload, settings.value(QLatin1String("measurement")).toString(QStringLiteral("kpi")),
        settings.value(QLatin1String("tags")).toObject());
    request.setHeader("Content-Type", "text/plain; charset=utf-8");
    request.setHeader("Accept", "application/json");
    const QString token =
        secretOr(secrets, secretName(QStringLiteral("token")), QStringLiteral("<token>"));
    request.setHeader("Authorization", "Token " + token.toUtf8());
    if (request.body.isEmpty())
        return Result<QList<net::HttpRequest>>::ok({}); // nothing to write: delivered as is
    return Result<QList<net::HttpRequest>>::ok({request});
}

} // namespace kpi::destinations
