// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeClock.h"
#include "FakePresetApis.h"
#include "FakeSecretStore.h"
#include "TestSupport.h"
#include "net/HttpClient.h"
#include "pipeline/CollectRun.h"
#include "workspace/PresetCatalog.h"
#include "workspace/WorkspaceLoader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>

using namespace kpi;
using kpi::test::FakePresetApis;
using kpi::workspace::PresetCatalog;
using kpi::workspace::WorkspaceLoader;

namespace {

using Values = QList<std::pair<QString, double>>;

QJsonObject presetSource(const QString &id, const QString &preset, const QJsonObject &params,
                         const QJsonObject &secrets = {})
{
    QJsonObject source{{QStringLiteral("id"), id},
                       {QStringLiteral("preset"), preset},
                       {QStringLiteral("params"), params}};
    if (!secrets.isEmpty())
        source.insert(QStringLiteral("secrets"), secrets);
    return source;
}

QByteArray workspaceJson(const QJsonArray &sources)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                     {QStringLiteral("timezone"), QStringLiteral("UTC")},
                                     {QStringLiteral("sources"), sources}})
        .toJson(QJsonDocument::Compact);
}

QString problem(const kpi::sources::SourceOutcome &outcome)
{
    if (outcome.sourceId.isEmpty())
        return QStringLiteral("no outcome");
    if (outcome.error)
        return outcome.error->message;
    return outcome.metricErrors.isEmpty() ? QString()
                                          : outcome.metricErrors.constFirst().error.message;
}

