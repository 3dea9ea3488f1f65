// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "FakeHttpServer.h"

#include <QJsonObject>

namespace kpi::test {

// An incoming webhook as strict as Slack's
// (https://api.slack.com/messaging/webhooks#handling_errors): 200 "ok" for a posted
// message; 400 "invalid_payload", "no_text" or "invalid_blocks" (every Block Kit limit the
// digest uses is checked), 403 "invalid_token", 404 "no_service", 410
// "channel_is_archived", and 429 with Retry-After.
class FakeSlackWebhook
{
public:
    static constexpr const char *HookPath = "/services/T00000000/B00000000/fakeslacktoken0001";
    static constexpr const char *RevokedPath = "/services/T00000000/B00000000/revokedtoken";

    FakeSlackWebhook();

    QUrl url() const { return m_server.url(QString::fromLatin1(HookPath)); }
    QUrl revokedUrl() const { return m_server.url(QString::fromLatin1(RevokedPath)); }
    FakeHttpServer &server() { return m_server; }
    int requestCount() const;

    QList<FakeResponse> script; // answers for the next requests, before any check
    QList<QJsonObject> posted;
    QList<QByteArray> rejections;

private:
    FakeResponse answer(const RecordedRequest &request);
    FakeResponse refuse(int status, const QByteArray &code);
    QByteArray blockProblem(const QJsonObject &block) const;

    FakeHttpServer m_server;
};

} // namespace kpi::test
