// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeClock.h"
#include "FakeHttpServer.h"
#include "FakeSecretStore.h"
#include "TestSupport.h"
#include "net/HttpClient.h"
#include "pipeline/CollectRun.h"
#include "store/HistoryStore.h"
#include "util/Translations.h"
#include "workspace/WorkspaceLoader.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace kpi;
using namespace kpi::pipeline;
using kpi::store::EventLevel;
using kpi::store::RunStatus;
using kpi::test::FakeHttpServer;
using kpi::test::FakeResponse;
using kpi::test::RecordedRequest;

namespace {
const QString GithubToken = QStringLiteral("ghp-fake-token-value-0001");
const QString StatsPassword = QStringLiteral("stats-fake-password-0002");
} // namespace

class TestCollectRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The English plural forms, as main() loads them ("2 values", not "2 value(s)").
    void initTestCase() { QVERIFY(kpi::installTranslations(*QCoreApplication::instance())); }
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_client = std::make_unique<net::HttpClient>(&m_network);
        m_server = std::make_unique<FakeHttpServer>();
        m_secrets = std::make_unique<test::FakeSecretStore>();
        m_secrets->values = {{QStringLiteral("gh"), GithubToken},
                             {QStringLiteral("stats"), StatsPassword}};
        store::DatabaseLocation location;
        location.path = m_dir.filePath(QStringLiteral("history-%1.sqlite").arg(++m_databases));
        auto opened = store::HistoryStore::open(location);
        KPI_VERIFY_OK(opened);
        m_history = std::move(*opened);

        m_server->route("/github", [](const RecordedRequest &r) {
            return r.header("Authorization") == "Bearer " + GithubToken.toUtf8()
                       ? FakeResponse::json(R"({"stargazers_count": 120, "forks_count": 7})")
                       : FakeResponse::json(R"({"message":"Bad credentials"})", 401);
        });
        m_server->route("/stats", [](const RecordedRequest &r) {
            return r.header("Authorization") ==
                           "Basic " + QByteArray("kpi:" + StatsPassword.toUtf8()).toBase64()
                       ? FakeResponse::json(R"({"active_users": 31, "echo": ")" +
                                            StatsPassword.toUtf8() + R"("})")
                       : FakeResponse::json(R"({"error":"unauthorized"})", 401);
        });
        m_server->route("/down", [](const RecordedRequest &) {
            return FakeResponse::text("maintenance", 503);
        });
    }
    void cleanup()
    {
        m_history.reset();
        m_client.reset();
        m_server.reset();
    }

    void run_storesEveryValueAndTheRunLog()
    {
        const auto report = collect(workspace(), {});
        QCOMPARE(report.status, RunStatus::Partial);
        QVERIFY(report.runId > 0);
        QVERIFY(!report.storeError);
        QCOMPARE(report.outcomes.size(), 3);
        QCOMPARE(report.failedSources(), 1);
        QCOMPARE(report.exitCode(), 1);
        QCOMPARE(report.startedAtMs, m_clock.nowMs());

        const auto samples = m_history->samples({});
        KPI_VERIFY_OK(samples);
        QCOMPARE(samples->size(), 3);
        QCOMPARE(samples->at(0).metricKey, QStringLiteral("FORKS"));
        QCOMPARE(samples->at(0).value, 7.0);
        QCOMPARE(samples->at(1).metricKey, QStringLiteral("STARS"));
        QCOMPARE(samples->at(1).sourceId, QStringLiteral("github"));
        QCOMPARE(samples->at(2).metricKey, QStringLiteral("WAU"));
        QCOMPARE(samples->at(2).timestampMs, m_clock.nowMs());
        QCOMPARE(samples->at(2).runId, report.runId);

        const auto runs = m_history->runs(5);
        QCOMPARE(runs->size(), 1);
        QCOMPARE(runs->first().status, RunStatus::Partial);
        QCOMPARE(runs->first().sourceCount, 3);
        QCOMPARE(runs->first().failedCount, 1);

        const auto events = m_history->events(report.runId);
        KPI_VERIFY_OK(events);
        QCOMPARE(events->size(), 3);
        QCOMPARE(events->at(2).sourceId, QStringLiteral("maintenance"));
        QCOMPARE(events->at(2).level, EventLevel::Error);
        QCOMPARE(events->at(2).step, QStringLiteral("fetch"));
        QCOMPARE(events->at(2).httpStatus, 503);
        QVERIFY2(events->at(2).message.startsWith(
                     QStringLiteral("HTTP 503 Service Unavailable from 127.0.0.1: maintenance")),
                 qPrintable(events->at(2).message));
        QCOMPARE(events->at(0).level, EventLevel::Info);
        QCOMPARE(events->at(0).message, QStringLiteral("2 values collected"));
    }

    void run_previousValuesGiveTheChange()
    {
        store::Sample old;
        old.metricKey = QStringLiteral("STARS");
        old.timestampMs = m_clock.nowMs() - 86400000;
        old.value = 100;
        KPI_VERIFY_OK(m_history->addSamples({old}));
        const auto report = collect(workspace(), {});
        QCOMPARE(report.previous.size(), 1);
        QCOMPARE(report.previous.value(QStringLiteral("STARS")).value, 100.0);
    }

    void run_selectedSourcesOnly()
    {
        CollectOptions options;
        options.sourceIds = {QStringLiteral("stats")};
        const auto report = collect(workspace(), options);
        QCOMPARE(report.status, RunStatus::Ok);
        QCOMPARE(report.outcomes.size(), 1);
        QCOMPARE(report.exitCode(), 0);
        QCOMPARE(m_server->requestCount("/github"), 0);
        QCOMPARE(m_history->samples({})->size(), 1);
    }

    void run_unknownSourcesAreNamed()
    {
        QCOMPARE(CollectRun::unknownSources(workspace(),
                                            {QStringLiteral("stats"), QStringLiteral("nope")}),
                 QStringList{QStringLiteral("nope")});
    }

    void run_disabledSourcesAreSkipped()
    {
        auto ws = workspace();
        ws.sources[2].enabled = false;
        const auto report = collect(ws, {});
        QCOMPARE(report.outcomes.size(), 2);
        QCOMPARE(report.status, RunStatus::Ok);
    }

    void dryRun_storesNothing()
    {
        CollectOptions options;
        options.dryRun = true;
        const auto report = collect(workspace(), options);
        QCOMPARE(report.runId, 0);
        QVERIFY(report.dryRun);
        QCOMPARE(report.outcomes.at(0).values.size(), 2);
        QVERIFY(m_history->samples({})->isEmpty());
        QVERIFY(m_history->runs(1)->isEmpty());
    }

    void missingSecret_failsOnlyItsSource()
    {
        m_secrets->values.remove(QStringLiteral("gh"));
        const auto report = collect(workspace(), {});
        QCOMPARE(report.status, RunStatus::Partial);
        const auto &github = report.outcomes.at(0);
        QCOMPARE(github.step, QStringLiteral("secret"));
        QCOMPARE(github.error->message, QStringLiteral("the fake keychain has no \"gh\""));
        QCOMPARE(m_server->requestCount("/github"), 0);
        QCOMPARE(report.outcomes.at(1).values.size(), 1);
        QCOMPARE(m_secrets->reads, 2); // each name asked for once
    }

    void secrets_neverReachTheDatabase()
    {
        // /stats echoes its password into the body; a metric error quotes that body.
        auto ws = workspace();
        ws.sources[1].metrics[0].path = *extract::JsonPath::compile(QStringLiteral("$.echo"));
        const auto report = collect(ws, {});
        const QString message = report.outcomes.at(1).metricErrors.constFirst().error.message;
        QCOMPARE(message,
                 QStringLiteral("$.echo: found a string \"<redacted>\", expected a number"));
        m_history.reset(); // flush and close, so every byte is on disk
        QDirIterator files(m_dir.path(), QDir::Files);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            QVERIFY2(!bytes.contains(StatsPassword.toUtf8()), qPrintable(file.fileName()));
            QVERIFY2(!bytes.contains(GithubToken.toUtf8()), qPrintable(file.fileName()));
        }
    }

    void cancel_storesWhatArrivedAndMarksTheRun()
    {
        m_server->route("/slow", [](const RecordedRequest &) {
            FakeResponse response = FakeResponse::json(R"({"n": 1})");
            response.delayMs = 10000;
            return response;
        });
        auto ws = workspace();
        ws.sources[2].http.url = m_server->url(QStringLiteral("/slow"));
        CollectRun run(ws, {}, m_history.get(), m_client.get(), m_secrets.get(), m_clock);
        QSignalSpy finished(&run, &CollectRun::finished);
        QSignalSpy progress(&run, &CollectRun::sourceFinished);
        run.start();
        QTRY_COMPARE_WITH_TIMEOUT(progress.size(), 2, 10000); // github and stats are in
        run.cancel();
        if (finished.isEmpty()) // aborting may finish the run at once
            QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 1);
        const auto report = finished.constFirst().constFirst().value<RunReport>();
        QCOMPARE(report.status, RunStatus::Canceled);
        QCOMPARE(report.outcomes.at(2).error->code, Error::Code::Canceled);
        QCOMPARE(m_history->samples({})->size(), 3);
        QCOMPARE(m_history->runs(1)->first().status, RunStatus::Canceled);
    }

    void hangingSecretStore_failsOnlyTheSourcesThatNeedIt()
    {
        m_secrets->hanging = {QStringLiteral("gh")};
        CollectRun run(workspace(), {}, m_history.get(), m_client.get(), m_secrets.get(), m_clock);
        run.setSecretDeadline(std::chrono::milliseconds(200));
        const auto report = test::runToEnd(run);
        QCOMPARE(report.status, RunStatus::Partial);
        QCOMPARE(report.outcomes.at(0).step, QStringLiteral("secret"));
        QCOMPARE(report.outcomes.at(0).error->message,
                 QStringLiteral("the secret store did not answer for \"gh\" within 0.2 s"));
        QVERIFY(report.outcomes.at(1).isComplete());
        QCOMPARE(m_history->samples({})->size(), 1); // WAU
    }

    void cancel_whileWaitingForSecrets_endsTheRun()
    {
        m_secrets->hanging = {QStringLiteral("gh")};
        CollectRun run(workspace(), {}, m_history.get(), m_client.get(), m_secrets.get(), m_clock);
        QSignalSpy finished(&run, &CollectRun::finished);
        run.start();
        QCoreApplication::processEvents(); // the other secrets arrive; "gh" never does
        QVERIFY(finished.isEmpty());
        run.cancel();
        QVERIFY(finished.wait(5000));
        const auto report = finished.constFirst().constFirst().value<RunReport>();
        QCOMPARE(report.status, RunStatus::Canceled);
        for (const auto &outcome : report.outcomes)
            QCOMPARE(outcome.error->code, Error::Code::Canceled);
        QVERIFY(m_server->requests().isEmpty());
        QCOMPARE(m_history->runs(1)->first().status, RunStatus::Canceled);
    }

    void storeFailure_isReportedNotHidden()
    {
        // A run id the database does not know: completing it fails, and says so.
        auto ws = workspace();
        CollectRun run(ws, {}, m_history.get(), m_client.get(), m_secrets.get(), m_clock);
        QSignalSpy finished(&run, &CollectRun::finished);
        run.start();
        {
            QSqlDatabase db = QSqlDatabase::database(QSqlDatabase::connectionNames().constFirst());
            QSqlQuery(db).exec(QStringLiteral("DELETE FROM runs"));
        }
        QVERIFY(finished.wait(10000));
        const auto report = finished.constFirst().constFirst().value<RunReport>();
        QVERIFY(report.storeError);
        QCOMPARE(report.exitCode(), 1);
        QVERIFY(m_history->samples({})->isEmpty());
    }

    void run_sqlSourceReadsTheRunsClockAndManualSourcesAreSkipped()
    {
        // An SQLite file for the sql source to read; :now comes from the run's clock.
        const QString file = m_dir.filePath(QStringLiteral("app.sqlite"));
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("app"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (x INTEGER)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("app"));
        const QJsonObject sql{
            {QStringLiteral("id"), QStringLiteral("db")},
            {QStringLiteral("type"), QStringLiteral("sql")},
            {QStringLiteral("driver"), QStringLiteral("sqlite")},
            {QStringLiteral("database"), file},
            {QStringLiteral("query"),
             QStringLiteral("SELECT CAST(strftime('%s', :now) AS INTEGER) AS now_s")},
            {QStringLiteral("metrics"),
             QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("NOW_S")},
                                    {QStringLiteral("column"), QStringLiteral("now_s")}}}}};
        const QJsonObject manual{
            {QStringLiteral("id"), QStringLiteral("survey")},
            {QStringLiteral("type"), QStringLiteral("manual")},
            {QStringLiteral("metrics"),
             QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("NPS")}}}}};
        const QJsonObject root{{QStringLiteral("version"), 1},
                               {QStringLiteral("sources"), QJsonArray{manual, sql}}};
        const auto loaded = workspace::WorkspaceLoader::parse(QJsonDocument(root).toJson());
        QVERIFY(loaded.isOk());
        const RunReport report = collect(loaded.workspace, {});
        QCOMPARE(report.outcomes.size(), 1);
        const auto &outcome = report.outcomes.constFirst();
        QCOMPARE(outcome.sourceId, QStringLiteral("db"));
        QVERIFY2(outcome.isComplete(),
                 qPrintable(outcome.error ? outcome.error->message : QString()));
        QCOMPARE(outcome.values.constFirst().value, double(m_clock.nowMs() / 1000));
        QCOMPARE(report.status, RunStatus::Ok);
    }

    // The destinations' payloads are committed with the values: an on-collect destination
    // gets one row per run (CSV) or per day (InfluxDB); a scheduled digest gets none.
    void run_queuesTheDeliveriesWithTheValues()
    {
        workspace::Workspace ws = workspace();
        ws.destinations = {
            {QStringLiteral("out"),
             QStringLiteral("csv"),
             QStringLiteral("on-collect"),
             QJsonObject{{QStringLiteral("path"), m_dir.filePath(QStringLiteral("kpi.csv"))}},
             {}},
            {QStringLiteral("tsdb"),
             QStringLiteral("influxdb"),
             QStringLiteral("on-collect"),
             {},
             {}},
            {QStringLiteral("weekly"),
             QStringLiteral("webhook"),
             QStringLiteral("0 9 * * 1"),
             {},
             {}}};
        const auto report = collect(ws, {});
        QVERIFY(report.runId > 0);
        const auto rows = m_history->outboxEntries(QString());
        KPI_VERIFY_OK(rows);
        QCOMPARE(rows->size(), 2);
        const store::OutboxEntry &csv = rows->at(0);
        QCOMPARE(csv.destinationId, QStringLiteral("out"));
        QCOMPARE(csv.period, QStringLiteral("run:%1").arg(report.runId));
        QCOMPARE(csv.runId, report.runId);
        const QJsonObject payload = QJsonDocument::fromJson(csv.payload).object();
        QCOMPARE(payload.value(QLatin1String("values")).toArray().size(), 3);
        QCOMPARE(payload.value(QLatin1String("timezone")).toString(), QStringLiteral("UTC"));
        QVERIFY(!csv.payload.contains(GithubToken.toUtf8()));
        QCOMPARE(rows->at(1).period, QStringLiteral("2026-11-28"));

        CollectOptions dry;
        dry.dryRun = true;
        collect(ws, dry);
        QCOMPARE(m_history->outboxEntries(QString())->size(), 2);
    }