QString errorsText(const QList<Error> &errors)
{
    QStringList lines;
    for (const auto &error : errors)
        lines.append(error.toString());
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestPresets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtIn_allLoad()
    {
        const auto &catalog = PresetCatalog::builtIn();
        QVERIFY2(catalog.loadErrors().isEmpty(), qPrintable(errorsText(catalog.loadErrors())));
        QCOMPARE(catalog.ids(),
                 (QStringList{QStringLiteral("discord-server"), QStringLiteral("docker-hub-image"),
                              QStringLiteral("github-repo"), QStringLiteral("npm-package"),
                              QStringLiteral("pypi-package")}));
        for (const auto &preset : catalog.presets()) {
            QVERIFY(!preset.description.isEmpty());
            QVERIFY(preset.documentation.startsWith(QLatin1String("https://")));
            // Every preset can be pointed elsewhere, and told apart from a second of its kind.
            QVERIFY2(preset.param(QStringLiteral("baseUrl")), qPrintable(preset.id));
            QVERIFY2(preset.param(QStringLiteral("keyPrefix")), qPrintable(preset.id));
            // Required first: what a form shows at the top.
            QVERIFY(preset.params.constFirst().required);
        }
    }

    // The preset's file checks catch the mistakes a new preset would make.
    void presetFile_problemsAreCaught_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        const QByteArray head =
            "{\"preset\": \"x\", \"label\": \"X\", \"params\": {\"a\": "
            "{\"required\": true, \"description\": \"d\", \"example\": \"e\"}},";
        QTest::newRow("unknown placeholder")
            << head + "\"request\": {\"url\": \"{b}/x\"}, \"metrics\": [{\"key\": \"K\", "
                      "\"path\": \"$.n\"}]}"
            << QStringLiteral("request.url: \"{b}\" is not a parameter");
        QTest::newRow("unknown filter")
            << head + "\"request\": {\"url\": \"{a|title}\"}, \"metrics\": [{\"key\": \"K\", "
                      "\"path\": \"$.n\"}]}"
            << QStringLiteral("request.url: unknown filter \"title\"");
        QTest::newRow("stray brace")
            << head + "\"request\": {\"url\": \"u\"}, \"metrics\": [{\"key\": \"{a\", "
                      "\"path\": \"$.n\"}]}"
            << QStringLiteral("metrics[0].key: a \"{\" or \"}\" that is not a placeholder");
        QTest::newRow("undeclared secret")
            << head + "\"request\": {\"url\": \"u\", \"auth\": {\"type\": \"bearer\", "
                      "\"secret\": \"token\"}}, \"metrics\": [{\"key\": \"K\", \"path\": \"$.n\"}]}"
            << QStringLiteral("the secret \"token\" is used but not declared in \"secrets\"");
        QTest::newRow("bad pattern")
            << QByteArray(
                   "{\"preset\": \"x\", \"label\": \"X\", \"params\": {\"a\": {\"required\": "
                   "true, \"description\": \"d\", \"example\": \"e\", \"pattern\": \"(\"}}, "
                   "\"request\": {\"url\": \"u\"}, \"metrics\": [{\"key\": \"K\", "
                   "\"path\": \"$.n\"}]}")
            << QStringLiteral("params.a.pattern: missing closing parenthesis");
    }
    void presetFile_problemsAreCaught()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const auto preset = workspace::Preset::fromJson(json);
        QVERIFY(!preset);
        QCOMPARE(preset.error().message, expected);
    }

    void fill_encodesUrlValues()
    {
        const QHash<QString, QString> values{
            {QStringLiteral("base"), QStringLiteral("http://h")},
            {QStringLiteral("name"), QStringLiteral("Zope.Interface")},
            {QStringLiteral("pkg"), QStringLiteral("@s/a b")}};
        const QSet<QString> raw{QStringLiteral("base")};
        QCOMPARE(workspace::Preset::fill(QStringLiteral("{base}/p/{name|pep503}/{pkg}"), values,
                                         raw, true),
                 QStringLiteral("http://h/p/zope-interface/@s/a%20b"));
        QCOMPARE(workspace::Preset::fill(QStringLiteral("{name|upper} {pkg}"), values, raw, false),
                 QStringLiteral("ZOPE.INTERFACE @s/a b"));
    }

    // Each preset, as a user writes it, becomes the ordinary source its documentation shows.
    void expand_givesAnOrdinarySource()
    {
        const QJsonArray sources{
            presetSource(QStringLiteral("gh"), QStringLiteral("github-repo"),
                         {{QStringLiteral("repo"), QStringLiteral("acme/widget")}},
                         {{QStringLiteral("token"), QStringLiteral("GITHUB_TOKEN")}}),
            presetSource(QStringLiteral("pypi"), QStringLiteral("pypi-package"),
                         {{QStringLiteral("package"), QStringLiteral("requests")}}),
            presetSource(QStringLiteral("npm"), QStringLiteral("npm-package"),
                         {{QStringLiteral("package"), QStringLiteral("@slack/client")}}),
            presetSource(QStringLiteral("docker"), QStringLiteral("docker-hub-image"),
                         {{QStringLiteral("repository"), QStringLiteral("nginx")}}),
            presetSource(QStringLiteral("discord"), QStringLiteral("discord-server"),
                         {{QStringLiteral("invite"), QStringLiteral("kpi-collector")}})};
        QJsonObject withOptions = sources.at(0).toObject();
        const auto loaded = WorkspaceLoader::parse(workspaceJson(sources));
        QVERIFY2(loaded.isOk(), qPrintable(errorsText(loaded.errors)));
        const auto &ws = loaded.workspace;
        QCOMPARE(ws.sources.size(), 5);

        const auto &gh = ws.sources.at(0);
        QCOMPARE(gh.type, QStringLiteral("http-json"));
        QCOMPARE(gh.preset, QStringLiteral("github-repo"));
        QCOMPARE(gh.http.url.toString(),
                 QStringLiteral("https://api.github.com/repos/acme/widget"));
        QCOMPARE(gh.http.headers.size(), 2);
        QCOMPARE(gh.http.headers.at(0).first, QStringLiteral("Accept"));
        QCOMPARE(gh.http.headers.at(0).second.value, QStringLiteral("application/vnd.github+json"));
        QCOMPARE(gh.http.headers.at(1).first, QStringLiteral("X-GitHub-Api-Version"));
        QCOMPARE(gh.http.auth.type, workspace::AuthConfig::Type::Bearer);
        QCOMPARE(gh.http.auth.secret, QStringLiteral("GITHUB_TOKEN"));
        QCOMPARE(gh.secretNames(), QStringList{QStringLiteral("GITHUB_TOKEN")});
        QCOMPARE(ws.metricKeys().mid(0, 3),
                 (QStringList{QStringLiteral("GITHUB_STARS"), QStringLiteral("GITHUB_FORKS"),
                              QStringLiteral("GITHUB_OPEN_ISSUES")}));
        QCOMPARE(gh.metrics.at(0).path.expression(), QStringLiteral("$.stargazers_count"));
        QCOMPARE(gh.metrics.at(0).label, QStringLiteral("acme/widget stars"));

        QCOMPARE(ws.sources.at(1).http.url.toString(),
                 QStringLiteral("https://pypistats.org/api/packages/requests/recent"));
        QCOMPARE(ws.sources.at(1).metrics.at(1).key, QStringLiteral("PYPI_DOWNLOADS_WEEK"));
        QCOMPARE(ws.sources.at(1).metrics.at(1).path.expression(),
                 QStringLiteral("$.data.last_week"));
        QVERIFY(ws.sources.at(1).secretNames().isEmpty());
        QCOMPARE(ws.sources.at(2).http.url.toString(),
                 QStringLiteral("https://api.npmjs.org/downloads/point/last-week/@slack/client"));
        QCOMPARE(ws.sources.at(2).metrics.at(0).key, QStringLiteral("NPM_DOWNLOADS_WEEK"));
        QCOMPARE(ws.sources.at(3).http.url.toString(),
                 QStringLiteral("https://hub.docker.com/v2/repositories/library/nginx/"));
        QCOMPARE(ws.sources.at(3).metrics.at(0).key, QStringLiteral("DOCKER_PULLS"));
        QCOMPARE(
            ws.sources.at(4).http.url.toString(),
            QStringLiteral("https://discord.com/api/v10/invites/kpi-collector?with_counts=true"));
        QCOMPARE(ws.sources.at(4).metrics.at(0).key, QStringLiteral("DISCORD_MEMBERS"));
        QCOMPARE(ws.sources.at(4).http.auth.type, workspace::AuthConfig::Type::None);
    }

    void expand_withoutTheOptionalTokenSendsNoAuth()
    {
        const auto loaded = WorkspaceLoader::parse(workspaceJson(
            {presetSource(QStringLiteral("gh"), QStringLiteral("github-repo"),
                          {{QStringLiteral("repo"), QStringLiteral("acme/widget")},
                           {QStringLiteral("keyPrefix"), QStringLiteral("WIDGET")}})}));
        QVERIFY2(loaded.isOk(), qPrintable(errorsText(loaded.errors)));
        const auto &gh = loaded.workspace.sources.constFirst();
        QCOMPARE(gh.http.auth.type, workspace::AuthConfig::Type::None);
        QVERIFY(gh.secretNames().isEmpty());
        QCOMPARE(gh.metrics.at(0).key, QStringLiteral("WIDGET_STARS"));
    }

    void expand_keepsTheSourceOptions()
    {
        QJsonObject source =
            presetSource(QStringLiteral("pypi"), QStringLiteral("pypi-package"),
                         {{QStringLiteral("package"), QStringLiteral("requests")}});
        source.insert(QStringLiteral("timeoutSeconds"), 7);
        source.insert(QStringLiteral("attempts"), 1);
        source.insert(QStringLiteral("enabled"), false);
        source.insert(QStringLiteral("label"), QStringLiteral("Requests"));
        const auto loaded = WorkspaceLoader::parse(workspaceJson({source}));
        QVERIFY2(loaded.isOk(), qPrintable(errorsText(loaded.errors)));
        const auto &pypi = loaded.workspace.sources.constFirst();
        QCOMPARE(pypi.timeoutSeconds, 7);
        QCOMPARE(pypi.attempts, 1);
        QVERIFY(!pypi.enabled);
        QCOMPARE(pypi.label, QStringLiteral("Requests"));
    }

    void expand_errorsNameTheirPlace_data()
    {
        QTest::addColumn<QJsonObject>("source");
        QTest::addColumn<QStringList>("expected");
        const QJsonObject repo{{QStringLiteral("repo"), QStringLiteral("acme/widget")}};
        QTest::newRow("unknown preset")
            << presetSource(QStringLiteral("x"), QStringLiteral("gitub-repo"), repo)
            << QStringList{QStringLiteral(
                   "sources[0].preset: unknown preset \"gitub-repo\"; the presets are: "
                   "discord-server, docker-hub-image, github-repo, npm-package, pypi-package")};
        QTest::newRow("no params")
            << QJsonObject{{QStringLiteral("id"), QStringLiteral("x")},
                           {QStringLiteral("preset"), QStringLiteral("github-repo")}}
            << QStringList{QStringLiteral("sources[0].params: required; the preset "
                                          "\"github-repo\" takes: repo (required), keyPrefix, "
                                          "baseUrl")};
        QTest::newRow("missing param")
            << presetSource(QStringLiteral("x"), QStringLiteral("github-repo"),
                            {{QStringLiteral("keyPrefix"), QStringLiteral("W")}})
            << QStringList{QStringLiteral("sources[0].params.repo: required: the repository as "
                                          "owner/name, such as \"qt/qtbase\"")};
        QTest::newRow("bad param")
            << presetSource(QStringLiteral("x"), QStringLiteral("github-repo"),
                            {{QStringLiteral("repo"), QStringLiteral("https://github.com/a/b")}})
            << QStringList{QStringLiteral(
                   "sources[0].params.repo: expected the repository as owner/name, such as "
                   "\"qt/qtbase\"; got \"https://github.com/a/b\"")};
        QTest::newRow("dot-dot is no repository")
            << presetSource(QStringLiteral("x"), QStringLiteral("github-repo"),
                            {{QStringLiteral("repo"), QStringLiteral("acme/..")}})
            << QStringList{QStringLiteral(
                   "sources[0].params.repo: expected the repository as owner/name, such as "
                   "\"qt/qtbase\"; got \"acme/..\"")};
        QTest::newRow("param not a string")
            << presetSource(QStringLiteral("x"), QStringLiteral("npm-package"),
                            {{QStringLiteral("package"), 42}})
            << QStringList{QStringLiteral(
                   "sources[0].params.package: expected a string: the package's name on npm, "
                   "with its scope if it has one, such as \"@slack/client\"; got a number (42)")};
        QTest::newRow("unknown param")
            << presetSource(QStringLiteral("x"), QStringLiteral("npm-package"),
                            {{QStringLiteral("package"), QStringLiteral("express")},
                             {QStringLiteral("keyprefix"), QStringLiteral("E")}})
            << QStringList{QStringLiteral(
                   "sources[0].params.keyprefix: unknown key; did you mean \"keyPrefix\"?")};
        QTest::newRow("bad base url")
            << presetSource(QStringLiteral("x"), QStringLiteral("npm-package"),
                            {{QStringLiteral("package"), QStringLiteral("express")},
                             {QStringLiteral("baseUrl"), QStringLiteral("ftp://mirror")}})
            << QStringList{QStringLiteral(
                   "sources[0].params.baseUrl: expected an http or https address without a "
                   "query, such as \"https://api.example.com\"")};
        QTest::newRow("secret for a preset without")
            << presetSource(QStringLiteral("x"), QStringLiteral("npm-package"),
                            {{QStringLiteral("package"), QStringLiteral("express")}},
                            {{QStringLiteral("token"), QStringLiteral("NPM")}})
            << QStringList{QStringLiteral(
                   "sources[0].secrets.token: the preset \"npm-package\" takes no secrets")};
        QTest::newRow("unknown secret slot")
            << presetSource(QStringLiteral("x"), QStringLiteral("github-repo"), repo,
                            {{QStringLiteral("pat"), QStringLiteral("GITHUB_TOKEN")}})
            << QStringList{QStringLiteral(
                   "sources[0].secrets.pat: unknown secret; the preset \"github-repo\" takes: "
                   "token")};
        QTest::newRow("token pasted as its name")
            << presetSource(QStringLiteral("x"), QStringLiteral("github-repo"), repo,
                            {{QStringLiteral("token"), QStringLiteral("ghp_abcdefabcdef")}})
            << QStringList{QStringLiteral(
                   "sources[0].secrets.token: this looks like a token, not the name of one; "
                   "store the token with \"kpi-collector secret set NAME\" and write NAME here")};
        QJsonObject typed = presetSource(QStringLiteral("x"), QStringLiteral("github-repo"), repo);
        typed.insert(QStringLiteral("type"), QStringLiteral("http-json"));
        QTest::newRow("type and preset")
            << typed
            << QStringList{QStringLiteral("sources[0].type: a source with a \"preset\" has no "
                                          "\"type\": the preset \"github-repo\" makes it "
                                          "http-json")};
        QJsonObject withUrl =
            presetSource(QStringLiteral("x"), QStringLiteral("github-repo"), repo);
        withUrl.insert(QStringLiteral("url"), QStringLiteral("https://example.com"));
        QTest::newRow("url beside a preset")
            << withUrl
            << QStringList{QStringLiteral("sources[0].url: unknown key; expected one of: attempts, "
                                          "enabled, id, label, maxResponseBytes, params, preset, "
                                          "secrets, timeoutSeconds")};
        QJsonObject badTimeout =
            presetSource(QStringLiteral("x"), QStringLiteral("github-repo"), repo);
        badTimeout.insert(QStringLiteral("timeoutSeconds"), 0);
        QTest::newRow("common keys checked as usual")
            << badTimeout
            << QStringList{QStringLiteral("sources[0].timeoutSeconds: expected a whole number from "
                                          "1 to 600, got a number (0)")};
    }
    void expand_errorsNameTheirPlace()
    {
        QFETCH(QJsonObject, source);
        QFETCH(QStringList, expected);
        const auto loaded = WorkspaceLoader::parse(workspaceJson({source}));
        QStringList actual;
        for (const auto &error : loaded.errors)
            actual.append(error.toString());
        QCOMPARE(actual, expected);
    }

    void expand_twoOfAKindNeedTheirOwnPrefix()
    {
        const QJsonArray sources{
            presetSource(QStringLiteral("a"), QStringLiteral("npm-package"),
                         {{QStringLiteral("package"), QStringLiteral("express")}}),
            presetSource(QStringLiteral("b"), QStringLiteral("npm-package"),
                         {{QStringLiteral("package"), QStringLiteral("koa")}})};
        const auto loaded = WorkspaceLoader::parse(workspaceJson(sources));
        QCOMPARE(loaded.errors.size(), 1);
        QCOMPARE(loaded.errors.constFirst().toString(),
                 QStringLiteral("sources[1].params.keyPrefix: duplicate metric key "
                                "\"NPM_DOWNLOADS_WEEK\" (also sources[0].params.keyPrefix); give "
                                "each source of this preset its own \"keyPrefix\" in \"params\""));
    }

    // Each preset collected against a fake that serves the real API's shape.
    void collect_eachPreset_data()
    {
        QTest::addColumn<QJsonObject>("source");
        QTest::addColumn<QByteArray>("expectedTarget");
        QTest::addColumn<Values>("expected");
        const auto src = [](const QString &preset, QJsonObject params) {
            return presetSource(QStringLiteral("s"), preset, params);
        };
        QTest::newRow("github, no token")
            << src(QStringLiteral("github-repo"),
                   {{QStringLiteral("repo"), QStringLiteral("Acme/Widget")}})
            << QByteArray("/repos/Acme/Widget")
            << Values{{QStringLiteral("GITHUB_STARS"), 1523},
                      {QStringLiteral("GITHUB_FORKS"), 87},
                      {QStringLiteral("GITHUB_OPEN_ISSUES"), 12}};
        QTest::newRow("pypi, name normalised")
            << src(QStringLiteral("pypi-package"),
                   {{QStringLiteral("package"), QStringLiteral("Zope.Interface")}})
            << QByteArray("/api/packages/zope-interface/recent")
            << Values{{QStringLiteral("PYPI_DOWNLOADS_DAY"), 1000},
                      {QStringLiteral("PYPI_DOWNLOADS_WEEK"), 7000},
                      {QStringLiteral("PYPI_DOWNLOADS_MONTH"), 30000}};
        QTest::newRow("npm, scoped")
            << src(QStringLiteral("npm-package"),
                   {{QStringLiteral("package"), QStringLiteral("@slack/client")}})
            << QByteArray("/downloads/point/last-week/@slack/client")
            << Values{{QStringLiteral("NPM_DOWNLOADS_WEEK"), 12345}};
        QTest::newRow("npm") << src(QStringLiteral("npm-package"),
                                    {{QStringLiteral("package"), QStringLiteral("express")}})
                             << QByteArray("/downloads/point/last-week/express")
                             << Values{{QStringLiteral("NPM_DOWNLOADS_WEEK"), 31623000}};
        QTest::newRow("docker, official image")
            << src(QStringLiteral("docker-hub-image"),
                   {{QStringLiteral("repository"), QStringLiteral("nginx")}})
            << QByteArray("/v2/repositories/library/nginx/")
            << Values{{QStringLiteral("DOCKER_PULLS"), 10000000000.0},
                      {QStringLiteral("DOCKER_STARS"), 20512}};
        QTest::newRow("docker, namespace")
            << src(QStringLiteral("docker-hub-image"),
                   {{QStringLiteral("namespace"), QStringLiteral("grafana")},
                    {QStringLiteral("repository"), QStringLiteral("grafana")}})
            << QByteArray("/v2/repositories/grafana/grafana/")
            << Values{{QStringLiteral("DOCKER_PULLS"), 4123456789.0},
                      {QStringLiteral("DOCKER_STARS"), 3210}};
        QTest::newRow("discord") << src(QStringLiteral("discord-server"),
                                        {{QStringLiteral("invite"),
                                          QStringLiteral("kpi-collector")}})
                                 << QByteArray("/api/v10/invites/kpi-collector?with_counts=true")
                                 << Values{{QStringLiteral("DISCORD_MEMBERS"), 1234},
                                           {QStringLiteral("DISCORD_ONLINE"), 321}};
    }
    void collect_eachPreset()
    {
        QFETCH(QJsonObject, source);
        QFETCH(QByteArray, expectedTarget);
        QFETCH(Values, expected);
        const auto outcome = collectOne(source);
        QVERIFY2(outcome.isComplete() && !outcome.sourceId.isEmpty(), qPrintable(problem(outcome)));
        Values actual;
        for (const auto &value : outcome.values)
            actual.append({value.key, value.value});
        QCOMPARE(actual, expected);
        QCOMPARE(m_apis->server().requests().size(), 1);
        const auto &request = m_apis->server().requests().constFirst();
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.target, expectedTarget);
        QVERIFY(request.header("User-Agent").startsWith("KPI-Collector/"));
        QVERIFY(!request.hasHeader("Authorization"));
    }

    void github_sendsItsHeadersAndTheToken()
    {
        const auto outcome =
            collectOne(presetSource(QStringLiteral("gh"), QStringLiteral("github-repo"),
                                    {{QStringLiteral("repo"), QStringLiteral("acme/secret-sauce")}},
                                    {{QStringLiteral("token"), QStringLiteral("GITHUB_TOKEN")}}));
        QVERIFY2(outcome.isComplete() && !outcome.sourceId.isEmpty(), qPrintable(problem(outcome)));
        QCOMPARE(outcome.values.constFirst().value, 5.0);
        const auto &request = m_apis->server().requests().constFirst();
        QCOMPARE(request.header("Accept"), QByteArray("application/vnd.github+json"));
        QCOMPARE(request.header("X-GitHub-Api-Version"), QByteArray("2022-11-28"));
        QCOMPARE(request.header("Authorization"),
                 QByteArray("Bearer ") + FakePresetApis::GithubToken);
    }

    void github_privateRepositoryWithoutTokenIsNotFound()
    {
        const auto outcome = collectOne(
            presetSource(QStringLiteral("gh"), QStringLiteral("github-repo"),
                         {{QStringLiteral("repo"), QStringLiteral("acme/secret-sauce")}}));
        QCOMPARE(outcome.httpStatus, 404);
        QCOMPARE(outcome.step, QStringLiteral("fetch"));
    }

    // Without a token GitHub allows 60 requests an hour; the message says so, and the
    // token lifts it.
    void github_rateLimitIsNamedAndTheTokenHelps()
    {
        m_apis->githubRateLimited = true;
        const QJsonObject repo{{QStringLiteral("repo"), QStringLiteral("acme/widget")}};
        const auto limited =
            collectOne(presetSource(QStringLiteral("gh"), QStringLiteral("github-repo"), repo));
        QVERIFY(limited.error);
        QCOMPARE(limited.httpStatus, 403);
        QVERIFY2(limited.error->message.startsWith(QLatin1String(
                     "HTTP 403 Forbidden from 127.0.0.1: {\"message\":\"API rate limit exceeded")),
                 qPrintable(limited.error->message));
        QCOMPARE(limited.attempts, 1); // waiting an hour is not a retry
        const auto withToken =
            collectOne(presetSource(QStringLiteral("gh"), QStringLiteral("github-repo"), repo,
                                    {{QStringLiteral("token"), QStringLiteral("GITHUB_TOKEN")}}));
        QVERIFY2(withToken.isComplete() && !withToken.sourceId.isEmpty(),
                 qPrintable(problem(withToken)));
    }

    // A 404 says which service said what, in the service's own words.
    void unknownThings_failWithTheServicesMessage_data()
    {
        QTest::addColumn<QJsonObject>("source");
        QTest::addColumn<QString>("expected");
        const auto src = [](const QString &preset, QJsonObject params) {
            return presetSource(QStringLiteral("s"), preset, params);
        };
        QTest::newRow("github")
            << src(QStringLiteral("github-repo"),
                   {{QStringLiteral("repo"), QStringLiteral("acme/nope")}})
            << QStringLiteral("HTTP 404 Not Found from 127.0.0.1: {\"message\":\"Not Found\","
                              "\"documentation_url\":\"https://docs.github.com/rest/repos/"
                              "repos#get-a-repository\",\"status\":\"404\"}");
        QTest::newRow("pypi") << src(QStringLiteral("pypi-package"),
                                     {{QStringLiteral("package"),
                                       QStringLiteral("no-such-package")}})
                              << QStringLiteral("HTTP 404 Not Found from 127.0.0.1: 404");
        QTest::newRow("npm")
            << src(QStringLiteral("npm-package"),
                   {{QStringLiteral("package"), QStringLiteral("no-such-package")}})
            << QStringLiteral("HTTP 404 Not Found from 127.0.0.1: {\"error\":\"package "
                              "no-such-package not found\"}");
        QTest::newRow("docker")
            << src(QStringLiteral("docker-hub-image"),
                   {{QStringLiteral("repository"), QStringLiteral("nope")}})
            << QStringLiteral("HTTP 404 Not Found from 127.0.0.1: {\"errinfo\":{\"namespace\":"
                              "\"library\",\"repository\":\"nope\"},\"message\":\"httperror 404: "
                              "object not found\"}");
        QTest::newRow("discord")
            << src(QStringLiteral("discord-server"),
                   {{QStringLiteral("invite"), QStringLiteral("expired")}})
            << QStringLiteral("HTTP 404 Not Found from 127.0.0.1: {\"code\":10006,\"message\":"
                              "\"Unknown Invite\"}");
    }
    void unknownThings_failWithTheServicesMessage()
    {
        QFETCH(QJsonObject, source);
        QFETCH(QString, expected);
        const auto outcome = collectOne(source);
        QVERIFY(outcome.error);
        QCOMPARE(outcome.error->message, expected);
        QCOMPARE(outcome.attempts, 1); // a 404 is not tried again
    }

    void init()
    {
        m_apis = std::make_unique<FakePresetApis>();
        m_client = std::make_unique<net::HttpClient>(&m_network);
        m_secrets.values = {
            {QStringLiteral("GITHUB_TOKEN"), QString::fromLatin1(FakePresetApis::GithubToken)}};
    }
    void cleanup()
    {
        m_client.reset();
        m_apis.reset();
    }

