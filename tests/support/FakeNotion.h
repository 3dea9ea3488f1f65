// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "FakeHttpServer.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace kpi::test {

// A strict Notion API (version 2026-03-11, data sources) for one database with one data
// source, pages kept in memory. It checks what the real one checks
// (developers.notion.com, "Status codes", "Request limits", "Query a data source",
// "Create a page"): `Authorization: Bearer <token>` (401 unauthorized), `Notion-Version`
// exactly (400 missing_version / validation_error), the JSON of every body (parent,
// property names that exist, values of each property's type: 400 validation_error),
// page_size ≤ 100 and cursors it issued, and at most 3 requests in any second per token
// (429 rate_limited with Retry-After). Errors have Notion's shape:
//   {"object": "error", "status": 400, "code": "validation_error", "message": "…"}
class FakeNotion
{
public:
    static constexpr char ExpectedVersion[] = "2026-03-11";

    FakeNotion(QByteArray token, QString databaseId, QString dataSourceId);

    QUrl url() const { return m_server.url(); }
    FakeHttpServer &server() { return m_server; }
    int requestCount() const { return int(m_server.requests().size()); }

    // The next `count` requests that pass the token and version checks get `status`, with
    // the code Notion sends for it (and Retry-After for 429).
    void failNext(int count, int status);

    // The data source's schema: name -> {"id", "name", "type", <type>: {}}.
    void addProperty(const QString &name, const QString &type);
    QJsonObject properties;

    struct Page
    {
        QString id;
        QJsonObject properties; // name -> property value as Notion returns it
        bool inTrash = false;
    };
    QList<Page> pages;
    // A page as if made in Notion: a title, a date and numbers.
    void seedPage(const QString &day, const QHash<QString, double> &numbers);
    QList<Page> pagesOn(const QString &day) const;
    static double number(const Page &page, const QString &property);

    int rateLimitPerSecond = 3;
    int retryAfterSeconds = 1;
    int rateLimitedCount = 0; // 429s given for going too fast
    QStringList rejections;   // every 4xx given, as "code: message", for strict checks

private:
    FakeResponse answer(const RecordedRequest &request);
    FakeResponse route(const RecordedRequest &request, const QJsonObject &body);
    FakeResponse query(const QJsonObject &body);
    FakeResponse writePage(const RecordedRequest &request, const QJsonObject &body, Page *page);
    FakeResponse updateSchema(const QJsonObject &body);
    FakeResponse error(int status, const QByteArray &code, const QString &message);
    QString checkValue(const QString &name, const QJsonValue &value, QJsonObject *normalized) const;
    QJsonObject pageObject(const Page &page) const;
    QJsonObject dataSourceObject() const;

    FakeHttpServer m_server;
    QByteArray m_token;
    QString m_databaseId;
    QString m_dataSourceId;
    QList<int> m_failures;
    QHash<QByteArray, QList<qint64>> m_recent; // per Authorization value: accepted times
    int m_nextId = 1;
};

} // namespace kpi::test