private:
    workspace::Workspace workspace() const
    {
        const QString base = m_server->url(QString()).toString();
        const QString json = QStringLiteral(R"({"version": 1, "timezone": "UTC", "sources": [
            {"id": "github", "type": "http-json", "url": "%1/github", "auth": {"type": "bearer", "secret": "gh"},
             "metrics": [{"key": "STARS", "path": "$.stargazers_count"}, {"key": "FORKS", "path": "$.forks_count"}]},
            {"id": "stats", "type": "http-json", "url": "%1/stats",
             "auth": {"type": "basic", "username": "kpi", "secret": "stats"},
             "metrics": [{"key": "WAU", "path": "$.active_users"}]},
            {"id": "maintenance", "type": "http-json", "url": "%1/down", "attempts": 1,
             "metrics": [{"key": "DOWN", "path": "$.n"}]}]})")
                                 .arg(base);
        const auto loaded = workspace::WorkspaceLoader::parse(json.toUtf8());
        if (!loaded.isOk())
            qFatal("test workspace invalid: %s", qPrintable(loaded.errors.constFirst().toString()));
        return loaded.workspace;
    }

    RunReport collect(const workspace::Workspace &ws, const CollectOptions &options)
    {
        CollectRun run(ws, options, m_history.get(), m_client.get(), m_secrets.get(), m_clock);
        return test::runToEnd(run);
    }

    QTemporaryDir m_dir;
    int m_databases = 0;
    QNetworkAccessManager m_network;
    test::FakeClock m_clock;
    std::unique_ptr<net::HttpClient> m_client;
    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<test::FakeSecretStore> m_secrets;
    std::unique_ptr<store::HistoryStore> m_history;
};

QTEST_GUILESS_MAIN(TestCollectRun)
#include "TestCollectRun.moc"