private:
    // The source with its baseUrl pointed at the fake, collected in a dry run.
    sources::SourceOutcome collectOne(QJsonObject source)
    {
        QJsonObject params = source.value(QLatin1String("params")).toObject();
        QString base = m_apis->baseUrl();
        if (source.value(QLatin1String("preset")).toString() == QLatin1String("discord-server"))
            base += QStringLiteral("/api/v10");
        params.insert(QStringLiteral("baseUrl"), base);
        source.insert(QStringLiteral("params"), params);
        const auto loaded = WorkspaceLoader::parse(workspaceJson({source}));
        if (!loaded.isOk()) {
            qWarning("%s", qPrintable(errorsText(loaded.errors)));
            return {};
        }
        pipeline::CollectOptions options;
        options.dryRun = true;
        pipeline::CollectRun run(loaded.workspace, options, nullptr, m_client.get(), &m_secrets,
                                 m_clock);
        return test::runToEnd(run).outcomes.value(0);
    }

    QNetworkAccessManager m_network;
    test::FakeClock m_clock;
    test::FakeSecretStore m_secrets;
    std::unique_ptr<FakePresetApis> m_apis;
    std::unique_ptr<net::HttpClient> m_client;
};

QTEST_GUILESS_MAIN(TestPresets)
#include "TestPresets.moc"
