// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakePresetApis.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace kpi::test {

namespace {

FakeResponse json(const QJsonObject &object, int status = 200)
{
    FakeResponse response =
        FakeResponse::json(QJsonDocument(object).toJson(QJsonDocument::Compact), status);
    response.headers = {{"Content-Type", "application/json; charset=utf-8"}};
    return response;
}

// In GitHub's own order (a QJsonObject would sort the keys).
FakeResponse githubError(const QString &message, const QString &documentation, int status)
{
    FakeResponse response = FakeResponse::json(
        "{\"message\":" +
            QJsonDocument(QJsonArray{message}).toJson(QJsonDocument::Compact).mid(1).chopped(1) +
            ",\"documentation_url\":\"" + documentation.toUtf8() + "\",\"status\":\"" +
            QByteArray::number(status) + "\"}",
        status);
    response.headers = {{"Content-Type", "application/json; charset=utf-8"}};
    return response;
}

} // namespace

FakePresetApis::FakePresetApis()
{
    githubRepos = {{QStringLiteral("acme/widget"), {1523, 87, 12, false}},
                   {QStringLiteral("acme/secret-sauce"), {5, 1, 2, true}}};
    pypi = {{QStringLiteral("requests"), {1204331, 8391227, 35002114}},
            {QStringLiteral("zope-interface"), {1000, 7000, 30000}}};
    npmWeek = {{QStringLiteral("express"), 31623000}, {QStringLiteral("@slack/client"), 12345}};
    dockerHub = {{QStringLiteral("library/nginx"), {1000000000LL * 10, 20512}},
                 {QStringLiteral("grafana/grafana"), {4123456789LL, 3210}}};
    discord = {{QStringLiteral("kpi-collector"), {1234, 321}}};
    m_server.setFallback([this](const RecordedRequest &request) { return answer(request); });
}

QString FakePresetApis::baseUrl() const
{
    QString url = m_server.url(QString()).toString();
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url;
}

