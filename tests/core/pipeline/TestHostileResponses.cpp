// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeClock.h"
#include "FakeHttpServer.h"
#include "FakeSecretStore.h"
#include "TestSupport.h"
#include "net/HttpClient.h"
#include "pipeline/CollectRun.h"
#include "store/HistoryStore.h"
#include "workspace/WorkspaceLoader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace kpi;
using kpi::test::FakeHttpServer;
using kpi::test::FakeResponse;

namespace {

// One hostile site and the source that meets it. Each row gets a server of its own, so
// that no row waits for another's connection slot and every duration is its own.
struct HostileRow
{
    QString id;            // the source's id; the server answers on /<id>
    FakeResponse response; // what /<id> answers
    QJsonObject source;    // the source's keys besides "id" and "url"
    QString step;          // where the source fails: "fetch", "parse"
    Error::Code code;
    QStringList words; // each must be in the message: it names the cause
    int requests = 1;  // how often the server is asked
};

QJsonObject jsonSource(const QString &key, int timeoutSeconds = 5, int attempts = 1,
                       qint64 maxResponseBytes = 0)
{
    QJsonObject source{{QStringLiteral("type"), QStringLiteral("http-json")},
                       {QStringLiteral("timeoutSeconds"), timeoutSeconds},
                       {QStringLiteral("attempts"), attempts},
                       {QStringLiteral("metrics"),
                        QJsonArray{QJsonObject{{QStringLiteral("key"), key},
                                               {QStringLiteral("path"), QStringLiteral("$.n")}}}}};
    if (maxResponseBytes > 0)
        source.insert(QStringLiteral("maxResponseBytes"), double(maxResponseBytes));
    return source;
}

FakeResponse withBody(int status, const QByteArray &contentType, const QByteArray &body)
{
    FakeResponse response;
    response.status = status;
    response.headers = {{"Content-Type", contentType}};
    response.body = body;
    return response;
}

// The rows for JSON sources. The html source adds its own (broken markup, binary where
// HTML was expected, an entity bomb, an external entity) with "type": "html".
QList<HostileRow> jsonRows()
{
    QList<HostileRow> rows;
    const QByteArray json = "application/json";

    FakeResponse trickle =
        FakeResponse::json("{\"n\": 1, \"padding\": \"" + QByteArray(200, 'x') + "\"}");
    trickle.trickleIntervalMs = 1000;
    rows.append({QStringLiteral("trickle"),
                 trickle,
                 jsonSource(QStringLiteral("TRICKLE"), 2),
                 QStringLiteral("fetch"),
                 Error::Code::Timeout,
                 {QStringLiteral("no complete response"), QStringLiteral("within 2 s")}});

    FakeResponse silent = FakeResponse::json("{\"n\": 1}");
    silent.delayMs = 30000;
    rows.append({QStringLiteral("silent"),
                 silent,
                 jsonSource(QStringLiteral("SILENT"), 1),
                 QStringLiteral("fetch"),
                 Error::Code::Timeout,
                 {QStringLiteral("no complete response"), QStringLiteral("within 1 s")}});

    FakeResponse endless;
    endless.headers = {{"Content-Type", json}};
    endless.endless = true;
    rows.append({QStringLiteral("endless"),
                 endless,
                 jsonSource(QStringLiteral("ENDLESS"), 10, 1, 64 * 1024),
                 QStringLiteral("fetch"),
                 Error::Code::TooLarge,
                 {QStringLiteral("exceeded the 64"), QStringLiteral("limit")}});

    FakeResponse cut = withBody(200, json, "{\"n\": 4");
    cut.headers.append(std::pair<QByteArray, QByteArray>("Content-Length", "1000"));
    cut.closeAfterBody = true;
    rows.append({QStringLiteral("cut"),
                 cut,
                 jsonSource(QStringLiteral("CUT")),
                 QStringLiteral("fetch"),
                 Error::Code::Network,
                 {QStringLiteral("closed the connection before the response was complete")}});

    rows.append({QStringLiteral("malformed"),
                 withBody(200, json, "{\"n\": 1,, \"m\": }"),
                 jsonSource(QStringLiteral("MALFORMED")),
                 QStringLiteral("parse"),
                 Error::Code::Parse,
                 {QStringLiteral("not valid JSON"), QStringLiteral("at byte")}});

    rows.append({QStringLiteral("loop"),
                 FakeResponse::redirect(302, "/loop"),
                 jsonSource(QStringLiteral("LOOP")),
                 QStringLiteral("fetch"),
                 Error::Code::Network,
                 {QStringLiteral("more than 10 redirects")},
                 11});

    rows.append({QStringLiteral("missing"),
                 FakeResponse::text("no such page", 404),
                 jsonSource(QStringLiteral("MISSING"), 5, 3),
                 QStringLiteral("fetch"),
                 Error::Code::Http,
                 {QStringLiteral("HTTP 404 Not Found"), QStringLiteral("no such page")}});

    rows.append(
        {QStringLiteral("broken"),
         FakeResponse::text("stack trace withheld", 500),
         jsonSource(QStringLiteral("BROKEN"), 5, 2),
         QStringLiteral("fetch"),
         Error::Code::Http,
         {QStringLiteral("HTTP 500 Internal Server Error"), QStringLiteral("after 2 attempts")},
         2});

    FakeResponse unavailable = FakeResponse::text("down for maintenance", 503);
    unavailable.headers.append(std::pair<QByteArray, QByteArray>("Retry-After", "1"));
    rows.append({QStringLiteral("unavailable"),
                 unavailable,
                 jsonSource(QStringLiteral("UNAVAILABLE"), 5, 3),
                 QStringLiteral("fetch"),
                 Error::Code::Http,
                 {QStringLiteral("HTTP 503 Service Unavailable"),
                  QStringLiteral("down for maintenance"), QStringLiteral("after 3 attempts")},
                 3});

    rows.append({QStringLiteral("empty"),
                 withBody(200, json, QByteArray()),
                 jsonSource(QStringLiteral("EMPTY")),
                 QStringLiteral("parse"),
                 Error::Code::Parse,
                 {QStringLiteral("the response body is empty")}});

    QByteArray png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01", 20);
    for (int i = 0; i < 200; ++i)
        png += char(i * 37);
    rows.append(
        {QStringLiteral("binary"),
         withBody(200, "image/png", png),
         jsonSource(QStringLiteral("BINARY")),
         QStringLiteral("parse"),
         Error::Code::Parse,
         {QStringLiteral("binary data, not JSON"), QStringLiteral("Content-Type: image/png")}});

    constexpr int Depth = 100000;
    rows.append({QStringLiteral("deep-arrays"),
                 withBody(200, json, QByteArray(Depth, '[') + QByteArray(Depth, ']')),
                 jsonSource(QStringLiteral("DEEP_ARRAYS")),
                 QStringLiteral("parse"),
                 Error::Code::Parse,
                 {QStringLiteral("not valid JSON"), QStringLiteral("too deeply nested")}});
    QByteArray objects;
    for (int i = 0; i < Depth; ++i)
        objects += "{\"n\":";
    objects += '1' + QByteArray(Depth, '}');
    rows.append({QStringLiteral("deep-objects"),
                 withBody(200, json, objects),
                 jsonSource(QStringLiteral("DEEP_OBJECTS")),
                 QStringLiteral("parse"),
                 Error::Code::Parse,
                 {QStringLiteral("not valid JSON"), QStringLiteral("too deeply nested")}});
    return rows;
}

QJsonObject htmlSource(const QString &key)
{
    return {{QStringLiteral("type"), QStringLiteral("html")},
            {QStringLiteral("timeoutSeconds"), 5},
            {QStringLiteral("attempts"), 1},
            {QStringLiteral("metrics"),
             QJsonArray{QJsonObject{{QStringLiteral("key"), key},
                                    {QStringLiteral("css"), QStringLiteral("span.n")}}}}};
}

// The rows for html sources. A page that parses but holds no number fails its metric (step
// "extract"); one that cannot be read as HTML at all fails the source (step "parse").
QList<HostileRow> htmlRows()
{
    QList<HostileRow> rows;
    const QByteArray html = "text/html; charset=utf-8";
    rows.append({QStringLiteral("html-broken"),
                 withBody(200, html, "<html><body><div class=\"stats\"><p><table><span cla"),
                 htmlSource(QStringLiteral("HTML_BROKEN")),
                 QStringLiteral("extract"),
                 Error::Code::Extract,
                 {QStringLiteral("span.n")}});
    rows.append({QStringLiteral("html-binary"),
                 withBody(200, html,
                          QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + QByteArray(4096, '\0')),
                 htmlSource(QStringLiteral("HTML_BINARY")),
                 QStringLiteral("parse"),
                 Error::Code::Parse,
                 {QStringLiteral("binary")}});
    rows.append({QStringLiteral("html-deep"),
                 withBody(200, html,
                          "<html><body>" + QByteArray("<div>").repeated(100000) +
                              "<span class=\"n\">5</span>"),
                 htmlSource(QStringLiteral("HTML_DEEP")),
                 QStringLiteral("parse"),
                 Error::Code::Parse,
                 {QStringLiteral("nest")}});
    QByteArray bomb = "<!DOCTYPE html [<!ENTITY a \"" + QByteArray(64, 'a') + "\">";
    QByteArray previous = "a";
    for (char name = 'b'; name <= 'j'; ++name) {
        bomb += "<!ENTITY " + QByteArray(1, name) + " \"" +
                QByteArray("&" + previous + ";").repeated(10) + "\">";
        previous = QByteArray(1, name);
    }
    bomb += "]><html><body><span class=\"n\">&j;</span></body></html>";
    rows.append({QStringLiteral("html-entity-bomb"),
                 withBody(200, html, bomb),
                 htmlSource(QStringLiteral("HTML_BOMB")),
                 QStringLiteral("extract"),
                 Error::Code::Extract,
                 {QStringLiteral("number")}});
    rows.append({QStringLiteral("html-external-entity"),
                 withBody(200, html,
                          "<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                          "<html><body><span class=\"n\">&x;</span></body></html>"),
                 htmlSource(QStringLiteral("HTML_XXE")),
                 QStringLiteral("extract"),
                 Error::Code::Extract,
                 {QStringLiteral("number")}});
    return rows;
}

} // namespace

