// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeHttpServer.h"
#include "TestSupport.h"
#include "net/HttpClient.h"
#include "sources/HttpJsonSource.h"
#include "workspace/WorkspaceLoader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace kpi;
using kpi::sources::HttpJsonSource;
using kpi::sources::SecretValues;
using kpi::sources::SourceOutcome;
using kpi::test::FakeHttpServer;
using kpi::test::FakeResponse;
using kpi::test::RecordedRequest;

namespace {

const QString Token = QStringLiteral("tok-not-a-real-secret-1234");

// GitHub's answer to a missing or wrong token.
FakeResponse unauthorized()
{
    return FakeResponse::json(
        R"({"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"})", 401);
}

} // namespace

class TestHttpJsonSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_client = std::make_unique<net::HttpClient>(&m_network);
        m_server = std::make_unique<FakeHttpServer>();
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void bearer_sendsTheTokenAndExtractsEveryMetric()
    {
        m_server->route("/repos/acme/widget", [](const RecordedRequest &r) {
            if (r.header("Authorization") != "Bearer " + Token.toUtf8())
                return unauthorized();
            return FakeResponse::json(
                R"({"stargazers_count": 1523, "forks_count": 87, "open_issues_count": "12",
                                          "topics": ["kpi", "qt", "cpp"], "owner": {"login": "acme"}})");
        });
        const auto outcome =
            collect(R"json({"id": "github", "type": "http-json", "url": "%URL%/repos/acme/widget",
            "auth": {"type": "bearer", "secret": "gh"},
            "metrics": [{"key": "STARS", "path": "$.stargazers_count"},
                        {"key": "FORKS", "path": "$['forks_count']"},
                        {"key": "ISSUES", "path": "$.open_issues_count"},
                        {"key": "TOPICS", "path": "$.topics.length()"},
                        {"key": "STARS_K", "path": "$.stargazers_count", "scale": 0.001}]})json",
                    {{QStringLiteral("gh"), secrets::Secret(Token)}});
        QVERIFY2(outcome.isComplete(),
                 qPrintable(outcome.error ? outcome.error->message : QString()));
        QCOMPARE(outcome.httpStatus, 200);
        QCOMPARE(outcome.values.size(), 5);
        QCOMPARE(outcome.values[0].key, QStringLiteral("STARS"));
        QCOMPARE(outcome.values[0].value, 1523.0);
        QCOMPARE(outcome.values[1].value, 87.0);
        QCOMPARE(outcome.values[2].value, 12.0);
        QCOMPARE(outcome.values[3].value, 3.0);
        QCOMPARE(outcome.values[4].value, 1.523);
        const RecordedRequest &request = m_server->requests().constFirst();
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.header("Accept"), QByteArray("application/json"));
    }

    void basic_sendsUserAndPassword()
    {
        m_server->route("/api/stats", [](const RecordedRequest &r) {
            if (r.header("Authorization") !=
                "Basic " + QByteArray("kpi:" + Token.toUtf8()).toBase64())
                return FakeResponse::json(R"({"error":"unauthorized"})", 401);
            return FakeResponse::json(R"({"active_users": 4711})");
        });
        const auto outcome =
            collect(R"json({"id": "stats", "type": "http-json", "url": "%URL%/api/stats",
            "auth": {"type": "basic", "username": "kpi", "secret": "pw"},
            "metrics": [{"key": "WAU", "path": "$.active_users"}]})json",
                    {{QStringLiteral("pw"), secrets::Secret(Token)}});
        QVERIFY(outcome.isComplete());
        QCOMPARE(outcome.values.constFirst().value, 4711.0);
    }

    void apiKeyHeader_andLiteralAndSecretHeaders()
    {
        m_server->route("/v1/downloads", [](const RecordedRequest &r) {
            if (r.header("X-Api-Key") != Token.toUtf8() || r.header("X-Tenant") != "acme" ||
                r.header("X-Signature") != "sig-value-42")
                return FakeResponse::json(R"({"message":"Forbidden"})", 403);
            return FakeResponse::json(
                R"({"data": {"downloads": [{"n": 10}, {"n": 20}, {"n": "30"}]}})");
        });
        const auto outcome =
            collect(R"json({"id": "downloads", "type": "http-json", "url": "%URL%/v1/downloads",
            "headers": {"X-Tenant": "acme", "X-Signature": {"secret": "sig"}},
            "auth": {"type": "header", "name": "X-Api-Key", "secret": "key"},
            "metrics": [{"key": "DOWNLOADS", "path": "$.data.downloads[*].n.sum()"}]})json",
                    {{QStringLiteral("key"), secrets::Secret(Token)},
                     {QStringLiteral("sig"), secrets::Secret(QStringLiteral("sig-value-42"))}});
        QVERIFY(outcome.isComplete());
        QCOMPARE(outcome.values.constFirst().value, 60.0);
    }

    void apiKeyQuery_isAddedToTheExistingQuery()
    {
        m_server->route("/stats", [](const RecordedRequest &r) {
            return r.target == "/stats?period=week&api_key=" + QUrl::toPercentEncoding(Token)
                       ? FakeResponse::json(R"([{"count": 5}])")
                       : FakeResponse::json(R"({"error":"invalid api key"})", 401);
        });
        const auto outcome =
            collect(R"json({"id": "q", "type": "http-json", "url": "%URL%/stats?period=week",
            "auth": {"type": "query", "name": "api_key", "secret": "key"},
            "metrics": [{"key": "COUNT", "path": "$[0].count"}]})json",
                    {{QStringLiteral("key"), secrets::Secret(Token)}});
        QVERIFY2(outcome.isComplete(),
                 qPrintable(outcome.error ? outcome.error->message : QString()));
        QCOMPARE(outcome.values.constFirst().value, 5.0);
    }

    void post_sendsTheJsonBody()
    {
        m_server->route("/graphql", [](const RecordedRequest &r) {
            const auto body = QJsonDocument::fromJson(r.body).object();
            if (r.method != "POST" || r.header("Content-Type") != "application/json" ||
                body.value(QStringLiteral("query")).toString() !=
                    QStringLiteral("{ viewer { followers } }"))
                return FakeResponse::json(R"({"errors":[{"message":"bad request"}]})", 400);
            return FakeResponse::json(R"({"data": {"viewer": {"followers": 99}}})");
        });
        const auto outcome = collect(
            R"json({"id": "gql", "type": "http-json", "url": "%URL%/graphql", "method": "POST",
            "body": {"query": "{ viewer { followers } }"},
            "metrics": [{"key": "FOLLOWERS", "path": "$.data.viewer.followers"}]})json");
        QVERIFY(outcome.isComplete());
        QCOMPARE(outcome.values.constFirst().value, 99.0);
    }

    void bareNumber_isAcceptedAtTheTop()
    {
        m_server->route("/count",
                        [](const RecordedRequest &) { return FakeResponse::text(" 42\n"); });
        const auto outcome = collect(R"json({"id": "c", "type": "http-json", "url": "%URL%/count",
            "metrics": [{"key": "C", "path": "$"}]})json");
        QVERIFY(outcome.isComplete());
        QCOMPARE(outcome.values.constFirst().value, 42.0);
    }

    void metricErrors_spoilOnlyTheirMetric()
    {
        m_server->route("/s", [](const RecordedRequest &) {
            return FakeResponse::json(R"({"a": 1, "b": "n/a"})");
        });
        const auto outcome = collect(R"json({"id": "s", "type": "http-json", "url": "%URL%/s",
            "metrics": [{"key": "A", "path": "$.a"}, {"key": "B", "path": "$.b"}, {"key": "C", "path": "$.c"}]})json");
        QVERIFY(!outcome.error);
        QCOMPARE(outcome.values.size(), 1);
        QCOMPARE(outcome.metricErrors.size(), 2);
        QCOMPARE(outcome.metricErrors[0].key, QStringLiteral("B"));
        QCOMPARE(outcome.metricErrors[0].error.message,
                 QStringLiteral("$.b: found a string \"n/a\", expected a number"));
        QCOMPARE(outcome.metricErrors[1].error.message,
                 QStringLiteral("$.c: no value at this path"));
    }

    void httpError_namesStatusAndTheServersReason()
    {
        m_server->route("/repo", [](const RecordedRequest &) { return unauthorized(); });
        const auto outcome = collect(R"json({"id": "g", "type": "http-json", "url": "%URL%/repo",
            "metrics": [{"key": "S", "path": "$.s"}]})json");
        QVERIFY(outcome.error);
        QCOMPARE(outcome.step, QStringLiteral("fetch"));
        QCOMPARE(outcome.httpStatus, 401);
        QCOMPARE(outcome.error->code, Error::Code::Http);
        QCOMPARE(
            outcome.error->message,
            QStringLiteral("HTTP 401 Unauthorized from 127.0.0.1: {\"message\":\"Bad credentials\","
                           "\"documentation_url\":\"https://docs.github.com/rest\"}"));
        QVERIFY(outcome.values.isEmpty());
    }

    void echoedSecrets_areRedactedFromMessages()
    {
        m_server->route("/echo", [](const RecordedRequest &r) {
            return FakeResponse::json(
                "{\"error\": \"invalid header " + r.header("Authorization") + "\"}", 400);
        });
        const auto outcome = collect(R"json({"id": "e", "type": "http-json", "url": "%URL%/echo",
            "auth": {"type": "basic", "username": "me", "secret": "pw"},
            "metrics": [{"key": "S", "path": "$.s"}]})json",
                                     {{QStringLiteral("pw"), secrets::Secret(Token)}});
        QVERIFY(outcome.error);
        const QByteArray basic = QByteArray("me:" + Token.toUtf8()).toBase64();
        QVERIFY2(!outcome.error->message.contains(QString::fromLatin1(basic)),
                 qPrintable(outcome.error->message));
        QVERIFY(outcome.error->message.contains(QStringLiteral("invalid header Basic <redacted>")));
    }

    // The excerpt is cut at 200 characters; a token echoed across the cut must not leave
    // its first half in the message.
    void echoedSecret_acrossTheExcerptCut_isRedacted()
    {
        m_server->route("/echo", [](const RecordedRequest &r) {
            const QByteArray padding(180, 'x');
            return FakeResponse::json("{\"e\":\"" + padding + r.header("X-Key") + "\"}", 403);
        });
        const auto outcome = collect(R"json({"id": "e", "type": "http-json", "url": "%URL%/echo",
            "auth": {"type": "header", "name": "X-Key", "secret": "k"},
            "metrics": [{"key": "S", "path": "$.s"}]})json",
                                     {{QStringLiteral("k"), secrets::Secret(Token)}});
        QVERIFY(outcome.error);
        QVERIFY2(!outcome.error->message.contains(Token.left(6)),
                 qPrintable(outcome.error->message));
        QVERIFY2(outcome.error->message.contains(QStringLiteral("<redacted>")),
                 qPrintable(outcome.error->message));
    }

    // "found a string …, expected a number" quotes what it found, shortened: a token in a
    // long string the API echoes must be redacted even when the quote cuts through it.
    void echoedSecret_inAFoundValue_isRedacted()
    {
        m_server->route("/me", [](const RecordedRequest &r) {
            return FakeResponse::json("{\"whoami\": \"the api key you sent is " +
                                      r.header("X-Key") + " and it belongs to acme\"}");
        });
        const auto outcome = collect(R"json({"id": "e", "type": "http-json", "url": "%URL%/me",
            "auth": {"type": "header", "name": "X-Key", "secret": "k"},
            "metrics": [{"key": "S", "path": "$.whoami"}]})json",
                                     {{QStringLiteral("k"), secrets::Secret(Token)}});
        QCOMPARE(outcome.metricErrors.size(), 1);
        const QString message = outcome.metricErrors.constFirst().error.message;
        QVERIFY2(!message.contains(Token.left(6)), qPrintable(message));
        QVERIFY2(message.contains(
                     QStringLiteral("found a string \"the api key you sent is <redacted>\u2026\"")),
                 qPrintable(message));
    }

    void invalidJson_saysWhereAndWhatCameInstead()
    {
        m_server->route("/login", [](const RecordedRequest &) {
            FakeResponse response = FakeResponse::text("<html><body>Please log in</body></html>");
            response.headers = {{"Content-Type", "text/html; charset=utf-8"}};
            return response;
        });
        const auto outcome = collect(R"json({"id": "h", "type": "http-json", "url": "%URL%/login",
            "metrics": [{"key": "S", "path": "$.s"}]})json");
        QVERIFY(outcome.error);
        QCOMPARE(outcome.step, QStringLiteral("parse"));
        QCOMPARE(outcome.error->code, Error::Code::Parse);
        QCOMPARE(
            outcome.error->message,
            QStringLiteral(
                "the response is HTML or XML, not JSON (a login or error page?) (Content-Type: "
                "text/html; charset=utf-8)"));
    }

    void malformedJson_namesTheByte()
    {
        m_server->route("/bad", [](const RecordedRequest &) {
            return FakeResponse::json(R"({"a": 1,, "b": 2})");
        });
        const auto outcome = collect(R"json({"id": "b", "type": "http-json", "url": "%URL%/bad",
            "metrics": [{"key": "A", "path": "$.a"}]})json");
        QVERIFY(outcome.error);
        QCOMPARE(outcome.step, QStringLiteral("parse"));
        QCOMPARE(outcome.error->message,
                 QStringLiteral("the response is not valid JSON: unterminated object at byte 9"));
    }

    void emptyBody_isAnError()
    {
        m_server->route("/empty", [](const RecordedRequest &) { return FakeResponse::json(""); });
        const auto outcome = collect(R"json({"id": "e", "type": "http-json", "url": "%URL%/empty",
            "metrics": [{"key": "S", "path": "$.s"}]})json");
        QVERIFY(outcome.error);
        QCOMPARE(outcome.error->message,
                 QStringLiteral("the response body is empty, expected JSON"));
    }

    // "illegal number at byte 0" would send the user looking for a typo in a PNG.
    void binaryBody_isCalledBinary()
    {
        m_server->route("/png", [](const RecordedRequest &) {
            FakeResponse response;
            response.headers = {{"Content-Type", "image/png"}};
            response.body = QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
            return response;
        });
        m_server->route("/replacement", [](const RecordedRequest &) {
            return FakeResponse::json("{\"a\": \"\xEF\xBF\xBD\",}"); // U+FFFD, then a typo
        });
        const auto binary = collect(R"json({"id": "p", "type": "http-json", "url": "%URL%/png",
            "metrics": [{"key": "S", "path": "$.s"}]})json");
        QVERIFY(binary.error);
        QCOMPARE(binary.step, QStringLiteral("parse"));
        QCOMPARE(binary.error->message,
                 QStringLiteral("the response is binary data, not JSON (an image or a download?) "
                                "(Content-Type: image/png)"));
        const auto text = collect(R"json({"id": "r", "type": "http-json",
            "url": "%URL%/replacement", "metrics": [{"key": "S", "path": "$.s"}]})json");
        QVERIFY(text.error);
        QVERIFY2(text.error->message.startsWith(QLatin1String("the response is not valid JSON")),
                 qPrintable(text.error->message));
    }

    void missingSecret_failsAtTheSecretStep()
    {
        const auto outcome = collect(R"json({"id": "g", "type": "http-json", "url": "%URL%/x",
            "auth": {"type": "bearer", "secret": "absent"},
            "metrics": [{"key": "S", "path": "$.s"}]})json");
        QVERIFY(outcome.error);
        QCOMPARE(outcome.step, QStringLiteral("secret"));
        QCOMPARE(outcome.error->message, QStringLiteral("secret \"absent\" was not resolved"));
        QVERIFY(m_server->requests().isEmpty());
    }

private:
    SourceOutcome collect(const char *json, const SecretValues &secrets = {})
    {
        QString sourceJson = QString::fromUtf8(json);
        sourceJson.replace(QStringLiteral("%URL%"), m_server->url(QString()).toString());
        const QByteArray workspace = R"({"version": 1, "sources": [)" + sourceJson.toUtf8() + "]}";
        const auto loaded = workspace::WorkspaceLoader::parse(workspace);
        if (!loaded.isOk()) {
            qWarning() << loaded.errors.constFirst().toString();
            return {};
        }
        HttpJsonSource source(loaded.workspace.sources.constFirst(), m_client.get());
        QSignalSpy finished(&source, &HttpJsonSource::finished);
        source.start(secrets);
        if (!finished.wait(20000))
            return {};
        return finished.constFirst().constFirst().value<SourceOutcome>();
    }

    QNetworkAccessManager m_network;
    std::unique_ptr<net::HttpClient> m_client;
    std::unique_ptr<FakeHttpServer> m_server;
};

QTEST_GUILESS_MAIN(TestHttpJsonSource)
#include "TestHttpJsonSource.moc"
