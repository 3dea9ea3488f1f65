// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "FakeHttpServer.h"

#include <QJsonObject>
#include <QList>

namespace kpi::test {

// A strict receiver of the generic JSON webhook (docs/destinations.md, "Webhook"): it
// takes only a POST of a JSON object with a deliveryId to its secret path, checks the
// HMAC-SHA256 signature when it has a signing secret, and records what it accepted.
// `script` holds answers to give (a 503, a 429) before it accepts again.
class FakeWebhookReceiver
{
public:
    static constexpr const char *SecretPath = "/hooks/3141/fake-webhook-token-value-77";

    explicit FakeWebhookReceiver(QByteArray signingSecret = {});

    QUrl url() const { return m_server.url(QString::fromLatin1(SecretPath)); }
    FakeHttpServer &server() { return m_server; }
    int requestCount() const { return m_server.requestCount(SecretPath); }

    QList<FakeResponse> script;
    QList<QJsonObject> received;  // accepted bodies, in order
    QList<QByteArray> rejections; // why the strict checks refused a request

private:
    FakeResponse answer(const RecordedRequest &request);

    FakeHttpServer m_server;
    QByteArray m_signingSecret;
};

} // namespace kpi::test
