// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "destinations/notion/NotionDestination.h"

#include "destinations/HttpDestination.h"
#include "destinations/notion/NotionClient.h"
#include "util/Logging.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaObject>
#include <QSet>

#include <cmath>

namespace kpi::destinations::notion {

namespace {

const QString NumberType = QStringLiteral("number");
const QString DateType = QStringLiteral("date");
const QString TitleType = QStringLiteral("title");

QString quoted(const QString &name)
{
    return QLatin1Char('"') + name + QLatin1Char('"');
}

// The metrics of a payload with a finite value: (key, label, value).
struct PayloadValue
{
    QString key;
    QString label;
    double value;
};

QList<PayloadValue> valuesOf(const QJsonObject &payload)
{
    QList<PayloadValue> values;
    for (const QJsonValue &entry : payload.value(QLatin1String("values")).toArray()) {
        const QJsonObject value = entry.toObject();
        const QString key = value.value(QLatin1String("key")).toString();
        const double number = value.value(QLatin1String("value")).toDouble(NAN);
        if (key.isEmpty() || !std::isfinite(number))
            continue;
        values.append({key, value.value(QLatin1String("label")).toString(), number});
    }
    return values;
}

QString secretNameOf(const QJsonObject &settings)
{
    return settings.value(QLatin1String("token"))
        .toObject()
        .value(QLatin1String("secret"))
        .toString();
}

} // namespace

NotionDestination::NotionDestination(workspace::DestinationConfig config, net::HttpClient *client,
                                     QObject *parent)
    : Destination(std::move(config), parent), m_http(client)
{ }

NotionDestination::~NotionDestination()
{
    abort();
}

QString NotionDestination::propertyFor(const QJsonObject &settings, const QString &key,
                                       const QString &label)
{
    const QString mapped =
        settings.value(QLatin1String("properties")).toObject().value(key).toString();
    if (!mapped.isEmpty())
        return mapped;
    return label.isEmpty() ? key : label;
}

QString NotionDestination::dateProperty(const QJsonObject &settings)
{
    const QString name = settings.value(QLatin1String("dateProperty")).toString();
    return name.isEmpty() ? QStringLiteral("Date") : name;
}

QUrl NotionDestination::baseUrl(const QJsonObject &settings)
{
    const QString url = settings.value(QLatin1String("baseUrl")).toString();
    return QUrl(url.isEmpty() ? QLatin1String(NotionClient::DefaultBaseUrl) : url);
}

NotionDestination::SchemaCheck NotionDestination::checkSchema(const QJsonObject &schema,
                                                              const QJsonObject &settings,
                                                              const QJsonObject &payload)
{
    SchemaCheck check;
    const bool create = settings.value(QLatin1String("createMissingProperties")).toBool(false);
    const auto typeOf = [&](const QString &name) {
        return schema.value(name).toObject().value(QLatin1String("type")).toString();
    };

    const QString wantedTitle = settings.value(QLatin1String("titleProperty")).toString();
    if (!wantedTitle.isEmpty()) {
        check.titleProperty = wantedTitle;
        const QString type = typeOf(wantedTitle);
        if (type.isEmpty())
            check.problems.append(
                tr("%1 is missing (the title property)").arg(quoted(wantedTitle)));
        else if (type != TitleType)
            check.problems.append(
                tr("%1 is a %2 property, not the title").arg(quoted(wantedTitle), type));
    } else {
        for (auto it = schema.constBegin(); it != schema.constEnd(); ++it) {
            if (it.value().toObject().value(QLatin1String("type")).toString() == TitleType)
                check.titleProperty = it.key();
        }
        if (check.titleProperty.isEmpty())
            check.problems.append(tr("the data source has no title property"));
    }

    const auto need = [&](const QString &name, const QString &wanted) {
        const QString type = typeOf(name);
        if (type.isEmpty()) {
            if (create)
                check.missingToCreate.insert(name, QJsonObject{{wanted, QJsonObject{}}});
            else
                check.problems.append(
                    tr("%1 is missing (a %2 property)").arg(quoted(name), wanted));
        } else if (type != wanted) {
            check.problems.append(
                tr("%1 is a %2 property, expected %3").arg(quoted(name), type, wanted));
        }
    };
    const QString date = dateProperty(settings);
    need(date, DateType);

    QHash<QString, QString> metricOf; // property -> the metric writing it
    for (const PayloadValue &value : valuesOf(payload)) {
        const QString name = propertyFor(settings, value.key, value.label);
        if (name == date || name == check.titleProperty) {
            check.problems.append(tr("%1 is the title or date property; metric %2 needs its own")
                                      .arg(quoted(name), value.key));
            continue;
        }
        if (metricOf.contains(name)) {
            check.problems.append(tr("metrics %1 and %2 both map to %3")
                                      .arg(metricOf.value(name), value.key, quoted(name)));
            continue;
        }
        metricOf.insert(name, value.key);
        need(name, NumberType);
    }
    return check;
}

QJsonObject NotionDestination::pageProperties(const QJsonObject &settings,
                                              const QString &titleProperty, const QString &day,
                                              const QJsonObject &payload)
{
    QJsonObject properties;
    properties.insert(
        titleProperty,
        QJsonObject{{QStringLiteral("title"),
                     QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                            {QStringLiteral("text"),
                                             QJsonObject{{QStringLiteral("content"), day}}}}}}});
    properties.insert(
        dateProperty(settings),
        QJsonObject{{QStringLiteral("date"), QJsonObject{{QStringLiteral("start"), day}}}});
    for (const PayloadValue &value : valuesOf(payload))
        properties.insert(propertyFor(settings, value.key, value.label),
                          QJsonObject{{QStringLiteral("number"), value.value}});
    return properties;
}

