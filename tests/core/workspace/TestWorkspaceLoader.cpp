// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceLoader.h"

#include <QDebug>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <initializer_list>

using kpi::Error;
using kpi::workspace::AuthConfig;
using kpi::workspace::DestinationConfig;
using kpi::workspace::SourceConfig;
using kpi::workspace::Workspace;
using kpi::workspace::WorkspaceLoader;

// Declared before the fixtures: moc's preprocessor strips "//" as a comment even inside a
// multi-line raw string (the URLs below), and would then miss the class.
class TestWorkspaceLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_fullWorkspaceFillsEveryField();
    void parse_minimalWorkspaceTakesDefaults();
    void parse_acceptsValidVariants_data();
    void parse_acceptsValidVariants();
    void parse_sqlCommandAndManualSources();
    void parse_keepsBodyBytesAndContentType_data();
    void parse_keepsBodyBytesAndContentType();
    void parse_reportsEachError_data();
    void parse_reportsEachError();
    void parse_reportsInvalidJsonWithLineAndColumn_data();
    void parse_reportsInvalidJsonWithLineAndColumn();
    void parse_reportsEveryError();
    void parse_dropsOnlyTheBrokenEntries();

    void loadFile_reportsMissingFile();
    void loadFile_reportsUnreadablePath_data();
    void loadFile_reportsUnreadablePath();
    void loadFile_rejectsOversizedFile();
    void loadFile_readsValidFile();

    void workspace_sourceFindsById();
    void workspace_destinationFindsById();
    void workspace_metricKeysFollowSourceOrder();
    void sourceConfig_secretNamesListEachOnce();
    void loader_namesSupportedTypes();
    void parse_deliveryDestinationSettings();
    void loadFile_csvPathIsBesideTheWorkspace();
    void docs_completeExampleIsValid();
    void docs_sourcesMoreExamplesAreValid();
    void parse_htmlSourceFillsEveryField();
};

namespace {

// Everything the loader accepts at once: four http-json sources (bearer, basic, API key
// in a header, API key in the query), a POST with a JSON body, literal and secret headers,
// metric label/unit/scale, and one destination of every type.
const QByteArray FullWorkspace = R"~({
  "version": 1,
  "timezone": "Europe/Berlin",
  "schedule": "0 6 * * *",
  "northStar": "WEEKLY_ACTIVE_USERS",
  "network": {"perHostConnections": 2},
  "sources": [
    {"id": "github", "type": "http-json", "label": "GitHub",
     "url": "https://api.github.com/repos/acme/widget",
     "auth": {"type": "bearer", "secret": "github-token"},
     "headers": {"Accept": "application/vnd.github+json", "X-Trace": {"secret": "trace-id"}},
     "timeoutSeconds": 10, "attempts": 5, "maxResponseBytes": 2048,
     "metrics": [
       {"key": "GITHUB_STARS", "path": "$.stargazers_count", "label": "GitHub stars", "unit": "stars"},
       {"key": "GITHUB_FORKS", "path": "$.forks_count"}
     ]},
    {"id": "stats", "type": "http-json", "url": "https://app.example.com/api/stats", "enabled": false,
     "auth": {"type": "basic", "username": "kpi", "secret": "stats-password"},
     "metrics": [
       {"key": "WEEKLY_ACTIVE_USERS", "path": "$.active_users"},
       {"key": "MRR", "path": "$['mrr cents']", "unit": "EUR", "scale": 0.01}
     ]},
    {"id": "crm", "type": "http-json", "url": "https://crm.example.com/api/search", "method": "POST",
     "auth": {"type": "header", "name": "X-Api-Key", "secret": "crm.key"},
     "body": {"query": "customers", "limit": 1},
     "metrics": [{"key": "CUSTOMERS", "path": "$.hits.length()"}]},
    {"id": "newsletter", "type": "http-json", "url": "https://news.example.com/api/subscribers?list=main",
     "auth": {"type": "query", "name": "api_key", "secret": "newsletter_key"},
     "metrics": [{"key": "SUBSCRIBERS", "path": "$.lists[?(@.name == 'main')].count.sum()"}]}
  ],
  "destinations": [
    {"id": "notion", "type": "notion", "databaseId": "0123abcd", "token": {"secret": "notion-token"},
     "baseUrl": "https://api.notion.com", "titleProperty": "Name", "dateProperty": "Date",
     "properties": {"GITHUB_STARS": "Stars"}, "createMissingProperties": true},
    {"id": "discord", "type": "discord", "webhook": {"secret": "discord-webhook"},
     "schedule": "0 9 * * 1", "compareDays": 14, "username": "KPI Bot"},
    {"id": "slack", "type": "slack", "webhook": {"secret": "slack-webhook"}, "schedule": "@weekly"},
    {"id": "csv", "type": "csv", "path": "/srv/kpi/history.csv"},
    {"id": "hook", "type": "webhook", "url": {"secret": "hook-url"}, "signingSecret": {"secret": "hook-signing"}}
  ]
})~";

// The smallest valid source; rows add or replace members around it.
const QByteArray PlainSource =
    R"({"id": "s", "type": "http-json", "url": "https://api.example.com/v1", "metrics": [{"key": "K", "path": "$.k"}]})";

QByteArray withSources(const QByteArray &sources)
{
    return QByteArray(R"({"version": 1, "sources": [)") + sources + QByteArray("]}");
}