class TestHostileResponses : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Every hostile site fails only its own source, saying why, within the source's
    // deadline; the healthy source of the same run is stored.
    void oneRun_eachHostileSourceFailsAlone()
    {
        const QList<HostileRow> rows = jsonRows() + htmlRows();
        std::vector<std::unique_ptr<FakeHttpServer>> servers;
        QJsonArray sources;
        for (const HostileRow &row : rows) {
            auto server = std::make_unique<FakeHttpServer>();
            const FakeResponse response = row.response;
            server->route('/' + row.id.toUtf8(),
                          [response](const test::RecordedRequest &) { return response; });
            QJsonObject source = row.source;
            source.insert(QStringLiteral("id"), row.id);
            source.insert(QStringLiteral("url"), server->url(QLatin1Char('/') + row.id).toString());
            sources.append(source);
            servers.push_back(std::move(server));
        }
        FakeHttpServer healthy;
        healthy.route("/healthy", [](const test::RecordedRequest &) {
            return FakeResponse::json("{\"n\": 42}");
        });
        QJsonObject healthySource = jsonSource(QStringLiteral("HEALTHY"));
        healthySource.insert(QStringLiteral("id"), QStringLiteral("healthy"));
        healthySource.insert(QStringLiteral("url"),
                             healthy.url(QStringLiteral("/healthy")).toString());
        sources.append(healthySource);

        const auto loaded = workspace::WorkspaceLoader::parse(
            QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                      {QStringLiteral("timezone"), QStringLiteral("UTC")},
                                      {QStringLiteral("sources"), sources}})
                .toJson());
        QVERIFY2(loaded.isOk(), qPrintable(loaded.errors.value(0).toString()));

        pipeline::CollectRun run(loaded.workspace, {}, m_history.get(), m_client.get(), &m_secrets,
                                 m_clock);
        const auto report = test::runToEnd(run, 60000);
        QCOMPARE(report.outcomes.size(), rows.size() + 1);
        QCOMPARE(report.status, store::RunStatus::Partial);

        for (qsizetype i = 0; i < rows.size(); ++i) {
            const HostileRow &row = rows.at(i);
            const sources::SourceOutcome &outcome = report.outcomes.at(i);
            const QByteArray name = row.id.toUtf8();
            QCOMPARE(outcome.sourceId, row.id);
            QVERIFY2(outcome.values.isEmpty(), name.constData());
            // A page that was read but held no number fails its metric, not the source.
            const bool metricLevel = row.step == QLatin1String("extract");
            QVERIFY2(metricLevel ? !outcome.error && outcome.metricErrors.size() == 1
                                 : bool(outcome.error),
                     qPrintable(row.id + QStringLiteral(": ") +
                                (outcome.error ? outcome.error->message
                                               : outcome.metricErrors.value(0).error.message)));
            const Error &error = metricLevel ? outcome.metricErrors.first().error : *outcome.error;
            const QString message = error.message;
            if (!metricLevel)
                QVERIFY2(outcome.step == row.step,
                         qPrintable(row.id + QStringLiteral(": step ") + outcome.step +
                                    QStringLiteral(": ") + message));
            QVERIFY2(error.code == row.code, qPrintable(row.id + QStringLiteral(": ") + message));
            for (const QString &word : row.words)
                QVERIFY2(message.contains(word),
                         qPrintable(row.id + QStringLiteral(": \"") + word +
                                    QStringLiteral("\" not in: ") + message));
            QVERIFY2(servers.at(i)->requestCount('/' + name) == row.requests,
                     qPrintable(row.id + QStringLiteral(": %1 requests")
                                             .arg(servers.at(i)->requestCount('/' + name))));

            // In time: no attempt outlives the deadline; retries add their pauses (at most
            // 2 s each here), and the rest is generous slack for a loaded machine.
            const qint64 timeoutMs =
                row.source.value(QLatin1String("timeoutSeconds")).toInt() * 1000;
            const int attempts = row.source.value(QLatin1String("attempts")).toInt();
            const qint64 bound = timeoutMs * attempts + 2000 * (attempts - 1) + 5000;
            QVERIFY2(
                outcome.durationMs <= bound,
                qPrintable(
                    row.id +
                    QStringLiteral(": %1 ms, bound %2 ms").arg(outcome.durationMs).arg(bound)));
            // A timeout row ended because of its deadline, not sooner.
            if (row.code == Error::Code::Timeout)
                QVERIFY2(outcome.durationMs >= timeoutMs - 100,
                         qPrintable(row.id + QStringLiteral(": %1 ms").arg(outcome.durationMs)));
        }

        const sources::SourceOutcome &ok = report.outcomes.constLast();
        QVERIFY(ok.isComplete());
        const auto samples = m_history->samples({});
        KPI_VERIFY_OK(samples);
        QCOMPARE(samples->size(), 1);
        QCOMPARE(samples->constFirst().metricKey, QStringLiteral("HEALTHY"));
        QCOMPARE(samples->constFirst().value, 42.0);
        const auto events = m_history->events(report.runId);
        KPI_VERIFY_OK(events);
        // One per source, each with its message, and one per failed metric.
        const auto metricRows =
            std::count_if(rows.cbegin(), rows.cend(), [](const HostileRow &row) {
                return row.step == QLatin1String("extract");
            });
        QCOMPARE(events->size(), rows.size() + 1 + metricRows);
    }

    void init()
    {
        QVERIFY(m_dir.isValid());
        m_client = std::make_unique<net::HttpClient>(&m_network);
        store::DatabaseLocation location;
        location.path = m_dir.filePath(QStringLiteral("history.sqlite"));
        auto opened = store::HistoryStore::open(location);
        KPI_VERIFY_OK(opened);
        m_history = std::move(*opened);
    }
    void cleanup()
    {
        m_history.reset();
        m_client.reset();
    }

private:
    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
    test::FakeClock m_clock;
    test::FakeSecretStore m_secrets;
    std::unique_ptr<net::HttpClient> m_client;
    std::unique_ptr<store::HistoryStore> m_history;
};

QTEST_GUILESS_MAIN(TestHostileResponses)
#include "TestHostileResponses.moc"
