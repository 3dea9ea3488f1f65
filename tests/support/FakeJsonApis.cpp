// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeJsonApis.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonObject>

namespace kpi::test {

namespace {

QHttpServerResponse json(const QJsonObject &object, QHttpServerResponse::StatusCode status)
{
    return QHttpServerResponse(object, status);
}

} // namespace

FakeJsonApis::FakeJsonApis()
{
    using Status = QHttpServerResponse::StatusCode;

    m_server.route(QStringLiteral("/repos/acme/widget"), [this](const QHttpServerRequest &request) {
        ++m_requests;
        if (request.value("User-Agent").isEmpty())
            return QHttpServerResponse(
                "text/plain",
                "Request forbidden by administrative rules. Please make sure your request has a "
                "User-Agent header "
                "(https://docs.github.com/en/rest/overview/"
                "resources-in-the-rest-api#user-agent-required).",
                Status::Forbidden);
        const QByteArray auth = request.value("Authorization");
        if (auth != QByteArray("Bearer ") + GithubToken &&
            auth != QByteArray("token ") + GithubToken)
            return json({{QStringLiteral("message"), QStringLiteral("Bad credentials")},
                         {QStringLiteral("documentation_url"),
                          QStringLiteral("https://docs.github.com/rest")},
                         {QStringLiteral("status"), QStringLiteral("401")}},
                        Status::Unauthorized);
        return json(
            {{QStringLiteral("id"), 1296269},
             {QStringLiteral("full_name"), QStringLiteral("acme/widget")},
             {QStringLiteral("stargazers_count"), stars},
             {QStringLiteral("forks_count"), forks},
             {QStringLiteral("open_issues_count"), 12},
             {QStringLiteral("topics"), QJsonArray{QStringLiteral("kpi"), QStringLiteral("qt")}}},
            Status::Ok);
    });

    m_server.route(QStringLiteral("/api/stats"), [this](const QHttpServerRequest &request) {
        ++m_requests;
        if (statsDown)
            return QHttpServerResponse("text/plain", "upstream database unavailable",
                                       Status::InternalServerError);
        const QByteArray expected =
            "Basic " + QByteArray(QByteArray(StatsUser) + ':' + StatsPassword).toBase64();
        if (request.value("Authorization") != expected) {
            QHttpServerResponse denied("text/plain", "Unauthorized", Status::Unauthorized);
            denied.setHeader("WWW-Authenticate", "Basic realm=\"stats\"");
            return denied;
        }
        return json({{QStringLiteral("active_users"),
                      QString::number(activeUsers)}, // a numeric string, as many APIs do
                     {QStringLiteral("period"), QStringLiteral("7d")}},
                    Status::Ok);
    });

    m_server.route(QStringLiteral("/api/v1/subscribers"), [this](
                                                              const QHttpServerRequest &request) {
        ++m_requests;
        if (request.value("X-Api-Key") != NewsletterKey)
            return json({{QStringLiteral("error"), QStringLiteral("Invalid API key")}},
                        Status::Unauthorized);
        return json(
            {{QStringLiteral("data"),
              QJsonObject{
                  {QStringLiteral("lists"),
                   QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("main")},
                                          {QStringLiteral("subscriber_count"), subscribers - 48}},
                              QJsonObject{{QStringLiteral("name"), QStringLiteral("beta")},
                                          {QStringLiteral("subscriber_count"), 48}}}}}}},
            Status::Ok);
    });

    m_port = m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FakeJsonApis::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
}

} // namespace kpi::test