Result<QList<DeliveryRequest>> NotionDestination::preview(const DeliveryItem &item,
                                                          const SecretValues &secrets) const
{
    const QJsonObject &settings = config().settings;
    const auto secret = secrets.constFind(secretNameOf(settings));
    NotionClient client(m_http, baseUrl(settings),
                        secret == secrets.cend() ? QStringLiteral("<token>") : secret->reveal());
    const QString databaseId = settings.value(QLatin1String("databaseId")).toString();
    const QString dataSource = QStringLiteral("{data_source_id}");
    const QString day = item.period;
    const QString title =
        settings.value(QLatin1String("titleProperty")).toString(QStringLiteral("{title property}"));
    const QJsonObject properties = pageProperties(settings, title, day, item.payload);

    QList<net::HttpRequest> requests;
    requests.append(client.request("GET", QStringLiteral("/v1/databases/") + databaseId));
    requests.append(client.request("GET", QStringLiteral("/v1/data_sources/") + dataSource));
    requests.append(client.request(
        "POST", QStringLiteral("/v1/data_sources/") + dataSource + QStringLiteral("/query"),
        QJsonObject{{QStringLiteral("filter"),
                     QJsonObject{{QStringLiteral("property"), dateProperty(settings)},
                                 {DateType, QJsonObject{{QStringLiteral("equals"), day}}}}},
                    {QStringLiteral("page_size"), 10}}));
    requests.append(client.request(
        "POST", QStringLiteral("/v1/pages"),
        QJsonObject{{QStringLiteral("parent"),
                     QJsonObject{{QStringLiteral("type"), QStringLiteral("data_source_id")},
                                 {QStringLiteral("data_source_id"), dataSource}}},
                    {QStringLiteral("properties"), properties}}));
    requests.append(client.request("PATCH", QStringLiteral("/v1/pages/{page_id of %1}").arg(day),
                                   QJsonObject{{QStringLiteral("properties"), properties}}));

    QList<DeliveryRequest> shown;
    if (item.partsDone >= 1)
        return Result<QList<DeliveryRequest>>::ok(shown);
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const net::HttpRequest &request = requests.at(i);
        QString target = request.displayUrl();
        if (i == 3)
            target += tr("   (when the query finds no page of %1)").arg(day);
        else if (i == 4)
            target += tr("   (instead, when it finds one)");
        DeliveryRequest part{request.method, target, {}, request.body};
        for (const auto &[name, value] : request.headers)
            part.headers.append(
                {name, request.isCredentialHeader(name) ? QByteArray("<redacted>") : value});
        shown.append(part);
    }
    return Result<QList<DeliveryRequest>>::ok(shown);
}

