// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "destinations/Destination.h"
#include "net/HttpResponse.h"
#include "secrets/SecretScrubber.h"

#include <QPointer>

namespace kpi::net {
class HttpClient;
}

namespace kpi::destinations::notion {

class NotionClient;

// One page per collection day in a Notion database (docs/destinations-notion.md): a title
// (the ISO date), a date property and a number property per metric.
//
// A delivery is one part made of several requests, in this order:
//   1. GET  /v1/databases/{databaseId}           its data source
//   2. GET  /v1/data_sources/{id}                the schema: every missing or mistyped
//                                                property is named in one permanent error
//   3. PATCH /v1/data_sources/{id}               only with createMissingProperties: adds
//                                                the missing number (and date) properties
//   4. POST /v1/data_sources/{id}/query          the page whose date property is the day
//   5. PATCH /v1/pages/{pageId} or POST /v1/pages  update it, or create it
// so a second run the same day updates the day's page instead of adding one. Every step
// is safe to repeat, so a retry after a failure anywhere starts again at step 1.
class NotionDestination : public Destination
{
    Q_OBJECT

public:
    NotionDestination(workspace::DestinationConfig config, net::HttpClient *client,
                      QObject *parent = nullptr);
    ~NotionDestination() override;

    Result<QList<DeliveryRequest>> preview(const DeliveryItem &item,
                                           const SecretValues &secrets) const override;
    void deliver(const DeliveryItem &item, const SecretValues &secrets) override;
    void abort() override;

    // The property a metric's value goes to: the `properties` map's entry for its key, else
    // its label, else its key.
    static QString propertyFor(const QJsonObject &settings, const QString &key,
                               const QString &label);
    // The date property's name: `dateProperty`, default "Date".
    static QString dateProperty(const QJsonObject &settings);
    static QUrl baseUrl(const QJsonObject &settings);

    struct SchemaCheck
    {
        QString titleProperty;       // the data source's title property, as named or found
        QStringList problems;        // every property that is missing or of the wrong type
        QJsonObject missingToCreate; // {"Name": {"number": {}}, …} for createMissingProperties
    };
    // Checks a data source's `properties` against what a page of `payload` needs.
    static SchemaCheck checkSchema(const QJsonObject &schema, const QJsonObject &settings,
                                   const QJsonObject &payload);
    // The page properties of a day: title, date and a number per metric.
    static QJsonObject pageProperties(const QJsonObject &settings, const QString &titleProperty,
                                      const QString &day, const QJsonObject &payload);

private:
    void readDatabase();
    void readSchema(const QString &dataSourceId);
    void addProperties(const QString &dataSourceId, const QJsonObject &properties,
                       const QString &titleProperty);
    void findPage(const QString &dataSourceId, const QString &titleProperty);
    void writePage(const QString &dataSourceId, const QString &pageId,
                   const QString &titleProperty);
    // The outcome of a refused or failed step, or nullopt when it succeeded.
    std::optional<DeliveryOutcome> failure(const QString &step,
                                           const Result<net::HttpResponse> &result) const;
    void finish(DeliveryOutcome outcome);

    net::HttpClient *m_http;
    QPointer<NotionClient> m_client;
    DeliveryItem m_item;
    QString m_day;
    secrets::SecretScrubber m_scrubber;
    bool m_finished = false;
    bool m_aborted = false;
};

} // namespace kpi::destinations::notion
