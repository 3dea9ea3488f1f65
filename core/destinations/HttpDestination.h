// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "destinations/Destination.h"
#include "net/HttpResponse.h"
#include "secrets/SecretScrubber.h"

#include <QPointer>

namespace kpi::net {
class HttpClient;
class HttpJob;
} // namespace kpi::net

namespace kpi::destinations {

// A destination that sends one HTTP request per part: a subclass says which requests
// (requests()) and, where its service differs from the common case, what an answer means
// (outcomeOf(), serviceMessage()). Sending, parts, previews and scrubbing are done here.
//
// Each request is tried once: the outbox owns retries, so a 503 or a 429 is one attempt
// of the row, with its backoff durable across restarts, not a loop inside a process.
class HttpDestination : public Destination
{
    Q_OBJECT

public:
    HttpDestination(workspace::DestinationConfig config, net::HttpClient *client,
                    QObject *parent = nullptr);
    ~HttpDestination() override;

    Result<QList<DeliveryRequest>> preview(const DeliveryItem &item,
                                           const SecretValues &secrets) const override;
    void deliver(const DeliveryItem &item, const SecretValues &secrets) override;
    void abort() override;

    // The common reading of an answer: 2xx delivered; 429 retried after Retry-After (or a
    // JSON body's `retry_after` in seconds, as Discord sends); 408 and 5xx retried; any
    // other status permanent, with serviceMessage().
    static DeliveryOutcome standardOutcome(const net::HttpResponse &response,
                                           const QString &serviceMessage);
    // The service's own words from an error body: a JSON `message` (InfluxDB, Discord,
    // Notion), `error` (Slack) or `error_description`, else the body's start as text.
    static QString standardServiceMessage(const net::HttpResponse &response);
    // What Retry-After or a JSON body's `retry_after` (seconds, fractions allowed) asks.
    static std::optional<std::chrono::milliseconds> retryAfterOf(const net::HttpResponse &response);

protected:
    // Every request of the item, all parts, with credentials filled in from `secrets`.
    virtual Result<QList<net::HttpRequest>> requests(const DeliveryItem &item,
                                                     const SecretValues &secrets) const = 0;
    virtual DeliveryOutcome outcomeOf(const net::HttpResponse &response) const;
    virtual QString serviceMessage(const net::HttpResponse &response) const;
    // A secret or a placeholder for a preview without it.
    static QString secretOr(const SecretValues &secrets, const QString &name,
                            const QString &placeholder);
    // The name of the secret a setting such as {"secret": "hook"} refers to.
    QString secretName(const QString &settingKey) const;

private:
    void sendNext();
    void onFinished(const Result<net::HttpResponse> &result);
    void finish(DeliveryOutcome outcome);

    net::HttpClient *m_client;
    QList<net::HttpRequest> m_requests;
    qsizetype m_next = 0;
    QPointer<net::HttpJob> m_job;
    secrets::SecretScrubber m_scrubber;
    bool m_aborted = false;
    bool m_finished = false;
};

} // namespace kpi::destinations