void NotionDestination::deliver(const DeliveryItem &item, const SecretValues &secrets)
{
    m_item = item;
    const QJsonObject &settings = config().settings;
    const auto secret = secrets.constFind(secretNameOf(settings));
    const auto later = [this](DeliveryOutcome outcome) {
        QMetaObject::invokeMethod(
            this, [this, outcome] { finish(outcome); }, Qt::QueuedConnection);
    };
    if (item.partsDone >= 1) {
        later(DeliveryOutcome::delivered()); // confirmed before a crash: nothing is resent
        return;
    }
    if (secret == secrets.cend()) {
        later(DeliveryOutcome::permanent(tr("no Notion token")));
        return;
    }
    m_scrubber.add(secret->reveal());
    const QDate day = QDate::fromString(item.period, Qt::ISODate);
    if (!day.isValid()) {
        later(DeliveryOutcome::permanent(
            tr("Notion keeps one page per day; the period \"%1\" is not a day").arg(item.period)));
        return;
    }
    m_day = day.toString(Qt::ISODate);
    m_client = new NotionClient(m_http, baseUrl(settings), secret->reveal(), this);
    readDatabase();
}

std::optional<DeliveryOutcome>
NotionDestination::failure(const QString &step, const Result<net::HttpResponse> &result) const
{
    if (!result) {
        // No answer: Notion may or may not have acted; every step is safe to repeat.
        return DeliveryOutcome::retry(tr("Notion, %1: %2").arg(step, result.error().message));
    }
    if (result->isSuccess())
        return std::nullopt;
    DeliveryOutcome outcome =
        HttpDestination::standardOutcome(*result, NotionClient::errorMessage(*result));
    // conflict_error: a concurrent edit in Notion; the same request may pass next time.
    if (result->status == 409)
        outcome =
            DeliveryOutcome::retry(outcome.message, 409, HttpDestination::retryAfterOf(*result));
    outcome.message = tr("Notion, %1: %2").arg(step, outcome.message);
    return outcome;
}

void NotionDestination::readDatabase()
{
    const QString databaseId = config().settings.value(QLatin1String("databaseId")).toString();
    m_client->send(
        "GET", QStringLiteral("/v1/databases/") + databaseId, std::nullopt,
        [this](const Result<net::HttpResponse> &result) {
            if (const auto failed = failure(tr("reading the database"), result)) {
                finish(*failed);
                return;
            }
            const QJsonArray sources =
                NotionClient::json(*result).value(QLatin1String("data_sources")).toArray();
            const QString source = sources.first().toObject().value(QLatin1String("id")).toString();
            if (source.isEmpty()) {
                finish(DeliveryOutcome::permanent(
                    tr("Notion: the database has no data source to write to")));
                return;
            }
            if (sources.size() > 1)
                qCInfo(lcDestinations).noquote()
                    << id() << "the Notion database has" << sources.size()
                    << "data sources; writing to the first";
            readSchema(source);
        });
}

