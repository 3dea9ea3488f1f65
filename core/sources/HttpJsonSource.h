// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "net/HttpRequest.h"
#include "sources/Source.h"
#include "workspace/Workspace.h"

#include <QPointer>

namespace kpi::net {
class HttpClient;
class HttpJob;
struct HttpResponse;
} // namespace kpi::net

namespace kpi::sources {

// A JSON API: one GET or POST (headers, body, auth from the secret store), then every
// metric's JSONPath evaluated against the one response.
class HttpJsonSource : public Source
{
    Q_OBJECT

public:
    HttpJsonSource(workspace::SourceConfig config, net::HttpClient *client,
                   QObject *parent = nullptr);

    QString id() const override { return m_config.id; }
    void start(const SecretValues &secrets) override;
    void abort() override;

    // The request start() sends, credentials filled in. Public for the tests and for a
    // future "show the request" in the window.
    Result<net::HttpRequest> buildRequest(const SecretValues &secrets);

    // Every metric's JSONPath over the (first) page: what start() does with the response,
    // without the network, so `reextract` can run a corrected workspace over kept bodies.
    // Messages are not scrubbed here (the caller knows the secrets).
    static Extraction extract(const workspace::SourceConfig &config, const QList<RawPage> &pages);

private:
    void onResponse(const Result<net::HttpResponse> &result);
    void extractResponse(const net::HttpResponse &response);

    workspace::SourceConfig m_config;
    net::HttpClient *m_client;
    QPointer<net::HttpJob> m_job;
    net::HttpRequest m_request;
};

} // namespace kpi::sources