// PlainSource with more members, e.g. `"timeoutSeconds": 0`.
QByteArray withSourceMembers(const QByteArray &members)
{
    return withSources(
        QByteArray(R"({"id": "s", "type": "http-json", "url": "https://api.example.com/v1", )") +
        QByteArray(R"("metrics": [{"key": "K", "path": "$.k"}], )") + members + QByteArray("}"));
}

// A source whose url, auth, … are given by the row; id and type are fixed.
QByteArray withSourceBody(const QByteArray &members)
{
    return withSources(QByteArray(R"({"id": "s", "type": "http-json", )") + members +
                       QByteArray("}"));
}

QByteArray withMetric(const QByteArray &metric)
{
    return withSourceBody(QByteArray(R"("url": "https://api.example.com/v1", "metrics": [)") +
                          metric + QByteArray("]"));
}

QByteArray withDestination(const QByteArray &destination)
{
    return QByteArray(R"({"version": 1, "sources": [)") + PlainSource +
           QByteArray(R"(], "destinations": [)") + destination + QByteArray("]}");
}

// PlainSource plus top-level members, e.g. `"timezone": "Mars/Olympus"`.
QByteArray withTopLevel(const QByteArray &members)
{
    return QByteArray(R"({"version": 1, "sources": [)") + PlainSource + QByteArray("], ") +
           members + QByteArray("}");
}

// An html source with the given members besides id, type and url.
QByteArray withHtmlSource(const QByteArray &members)
{
    return withSources(
        QByteArray(R"({"id": "blog", "type": "html", "url": "https://blog.example.com/", )") +
        members + QByteArray("}"));
}

// An html source whose one metric is the given object.
QByteArray withHtmlMetric(const QByteArray &metric)
{
    return withHtmlSource(QByteArray(R"("metrics": [)") + metric + QByteArray("]"));
}

QStringList lines(std::initializer_list<const char *> texts)
{
    QStringList list;
    for (const char *text : texts)
        list.append(QString::fromUtf8(text));
    return list;
}

QStringList describe(const QList<Error> &errors)
{
    QStringList list;
    for (const Error &error : errors)
        list.append(error.toString());
    return list;
}

WorkspaceLoader::Outcome parseOk(const QByteArray &json)
{
    WorkspaceLoader::Outcome outcome = WorkspaceLoader::parse(json);
    if (!outcome.isOk())
        qWarning().noquote() << describe(outcome.errors).join(QLatin1Char('\n'));
    return outcome;
}

bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

} // namespace

void TestWorkspaceLoader::parse_fullWorkspaceFillsEveryField()
{
    const auto outcome = parseOk(FullWorkspace);
    QCOMPARE(describe(outcome.errors), QStringList());
    QVERIFY(outcome.isOk());
    const Workspace &ws = outcome.workspace;

    QCOMPARE(ws.version, 1);
    QCOMPARE(ws.timezone, QStringLiteral("Europe/Berlin"));
    QCOMPARE(ws.schedule, QStringLiteral("0 6 * * *"));
    QCOMPARE(ws.northStar, QStringLiteral("WEEKLY_ACTIVE_USERS"));
    QCOMPARE(ws.perHostConnections, 2);
    QCOMPARE(ws.sources.size(), 4);
    QCOMPARE(ws.destinations.size(), 5);

    // Bearer, literal and secret headers, explicit limits, metric label and unit.
    const SourceConfig &github = ws.sources.at(0);
    QCOMPARE(github.id, QStringLiteral("github"));
    QCOMPARE(github.type, QStringLiteral("http-json"));
    QCOMPARE(github.label, QStringLiteral("GitHub"));
    QCOMPARE(github.enabled, true);
    QCOMPARE(github.timeoutSeconds, 10);
    QCOMPARE(github.attempts, 5);
    QCOMPARE(github.maxResponseBytes, qint64(2048));
    QCOMPARE(github.http.url, QUrl(QStringLiteral("https://api.github.com/repos/acme/widget")));
    QCOMPARE(github.http.method, QByteArray("GET"));
    QVERIFY(!github.http.body.has_value());
    QCOMPARE(github.http.bodyContentType, QByteArray());
    QCOMPARE(github.http.auth.type, AuthConfig::Type::Bearer);
    QCOMPARE(github.http.auth.secret, QStringLiteral("github-token"));
    QCOMPARE(github.http.auth.username, QString());
    QCOMPARE(github.http.auth.name, QString());
    // QJsonObject keeps keys sorted, so headers come in name order.
    QCOMPARE(github.http.headers.size(), 2);
    QCOMPARE(github.http.headers.at(0).first, QStringLiteral("Accept"));
    QCOMPARE(github.http.headers.at(0).second.value, QStringLiteral("application/vnd.github+json"));
    QVERIFY(!github.http.headers.at(0).second.isSecret());
    QCOMPARE(github.http.headers.at(1).first, QStringLiteral("X-Trace"));
    QCOMPARE(github.http.headers.at(1).second.secret, QStringLiteral("trace-id"));
    QCOMPARE(github.http.headers.at(1).second.value, QString());
    QVERIFY(github.http.headers.at(1).second.isSecret());
    QCOMPARE(github.secretNames(),
             (QStringList{QStringLiteral("github-token"), QStringLiteral("trace-id")}));
    QCOMPARE(github.metrics.size(), 2);
    QCOMPARE(github.metrics.at(0).key, QStringLiteral("GITHUB_STARS"));
    QCOMPARE(github.metrics.at(0).path.expression(), QStringLiteral("$.stargazers_count"));
    QCOMPARE(github.metrics.at(0).label, QStringLiteral("GitHub stars"));
    QCOMPARE(github.metrics.at(0).unit, QStringLiteral("stars"));
    QCOMPARE(github.metrics.at(0).scale, 1.0);
    QCOMPARE(github.metrics.at(1).key, QStringLiteral("GITHUB_FORKS"));
    QCOMPARE(github.metrics.at(1).path.expression(), QStringLiteral("$.forks_count"));
    QCOMPARE(github.metrics.at(1).label, QString());
    QCOMPARE(github.metrics.at(1).unit, QString());

    // Basic, disabled, defaults for the limits, a scaled metric.
    const SourceConfig &stats = ws.sources.at(1);
    QCOMPARE(stats.id, QStringLiteral("stats"));
    QCOMPARE(stats.label, QString());
    QCOMPARE(stats.enabled, false);
    QCOMPARE(stats.timeoutSeconds, 30);
    QCOMPARE(stats.attempts, 3);
    QCOMPARE(stats.maxResponseBytes, qint64(10 * 1024 * 1024));
    QCOMPARE(stats.http.auth.type, AuthConfig::Type::Basic);
    QCOMPARE(stats.http.auth.username, QStringLiteral("kpi"));
    QCOMPARE(stats.http.auth.secret, QStringLiteral("stats-password"));
    QCOMPARE(stats.http.headers.size(), 0);
    QCOMPARE(stats.secretNames(), QStringList{QStringLiteral("stats-password")});
    QCOMPARE(stats.metrics.size(), 2);
    QCOMPARE(stats.metrics.at(1).key, QStringLiteral("MRR"));
    QCOMPARE(stats.metrics.at(1).path.expression(), QStringLiteral("$['mrr cents']"));
    QCOMPARE(stats.metrics.at(1).unit, QStringLiteral("EUR"));
    QCOMPARE(stats.metrics.at(1).scale, 0.01);
    // The compiled path works, not just its text.
    const QJsonValue statsResponse = QJsonDocument::fromJson(R"({"mrr cents": 123456})").object();
    const auto mrr = stats.metrics.at(1).path.evaluateNumber(statsResponse);
    KPI_VERIFY_OK(mrr);
    QCOMPARE(*mrr, 123456.0);

    // API key in a header; POST with a JSON body.
    const SourceConfig &crm = ws.sources.at(2);
    QCOMPARE(crm.http.method, QByteArray("POST"));
    QCOMPARE(crm.http.auth.type, AuthConfig::Type::Header);
    QCOMPARE(crm.http.auth.name, QStringLiteral("X-Api-Key"));
    QCOMPARE(crm.http.auth.secret, QStringLiteral("crm.key"));
    QVERIFY(crm.http.body.has_value());
    QCOMPARE(*crm.http.body, QByteArray(R"({"limit":1,"query":"customers"})"));
    QCOMPARE(crm.http.bodyContentType, QByteArray("application/json"));
    QCOMPARE(crm.metrics.at(0).path.expression(), QStringLiteral("$.hits.length()"));
    QCOMPARE(crm.secretNames(), QStringList{QStringLiteral("crm.key")});

    // API key in the query; other query parameters stay in the URL.
    const SourceConfig &newsletter = ws.sources.at(3);
    QCOMPARE(newsletter.http.url,
             QUrl(QStringLiteral("https://news.example.com/api/subscribers?list=main")));
    QCOMPARE(newsletter.http.auth.type, AuthConfig::Type::Query);
    QCOMPARE(newsletter.http.auth.name, QStringLiteral("api_key"));
    QCOMPARE(newsletter.http.auth.secret, QStringLiteral("newsletter_key"));
    QCOMPARE(newsletter.metrics.at(0).path.expression(),
             QStringLiteral("$.lists[?(@.name == 'main')].count.sum()"));

    const DestinationConfig &notion = ws.destinations.at(0);
    QCOMPARE(notion.id, QStringLiteral("notion"));
    QCOMPARE(notion.type, QStringLiteral("notion"));
    QCOMPARE(notion.schedule, QStringLiteral("on-collect"));
    QCOMPARE(notion.secretNames, QStringList{QStringLiteral("notion-token")});
    QCOMPARE(notion.settings,
             (QJsonObject{
                 {QStringLiteral("databaseId"), QStringLiteral("0123abcd")},
                 {QStringLiteral("token"),
                  QJsonObject{{QStringLiteral("secret"), QStringLiteral("notion-token")}}},
                 {QStringLiteral("baseUrl"), QStringLiteral("https://api.notion.com")},
                 {QStringLiteral("titleProperty"), QStringLiteral("Name")},
                 {QStringLiteral("dateProperty"), QStringLiteral("Date")},
                 {QStringLiteral("properties"),
                  QJsonObject{{QStringLiteral("GITHUB_STARS"), QStringLiteral("Stars")}}},
                 {QStringLiteral("createMissingProperties"), true},
             }));

    const DestinationConfig &discord = ws.destinations.at(1);
    QCOMPARE(discord.type, QStringLiteral("discord"));
    QCOMPARE(discord.schedule, QStringLiteral("0 9 * * 1"));
    QCOMPARE(discord.secretNames, QStringList{QStringLiteral("discord-webhook")});
    QCOMPARE(discord.settings,
             (QJsonObject{
                 {QStringLiteral("webhook"),
                  QJsonObject{{QStringLiteral("secret"), QStringLiteral("discord-webhook")}}},
                 {QStringLiteral("compareDays"), 14},
                 {QStringLiteral("username"), QStringLiteral("KPI Bot")},
             }));

    const DestinationConfig &slack = ws.destinations.at(2);
    QCOMPARE(slack.type, QStringLiteral("slack"));
    QCOMPARE(slack.schedule, QStringLiteral("@weekly"));
    QCOMPARE(slack.secretNames, QStringList{QStringLiteral("slack-webhook")});
    QCOMPARE(slack.settings,
             (QJsonObject{
                 {QStringLiteral("webhook"),
                  QJsonObject{{QStringLiteral("secret"), QStringLiteral("slack-webhook")}}},
             }));

    const DestinationConfig &csv = ws.destinations.at(3);
    QCOMPARE(csv.type, QStringLiteral("csv"));
    QCOMPARE(csv.schedule, QStringLiteral("on-collect"));
    QCOMPARE(csv.secretNames, QStringList());
    QCOMPARE(csv.settings,
             (QJsonObject{{QStringLiteral("path"), QStringLiteral("/srv/kpi/history.csv")}}));

    const DestinationConfig &hook = ws.destinations.at(4);
    QCOMPARE(hook.type, QStringLiteral("webhook"));
    QCOMPARE(hook.secretNames,
             (QStringList{QStringLiteral("hook-url"), QStringLiteral("hook-signing")}));
    QCOMPARE(hook.settings,
             (QJsonObject{
                 {QStringLiteral("url"),
                  QJsonObject{{QStringLiteral("secret"), QStringLiteral("hook-url")}}},
                 {QStringLiteral("signingSecret"),
                  QJsonObject{{QStringLiteral("secret"), QStringLiteral("hook-signing")}}},
             }));
}

void TestWorkspaceLoader::parse_minimalWorkspaceTakesDefaults()
{
    const auto outcome =
        parseOk(withDestination(R"({"id": "out", "type": "csv", "path": "kpi.csv"})"));
    QCOMPARE(describe(outcome.errors), QStringList());
    const Workspace &ws = outcome.workspace;
    QCOMPARE(ws.version, 1);
    QVERIFY(!ws.timezone.isEmpty());
    QCOMPARE(ws.timezone, QString::fromUtf8(QTimeZone::systemTimeZoneId()));
    QCOMPARE(ws.schedule, QString());
    QCOMPARE(ws.northStar, QString());
    QCOMPARE(ws.catchUpMissedRuns, true);
    QCOMPARE(ws.perHostConnections, 6);

    QCOMPARE(ws.sources.size(), 1);
    const SourceConfig &source = ws.sources.at(0);
    QCOMPARE(source.id, QStringLiteral("s"));
    QCOMPARE(source.label, QString());
    QCOMPARE(source.enabled, true);
    QCOMPARE(source.timeoutSeconds, 30);
    QCOMPARE(source.attempts, 3);
    QCOMPARE(source.maxResponseBytes, qint64(10) * 1024 * 1024);
    QCOMPARE(source.http.url, QUrl(QStringLiteral("https://api.example.com/v1")));
    QCOMPARE(source.http.method, QByteArray("GET"));
    QCOMPARE(source.http.headers.size(), 0);
    QVERIFY(!source.http.body.has_value());
    QCOMPARE(source.http.auth.type, AuthConfig::Type::None);
    QCOMPARE(source.http.auth.secret, QString());
    QCOMPARE(source.secretNames(), QStringList());
    QCOMPARE(source.metrics.size(), 1);
    QCOMPARE(source.metrics.at(0).key, QStringLiteral("K"));
    QCOMPARE(source.metrics.at(0).path.expression(), QStringLiteral("$.k"));
    QCOMPARE(source.metrics.at(0).label, QString());
    QCOMPARE(source.metrics.at(0).unit, QString());
    QCOMPARE(source.metrics.at(0).scale, 1.0);

    QCOMPARE(ws.destinations.size(), 1);
    QCOMPARE(ws.destinations.at(0).schedule, QStringLiteral("on-collect"));
    QCOMPARE(ws.destinations.at(0).settings,
             (QJsonObject{{QStringLiteral("path"), QStringLiteral("kpi.csv")}}));

    // No destinations key at all is fine too, and so is an empty list of sources.
    const auto bare = parseOk(R"({"version": 1, "sources": []})");
    QCOMPARE(describe(bare.errors), QStringList());
    QCOMPARE(bare.workspace.sources.size(), 0);
    QCOMPARE(bare.workspace.destinations.size(), 0);
}

void TestWorkspaceLoader::parse_acceptsValidVariants_data()
{
    QTest::addColumn<QByteArray>("json");

    auto row = [](const char *name, const QByteArray &json) {
        QTest::newRow(name) << json;
    };
    row("schedule @daily", withTopLevel(R"("schedule": "@daily")"));
    row("schedule @hourly", withTopLevel(R"("schedule": "@hourly")"));
    row("schedule step", withTopLevel(R"("schedule": "*/15 * * * *")"));
    row("schedule names and ranges", withTopLevel(R"("schedule": "0 6 * JAN-JUN MON-FRI")"));
    row("schedule lists", withTopLevel(R"("schedule": "0,30 6,18 1 * *")"));
    row("schedule Sunday as 7", withTopLevel(R"("schedule": "0 6 * * 7")"));
    row("schedule lower-case names", withTopLevel(R"("schedule": "0 6 * jan-mar mon,wed")"));
    row("schedule range with a step", withTopLevel(R"("schedule": "5-55/10 8-18 * * *")"));
    row("schedule that never comes", withTopLevel(R"("schedule": "0 0 30 2 *")"));
    row("schedule macro in capitals", withTopLevel(R"("schedule": "@WEEKLY")"));
    row("timezone UTC", withTopLevel(R"("timezone": "UTC")"));
    row("timezone America/New_York", withTopLevel(R"("timezone": "America/New_York")"));
    row("northStar names a metric", withTopLevel(R"("northStar": "K")"));
    row("perHostConnections 1", withTopLevel(R"("network": {"perHostConnections": 1})"));
    row("perHostConnections 6", withTopLevel(R"("network": {"perHostConnections": 6})"));
    row("catchUp off", withTopLevel(R"("catchUp": false)"));
    row("empty network", withTopLevel(R"("network": {})"));
    row("timeoutSeconds 1", withSourceMembers(R"("timeoutSeconds": 1)"));
    row("timeoutSeconds 600", withSourceMembers(R"("timeoutSeconds": 600)"));
    row("timeoutSeconds 30.0", withSourceMembers(R"("timeoutSeconds": 30.0)"));
    row("attempts 1", withSourceMembers(R"("attempts": 1)"));
    row("attempts 10", withSourceMembers(R"("attempts": 10)"));
    row("maxResponseBytes 1024", withSourceMembers(R"("maxResponseBytes": 1024)"));
    row("maxResponseBytes 1 GiB", withSourceMembers(R"("maxResponseBytes": 1073741824)"));
    row("enabled true", withSourceMembers(R"("enabled": true)"));
    row("method GET", withSourceMembers(R"("method": "GET")"));
    row("auth none", withSourceMembers(R"("auth": {"type": "none"})"));
    row("header Content-Type literal",
        withSourceMembers(R"("headers": {"Content-Type": "text/plain"})"));
    row("credential header from a secret",
        withSourceMembers(R"("headers": {"Authorization": {"secret": "a"}})"));
    row("empty headers", withSourceMembers(R"("headers": {})"));
    row("http URL",
        withSourceBody(
            R"("url": "http://localhost:8080/stats", "metrics": [{"key": "K", "path": "$"}])"));
    row("harmless query parameter",
        withSourceBody(
            R"("url": "https://x.example/?page=2&key_count=1", "metrics": [{"key": "K", "path": "$"}])"));
    row("id of 64 characters",
        withSources(
            QByteArray(R"({"id": ")") + QByteArray(64, 'a') +
            QByteArray(
                R"(", "type": "http-json", "url": "https://x.example/", "metrics": [{"key": "K", "path": "$"}]})")));
    row("id with dots and dashes",
        withSources(
            R"({"id": "9.a_b-c", "type": "http-json", "url": "https://x.example/", "metrics": [{"key": "K", "path": "$"}]})"));
    row("metric key of 64 characters",
        withMetric(QByteArray(R"({"key": "K)") + QByteArray(63, '_') +
                   QByteArray(R"(", "path": "$"})")));
    row("negative scale", withMetric(R"({"key": "K", "path": "$", "scale": -1})"));
    row("secret name of 64 characters",
        withSourceMembers(QByteArray(R"("auth": {"type": "bearer", "secret": ")") +
                          QByteArray(64, 's') + QByteArray(R"("})")));
    row("destination schedule macro",
        withDestination(R"({"id": "d", "type": "csv", "path": "a.csv", "schedule": "@monthly"})"));
    row("destination schedule on-collect",
        withDestination(
            R"({"id": "d", "type": "csv", "path": "a.csv", "schedule": "on-collect"})"));
    row("compareDays 1",
        withDestination(
            R"({"id": "d", "type": "slack", "webhook": {"secret": "w"}, "compareDays": 1})"));
    row("compareDays 3660",
        withDestination(
            R"({"id": "d", "type": "discord", "webhook": {"secret": "w"}, "compareDays": 3660})"));
    row("webhook without signing secret",
        withDestination(R"({"id": "d", "type": "webhook", "url": {"secret": "w"}})"));
    row("same id for a source and a destination",
        withDestination(R"({"id": "s", "type": "csv", "path": "a.csv"})"));
    // html sources.
    row("html count by css",
        withHtmlMetric(R"({"key": "K", "css": "article.post", "extract": "count"})"));
    row("html number by xpath", withHtmlMetric(R"({"key": "K", "xpath": "//span[@id='n']"})"));
    row("html text", withHtmlMetric(R"({"key": "K", "css": "h1", "extract": "text"})"));
    row("html sum with comma decimals",
        withHtmlMetric(
            R"({"key": "K", "css": "td.n", "extract": "sum", "decimalSeparator": ","})"));
    row("html attr",
        withHtmlMetric(R"({"key": "K", "css": "meta[name=n]", "extract": "attr:content"})"));
    row("html regex with one group",
        withHtmlMetric(R"({"key": "K", "css": "p", "regex": "([0-9,]+) downloads"})"));
    row("html regex without a group",
        withHtmlMetric(R"({"key": "K", "css": "p", "regex": "[0-9]+"})"));
    row("html nextPage",
        withHtmlSource(
            R"("metrics": [{"key": "K", "css": "a"}], "nextPage": {"css": "a[rel=next]", "maxPages": 3})"));
    row("html nextPage without maxPages",
        withHtmlSource(R"("metrics": [{"key": "K", "css": "a"}], "nextPage": {"css": "a.next"})"));
    row("html login with a secret password",
        withHtmlSource(
            R"("metrics": [{"key": "K", "css": "a"}], "login": {"url": "https://blog.example.com/login", "form": "form#login", "fields": {"email": "me@example.com", "password": {"secret": "blog-password"}}, "keepSession": false})"));
    row("html login without form selector",
        withHtmlSource(
            R"("metrics": [{"key": "K", "css": "a"}], "login": {"url": "https://blog.example.com/login", "fields": {"user": "me", "pass": {"secret": "p"}}})"));
    row("html with bearer auth and headers",
        withHtmlSource(
            R"("metrics": [{"key": "K", "css": "a"}], "auth": {"type": "bearer", "secret": "t"}, "headers": {"Accept-Language": "en"})"));
    row("sql sqlite",
        withSources(
            R"({"id": "q", "type": "sql", "driver": "sqlite", "database": "/srv/app.sqlite", "query": "SELECT 1 AS k", "metrics": [{"key": "K"}]})"));
    row("sql postgres with everything",
        withSources(
            R"({"id": "q", "type": "sql", "driver": "postgres", "database": "app", "host": "db", "port": 5432, "user": "kpi", "password": {"secret": "db-pw"}, "query": "SELECT 1 AS k WHERE now() > :windowStart", "window": "4w", "timeoutSeconds": 5, "metrics": [{"key": "K", "column": "k", "scale": 0.5, "label": "k", "unit": "u"}]})"));
    row("command with args",
        withSources(
            R"({"id": "c", "type": "command", "program": "/usr/local/bin/report", "args": ["--json", "x"], "timeoutSeconds": 10, "maxResponseBytes": 4096, "metrics": [{"key": "K", "field": "k"}]})"));
    row("manual",
        withSources(
            R"({"id": "m", "type": "manual", "label": "Survey", "metrics": [{"key": "NPS", "label": "Net Promoter Score", "unit": "points"}]})"));
}

void TestWorkspaceLoader::parse_sqlCommandAndManualSources()
{
    const auto outcome = WorkspaceLoader::parse(withSources(
        R"({"id": "q", "type": "sql", "driver": "postgres", "database": "app", "host": "db", "port": 5433, "user": "kpi", "password": {"secret": "db-pw"}, "query": "SELECT 1 AS active WHERE now() > :windowStart", "window": "2w", "metrics": [{"key": "WAU", "column": "active"}, {"key": "ACTIVE"}]},
           {"id": "c", "type": "command", "program": "/bin/report", "args": ["a b", "c"], "metrics": [{"key": "K", "field": "k"}]},
           {"id": "m", "type": "manual", "metrics": [{"key": "NPS", "unit": "points"}]})"));
    QCOMPARE(describe(outcome.errors), QStringList());
    const SourceConfig &sql = outcome.workspace.sources.at(0);
    QCOMPARE(sql.sql.driver, QStringLiteral("postgres"));
    QCOMPARE(sql.sql.database, QStringLiteral("app"));
    QCOMPARE(sql.sql.host, QStringLiteral("db"));
    QCOMPARE(sql.sql.port, 5433);
    QCOMPARE(sql.sql.user, QStringLiteral("kpi"));
    QCOMPARE(sql.sql.passwordSecret, QStringLiteral("db-pw"));
    QCOMPARE(sql.sql.windowSeconds, qint64(14 * 86400));
    QCOMPARE(sql.secretNames(), QStringList{QStringLiteral("db-pw")});
    QCOMPARE(sql.metrics.at(0).field, QStringLiteral("active"));
    QCOMPARE(sql.metrics.at(1).field, QStringLiteral("ACTIVE"));
    const SourceConfig &command = outcome.workspace.sources.at(1);
    QCOMPARE(command.command.program, QStringLiteral("/bin/report"));
    QCOMPARE(command.command.args, (QStringList{QStringLiteral("a b"), QStringLiteral("c")}));
    QCOMPARE(command.maxResponseBytes, qint64(1024 * 1024));
    QCOMPARE(command.metrics.at(0).field, QStringLiteral("k"));
    const SourceConfig &manual = outcome.workspace.sources.at(2);
    QVERIFY(manual.isManual());
    QVERIFY(!sql.isManual());
    QCOMPARE(manual.metrics.at(0).unit, QStringLiteral("points"));
    QCOMPARE(outcome.workspace.metricKeys(),
             (QStringList{QStringLiteral("WAU"), QStringLiteral("ACTIVE"), QStringLiteral("K"),
                          QStringLiteral("NPS")}));
}

void TestWorkspaceLoader::parse_acceptsValidVariants()
{
    QFETCH(QByteArray, json);
    const auto outcome = WorkspaceLoader::parse(json);
    QCOMPARE(describe(outcome.errors), QStringList());
    QVERIFY(outcome.isOk());
}

void TestWorkspaceLoader::parse_keepsBodyBytesAndContentType_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("contentType");

    QTest::newRow("string is sent as is")
        << QByteArray(R"("a=1&b=\u00e9")") << QByteArray("a=1&b=\xc3\xa9") << QByteArray();
    QTest::newRow("empty string") << QByteArray(R"("")") << QByteArray("") << QByteArray();
    QTest::newRow("object as compact JSON")
        << QByteArray(R"({"b": [1, 2], "a": {"c": null}})")
        << QByteArray(R"({"a":{"c":null},"b":[1,2]})") << QByteArray("application/json");
    QTest::newRow("array as compact JSON")
        << QByteArray(R"([ "x", 1.5, true ])") << QByteArray(R"(["x",1.5,true])")
        << QByteArray("application/json");
    QTest::newRow("empty object") << QByteArray("{}") << QByteArray("{}")
                                  << QByteArray("application/json");
}

void TestWorkspaceLoader::parse_keepsBodyBytesAndContentType()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, contentType);
    const auto outcome =
        parseOk(withSourceMembers(QByteArray(R"("method": "POST", "body": )") + body));
    QCOMPARE(describe(outcome.errors), QStringList());
    const SourceConfig &source = outcome.workspace.sources.at(0);
    QCOMPARE(source.http.method, QByteArray("POST"));
    QVERIFY(source.http.body.has_value());
    QCOMPARE(*source.http.body, bytes);
    QCOMPARE(source.http.bodyContentType, contentType);
}

void TestWorkspaceLoader::parse_reportsEachError_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("expected");

    auto row = [](const char *name, const QByteArray &json,
                  std::initializer_list<const char *> expected) {
        QTest::newRow(name) << json << lines(expected);
    };
    const QByteArray metric = R"("metrics": [{"key": "K", "path": "$.k"}])";
    const QByteArray url = R"("url": "https://api.example.com/v1")";

    // The document.
    row("top level is an array", "[]", {"expected a JSON object at the top level"});
    row("top level is an array of objects", R"([{"version": 1}])",
        {"expected a JSON object at the top level"});

    // Top-level keys.
    row("missing version", withSources(PlainSource).replace(R"("version": 1, )", ""),
        {"version: required, expected a whole number from 1 to 1000"});
    row("version 2", withSources(PlainSource).replace(R"("version": 1)", R"("version": 2)"),
        {"version: this KPI Collector reads workspace version 1, got 2; upgrade KPI Collector"});
    row("version 0", withSources(PlainSource).replace(R"("version": 1)", R"("version": 0)"),
        {"version: expected a whole number from 1 to 1000, got a number (0)"});
    row("version as a string",
        withSources(PlainSource).replace(R"("version": 1)", R"("version": "1")"),
        {R"(version: expected a whole number from 1 to 1000, got a string "1")"});
    row("version 1.5", withSources(PlainSource).replace(R"("version": 1)", R"("version": 1.5)"),
        {"version: expected a whole number from 1 to 1000, got a number (1.5)"});
    row("unknown time zone", withTopLevel(R"("timezone": "Mars/Olympus")"),
        {R"(timezone: unknown time zone "Mars/Olympus"; expected an IANA name such as "Europe/Berlin")"});
    row("empty time zone", withTopLevel(R"("timezone": "")"),
        {R"(timezone: unknown time zone ""; expected an IANA name such as "Europe/Berlin")"});
    row("time zone as a number", withTopLevel(R"("timezone": 1)"),
        {"timezone: expected a string, got a number (1)"});
    row("schedule word", withTopLevel(R"("schedule": "daily")"),
        {R"(schedule: expected a cron expression such as "0 6 * * *" or @daily, got "daily")"});
    row("schedule of four fields", withTopLevel(R"("schedule": "0 6 * *")"),
        {"schedule: expected 5 fields (minute hour day-of-month month day-of-week) or a macro "
         "such as @daily, got 4"});
    row("schedule of six fields", withTopLevel(R"("schedule": "0 0 6 * * *")"),
        {"schedule: expected 5 fields (minute hour day-of-month month day-of-week) or a macro "
         "such as @daily, got 6"});
    row("schedule with a question mark", withTopLevel(R"("schedule": "0 6 ? * *")"),
        {R"(schedule: day-of-month: "?" is not a number)"});
    row("schedule on-collect is for destinations", withTopLevel(R"("schedule": "on-collect")"),
        {R"(schedule: expected a cron expression such as "0 6 * * *" or @daily, got "on-collect")"});
    row("schedule unknown macro", withTopLevel(R"("schedule": "@sometimes")"),
        {R"(schedule: unknown macro "@sometimes"; expected @hourly, @daily, @midnight, @weekly, @monthly, @yearly or @annually)"});
    row("schedule hour out of range", withTopLevel(R"("schedule": "0 24 * * *")"),
        {"schedule: hour: 24 is out of range 0-23"});
    row("schedule bad day name", withTopLevel(R"("schedule": "0 9 * * MOM")"),
        {R"(schedule: day-of-week: "MOM" is not a number or a day name)"});
    row("schedule bad month name", withTopLevel(R"("schedule": "0 9 1 JANUARY *")"),
        {R"(schedule: month: "JANUARY" is not a number or a month name)"});
    row("schedule step of 0", withTopLevel(R"("schedule": "*/0 * * * *")"),
        {"schedule: minute: step 0 is out of range 1-60"});
    row("schedule backwards range", withTopLevel(R"("schedule": "0 9 * * 5-1")"),
        {R"(schedule: day-of-week: range "5-1" runs backwards; write it as a list, such as "5-6,0-1")"});
    row("schedule day 32", withTopLevel(R"("schedule": "0 0 32 * *")"),
        {"schedule: day-of-month: 32 is out of range 1-31"});
    row("catchUp not a boolean", withTopLevel(R"("catchUp": "yes")"),
        {R"(catchUp: expected true or false, got a string "yes")"});
    row("unknown key with a suggestion", withTopLevel(R"("timezon": "UTC")"),
        {R"(timezon: unknown key; did you mean "timezone"?)"});
    row("unknown key differing in case", withTopLevel(R"("northstar": "K")"),
        {R"(northstar: unknown key; did you mean "northStar"?)"});
    row("unknown key without a suggestion", withTopLevel(R"("colour": "red")"),
        {"colour: unknown key; expected one of: catchUp, destinations, network, northStar, "
         "rawResponses, schedule, "
         "sources, timezone, "
         "version"});
    row("network not an object", withTopLevel(R"("network": 4)"),
        {"network: expected an object, got a number (4)"});
    row("perHostConnections 0", withTopLevel(R"("network": {"perHostConnections": 0})"),
        {"network.perHostConnections: expected a whole number from 1 to 6, got a number (0)"});
    row("perHostConnections 7", withTopLevel(R"("network": {"perHostConnections": 7})"),
        {"network.perHostConnections: expected a whole number from 1 to 6, got a number (7)"});
    row("network unknown key", withTopLevel(R"("network": {"perHost": 2})"),
        {"network.perHost: unknown key; expected one of: perHostConnections"});
    row("northStar not a metric", withTopLevel(R"("northStar": "MRR")"),
        {R"(northStar: "MRR" is not a metric of any source; the metrics are: K)"});
    row("northStar with no metrics at all", R"({"version": 1, "sources": [], "northStar": "MRR"})",
        {R"(northStar: "MRR" is not a metric of any source)"});
    row("northStar lists the metrics sorted",
        withSources(
            QByteArray(
                R"({"id": "a", "type": "http-json", "url": "https://x.example/", "metrics": [)"
                R"({"key": "ZED", "path": "$.z"}, {"key": "ALPHA", "path": "$.a"}]})"))
            .replace(R"("version": 1)", R"("version": 1, "northStar": "zed")"),
        {R"(northStar: "zed" is not a metric of any source; the metrics are: ALPHA, ZED)"});

    // The sources array.
    row("sources missing", R"({"version": 1})", {"sources: required, expected an array"});
    row("sources not an array", R"({"version": 1, "sources": {}})",
        {"sources: expected an array, got an object"});
    row("source not an object", withSources(R"("github")"),
        {R"(sources[0]: expected a source object, got a string "github")"});
    row("source is null", withSources(QByteArray(PlainSource) + ", null"),
        {"sources[1]: expected a source object, got null"});
    row("missing id",
        withSources(QByteArray(R"({"type": "http-json", )") + url + ", " + metric + "}"),
        {"sources[0].id: required, expected a string"});
    row("missing type", withSources(QByteArray(R"({"id": "s", )") + url + ", " + metric + "}"),
        {"sources[0].type: required, expected a string"});
    row("id with a blank",
        withSources(QByteArray(PlainSource).replace(R"("id": "s")", R"("id": "git hub")")),
        {R"(sources[0].id: expected up to 64 letters, digits, ".", "_" or "-", starting with a letter or digit, got "git hub")"});
    row("id starting with a dash",
        withSources(QByteArray(PlainSource).replace(R"("id": "s")", R"("id": "-s")")),
        {R"(sources[0].id: expected up to 64 letters, digits, ".", "_" or "-", starting with a letter or digit, got "-s")"});
    row("empty id", withSources(QByteArray(PlainSource).replace(R"("id": "s")", R"("id": "")")),
        {R"(sources[0].id: expected up to 64 letters, digits, ".", "_" or "-", starting with a letter or digit, got "")"});
    const QString longId = QString(65, QLatin1Char('a'));
    QTest::newRow("id of 65 characters")
        << withSources(
               QByteArray(PlainSource)
                   .replace(R"("id": "s")", QByteArray("\"id\": \"" + longId.toUtf8() + "\"")))
        << QStringList{
               QStringLiteral(
                   R"(sources[0].id: expected up to 64 letters, digits, ".", "_" or "-", starting with a letter or digit, got ")") +
               longId + QLatin1Char('"')};
    row("id as a number",
        withSources(QByteArray(PlainSource).replace(R"("id": "s")", R"("id": 7)")),
        {"sources[0].id: expected a string, got a number (7)"});
    // Only the type is reported: without a known type there is no telling which keys belong.
    row("unsupported type rss",
        withSources(R"({"id": "blog", "type": "rss", "url": "https://blog.example.com/",
                        "metrics": [{"key": "BLOG_TOTAL_POSTS", "css": "a.post", "extract": "count"}]})"),
        {R"(sources[0].type: unsupported source type "rss"; this version collects: http-json, html, sql, command, manual)"});
    // html sources.
    row("html invalid css names the position",
        withHtmlMetric(R"({"key": "K", "css": "div > > a"})"),
        {R"(sources[0].metrics[0].css: at position 7: expected a selector, got ">")"});
    row("html invalid xpath", withHtmlMetric(R"({"key": "K", "xpath": "//div[@"})"),
        {"sources[0].metrics[0].xpath: at position 8: unknown XPath error"});
    row("html css and xpath both", withHtmlMetric(R"({"key": "K", "css": "a", "xpath": "//a"})"),
        {R"(sources[0].metrics[0].xpath: give either "css" or "xpath", not both)"});
    row("html neither css nor xpath", withHtmlMetric(R"({"key": "K"})"),
        {R"(sources[0].metrics[0]: expected "css" (a CSS selector) or "xpath" (an XPath 1.0 expression))"});
    row("html path is not a key of html metrics",
        withHtmlMetric(R"({"key": "K", "css": "a", "path": "$.k"})"),
        {R"(sources[0].metrics[0].path: unknown key; did you mean "xpath"?)"});
    row("html unknown extract", withHtmlMetric(R"({"key": "K", "css": "a", "extract": "avg"})"),
        {R"(sources[0].metrics[0].extract: expected count, text, number, sum or attr:NAME, got "avg")"});
    row("html attr without a name",
        withHtmlMetric(R"({"key": "K", "css": "a", "extract": "attr:"})"),
        {R"(sources[0].metrics[0].extract: expected count, text, number, sum or attr:NAME, got "attr:")"});
    row("html regex with two groups",
        withHtmlMetric(R"~({"key": "K", "css": "a", "regex": "(\\d+) of (\\d+)"})~"),
        {"sources[0].metrics[0].regex: expected at most one capture group, got 2; use (?:…) for "
         "the others"});
    row("html invalid regex", withHtmlMetric(R"({"key": "K", "css": "a", "regex": "([0-9]+"})"),
        {"sources[0].metrics[0].regex: not a valid regular expression: missing closing parenthesis "
         "at position 8"});
    row("html bad decimal separator",
        withHtmlMetric(R"({"key": "K", "css": "a", "decimalSeparator": "'"})"),
        {R"(sources[0].metrics[0].decimalSeparator: expected "." or ",", got "'")"});
    row("html nextPage without css",
        withHtmlSource(R"("metrics": [{"key": "K", "css": "a"}], "nextPage": {"maxPages": 3})"),
        {"sources[0].nextPage.css: required, expected a string"});
    row("html nextPage invalid css",
        withHtmlSource(R"("metrics": [{"key": "K", "css": "a"}], "nextPage": {"css": "a["})"),
        {"sources[0].nextPage.css: at position 3: expected an attribute name, got the end"});
    row("html nextPage maxPages 0",
        withHtmlSource(
            R"("metrics": [{"key": "K", "css": "a"}], "nextPage": {"css": "a", "maxPages": 0})"),
        {"sources[0].nextPage.maxPages: expected a whole number from 1 to 1000, got a number (0)"});
    row("html login password in plain text",
        withHtmlSource(
            R"("metrics": [{"key": "K", "css": "a"}], "login": {"url": "https://blog.example.com/login", "fields": {"email": "me@example.com", "password": "hunter2"}})"),
        {R"(sources[0].login.fields.password: a password in plain text would be committed with the workspace; use {"secret": "NAME"} and store the value with "kpi-collector secret set NAME")"});
    row("html login user_pwd in plain text",
        withHtmlSource(
            R"("metrics": [{"key": "K", "css": "a"}], "login": {"url": "https://blog.example.com/login", "fields": {"user_pwd": "hunter2"}})"),
        {R"(sources[0].login.fields.user_pwd: a password in plain text would be committed with the workspace; use {"secret": "NAME"} and store the value with "kpi-collector secret set NAME")"});
    row("html login without url",
        withHtmlSource(
            R"("metrics": [{"key": "K", "css": "a"}], "login": {"fields": {"u": "me"}})"),
        {"sources[0].login.url: required, expected a string"});
    row("html login without fields",
        withHtmlSource(
            R"("metrics": [{"key": "K", "css": "a"}], "login": {"url": "https://blog.example.com/login"})"),
        {"sources[0].login.fields: required, expected an object"});
    row("html login invalid form selector",
        withHtmlSource(
            R"("metrics": [{"key": "K", "css": "a"}], "login": {"url": "https://blog.example.com/login", "form": "form#", "fields": {"u": "me"}})"),
        {R"(sources[0].login.form: at position 6: expected an id after "#", got the end)"});
    row("html login field as a number",
        withHtmlSource(
            R"("metrics": [{"key": "K", "css": "a"}], "login": {"url": "https://blog.example.com/login", "fields": {"remember": 1}})"),
        {R"(sources[0].login.fields.remember: expected a string or {"secret": "NAME"}, got a number)"});
    row("html login typo",
        withHtmlSource(
            R"("metrics": [{"key": "K", "css": "a"}], "login": {"url": "https://blog.example.com/login", "fields": {"u": "me"}, "keepSesion": false})"),
        {R"(sources[0].login.keepSesion: unknown key; did you mean "keepSession"?)"});
    row("duplicate source id",
        withSources(QByteArray(PlainSource) + ", " +
                    QByteArray(PlainSource).replace(R"("key": "K")", R"("key": "L")")),
        {R"(sources[1].id: duplicate source id "s" (also sources[0]))"});
    row("duplicate metric key across sources",
        withSources(QByteArray(PlainSource) + ", " +
                    QByteArray(PlainSource).replace(R"("id": "s")", R"("id": "t")")),
        {R"(sources[1].metrics[0].key: duplicate metric key "K" (also sources[0].metrics[0].key))"});
    row("duplicate metric key in one source",
        withMetric(
            R"({"key": "K", "path": "$.a"}, {"key": "L", "path": "$.b"}, {"key": "K", "path": "$.c"})"),
        {R"(sources[0].metrics[2].key: duplicate metric key "K" (also sources[0].metrics[0].key))"});
    row("unknown source key with a suggestion", withSourceMembers(R"("lable": "GitHub")"),
        {R"(sources[0].lable: unknown key; did you mean "label"?)"});
    row("unknown source key without a suggestion", withSourceMembers(R"("timeout": 5)"),
        {"sources[0].timeout: unknown key; expected one of: attempts, auth, body, enabled, "
         "headers, id, label, "
         "maxResponseBytes, method, metrics, timeoutSeconds, type, url"});
    row("misspelt metrics",
        withSourceBody(QByteArray(url) + R"(, "metric": [{"key": "K", "path": "$.k"}])"),
        {"sources[0].metrics: required, expected an array",
         R"(sources[0].metric: unknown key; did you mean "metrics"?)"});
    row("label as a number", withSourceMembers(R"("label": 5)"),
        {"sources[0].label: expected a string, got a number (5)"});
    row("enabled as a string", withSourceMembers(R"("enabled": "yes")"),
        {R"(sources[0].enabled: expected true or false, got a string "yes")"});

    // Metrics.
    row("metrics empty", withSourceBody(QByteArray(url) + R"(, "metrics": [])"),
        {"sources[0].metrics: expected at least one metric"});
    row("metrics not an array", withSourceBody(QByteArray(url) + R"(, "metrics": {"key": "K"})"),
        {"sources[0].metrics: expected an array, got an object"});
    row("metric not an object", withMetric(R"("K")"),
        {R"(sources[0].metrics[0]: expected an object with "key" and "path", got a string "K")"});
    row("metric key missing", withMetric(R"({"path": "$.k"})"),
        {"sources[0].metrics[0].key: required, expected a string"});
    row("metric key with a dash", withMetric(R"({"key": "github-stars", "path": "$.k"})"),
        {R"(sources[0].metrics[0].key: expected a metric key of letters, digits and "_" starting with a letter (such as GITHUB_STARS), got "github-stars")"});
    row("metric key starting with a digit", withMetric(R"({"key": "1K", "path": "$.k"})"),
        {R"(sources[0].metrics[0].key: expected a metric key of letters, digits and "_" starting with a letter (such as GITHUB_STARS), got "1K")"});
    const QString longKey = QStringLiteral("K") + QString(64, QLatin1Char('_'));
    QTest::newRow("metric key of 65 characters")
        << withMetric("{\"key\": \"" + longKey.toUtf8() + R"(", "path": "$"})")
        << QStringList{
               QStringLiteral(
                   R"(sources[0].metrics[0].key: expected a metric key of letters, digits and "_" starting with a letter (such as GITHUB_STARS), got ")") +
               longKey + QLatin1Char('"')};
    row("path missing", withMetric(R"({"key": "K"})"),
        {"sources[0].metrics[0].path: required, expected a string"});
    row("path as a number", withMetric(R"({"key": "K", "path": 3})"),
        {"sources[0].metrics[0].path: expected a string, got a number (3)"});
    row("path without $", withMetric(R"({"key": "K", "path": "stars"})"),
        {R"(sources[0].metrics[0].path: expected a JSONPath, got "stars")"});
    row("path with an unclosed bracket", withMetric(R"({"key": "K", "path": "$.items[0"})"),
        {R"(sources[0].metrics[0].path: expected "," or "]" at position 10)"});
    row("path ending in a dot", withMetric(R"({"key": "K", "path": "$.a."})"),
        {R"(sources[0].metrics[0].path: expected a name after "." at position 5)"});
    row("path with an unknown function", withMetric(R"~({"key": "K", "path": "$.a.count()"})~"),
        {R"~(sources[0].metrics[0].path: unknown function "count()" at position 5; expected length(), sum(), min(), max() or avg())~"});
    // PRODUCT.md's own example, verbatim: the third source's first metric.
    row("PRODUCT.md example",
        withSources(QByteArray(
            R"({"id": "github", "type": "http-json", "url": "https://api.github.com/repos/acme/widget",
             "auth": {"type": "bearer", "secret": "github-token"}, "timeoutSeconds": 30,
             "metrics": [{"key": "GITHUB_STARS", "path": "$.stargazers_count"}]},
            {"id": "stats", "type": "http-json", "url": "https://app.example.com/api/stats",
             "auth": {"type": "basic", "username": "kpi", "secret": "stats-password"},
             "metrics": [{"key": "WEEKLY_ACTIVE_USERS", "path": "$.active_users"}]},
            {"id": "gitlab", "type": "http-json", "url": "https://gitlab.example.com/api/v4/projects/7",
             "metrics": [{"key": "GITLAB_STARS", "path": "stars"}]})")),
        {R"(sources[2].metrics[0].path: expected a JSONPath, got "stars")"});
    row("scale 0", withMetric(R"({"key": "K", "path": "$.k", "scale": 0})"),
        {"sources[0].metrics[0].scale: expected a number other than 0"});
    row("scale as a string", withMetric(R"({"key": "K", "path": "$.k", "scale": "0.01"})"),
        {R"(sources[0].metrics[0].scale: expected a number, got a string "0.01")"});
    row("unit as a number", withMetric(R"({"key": "K", "path": "$.k", "unit": 1})"),
        {"sources[0].metrics[0].unit: expected a string, got a number (1)"});
    row("metric key of another source type",
        withMetric(R"({"key": "K", "path": "$.k", "css": "td"})"),
        {"sources[0].metrics[0].css: unknown key; expected one of: allowDropToZero, better, key, "
         "label, max, maxChangePercent, min, path, scale, unit"});

    // Limits.
    row("timeoutSeconds 0", withSourceMembers(R"("timeoutSeconds": 0)"),
        {"sources[0].timeoutSeconds: expected a whole number from 1 to 600, got a number (0)"});
    row("timeoutSeconds 601", withSourceMembers(R"("timeoutSeconds": 601)"),
        {"sources[0].timeoutSeconds: expected a whole number from 1 to 600, got a number (601)"});
    row("timeoutSeconds 2.5", withSourceMembers(R"("timeoutSeconds": 2.5)"),
        {"sources[0].timeoutSeconds: expected a whole number from 1 to 600, got a number (2.5)"});
    row("timeoutSeconds as a string", withSourceMembers(R"("timeoutSeconds": "30")"),
        {R"(sources[0].timeoutSeconds: expected a whole number from 1 to 600, got a string "30")"});
    row("timeoutSeconds null", withSourceMembers(R"("timeoutSeconds": null)"),
        {"sources[0].timeoutSeconds: expected a whole number from 1 to 600, got null"});
    row("attempts 0", withSourceMembers(R"("attempts": 0)"),
        {"sources[0].attempts: expected a whole number from 1 to 10, got a number (0)"});
    row("attempts 11", withSourceMembers(R"("attempts": 11)"),
        {"sources[0].attempts: expected a whole number from 1 to 10, got a number (11)"});
    row("maxResponseBytes 1023", withSourceMembers(R"("maxResponseBytes": 1023)"),
        {"sources[0].maxResponseBytes: expected a whole number from 1024 to 1073741824, got a "
         "number (1023)"});
    row("maxResponseBytes over 1 GiB", withSourceMembers(R"("maxResponseBytes": 1073741825)"),
        {"sources[0].maxResponseBytes: expected a whole number from 1024 to 1073741824, got a "
         "number (1073741825)"});

    // URL.
    row("url missing", withSourceBody(metric), {"sources[0].url: required, expected a string"});
    row("url not a URL", withSourceBody(QByteArray(R"("url": "not a url", )") + metric),
        {R"(sources[0].url: expected an http or https URL, got "not a url")"});
    row("url without a host", withSourceBody(QByteArray(R"("url": "https://", )") + metric),
        {R"(sources[0].url: expected an http or https URL, got "https://")"});
    row("url relative", withSourceBody(QByteArray(R"("url": "/api/stats", )") + metric),
        {R"(sources[0].url: expected an http or https URL, got "/api/stats")"});
    row("url ftp",
        withSourceBody(QByteArray(R"("url": "ftp://files.example.com/stats.json", )") + metric),
        {R"(sources[0].url: expected an http or https URL, got "ftp://files.example.com/stats.json")"});
    row("url with user and password",
        withSourceBody(QByteArray(R"("url": "https://kpi:hunter2@app.example.com/api", )") +
                       metric),
        {R"(sources[0].url: credentials in the URL would end up in files and logs; use "auth" with a secret instead)"});
    row("invalid url with a password",
        withSourceBody(QByteArray(R"("url": "https://kpi:hunter 2@app.example.com/api", )") +
                       metric),
        {R"(sources[0].url: credentials in the URL would end up in files and logs; use "auth" with a secret instead)"});
    row("invalid url with a query",
        withSourceBody(QByteArray(R"("url": "https://app.example.com/a b?key=hunter2", )") +
                       metric),
        {"sources[0].url: expected an http or https URL, got \"https://app.example.com/a "
         "b?\u2026\""});
    row("url with a user only",
        withSourceBody(QByteArray(R"("url": "https://kpi@app.example.com/api", )") + metric),
        {R"(sources[0].url: credentials in the URL would end up in files and logs; use "auth" with a secret instead)"});
    row("url with api_key",
        withSourceBody(QByteArray(R"("url": "https://x.example/v1?page=1&api_key=abc123", )") +
                       metric),
        {R"(sources[0].url: the query parameter "api_key" looks like a credential; use "auth": {"type": "query", "name": "api_key", "secret": "NAME"} instead)"});
    row("url with access_token in capitals",
        withSourceBody(QByteArray(R"("url": "https://x.example/v1?Access_Token=abc", )") + metric),
        {R"(sources[0].url: the query parameter "Access_Token" looks like a credential; use "auth": {"type": "query", "name": "Access_Token", "secret": "NAME"} instead)"});

    row("url with Google's key parameter",
        withSourceBody(QByteArray(R"("url": "https://x.example/v1?key=abc", )") + metric),
        {R"(sources[0].url: the query parameter "key" looks like a credential; use "auth": {"type": "query", "name": "key", "secret": "NAME"} instead)"});

    // Method and body.
    row("method PUT", withSourceMembers(R"("method": "PUT")"),
        {R"(sources[0].method: expected "GET" or "POST", got "PUT")"});
    row("method in lower case", withSourceMembers(R"("method": "post")"),
        {R"(sources[0].method: expected "GET" or "POST", got "post")"});
    row("body with default GET", withSourceMembers(R"("body": {"q": 1})"),
        {R"(sources[0].body: a body needs "method": "POST")"});
    row("body with explicit GET", withSourceMembers(R"("method": "GET", "body": "q=1")"),
        {R"(sources[0].body: a body needs "method": "POST")"});
    row("body as a number", withSourceMembers(R"("method": "POST", "body": 42)"),
        {"sources[0].body: expected a string, an object or an array, got a number (42)"});
    row("body as a boolean", withSourceMembers(R"("method": "POST", "body": true)"),
        {"sources[0].body: expected a string, an object or an array, got a boolean (true)"});

    // Headers.
    row("headers not an object", withSourceMembers(R"("headers": ["Accept: */*"])"),
        {"sources[0].headers: expected an object, got an array"});
    row("literal Authorization header",
        withSourceMembers(R"("headers": {"Authorization": "Bearer abc"})"),
        {R"(sources[0].headers.Authorization: a credential in plain text would be committed with the workspace; use {"secret": "NAME"} or "auth" instead)"});
    row("literal X-Api-Key header", withSourceMembers(R"("headers": {"X-Api-Key": "abc"})"),
        {R"(sources[0].headers.X-Api-Key: a credential in plain text would be committed with the workspace; use {"secret": "NAME"} or "auth" instead)"});
    row("literal cookie header", withSourceMembers(R"("headers": {"cookie": "session=abc"})"),
        {R"(sources[0].headers.cookie: a credential in plain text would be committed with the workspace; use {"secret": "NAME"} or "auth" instead)"});
    row("header set to a number", withSourceMembers(R"("headers": {"X-Page": 2})"),
        {R"(sources[0].headers.X-Page: expected a string or {"secret": "NAME"}, got a number)"});
    row("header set to null", withSourceMembers(R"("headers": {"X-Page": null})"),
        {R"(sources[0].headers.X-Page: expected a string or {"secret": "NAME"}, got null)"});
    row("header User-Agent", withSourceMembers(R"("headers": {"User-Agent": "curl/8"})"),
        {"sources[0].headers.User-Agent: this header is set by KPI Collector itself"});
    row("header Accept-Encoding", withSourceMembers(R"("headers": {"Accept-Encoding": "br"})"),
        {"sources[0].headers.Accept-Encoding: this header is set by KPI Collector itself"});
    row("header host in lower case", withSourceMembers(R"("headers": {"host": "example.com"})"),
        {"sources[0].headers.host: this header is set by KPI Collector itself"});
    row("header Content-Length", withSourceMembers(R"("headers": {"Content-Length": "5"})"),
        {"sources[0].headers.Content-Length: this header is set by KPI Collector itself"});
    row("header name with a blank", withSourceMembers(R"("headers": {"X Trace": "1"})"),
        {"sources[0].headers.X Trace: not a valid HTTP header name"});
    row("header secret with a bad name",
        withSourceMembers(R"("headers": {"X-Token": {"secret": "my token"}})"),
        {R"(sources[0].headers.X-Token.secret: expected the name of a secret: up to 64 letters, digits, ".", "_" or "-", starting with a letter or digit)"});
    row("header secret with another key",
        withSourceMembers(R"("headers": {"X-Token": {"secret": "t", "value": "v"}})"),
        {"sources[0].headers.X-Token.value: unknown key; expected one of: secret"});
    row("header secret object without secret", withSourceMembers(R"("headers": {"X-Token": {}})"),
        {"sources[0].headers.X-Token.secret: required, expected a string"});

    // Auth.
    // A token pasted where it does not belong is never echoed back.
    row("auth not an object", withSourceMembers(R"("auth": "Bearer ghp_notarealtoken0123")"),
        {R"(sources[0].auth: expected an object, got a string)"});
    row("auth type holding a token",
        withSourceMembers(R"("auth": {"type": "ghp_notarealtoken0123", "secret": "t"})"),
        {R"(sources[0].auth.type: expected one of none, bearer, basic, header, query)"});
    row("header holding a token as a number",
        withSourceMembers(R"("headers": {"X-Api-Pin": 123456789})"),
        {R"(sources[0].headers.X-Api-Pin: expected a string or {"secret": "NAME"}, got a number)"});
    row("auth missing type", withSourceMembers(R"("auth": {"secret": "github-token"})"),
        {"sources[0].auth.type: required, expected a string"});
    row("auth unknown type", withSourceMembers(R"("auth": {"type": "oauth", "secret": "t"})"),
        {R"(sources[0].auth.type: expected one of none, bearer, basic, header, query, got "oauth")"});
    row("bearer without secret", withSourceMembers(R"("auth": {"type": "bearer"})"),
        {"sources[0].auth.secret: required, expected a string"});
    row("bearer with a secret object",
        withSourceMembers(R"("auth": {"type": "bearer", "secret": {"secret": "t"}})"),
        {"sources[0].auth.secret: expected a string, got an object"});
    row("basic without username", withSourceMembers(R"("auth": {"type": "basic", "secret": "p"})"),
        {"sources[0].auth.username: required, expected a string"});
    row("basic without anything", withSourceMembers(R"("auth": {"type": "basic"})"),
        {"sources[0].auth.secret: required, expected a string",
         "sources[0].auth.username: required, expected a string"});
    row("header auth without name",
        withSourceMembers(R"("auth": {"type": "header", "secret": "k"})"),
        {"sources[0].auth.name: required, expected a string"});
    row("query auth without name", withSourceMembers(R"("auth": {"type": "query", "secret": "k"})"),
        {"sources[0].auth.name: required, expected a string"});
    row("header auth with a bad name",
        withSourceMembers(R"("auth": {"type": "header", "name": "X Key", "secret": "k"})"),
        {R"(sources[0].auth.name: expected a header or parameter name)"});
    row("username on bearer",
        withSourceMembers(R"("auth": {"type": "bearer", "secret": "t", "username": "kpi"})"),
        {"sources[0].auth.username: unknown key; expected one of: secret, type"});
    row("secret on none", withSourceMembers(R"("auth": {"type": "none", "secret": "t"})"),
        {"sources[0].auth.secret: unknown key; expected one of: type"});
    row("name on basic",
        withSourceMembers(
            R"("auth": {"type": "basic", "username": "u", "secret": "p", "name": "X"})"),
        {"sources[0].auth.name: unknown key; expected one of: secret, type, username"});
    row("secret name with spaces",
        withSourceMembers(R"("auth": {"type": "bearer", "secret": "github token"})"),
        {R"(sources[0].auth.secret: expected the name of a secret: up to 64 letters, digits, ".", "_" or "-", starting with a letter or digit)"});
    row("secret name starting with a dot",
        withSourceMembers(R"("auth": {"type": "bearer", "secret": ".index"})"),
        {R"(sources[0].auth.secret: expected the name of a secret: up to 64 letters, digits, ".", "_" or "-", starting with a letter or digit)"});
    row("a GitHub token pasted as the secret's name",
        withSourceMembers(R"("auth": {"type": "bearer", "secret": "ghp_notARealTokenJustATest"})"),
        {R"(sources[0].auth.secret: this looks like a token, not the name of one; store the token with "kpi-collector secret set NAME" and write NAME here)"});
    row("a Slack token pasted as a header's secret",
        withSourceMembers(R"("headers": {"X-Slack": {"secret": "xoxb-fake"}})"),
        {R"(sources[0].headers.X-Slack.secret: this looks like a token, not the name of one; store the token with "kpi-collector secret set NAME" and write NAME here)"});
    const QString longSecret = QString(65, QLatin1Char('s'));
    QTest::newRow("secret name of 65 characters")
        << withSourceMembers(R"("auth": {"type": "bearer", "secret": ")" + longSecret.toUtf8() +
                             "\"}")
        << QStringList{QStringLiteral(
               R"(sources[0].auth.secret: expected the name of a secret: up to 64 letters, digits, ".", "_" or "-", starting with a letter or digit)")};

    // Destinations.
    row("destinations not an array", withTopLevel(R"("destinations": {"id": "d"})"),
        {"destinations: expected an array, got an object"});
    row("destination not an object", withDestination(R"("discord")"),
        {R"(destinations[0]: expected a destination object, got a string "discord")"});
    row("destination missing id", withDestination(R"({"type": "csv", "path": "a.csv"})"),
        {"destinations[0].id: required, expected a string"});
    row("destination bad id",
        withDestination(R"({"id": "my csv", "type": "csv", "path": "a.csv"})"),
        {R"(destinations[0].id: expected up to 64 letters, digits, ".", "_" or "-", starting with a letter or digit, got "my csv")"});
    row("destination missing type", withDestination(R"({"id": "d", "path": "a.csv"})"),
        {"destinations[0].type: required, expected a string"});
    row("destination unknown type",
        withDestination(R"({"id": "d", "type": "email", "to": "me@example.com"})"),
        {R"(destinations[0].type: unsupported destination type "email"; expected one of: notion, discord, slack, csv, webhook, influxdb)"});
    row("duplicate destination id",
        withDestination(
            R"({"id": "d", "type": "csv", "path": "a.csv"}, {"id": "d", "type": "csv", "path": "b.csv"})"),
        {R"(destinations[1].id: duplicate destination id "d" (also destinations[0]))"});
    row("notion token as a literal",
        withDestination(
            R"({"id": "n", "type": "notion", "databaseId": "abc", "token": "secret_abc123"})"),
        {R"(destinations[0].token: expected {"secret": "NAME"}: secrets never go in the workspace file; store the value with "kpi-collector secret set NAME")"});
    row("discord webhook as a literal URL",
        withDestination(
            R"({"id": "d", "type": "discord", "webhook": "https://discord.com/api/webhooks/1/abc"})"),
        {R"(destinations[0].webhook: expected {"secret": "NAME"}: secrets never go in the workspace file; store the value with "kpi-collector secret set NAME")"});
    row("webhook url as a number", withDestination(R"({"id": "w", "type": "webhook", "url": 5})"),
        {R"(destinations[0].url: expected {"secret": "NAME"}, got a number (5))"});
    row("notion missing databaseId and token", withDestination(R"({"id": "n", "type": "notion"})"),
        {"destinations[0].databaseId: required, expected a string",
         R"(destinations[0].token: required, expected {"secret": "NAME"})"});
    row("discord missing webhook", withDestination(R"({"id": "d", "type": "discord"})"),
        {R"(destinations[0].webhook: required, expected {"secret": "NAME"})"});
    row("slack missing webhook", withDestination(R"({"id": "d", "type": "slack"})"),
        {R"(destinations[0].webhook: required, expected {"secret": "NAME"})"});
    row("csv missing path", withDestination(R"({"id": "c", "type": "csv"})"),
        {"destinations[0].path: required, expected a string"});
    row("webhook missing url", withDestination(R"({"id": "w", "type": "webhook"})"),
        {R"(destinations[0].url: required, expected {"secret": "NAME"})"});
    row("destination secret with a bad name",
        withDestination(R"({"id": "w", "type": "webhook", "url": {"secret": "hook url"}})"),
        {R"(destinations[0].url.secret: expected the name of a secret: up to 64 letters, digits, ".", "_" or "-", starting with a letter or digit)"});
    row("destination schedule word",
        withDestination(R"({"id": "c", "type": "csv", "path": "a.csv", "schedule": "weekly"})"),
        {R"(destinations[0].schedule: expected "on-collect" or a cron expression such as "0 9 * * 1", got "weekly")"});
    row("destination schedule empty",
        withDestination(R"({"id": "c", "type": "csv", "path": "a.csv", "schedule": ""})"),
        {R"(destinations[0].schedule: expected "on-collect" or a cron expression such as "0 9 * * 1", got "")"});
    row("destination schedule bad day name",
        withDestination(
            R"({"id": "c", "type": "csv", "path": "a.csv", "schedule": "0 9 * * MOM"})"),
        {R"(destinations[0].schedule: day-of-week: "MOM" is not a number or a day name)"});
    row("destination schedule of four fields",
        withDestination(R"({"id": "c", "type": "csv", "path": "a.csv", "schedule": "0 9 * *"})"),
        {"destinations[0].schedule: expected 5 fields (minute hour day-of-month month "
         "day-of-week) or a macro such as @daily, got 4"});
    row("destination schedule unknown macro",
        withDestination(R"({"id": "c", "type": "csv", "path": "a.csv", "schedule": "@reboot"})"),
        {R"(destinations[0].schedule: unknown macro "@reboot"; expected @hourly, @daily, @midnight, @weekly, @monthly, @yearly or @annually)"});
    row("destination schedule as a number",
        withDestination(R"({"id": "c", "type": "csv", "path": "a.csv", "schedule": 9})"),
        {"destinations[0].schedule: expected a string, got a number (9)"});
    row("compareDays 0",
        withDestination(
            R"({"id": "d", "type": "discord", "webhook": {"secret": "w"}, "compareDays": 0})"),
        {"destinations[0].compareDays: expected a whole number from 1 to 3660, got a number (0)"});
    row("notion baseUrl not http",
        withDestination(
            R"({"id": "n", "type": "notion", "databaseId": "a", "token": {"secret": "t"}, "baseUrl": "file:///tmp"})"),
        {R"(destinations[0].baseUrl: expected an http or https URL, got "file:///tmp")"});
    row("notion properties not an object",
        withDestination(
            R"({"id": "n", "type": "notion", "databaseId": "a", "token": {"secret": "t"}, "properties": []})"),
        {"destinations[0].properties: expected an object, got an array"});
    row("key of another destination type",
        withDestination(
            R"({"id": "d", "type": "discord", "webhook": {"secret": "w"}, "databaseId": "a"})"),
        {"destinations[0].databaseId: unknown key; expected one of: compareDays, id, schedule, "
         "type, username, webhook"});
    row("destination key typo",
        withDestination(R"({"id": "c", "type": "csv", "path": "a.csv", "shedule": "@daily"})"),
        {R"(destinations[0].shedule: unknown key; did you mean "schedule"?)"});

    // sql, command and manual sources.
    row("sql without driver, database or query",
        withSources(R"({"id": "q", "type": "sql", "metrics": [{"key": "K"}]})"),
        {"sources[0].driver: required, expected a string",
         "sources[0].database: required, expected a string",
         "sources[0].query: required, expected a string"});
    row("sql unknown driver",
        withSources(
            R"({"id": "q", "type": "sql", "driver": "oracle", "database": "a", "query": "SELECT 1 AS k", "metrics": [{"key": "K"}]})"),
        {R"(sources[0].driver: expected one of sqlite, postgres, mysql, got "oracle")"});
    row("sql bad window",
        withSources(
            R"({"id": "q", "type": "sql", "driver": "sqlite", "database": "a", "query": "SELECT 1 AS k", "window": "7 days", "metrics": [{"key": "K"}]})"),
        {R"(sources[0].window: expected a number and a unit h, d or w, such as "7d", got "7 days")"});
    row("sql windowStart without window",
        withSources(
            R"({"id": "q", "type": "sql", "driver": "sqlite", "database": "a", "query": "SELECT 1 AS k WHERE 1 > :windowStart", "metrics": [{"key": "K"}]})"),
        {R"(sources[0].query: the query uses :windowStart; set "window", such as "7d")"});
    row("sql password in plain text",
        withSources(
            R"({"id": "q", "type": "sql", "driver": "postgres", "database": "a", "password": "hunter22", "query": "SELECT 1 AS k", "metrics": [{"key": "K"}]})"),
        {R"(sources[0].password: expected {"secret": "NAME"}: secrets never go in the workspace file; store the value with "kpi-collector secret set NAME")"});
    row("sql server keys on sqlite",
        withSources(
            R"({"id": "q", "type": "sql", "driver": "sqlite", "database": "a", "host": "db", "query": "SELECT 1 AS k", "metrics": [{"key": "K"}]})"),
        {"sources[0].host: unknown key; expected one of: database, driver, enabled, id, label, "
         "metrics, query, timeoutSeconds, type, window"});
    row("sql metric with a path",
        withSources(
            R"({"id": "q", "type": "sql", "driver": "sqlite", "database": "a", "query": "SELECT 1 AS k", "metrics": [{"key": "K", "path": "$.k"}]})"),
        {"sources[0].metrics[0].path: unknown key; expected one of: allowDropToZero, better, "
         "column, key, "
         "label, max, maxChangePercent, min, scale, unit"});
    row("command relative program",
        withSources(
            R"({"id": "c", "type": "command", "program": "report.sh", "metrics": [{"key": "K"}]})"),
        {R"(sources[0].program: expected an absolute path to a program, got "report.sh")"});
    row("command argument not a string",
        withSources(
            R"({"id": "c", "type": "command", "program": "/bin/report", "args": ["-v", 3], "metrics": [{"key": "K"}]})"),
        {"sources[0].args[1]: expected a string, got a number (3)"});
    row("command without program",
        withSources(R"({"id": "c", "type": "command", "metrics": [{"key": "K"}]})"),
        {"sources[0].program: required, expected a string"});
    row("command timeout 0",
        withSources(
            R"({"id": "c", "type": "command", "program": "/bin/report", "timeoutSeconds": 0, "metrics": [{"key": "K"}]})"),
        {"sources[0].timeoutSeconds: expected a whole number from 1 to 600, got a number (0)"});
    row("command metric column",
        withSources(
            R"({"id": "c", "type": "command", "program": "/bin/report", "metrics": [{"key": "K", "column": "k"}]})"),
        {"sources[0].metrics[0].column: unknown key; expected one of: allowDropToZero, better, "
         "field, key, label, "
         "max, maxChangePercent, min, scale, unit"});
    row("manual with a url",
        withSources(
            R"({"id": "m", "type": "manual", "url": "https://a.example", "metrics": [{"key": "NPS"}]})"),
        {"sources[0].url: unknown key; expected one of: enabled, id, label, metrics, type"});
    row("manual metric with a path",
        withSources(
            R"({"id": "m", "type": "manual", "metrics": [{"key": "NPS", "path": "$.nps"}]})"),
        {"sources[0].metrics[0].path: unknown key; expected one of: allowDropToZero, better, key, "
         "label, max, maxChangePercent, min, unit"});
    row("metric better neither higher nor lower",
        withSources(
            R"({"id": "m", "type": "manual", "metrics": [{"key": "CHURN", "better": "less"}]})"),
        {R"(sources[0].metrics[0].better: expected "higher" or "lower", got "less")"});
    row("manual without metrics", withSources(R"({"id": "m", "type": "manual"})"),
        {"sources[0].metrics: required, expected an array"});
}

void TestWorkspaceLoader::parse_reportsEachError()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, expected);
    const auto outcome = WorkspaceLoader::parse(json);
    QCOMPARE(describe(outcome.errors), expected);
    QVERIFY(!outcome.isOk());
    for (const Error &error : outcome.errors)
        QCOMPARE(error.code, Error::Code::InvalidInput);
}

void TestWorkspaceLoader::parse_reportsInvalidJsonWithLineAndColumn_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty file") << QByteArray() << QStringLiteral("line 1, column 1")
                                << QStringLiteral("not valid JSON: illegal value");
    QTest::newRow("trailing comma")
        << QByteArray("{\"version\": 1,}") << QStringLiteral("line 1, column 15")
        << QStringLiteral("not valid JSON: object is missing after a comma");
    QTest::newRow("missing comma on line 3")
        << QByteArray("{\n  \"version\": 1\n  \"sources\": []\n}")
        << QStringLiteral("line 3, column 3")
        << QStringLiteral("not valid JSON: unterminated object");
    QTest::newRow("unterminated array")
        << QByteArray("{\"version\": 1,\n \"sources\": [}") << QStringLiteral("line 2, column 14")
        << QStringLiteral("not valid JSON: object is missing after a comma");
    QTest::newRow("missing comma in an array")
        << QByteArray("{\"sources\": [1 2]}") << QStringLiteral("line 1, column 16")
        << QStringLiteral("not valid JSON: missing value separator");
    QTest::newRow("bad literal") << QByteArray("{\"enabled\": tru}")
                                 << QStringLiteral("line 1, column 13")
                                 << QStringLiteral("not valid JSON: illegal value");
    QTest::newRow("bad number") << QByteArray("{\"version\": -}")
                                << QStringLiteral("line 1, column 14")
                                << QStringLiteral("not valid JSON: illegal number");
    QTest::newRow("columns count characters, not bytes")
        << QByteArray("{\"label\": \"\xc3\xa4\xc3\xb6\xc3\xbc\", x}")
        << QStringLiteral("line 1, column 18")
        << QStringLiteral("not valid JSON: unterminated object");
    QTest::newRow("garbage after the object")
        << QByteArray("{}\n{}") << QStringLiteral("line 2, column 1")
        << QStringLiteral("not valid JSON: garbage at the end of the document");
}

void TestWorkspaceLoader::parse_reportsInvalidJsonWithLineAndColumn()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, where);
    QFETCH(QString, message);
    const auto outcome = WorkspaceLoader::parse(json);
    QCOMPARE(outcome.errors.size(), 1);
    QCOMPARE(outcome.errors.at(0).where, where);
    QCOMPARE(outcome.errors.at(0).message, message);
    QCOMPARE(outcome.errors.at(0).code, Error::Code::InvalidInput);
}

void TestWorkspaceLoader::parse_reportsEveryError()
{
    const QByteArray broken = R"({
      "version": 1,
      "timezone": "Europe/Berln",
      "schedule": "every morning",
      "northStar": "REVENUE",
      "network": {"perHostConnections": 0},
      "sources": [
        {"id": "github", "type": "http-json", "url": "https://api.github.com/repos/acme/widget",
         "timeoutSeconds": 0,
         "headers": {"Authorization": "token abc"},
         "metrics": [{"key": "GITHUB_STARS", "path": "stars"}]},
        {"id": "github", "type": "http-json", "url": "ftp://example.com/",
         "auth": {"type": "basic", "secret": "stats password"},
         "metrics": []},
        {"id": "blog", "type": "rss", "url": "https://blog.example.com/",
         "metrics": [{"key": "GITHUB_STARS", "css": "a"}]},
        {"id": "crm", "type": "http-json", "url": "https://crm.example.com/?token=abc",
         "body": {"q": 1}, "atempts": 2,
         "metrics": [{"key": "crm-customers", "path": "$.total", "scale": 0}]}
      ],
      "destinations": [
        {"id": "notion", "type": "notion", "token": "secret_abc"},
        {"id": "discord", "type": "discord", "webhook": {"secret": "discord-webhook"}, "schedule": "mondays"},
        {"id": "mail", "type": "email"}
      ],
      "colour": "blue"
    })";
    const auto outcome = WorkspaceLoader::parse(broken);
    const QStringList expected = lines({
        R"(timezone: unknown time zone "Europe/Berln"; expected an IANA name such as "Europe/Berlin")",
        R"(schedule: expected a cron expression such as "0 6 * * *" or @daily, got "every morning")",
        "network.perHostConnections: expected a whole number from 1 to 6, got a number (0)",
        "sources[0].timeoutSeconds: expected a whole number from 1 to 600, got a number (0)",
        R"(sources[0].headers.Authorization: a credential in plain text would be committed with the workspace; use {"secret": "NAME"} or "auth" instead)",
        R"(sources[0].metrics[0].path: expected a JSONPath, got "stars")",
        R"(sources[1].id: duplicate source id "github" (also sources[0]))",
        R"(sources[1].url: expected an http or https URL, got "ftp://example.com/")",
        R"(sources[1].auth.secret: expected the name of a secret: up to 64 letters, digits, ".", "_" or "-", starting with a letter or digit)",
        "sources[1].auth.username: required, expected a string",
        "sources[1].metrics: expected at least one metric",
        R"(sources[2].metrics[0].key: duplicate metric key "GITHUB_STARS" (also sources[0].metrics[0].key))",
        R"(sources[2].type: unsupported source type "rss"; this version collects: http-json, html, sql, command, manual)",
        R"(sources[3].url: the query parameter "token" looks like a credential; use "auth": {"type": "query", "name": "token", "secret": "NAME"} instead)",
        R"(sources[3].body: a body needs "method": "POST")",
        R"(sources[3].metrics[0].key: expected a metric key of letters, digits and "_" starting with a letter (such as GITHUB_STARS), got "crm-customers")",
        "sources[3].metrics[0].scale: expected a number other than 0",
        R"(sources[3].atempts: unknown key; did you mean "attempts"?)",
        "destinations[0].databaseId: required, expected a string",
        R"(destinations[0].token: expected {"secret": "NAME"}: secrets never go in the workspace file; store the value with "kpi-collector secret set NAME")",
        R"(destinations[1].schedule: expected "on-collect" or a cron expression such as "0 9 * * 1", got "mondays")",
        R"(destinations[2].type: unsupported destination type "email"; expected one of: notion, discord, slack, csv, webhook, influxdb)",
        R"(northStar: "REVENUE" is not a metric of any source; the metrics are: GITHUB_STARS, crm-customers)",
        "colour: unknown key; expected one of: catchUp, destinations, network, northStar, "
        "rawResponses, schedule, "
        "sources, timezone, version",
    });
    QCOMPARE(describe(outcome.errors), expected);
    QCOMPARE(outcome.errors.size(), 24);
    QVERIFY(!outcome.isOk());
    for (const Error &error : outcome.errors) {
        QCOMPARE(error.code, Error::Code::InvalidInput);
        QVERIFY(!error.where.isEmpty());
        // Secrets never echo back, even the literal ones the file should not have held.
        QVERIFY2(!error.toString().contains(QLatin1String("abc")), qPrintable(error.toString()));
    }
}

void TestWorkspaceLoader::parse_dropsOnlyTheBrokenEntries()
{
    // A bad source or destination is left out of the model; the good ones stay, so
    // callers that show a partial workspace (the GUI's editor) see what was understood.
    const auto outcome = WorkspaceLoader::parse(withSources(
        QByteArray(PlainSource) +
        R"(, {"id": "bad", "type": "http-json", "url": "x", "metrics": [{"key": "B", "path": "$"}]})"));
    QCOMPARE(describe(outcome.errors),
             lines({R"(sources[1].url: expected an http or https URL, got "x")"}));
    QCOMPARE(outcome.workspace.sources.size(), 1);
    QCOMPARE(outcome.workspace.sources.at(0).id, QStringLiteral("s"));

    const auto destinations = WorkspaceLoader::parse(withDestination(
        R"({"id": "bad", "type": "csv"}, {"id": "good", "type": "csv", "path": "a.csv"})"));
    QCOMPARE(describe(destinations.errors),
             lines({"destinations[0].path: required, expected a string"}));
    QCOMPARE(destinations.workspace.destinations.size(), 1);
    QCOMPARE(destinations.workspace.destinations.at(0).id, QStringLiteral("good"));
}

void TestWorkspaceLoader::loadFile_reportsMissingFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("workspace.json"));
    const auto outcome = WorkspaceLoader::loadFile(path);
    QCOMPARE(outcome.errors.size(), 1);
    QCOMPARE(outcome.errors.at(0).code, Error::Code::NotFound);
    QCOMPARE(outcome.errors.at(0).where, path);
    QCOMPARE(outcome.errors.at(0).message,
             QStringLiteral(
                 "no workspace file here; create one (docs/workspace.md) or pass --workspace"));
}

void TestWorkspaceLoader::loadFile_reportsUnreadablePath_data()
{
    QTest::addColumn<bool>("directory");
    QTest::addColumn<QString>("message");

    QTest::newRow("a directory")
        << true << QStringLiteral("cannot read the workspace file: file to open is a directory");
    QTest::newRow("no read permission")
        << false << QStringLiteral("cannot read the workspace file: Permission denied");
}

void TestWorkspaceLoader::loadFile_reportsUnreadablePath()
{
    QFETCH(bool, directory);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("workspace.json"));
    if (directory) {
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("workspace.json")));
    } else {
        QVERIFY(writeFile(path, withSources(PlainSource)));
        QVERIFY(QFile::setPermissions(path, QFileDevice::WriteOwner));
        QFile probe(path);
        if (probe.open(QIODevice::ReadOnly))
            QSKIP("running with privileges that ignore file permissions (root)");
    }
    const auto outcome = WorkspaceLoader::loadFile(path);
    QCOMPARE(describe(outcome.errors), QStringList{path + QStringLiteral(": ") + message});
}

void TestWorkspaceLoader::loadFile_rejectsOversizedFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("huge.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(16 * 1024 * 1024 + 1)); // sparse: costs no disk
    file.close();
    const auto outcome = WorkspaceLoader::loadFile(path);
    QCOMPARE(describe(outcome.errors),
             QStringList{path + QStringLiteral(": the workspace file is larger than 16 MiB")});
    QCOMPARE(outcome.errors.at(0).code, Error::Code::InvalidInput);

    // Exactly 16 MiB is read (and then fails as JSON, not as a size).
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.resize(16 * 1024 * 1024));
    file.close();
    const auto atLimit = WorkspaceLoader::loadFile(path);
    QCOMPARE(atLimit.errors.size(), 1);
    QVERIFY2(atLimit.errors.at(0).message.startsWith(QLatin1String("not valid JSON: ")),
             qPrintable(atLimit.errors.at(0).toString()));
}

void TestWorkspaceLoader::loadFile_readsValidFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("workspace.json"));
    QVERIFY(writeFile(path, FullWorkspace));
    const auto outcome = WorkspaceLoader::loadFile(path);
    QCOMPARE(describe(outcome.errors), QStringList());
    QCOMPARE(outcome.workspace.sources.size(), 4);
    QCOMPARE(outcome.workspace.destinations.size(), 5);
    QCOMPARE(outcome.workspace.timezone, QStringLiteral("Europe/Berlin"));
    QCOMPARE(outcome.workspace.metricKeys(),
             WorkspaceLoader::parse(FullWorkspace).workspace.metricKeys());

    // Errors inside the file name JSON paths, not the file.
    QVERIFY(writeFile(path, withTopLevel(R"("timezone": "Nowhere")")));
    const auto bad = WorkspaceLoader::loadFile(path);
    QCOMPARE(
        describe(bad.errors),
        lines(
            {R"(timezone: unknown time zone "Nowhere"; expected an IANA name such as "Europe/Berlin")"}));
}

void TestWorkspaceLoader::workspace_sourceFindsById()
{
    const auto outcome = parseOk(FullWorkspace);
    const Workspace &ws = outcome.workspace;
    const SourceConfig *crm = ws.source(QStringLiteral("crm"));
    QVERIFY(crm);
    QCOMPARE(crm, &ws.sources.at(2));
    QCOMPARE(ws.source(QStringLiteral("github")), &ws.sources.at(0));
    QCOMPARE(ws.source(QStringLiteral("newsletter")), &ws.sources.at(3));
    QCOMPARE(ws.source(QStringLiteral("CRM")), nullptr);    // ids are case-sensitive
    QCOMPARE(ws.source(QStringLiteral("notion")), nullptr); // a destination, not a source
    QCOMPARE(ws.source(QString()), nullptr);
}

void TestWorkspaceLoader::workspace_destinationFindsById()
{
    const auto outcome = parseOk(FullWorkspace);
    const Workspace &ws = outcome.workspace;
    QCOMPARE(ws.destination(QStringLiteral("notion")), &ws.destinations.at(0));
    QCOMPARE(ws.destination(QStringLiteral("slack")), &ws.destinations.at(2));
    QCOMPARE(ws.destination(QStringLiteral("hook")), &ws.destinations.at(4));
    QCOMPARE(ws.destination(QStringLiteral("hook"))->type, QStringLiteral("webhook"));
    QCOMPARE(ws.destination(QStringLiteral("github")), nullptr);
    QCOMPARE(ws.destination(QString()), nullptr);
}

void TestWorkspaceLoader::workspace_metricKeysFollowSourceOrder()
{
    const auto outcome = parseOk(FullWorkspace);
    QCOMPARE(outcome.workspace.metricKeys(),
             (QStringList{QStringLiteral("GITHUB_STARS"), QStringLiteral("GITHUB_FORKS"),
                          QStringLiteral("WEEKLY_ACTIVE_USERS"), QStringLiteral("MRR"),
                          QStringLiteral("CUSTOMERS"), QStringLiteral("SUBSCRIBERS")}));

    // File order, not alphabetical.
    const auto reversed = parseOk(withSources(R"(
        {"id": "z", "type": "http-json", "url": "https://z.example/", "metrics": [{"key": "ZED", "path": "$.z"}, {"key": "MID", "path": "$.m"}]},
        {"id": "a", "type": "http-json", "url": "https://a.example/", "metrics": [{"key": "ALPHA", "path": "$.a"}]})"));
    QCOMPARE(reversed.workspace.metricKeys(),
             (QStringList{QStringLiteral("ZED"), QStringLiteral("MID"), QStringLiteral("ALPHA")}));
    QCOMPARE(Workspace().metricKeys(), QStringList());
}

void TestWorkspaceLoader::sourceConfig_secretNamesListEachOnce()
{
    const auto outcome = parseOk(withSourceMembers(
        R"("auth": {"type": "header", "name": "X-Key", "secret": "shared"},
           "headers": {"X-A": {"secret": "other"}, "X-B": {"secret": "shared"}, "X-C": "plain"})"));
    QCOMPARE(describe(outcome.errors), QStringList());
    QCOMPARE(outcome.workspace.sources.at(0).secretNames(),
             (QStringList{QStringLiteral("shared"), QStringLiteral("other")}));
}

void TestWorkspaceLoader::loader_namesSupportedTypes()
{
    QCOMPARE(
        WorkspaceLoader::sourceTypes(),
        (QStringList{QStringLiteral("http-json"), QStringLiteral("html"), QStringLiteral("sql"),
                     QStringLiteral("command"), QStringLiteral("manual")}));
    QCOMPARE(WorkspaceLoader::destinationTypes(),
             (QStringList{QStringLiteral("notion"), QStringLiteral("discord"),
                          QStringLiteral("slack"), QStringLiteral("csv"), QStringLiteral("webhook"),
                          QStringLiteral("influxdb")}));
}

void TestWorkspaceLoader::parse_deliveryDestinationSettings()
{
    const auto outcome = parseOk(withDestination(
        "{\"id\": \"tsdb\", \"type\": \"influxdb\", \"url\": \"https://influx.example.com:8086\", "
        "\"org\": \"acme\", \"bucket\": \"kpi\", \"token\": {\"secret\": \"influx-token\"}, "
        "\"measurement\": \"business\", \"tags\": {\"env\": \"prod\"}}, "
        "{\"id\": \"hook\", \"type\": \"webhook\", \"url\": {\"secret\": \"hook-url\"}, "
        "\"signingSecret\": {\"secret\": \"hook-key\"}, \"maxValuesPerRequest\": 5}"));
    const auto &tsdb = outcome.workspace.destinations.at(0);
    QCOMPARE(tsdb.secretNames, QStringList{QStringLiteral("influx-token")});
    QCOMPARE(tsdb.settings.value(QLatin1String("bucket")).toString(), QStringLiteral("kpi"));
    QCOMPARE(tsdb.settings.value(QLatin1String("tags"))
                 .toObject()
                 .value(QLatin1String("env"))
                 .toString(),
             QStringLiteral("prod"));
    const auto &hook = outcome.workspace.destinations.at(1);
    QCOMPARE(hook.secretNames,
             (QStringList{QStringLiteral("hook-url"), QStringLiteral("hook-key")}));
    QCOMPARE(hook.settings.value(QLatin1String("maxValuesPerRequest")).toInt(), 5);

    const auto bad = WorkspaceLoader::parse(withDestination(
        "{\"id\": \"tsdb\", \"type\": \"influxdb\", \"url\": \"https://influx.example.com\", "
        "\"org\": \"acme\", \"token\": \"plain-text-token\"}"));
    QCOMPARE(describe(bad.errors).size(), 2); // bucket missing, token not a secret reference
}

void TestWorkspaceLoader::loadFile_csvPathIsBesideTheWorkspace()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("workspace.json"));
    QVERIFY(writeFile(
        path, withDestination("{\"id\": \"out\", \"type\": \"csv\", \"path\": \"out/kpi.csv\"}")));
    const auto outcome = WorkspaceLoader::loadFile(path);
    QVERIFY(outcome.isOk());
    QCOMPARE(
        outcome.workspace.destinations.first().settings.value(QLatin1String("path")).toString(),
        QDir(dir.path()).absoluteFilePath(QStringLiteral("out/kpi.csv")));
}

void TestWorkspaceLoader::docs_completeExampleIsValid()
{
    // docs/workspace.md promises its complete example loads as is.
    QFile docs(QString::fromUtf8(QT_TESTCASE_SOURCEDIR) + QStringLiteral("/../docs/workspace.md"));
    QVERIFY2(docs.open(QIODevice::ReadOnly), qPrintable(docs.fileName()));
    const QString text = QString::fromUtf8(docs.readAll());
    const qsizetype section = text.indexOf(QLatin1String("\n## A complete example\n"));
    QVERIFY(section >= 0);
    const QLatin1String fence("```json\n");
    const qsizetype start = text.indexOf(fence, section);
    QVERIFY(start >= 0);
    const qsizetype end = text.indexOf(QLatin1String("\n```"), start + fence.size());
    QVERIFY(end > start);
    const QByteArray example = text.mid(start + fence.size(), end - start - fence.size()).toUtf8();

    const auto outcome = WorkspaceLoader::parse(example);
    QCOMPARE(describe(outcome.errors), QStringList());
    QCOMPARE(outcome.workspace.sources.size(), 4);
    QCOMPARE(outcome.workspace.destinations.size(), 3);
    QCOMPARE(outcome.workspace.northStar, QStringLiteral("WEEKLY_ACTIVE_USERS"));
}

void TestWorkspaceLoader::docs_sourcesMoreExamplesAreValid()
{
    // Every example of the sql, command and manual sections of docs/sources.md is one
    // source that loads as is.
    QFile docs(QString::fromUtf8(QT_TESTCASE_SOURCEDIR) + QStringLiteral("/../docs/sources.md"));
    QVERIFY2(docs.open(QIODevice::ReadOnly), qPrintable(docs.fileName()));
    const QString all = QString::fromUtf8(docs.readAll());
    const qsizetype from = all.indexOf(QLatin1String("## `sql`"));
    const qsizetype to = all.indexOf(QLatin1String("## Presets"));
    QVERIFY(from > 0 && to > from);
    const QString text = all.mid(from, to - from);
    const QLatin1String fence("```json\n");
    QStringList examples;
    for (qsizetype start = text.indexOf(fence); start >= 0; start = text.indexOf(fence, start)) {
        start += fence.size();
        const qsizetype end = text.indexOf(QLatin1String("\n```"), start);
        QVERIFY(end > start);
        examples.append(text.mid(start, end - start));
    }
    QCOMPARE(examples.size(), 3);
    const auto outcome =
        WorkspaceLoader::parse((QStringLiteral("{\"version\": 1, \"sources\": [") +
                                examples.join(QStringLiteral(",")) + QStringLiteral("]}"))
                                   .toUtf8());
    QCOMPARE(describe(outcome.errors), QStringList());
    QCOMPARE(outcome.workspace.sources.size(), 3);
    QCOMPARE(outcome.workspace.sources.at(0).type, QStringLiteral("sql"));
    QCOMPARE(outcome.workspace.sources.at(1).type, QStringLiteral("command"));
    QCOMPARE(outcome.workspace.sources.at(2).type, QStringLiteral("manual"));
}

void TestWorkspaceLoader::parse_htmlSourceFillsEveryField()
{
    const auto outcome = parseOk(withHtmlSource(
        R"~("metrics": [{"key": "POSTS", "css": "article.post", "extract": "count"},
                        {"key": "DOWNLOADS", "xpath": "//p[@id='d']", "regex": "([0-9.,]+) total",
                         "decimalSeparator": ","},
                        {"key": "LINK", "css": "a", "extract": "attr:data-n"}],
           "nextPage": {"css": "a[rel=next]", "maxPages": 3},
           "login": {"url": "https://blog.example.com/login", "form": "#f",
                     "fields": {"email": "me@example.com", "password": {"secret": "blog-pw"}},
                     "keepSession": false})~"));
    QVERIFY(outcome.isOk());
    const SourceConfig &source = outcome.workspace.sources.at(0);
    using Extract = kpi::workspace::HtmlMetricConfig::Extract;
    QCOMPARE(source.type, QStringLiteral("html"));
    QCOMPARE(source.metrics.size(), 3);
    QCOMPARE(source.metrics[0].html.css, QStringLiteral("article.post"));
    QCOMPARE(source.metrics[0].html.extract, Extract::Count);
    QCOMPARE(source.metrics[1].html.xpath, QStringLiteral("//p[@id='d']"));
    QCOMPARE(source.metrics[1].html.extract, Extract::Number);
    QCOMPARE(source.metrics[1].html.regex, QStringLiteral("([0-9.,]+) total"));
    QCOMPARE(source.metrics[1].html.decimalSeparator, QChar(u','));
    QCOMPARE(source.metrics[2].html.extract, Extract::Attribute);
    QCOMPARE(source.metrics[2].html.attribute, QStringLiteral("data-n"));
    QVERIFY(source.nextPage);
    QCOMPARE(source.nextPage->css, QStringLiteral("a[rel=next]"));
    QCOMPARE(source.nextPage->maxPages, 3);
    QVERIFY(source.login);
    QCOMPARE(source.login->url, QUrl(QStringLiteral("https://blog.example.com/login")));
    QCOMPARE(source.login->formCss, QStringLiteral("#f"));
    QCOMPARE(source.login->keepSession, false);
    QCOMPARE(source.login->fields.size(), 2);
    QCOMPARE(source.login->fields[0].first, QStringLiteral("email"));
    QCOMPARE(source.login->fields[0].second.value, QStringLiteral("me@example.com"));
    QCOMPARE(source.login->fields[1].second.secret, QStringLiteral("blog-pw"));
    QCOMPARE(source.secretNames(), QStringList{QStringLiteral("blog-pw")});
}

QTEST_GUILESS_MAIN(TestWorkspaceLoader)
#include "TestWorkspaceLoader.moc"