void NotionDestination::readSchema(const QString &dataSourceId)
{
    m_client->send(
        "GET", QStringLiteral("/v1/data_sources/") + dataSourceId, std::nullopt,
        [this, dataSourceId](const Result<net::HttpResponse> &result) {
            if (const auto failed = failure(tr("reading the schema"), result)) {
                finish(*failed);
                return;
            }
            const QJsonObject schema =
                NotionClient::json(*result).value(QLatin1String("properties")).toObject();
            const SchemaCheck check = checkSchema(schema, config().settings, m_item.payload);
            if (!check.problems.isEmpty()) {
                finish(DeliveryOutcome::permanent(
                    tr("Notion: the database does not fit the values: %1. Add or fix these "
                       "properties in Notion, map the metrics with \"properties\", or set "
                       "\"createMissingProperties\": true")
                        .arg(check.problems.join(QStringLiteral("; ")))));
                return;
            }
            if (!check.missingToCreate.isEmpty())
                addProperties(dataSourceId, check.missingToCreate, check.titleProperty);
            else
                findPage(dataSourceId, check.titleProperty);
        });
}

void NotionDestination::addProperties(const QString &dataSourceId, const QJsonObject &properties,
                                      const QString &titleProperty)
{
    qCInfo(lcDestinations).noquote()
        << id() << "adding Notion properties" << properties.keys().join(QStringLiteral(", "));
    m_client->send("PATCH", QStringLiteral("/v1/data_sources/") + dataSourceId,
                   QJsonObject{{QStringLiteral("properties"), properties}},
                   [this, dataSourceId, titleProperty](const Result<net::HttpResponse> &result) {
                       if (const auto failed = failure(tr("adding properties"), result)) {
                           finish(*failed);
                           return;
                       }
                       findPage(dataSourceId, titleProperty);
                   });
}

void NotionDestination::findPage(const QString &dataSourceId, const QString &titleProperty)
{
    const QJsonObject query{
        {QStringLiteral("filter"),
         QJsonObject{{QStringLiteral("property"), dateProperty(config().settings)},
                     {DateType, QJsonObject{{QStringLiteral("equals"), m_day}}}}},
        {QStringLiteral("page_size"), 10}};
    m_client->send(
        "POST", QStringLiteral("/v1/data_sources/") + dataSourceId + QStringLiteral("/query"),
        query, [this, dataSourceId, titleProperty](const Result<net::HttpResponse> &result) {
            if (const auto failed = failure(tr("finding the page of %1").arg(m_day), result)) {
                finish(*failed);
                return;
            }
            const QJsonArray pages =
                NotionClient::json(*result).value(QLatin1String("results")).toArray();
            if (pages.size() > 1)
                qCWarning(lcDestinations).noquote()
                    << id() << "Notion holds" << pages.size() << "pages of" << m_day
                    << "(made by hand?); updating the first";
            writePage(dataSourceId, pages.first().toObject().value(QLatin1String("id")).toString(),
                      titleProperty);
        });
}

void NotionDestination::writePage(const QString &dataSourceId, const QString &pageId,
                                  const QString &titleProperty)
{
    const QJsonObject properties =
        pageProperties(config().settings, titleProperty, m_day, m_item.payload);
    const auto done = [this](const Result<net::HttpResponse> &result) {
        if (const auto failed = failure(tr("writing the page of %1").arg(m_day), result)) {
            finish(*failed);
            return;
        }
        Q_EMIT partDelivered(1);
        finish(DeliveryOutcome::delivered());
    };
    if (!pageId.isEmpty()) {
        m_client->send("PATCH", QStringLiteral("/v1/pages/") + pageId,
                       QJsonObject{{QStringLiteral("properties"), properties}}, done);
        return;
    }
    m_client->send(
        "POST", QStringLiteral("/v1/pages"),
        QJsonObject{{QStringLiteral("parent"),
                     QJsonObject{{QStringLiteral("type"), QStringLiteral("data_source_id")},
                                 {QStringLiteral("data_source_id"), dataSourceId}}},
                    {QStringLiteral("properties"), properties}},
        done);
}

void NotionDestination::finish(DeliveryOutcome outcome)
{
    if (m_finished || m_aborted)
        return;
    m_finished = true;
    outcome.message = m_scrubber.scrub(outcome.message);
    Q_EMIT finished(outcome);
}

void NotionDestination::abort()
{
    m_aborted = true;
    if (m_client)
        m_client->abort();
}

} // namespace kpi::destinations::notion
