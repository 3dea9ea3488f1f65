// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "FakeHttpServer.h"

#include <QJsonObject>

namespace kpi::test {

// An execute-webhook endpoint as strict as Discord's
// (https://discord.com/developers/docs/resources/webhook#execute-webhook): it checks the
// method, the content type and every embed limit, and answers with Discord's own error
// shapes: 400 {"code": 50035, "message": "Invalid Form Body", "errors": …} for a broken
// limit, 50006 for an empty message, 401 {"code": 50027, "message": "Invalid Webhook
// Token"} for a wrong token, 404 {"code": 10015, "message": "Unknown Webhook"} for an
// unknown webhook, and 429 with retry_after in the body as well as Retry-After.
class FakeDiscordWebhook
{
public:
    static constexpr const char *HookPath =
        "/api/webhooks/112233445566778899/fake-discord-token-0001";
    static constexpr const char *WrongTokenPath = "/api/webhooks/112233445566778899/wrong-token";

    FakeDiscordWebhook();

    QUrl url() const { return m_server.url(QString::fromLatin1(HookPath)); }
    QUrl wrongTokenUrl() const { return m_server.url(QString::fromLatin1(WrongTokenPath)); }
    FakeHttpServer &server() { return m_server; }
    int requestCount() const;

    // Answers for the next requests, before any check (an outage, a rate limit).
    QList<FakeResponse> script;
    void rateLimitNext(double retryAfterSeconds);

    QList<QJsonObject> posted;    // accepted messages, in order
    QList<QByteArray> rejections; // why the checks refused a request
    bool lastWaited = false;      // whether the last accepted request had ?wait=true

private:
    FakeResponse answer(const RecordedRequest &request);
    FakeResponse invalidForm(const QByteArray &field, const QByteArray &why);

    FakeHttpServer m_server;
    qint64 m_nextId = 1'170'000'000'000'000'000;
};

} // namespace kpi::test
