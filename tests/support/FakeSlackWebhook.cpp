// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeSlackWebhook.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kpi::test {

namespace {

qsizetype length(const QJsonValue &text)
{
    return text.toObject().value(QLatin1String("text")).toString().size();
}

bool isTextObject(const QJsonValue &value)
{
    const QString type = value.toObject().value(QLatin1String("type")).toString();
    return (type == QLatin1String("mrkdwn") || type == QLatin1String("plain_text")) &&
           !value.toObject().value(QLatin1String("text")).toString().isEmpty();
}

} // namespace

FakeSlackWebhook::FakeSlackWebhook()
{
    m_server.route(HookPath, [this](const RecordedRequest &request) { return answer(request); });
    m_server.route(RevokedPath,
                   [this](const RecordedRequest &) { return refuse(403, "invalid_token"); });
}

int FakeSlackWebhook::requestCount() const
{
    return m_server.requestCount(HookPath) + m_server.requestCount(RevokedPath);
}

FakeResponse FakeSlackWebhook::refuse(int status, const QByteArray &code)
{
    rejections.append(code);
    FakeResponse response = FakeResponse::text(code, status);
    response.headers = {{"Content-Type", "text/html"}};
    return response;
}

QByteArray FakeSlackWebhook::blockProblem(const QJsonObject &block) const
{
    const QString type = block.value(QLatin1String("type")).toString();
    if (type == QLatin1String("header")) {
        const QJsonObject text = block.value(QLatin1String("text")).toObject();
        if (text.value(QLatin1String("type")).toString() != QLatin1String("plain_text"))
            return "header text must be plain_text";
        if (length(text) == 0 || length(text) > 150)
            return "header text must be 1 to 150 characters";
        return {};
    }
    if (type == QLatin1String("section")) {
        const bool hasText = block.contains(QLatin1String("text"));
        const QJsonArray fields = block.value(QLatin1String("fields")).toArray();
        if (!hasText && fields.isEmpty())
            return "section needs text or fields";
        if (hasText && (!isTextObject(block.value(QLatin1String("text"))) ||
                        length(block.value(QLatin1String("text"))) > 3000))
            return "section text must be 1 to 3000 characters";
        if (fields.size() > 10)
            return "section has more than 10 fields";
        for (const QJsonValue &field : fields) {
            if (!isTextObject(field) || length(field) > 2000)
                return "section field must be 1 to 2000 characters";
        }
        return {};
    }
    if (type == QLatin1String("context")) {
        const QJsonArray elements = block.value(QLatin1String("elements")).toArray();
        if (elements.isEmpty() || elements.size() > 10)
            return "context needs 1 to 10 elements";
        for (const QJsonValue &element : elements) {
            if (!isTextObject(element))
                return "context element is not a text object";
        }
        return {};
    }
    if (type == QLatin1String("divider"))
        return {};
    return "unknown block type \"" + type.toUtf8() + '"';
}

FakeResponse FakeSlackWebhook::answer(const RecordedRequest &request)
{
    if (!script.isEmpty())
        return script.takeFirst();
    if (request.method != "POST")
        return refuse(405, "invalid_method");
    if (!request.header("Content-Type").startsWith("application/json"))
        return refuse(400, "invalid_payload");
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    if (!document.isObject())
        return refuse(400, "invalid_payload");
    const QJsonObject body = document.object();
    const QJsonArray blocks = body.value(QLatin1String("blocks")).toArray();
    if (body.value(QLatin1String("text")).toString().isEmpty() && blocks.isEmpty())
        return refuse(400, "no_text");
    if (blocks.size() > 50)
        return refuse(400, "invalid_blocks");
    for (const QJsonValue &block : blocks) {
        const QByteArray problem = blockProblem(block.toObject());
        if (!problem.isEmpty()) {
            rejections.append(problem);
            return refuse(400, "invalid_blocks");
        }
    }
    posted.append(body);
    FakeResponse ok = FakeResponse::text("ok");
    ok.headers = {{"Content-Type", "text/html"}};
    return ok;
}

} // namespace kpi::test