FakeResponse FakePresetApis::answer(const RecordedRequest &request) const
{
    const QString path = QUrl::fromPercentEncoding(request.path());
    const QUrlQuery query(QUrl(QString::fromLatin1(request.target)).query());
    if (request.method != "GET")
        return FakeResponse::text("method not allowed", 405);

    static const QRegularExpression githubPath(QStringLiteral("^/repos/([^/]+/[^/]+)$"));
    static const QRegularExpression pypiPath(QStringLiteral("^/api/packages/([^/]+)/recent$"));
    static const QRegularExpression npmPath(
        QStringLiteral("^/downloads/point/last-week/((?:@[^/]+/)?[^/@]+)$"));
    static const QRegularExpression dockerPath(
        QStringLiteral("^/v2/repositories/([^/]+)/([^/]+)/$"));
    static const QRegularExpression discordPath(QStringLiteral("^/api/v10/invites/([^/]+)$"));

    if (const auto m = githubPath.match(path); m.hasMatch())
        return github(request, m.captured(1));

    if (const auto m = pypiPath.match(path); m.hasMatch()) {
        // pypistats.org's own normalisation: only "." and "_"; "Django" is not found.
        const QString name = m.captured(1)
                                 .replace(QLatin1Char('.'), QLatin1Char('-'))
                                 .replace(QLatin1Char('_'), QLatin1Char('-'));
        if (!pypi.contains(name)) {
            FakeResponse notFound = FakeResponse::text("404", 404);
            notFound.headers = {{"Content-Type", "text/html; charset=utf-8"}};
            return notFound;
        }
        const Recent recent = pypi.value(name);
        return json({{QStringLiteral("data"),
                      QJsonObject{{QStringLiteral("last_day"), double(recent.day)},
                                  {QStringLiteral("last_month"), double(recent.month)},
                                  {QStringLiteral("last_week"), double(recent.week)}}},
                     {QStringLiteral("package"), name},
                     {QStringLiteral("type"), QStringLiteral("recent_downloads")}});
    }

    if (const auto m = npmPath.match(path); m.hasMatch()) {
        const QString name = m.captured(1);
        if (!npmWeek.contains(name))
            return json(
                {{QStringLiteral("error"), QStringLiteral("package %1 not found").arg(name)}}, 404);
        return json({{QStringLiteral("downloads"), double(npmWeek.value(name))},
                     {QStringLiteral("start"), QStringLiteral("2026-11-21")},
                     {QStringLiteral("end"), QStringLiteral("2026-11-27")},
                     {QStringLiteral("package"), name}});
    }

    if (const auto m = dockerPath.match(path); m.hasMatch()) {
        const QString ns = m.captured(1);
        const QString repo = m.captured(2);
        const QString full = ns + QLatin1Char('/') + repo;
        if (!dockerHub.contains(full))
            return json(
                {{QStringLiteral("message"), QStringLiteral("httperror 404: object not found")},
                 {QStringLiteral("errinfo"), QJsonObject{{QStringLiteral("namespace"), ns},
                                                         {QStringLiteral("repository"), repo}}}},
                404);
        const Image image = dockerHub.value(full);
        return json(
            {{QStringLiteral("user"), ns},
             {QStringLiteral("name"), repo},
             {QStringLiteral("namespace"), ns},
             {QStringLiteral("repository_type"), QStringLiteral("image")},
             {QStringLiteral("status"), 1},
             {QStringLiteral("status_description"), QStringLiteral("active")},
             {QStringLiteral("description"), QStringLiteral("Official build of Nginx.")},
             {QStringLiteral("is_private"), false},
             {QStringLiteral("is_automated"), false},
             {QStringLiteral("star_count"), image.stars},
             {QStringLiteral("pull_count"), double(image.pulls)},
             {QStringLiteral("last_updated"), QStringLiteral("2026-11-26T09:12:33.123456Z")},
             {QStringLiteral("date_registered"), QStringLiteral("2014-06-05T19:14:45.242338Z")},
             {QStringLiteral("collaborator_count"), 0},
             {QStringLiteral("affiliation"), QJsonValue::Null},
             {QStringLiteral("hub_user"), ns},
             {QStringLiteral("has_starred"), false},
             {QStringLiteral("full_description"), QStringLiteral("# Quick reference\n…")},
             {QStringLiteral("permissions"), QJsonObject{{QStringLiteral("read"), true},
                                                         {QStringLiteral("write"), false},
                                                         {QStringLiteral("admin"), false}}},
             {QStringLiteral("media_types"),
              QJsonArray{QStringLiteral("application/vnd.oci.image.index.v1+json")}},
             {QStringLiteral("content_types"), QJsonArray{QStringLiteral("image")}},
             {QStringLiteral("categories"), QJsonArray{}}});
    }

    if (const auto m = discordPath.match(path); m.hasMatch()) {
        const QString code = m.captured(1);
        if (!discord.contains(code))
            return json({{QStringLiteral("message"), QStringLiteral("Unknown Invite")},
                         {QStringLiteral("code"), 10006}},
                        404);
        const Server server = discord.value(code);
        QJsonObject invite{
            {QStringLiteral("type"), 0},
            {QStringLiteral("code"), code},
            {QStringLiteral("expires_at"), QJsonValue::Null},
            {QStringLiteral("flags"), 0},
            {QStringLiteral("guild"),
             QJsonObject{{QStringLiteral("id"), QStringLiteral("1017011223344556677")},
                         {QStringLiteral("name"), QStringLiteral("KPI Collector")},
                         {QStringLiteral("splash"), QJsonValue::Null},
                         {QStringLiteral("banner"), QJsonValue::Null},
                         {QStringLiteral("description"), QJsonValue::Null},
                         {QStringLiteral("icon"), QStringLiteral("a1b2c3d4e5f6")},
                         {QStringLiteral("features"), QJsonArray{}},
                         {QStringLiteral("verification_level"), 1},
                         {QStringLiteral("vanity_url_code"), code},
                         {QStringLiteral("nsfw_level"), 0},
                         {QStringLiteral("nsfw"), false},
                         {QStringLiteral("premium_subscription_count"), 2}}},
            {QStringLiteral("guild_id"), QStringLiteral("1017011223344556677")},
            {QStringLiteral("channel"),
             QJsonObject{{QStringLiteral("id"), QStringLiteral("1017011223344556678")},
                         {QStringLiteral("type"), 0},
                         {QStringLiteral("name"), QStringLiteral("welcome")}}}};
        // Only asked for: without ?with_counts=true the counts are not in the answer.
        if (query.queryItemValue(QStringLiteral("with_counts")) == QLatin1String("true")) {
            invite.insert(QStringLiteral("approximate_member_count"), server.members);
            invite.insert(QStringLiteral("approximate_presence_count"), server.online);
        }
        return json(invite);
    }
    return FakeResponse::text("no route for " + request.path(), 404);
}

