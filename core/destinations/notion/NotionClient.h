// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "net/HttpRequest.h"
#include "net/HttpResponse.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <optional>

namespace kpi::net {
class HttpClient;
class HttpJob;
} // namespace kpi::net

namespace kpi::destinations::notion {

// The Notion REST API as the destination and `import notion` use it: JSON requests with
// `Authorization: Bearer …` and a pinned `Notion-Version`, kept to Notion's rate limit.
//
// Notion allows an average of three requests per second per integration token
// (developers.notion.com, "Request limits"). Every client in the process that uses the
// same token and base URL shares one schedule that spaces requests MinInterval apart, so
// two deliveries at once still keep to it; a 429 pushes that schedule back by its
// Retry-After, so the next request from anyone waits as Notion asked.
class NotionClient : public QObject
{
    Q_OBJECT

public:
    // 2026-03-11 is the newest version (developers.notion.com, "Versioning"); since
    // 2025-09-03 a database holds data sources, whose schema and pages the API reaches by
    // data source id.
    static constexpr char Version[] = "2026-03-11";
    static constexpr std::chrono::milliseconds MinInterval{400}; // 2.5 a second, under 3
    static constexpr char DefaultBaseUrl[] = "https://api.notion.com";

    using Callback = std::function<void(const Result<net::HttpResponse> &)>;

    NotionClient(net::HttpClient *http, QUrl baseUrl, QString token, QObject *parent = nullptr);
    ~NotionClient() override;

    // How a request is retried by the HTTP layer: not at all by default (the outbox owns
    // retries); `import` lets it wait out a 429 or a 503.
    void setRetryPolicy(const net::RetryPolicy &policy) { m_retry = policy; }

    // The request as it would go out, `path` below the base URL ("/v1/pages").
    net::HttpRequest request(const QByteArray &method, const QString &path,
                             const std::optional<QJsonObject> &body = std::nullopt) const;
    // Sends it in its turn; `done` is called once, unless abort() came first.
    void send(const QByteArray &method, const QString &path, const std::optional<QJsonObject> &body,
              Callback done);
    void abort();

    // The answer's JSON object (empty when it is not one).
    static QJsonObject json(const net::HttpResponse &response);
    // Notion's own words for an error: "message (code)", e.g.
    // "API token is invalid. (unauthorized)".
    static QString errorMessage(const net::HttpResponse &response);

private:
    struct Pending;
    void fire(const std::shared_ptr<Pending> &pending);
    void onAnswer(const std::shared_ptr<Pending> &pending, const Result<net::HttpResponse> &result);

    net::HttpClient *m_http;
    QUrl m_baseUrl;
    QString m_token;
    QByteArray m_throttleKey;
    net::RetryPolicy m_retry;
    QList<std::shared_ptr<Pending>> m_pending;
    bool m_aborted = false;
};

} // namespace kpi::destinations::notion
