// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeDiscordWebhook.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>
#include <QtMath>

namespace kpi::test {

namespace {

int characters(const QJsonValue &value)
{
    return int(value.toString().toUcs4().size());
}

} // namespace

FakeDiscordWebhook::FakeDiscordWebhook()
{
    m_server.route(HookPath, [this](const RecordedRequest &request) { return answer(request); });
    m_server.route(WrongTokenPath, [this](const RecordedRequest &) {
        rejections.append("invalid token");
        return FakeResponse::json(R"({"message": "Invalid Webhook Token", "code": 50027})", 401);
    });
}

int FakeDiscordWebhook::requestCount() const
{
    return m_server.requestCount(HookPath) + m_server.requestCount(WrongTokenPath);
}

void FakeDiscordWebhook::rateLimitNext(double retryAfterSeconds)
{
    FakeResponse limited = FakeResponse::json(
        QJsonDocument(
            QJsonObject{{QStringLiteral("message"), QStringLiteral("You are being rate limited.")},
                        {QStringLiteral("retry_after"), retryAfterSeconds},
                        {QStringLiteral("global"), false}})
            .toJson(QJsonDocument::Compact),
        429);
    limited.headers.append(
        std::pair{QByteArray("Retry-After"), QByteArray::number(qCeil(retryAfterSeconds))});
    limited.headers.append(std::pair{QByteArray("X-RateLimit-Scope"), QByteArray("user")});
    script.append(limited);
}

FakeResponse FakeDiscordWebhook::invalidForm(const QByteArray &field, const QByteArray &why)
{
    rejections.append(field + ": " + why);
    const QJsonObject errors{
        {QString::fromLatin1(field),
         QJsonObject{{QStringLiteral("_errors"),
                      QJsonArray{QJsonObject{
                          {QStringLiteral("code"), QStringLiteral("BASE_TYPE_MAX_LENGTH")},
                          {QStringLiteral("message"), QString::fromLatin1(why)}}}}}}};
    return FakeResponse::json(
        QJsonDocument(QJsonObject{{QStringLiteral("code"), 50035},
                                  {QStringLiteral("errors"), errors},
                                  {QStringLiteral("message"), QStringLiteral("Invalid Form Body")}})
            .toJson(QJsonDocument::Compact),
        400);
}

FakeResponse FakeDiscordWebhook::answer(const RecordedRequest &request)
{
    if (!script.isEmpty())
        return script.takeFirst();
    if (request.method != "POST")
        return FakeResponse::json(R"({"message": "405: Method Not Allowed", "code": 0})", 405);
    if (!request.header("Content-Type").startsWith("application/json"))
        return invalidForm("content_type", "expected application/json");
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (!document.isObject())
        return FakeResponse::json(
            R"({"message": "The request body contains invalid JSON.", "code": 50109})", 400);
    const QJsonObject body = document.object();

    const QString content = body.value(QLatin1String("content")).toString();
    const QJsonArray embeds = body.value(QLatin1String("embeds")).toArray();
    if (content.isEmpty() && embeds.isEmpty()) {
        rejections.append("empty message");
        return FakeResponse::json(R"({"message": "Cannot send an empty message", "code": 50006})",
                                  400);
    }
    if (characters(body.value(QLatin1String("content"))) > 2000)
        return invalidForm("content", "Must be 2000 or fewer in length.");
    if (body.contains(QLatin1String("username"))) {
        const QString name = body.value(QLatin1String("username")).toString();
        if (name.isEmpty() || characters(name) > 80)
            return invalidForm("username", "Must be between 1 and 80 in length.");
        for (const char *forbidden : {"@", "#", ":", "```", "discord", "clyde"}) {
            if (name.contains(QLatin1String(forbidden), Qt::CaseInsensitive))
                return invalidForm("username",
                                   "Username cannot contain \"" + QByteArray(forbidden) + "\"");
        }
    }
    if (embeds.size() > 10)
        return invalidForm("embeds", "Must be 10 or fewer in length.");
    int total = 0;
    for (qsizetype i = 0; i < embeds.size(); ++i) {
        const QJsonObject embed = embeds.at(i).toObject();
        const QByteArray at = "embeds." + QByteArray::number(i);
        if (characters(embed.value(QLatin1String("title"))) > 256)
            return invalidForm(at + ".title", "Must be 256 or fewer in length.");
        if (characters(embed.value(QLatin1String("description"))) > 4096)
            return invalidForm(at + ".description", "Must be 4096 or fewer in length.");
        const QJsonValue footer =
            embed.value(QLatin1String("footer")).toObject().value(QLatin1String("text"));
        const QJsonValue author =
            embed.value(QLatin1String("author")).toObject().value(QLatin1String("name"));
        if (characters(footer) > 2048)
            return invalidForm(at + ".footer.text", "Must be 2048 or fewer in length.");
        if (characters(author) > 256)
            return invalidForm(at + ".author.name", "Must be 256 or fewer in length.");
        total += characters(embed.value(QLatin1String("title"))) +
                 characters(embed.value(QLatin1String("description"))) + characters(footer) +
                 characters(author);
        const QJsonArray fields = embed.value(QLatin1String("fields")).toArray();
        if (fields.size() > 25)
            return invalidForm(at + ".fields", "Must be 25 or fewer in length.");
        for (qsizetype f = 0; f < fields.size(); ++f) {
            const QJsonObject field = fields.at(f).toObject();
            const QByteArray fieldAt = at + ".fields." + QByteArray::number(f);
            const int name = characters(field.value(QLatin1String("name")));
            const int value = characters(field.value(QLatin1String("value")));
            if (name == 0 || name > 256)
                return invalidForm(fieldAt + ".name", "Must be between 1 and 256 in length.");
            if (value == 0 || value > 1024)
                return invalidForm(fieldAt + ".value", "Must be between 1 and 1024 in length.");
            total += name + value;
        }
        if (embed.contains(QLatin1String("timestamp")) &&
            !QDateTime::fromString(embed.value(QLatin1String("timestamp")).toString(), Qt::ISODate)
                 .isValid())
            return invalidForm(at + ".timestamp", "Could not interpret as an ISO8601 timestamp.");
    }
    if (total > 6000)
        return invalidForm("embeds", "Embed size exceeds maximum size of 6000");

    posted.append(body);
    lastWaited = QUrlQuery(QString::fromUtf8(request.target.mid(request.target.indexOf('?') + 1)))
                     .queryItemValue(QStringLiteral("wait")) == QLatin1String("true");
    if (!lastWaited)
        return FakeResponse::text({}, 204);
    QJsonObject message = body;
    message.insert(QStringLiteral("id"), QString::number(m_nextId++));
    message.insert(QStringLiteral("type"), 0);
    message.insert(QStringLiteral("channel_id"), QStringLiteral("998877665544332211"));
    message.insert(QStringLiteral("webhook_id"), QStringLiteral("112233445566778899"));
    return FakeResponse::json(QJsonDocument(message).toJson(QJsonDocument::Compact));
}

} // namespace kpi::test