FakeResponse FakePresetApis::github(const RecordedRequest &request, const QString &repo) const
{
    if (request.header("User-Agent").isEmpty())
        return FakeResponse::text(
            "Request forbidden by administrative rules. Please make sure your request has a "
            "User-Agent header (https://docs.github.com/en/rest/overview/"
            "resources-in-the-rest-api#user-agent-required).",
            403);
    const QByteArray version = request.header("X-GitHub-Api-Version");
    if (!version.isEmpty() && version != GithubApiVersion)
        return githubError(QStringLiteral("Unsupported 'X-GitHub-Api-Version' header: "
                                          "'%1'. Supported versions are: 2022-11-28")
                               .arg(QString::fromLatin1(version)),
                           QStringLiteral("https://docs.github.com/rest/"
                                          "about-the-rest-api/api-versions"),
                           400);
    const QByteArray auth = request.header("Authorization");
    const bool authorized = auth == QByteArray("Bearer ") + GithubToken;
    if (!auth.isEmpty() && !authorized)
        return githubError(QStringLiteral("Bad credentials"),
                           QStringLiteral("https://docs.github.com/rest"), 401);
    if (githubRateLimited && !authorized) {
        // GitHub's primary rate limit: 403 with the reset time, and no Retry-After.
        FakeResponse limited = githubError(
            QStringLiteral("API rate limit exceeded for 127.0.0.1. (But here's the good news: "
                           "Authenticated requests get a higher rate limit. Check out the "
                           "documentation for more details.)"),
            QStringLiteral("https://docs.github.com/rest/overview/"
                           "resources-in-the-rest-api#rate-limiting"),
            403);
        limited.headers.append(std::pair<QByteArray, QByteArray>("x-ratelimit-limit", "60"));
        limited.headers.append(std::pair<QByteArray, QByteArray>("x-ratelimit-remaining", "0"));
        limited.headers.append(
            std::pair<QByteArray, QByteArray>("x-ratelimit-reset", "1795000000"));
        return limited;
    }
    const QString key = repo.toLower(); // GitHub's names are not case sensitive
    // A private repository is "Not Found" to whoever may not see it, as on GitHub.
    if (!githubRepos.contains(key) || (githubRepos.value(key).isPrivate && !authorized))
        return githubError(QStringLiteral("Not Found"),
                           QStringLiteral("https://docs.github.com/rest/repos/"
                                          "repos#get-a-repository"),
                           404);
    const Repo r = githubRepos.value(key);
    const QString owner = repo.section(QLatin1Char('/'), 0, 0);
    return json(
        {{QStringLiteral("id"), 1296269},
         {QStringLiteral("node_id"), QStringLiteral("MDEwOlJlcG9zaXRvcnkxMjk2MjY5")},
         {QStringLiteral("name"), repo.section(QLatin1Char('/'), 1)},
         {QStringLiteral("full_name"), repo},
         {QStringLiteral("private"), r.isPrivate},
         {QStringLiteral("owner"),
          QJsonObject{{QStringLiteral("login"), owner}, {QStringLiteral("id"), 1}}},
         {QStringLiteral("html_url"), QString(QStringLiteral("https://github.com/") + repo)},
         {QStringLiteral("fork"), false},
         {QStringLiteral("stargazers_count"), r.stars},
         {QStringLiteral("watchers_count"), r.stars},
         {QStringLiteral("forks_count"), r.forks},
         {QStringLiteral("open_issues_count"), r.openIssues},
         {QStringLiteral("forks"), r.forks},
         {QStringLiteral("open_issues"), r.openIssues},
         {QStringLiteral("watchers"), r.stars},
         {QStringLiteral("subscribers_count"), 42},
         {QStringLiteral("default_branch"), QStringLiteral("main")},
         {QStringLiteral("topics"), QJsonArray{QStringLiteral("kpi")}}});
}

} // namespace kpi::test
