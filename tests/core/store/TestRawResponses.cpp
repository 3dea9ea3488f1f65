// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
// Raw responses kept for `reextract` (docs/history-repair.md): compressed, scrubbed, pruned
// by age and by size. On SQLite and, when KPI_TEST_POSTGRES_URL names a server, PostgreSQL.
#include "FakeClock.h"
#include "FakeHttpServer.h"
#include "FakeSecretStore.h"
#include "TestSupport.h"
#include "net/HttpClient.h"
#include "pipeline/CollectRun.h"
#include "store/HistoryStore.h"
#include "store/SqlDialect.h"
#include "workspace/WorkspaceLoader.h"

#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace kpi;
using namespace kpi::store;
using kpi::test::FakeHttpServer;
using kpi::test::FakeResponse;
using kpi::test::RecordedRequest;

namespace {

constexpr qint64 DayMs = 86400000;
const QString ApiKey = QStringLiteral("stats-fake-api-key-0003");
const QString Password = QStringLiteral("stats-fake-password-0004");

// A connection of the test's own, to look at what the store wrote.
class RawConnection
{
public:
    explicit RawConnection(const DatabaseLocation &location)
    {
        const SqlDialect dialect(location.kind);
        QSqlDatabase db = QSqlDatabase::addDatabase(dialect.driverName(), Name);
        dialect.configure(db, location);
        db.open();
    }
    ~RawConnection() { QSqlDatabase::removeDatabase(Name); }
    QSqlQuery query(const QString &sql) const
    {
        QSqlQuery query(QSqlDatabase::database(Name));
        if (!query.exec(sql))
            qFatal("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return query;
    }
    bool exec(const QString &sql) const
    {
        QSqlQuery query(QSqlDatabase::database(Name));
        return query.exec(sql);
    }

private:
    static inline const QString Name = QStringLiteral("raw-test");
};

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator random(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    random.fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    return bytes;
}

} // namespace

class TestRawResponses : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        if (qEnvironmentVariableIsSet("KPI_TEST_POSTGRES_URL"))
            QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        if (backend == QLatin1String("sqlite")) {
            m_location = {};
            m_location.path = m_dir->filePath(QStringLiteral("history.sqlite"));
        } else {
            const auto location =
                DatabaseLocation::parse(qEnvironmentVariable("KPI_TEST_POSTGRES_URL"));
            KPI_VERIFY_OK(location);
            m_location = *location;
            RawConnection raw(m_location);
            raw.exec(QStringLiteral("SET client_min_messages = warning"));
            QVERIFY(raw.exec(QStringLiteral("DROP SCHEMA public CASCADE")));
            QVERIFY(raw.exec(QStringLiteral("CREATE SCHEMA public")));
        }
        auto opened = HistoryStore::open(m_location);
        KPI_VERIFY_OK(opened);
        m_history = std::move(*opened);
    }
    void cleanup()
    {
        m_history.reset();
        m_client.reset();
        m_server.reset();
    }

    void completeRun_keepsTheBodyCompressed()
    {
        // 100 KB of the repetitive JSON APIs answer with.
        QByteArray body = "[";
        for (int i = 0; body.size() < 100 * 1024; ++i)
            body += QStringLiteral("{\"id\": %1, \"stars\": %2, \"name\": \"repo-%1\"},")
                        .arg(i)
                        .arg(i * 7 % 1000)
                        .toUtf8();
        body += "{}]";
        const qint64 runId = storeRun(m_clock.nowMs(), {response("blog", body, 0)});

        RawConnection raw(m_location);
        QSqlQuery row = raw.query(QStringLiteral(
            "SELECT body_size, stored_size, body, url, content_type FROM raw_responses"));
        QVERIFY(row.next());
        QCOMPARE(row.value(0).toLongLong(), qint64(body.size()));
        const QByteArray stored = row.value(2).toByteArray();
        QCOMPARE(row.value(1).toLongLong(), qint64(stored.size()));
        QVERIFY2(stored.size() * 5 < body.size(), QByteArray::number(stored.size()).constData());
        QVERIFY(!stored.contains("\"stars\""));
        QCOMPARE(qUncompress(stored), body);
        QCOMPARE(row.value(3).toString(), QStringLiteral("https://blog.example.com/api?page=1"));
        QCOMPARE(row.value(4).toString(), QStringLiteral("application/json"));
        QVERIFY(!row.next());

        const auto kept = m_history->rawResponses(QStringLiteral("blog"));
        KPI_VERIFY_OK(kept);
        QCOMPARE(kept->size(), 1);
        QCOMPARE(kept->first().body, body);
        QCOMPARE(kept->first().runId, runId);
        QCOMPARE(kept->first().runStartedAtMs, m_clock.nowMs());
        QCOMPARE(kept->first().contentType, QByteArray("application/json"));
        QCOMPARE(*m_history->rawResponseBytes(), qint64(stored.size()));
        QVERIFY(m_history->rawResponses(QStringLiteral("other"))->isEmpty());
        QVERIFY(m_history->rawResponses(QStringLiteral("blog"), m_clock.nowMs() + 1)->isEmpty());
    }

    void prune_byDays()
    {
        const qint64 now = m_clock.nowMs();
        storeRun(now - 40 * DayMs, {response("blog", "{\"n\": 1}", now - 40 * DayMs)});
        storeRun(now - 29 * DayMs, {response("blog", "{\"n\": 2}", now - 29 * DayMs)});
        storeRun(now, {response("blog", "{\"n\": 3}", now)});
        const auto pruned = m_history->pruneRawResponses(now, {30, 50});
        KPI_VERIFY_OK(pruned);
        QCOMPARE(*pruned, 1);
        const auto kept = m_history->rawResponses(QStringLiteral("blog"));
        QCOMPARE(kept->size(), 2);
        QCOMPARE(kept->at(0).body, QByteArray("{\"n\": 2}"));
        QCOMPARE(*m_history->pruneRawResponses(now, {30, 50}), 0);
        // The runs and their values stay; only the bodies go.
        QCOMPARE(m_history->runs(10)->size(), 3);
    }

    void prune_bySizeKeepsTheNewest()
    {
        const qint64 now = m_clock.nowMs();
        // Random bytes do not compress: 400 KB each, so 1 MB holds the newest two.
        for (int i = 0; i < 4; ++i)
            storeRun(now - (4 - i) * 3600000,
                     {response("blog", randomBytes(400 * 1024, quint32(i + 1)),
                               now - (4 - i) * 3600000)});
        QVERIFY(*m_history->rawResponseBytes() > 1600 * 1024);
        const auto pruned = m_history->pruneRawResponses(now, {30, 1});
        KPI_VERIFY_OK(pruned);
        QCOMPARE(*pruned, 2);
        const auto kept = m_history->rawResponses(QStringLiteral("blog"));
        QCOMPARE(kept->size(), 2);
        QCOMPARE(kept->at(0).body, randomBytes(400 * 1024, 3));
        QCOMPARE(kept->at(1).body, randomBytes(400 * 1024, 4));
        QVERIFY(*m_history->rawResponseBytes() <= 1024 * 1024);
    }

    void prune_zeroKeepsNone()
    {
        const qint64 now = m_clock.nowMs();
        storeRun(now, {response("blog", "{\"n\": 1}", now)});
        QCOMPARE(*m_history->pruneRawResponses(now, {0, 50}), 1);
        storeRun(now, {response("blog", "{\"n\": 1}", now)});
        QCOMPARE(*m_history->pruneRawResponses(now, {30, 0}), 1);
        QCOMPARE(*m_history->rawResponseBytes(), qint64(0));
    }

    // Through a real run: the body the source fetched is kept, with the secret the server
    // echoed scrubbed, under a URL without the query credential; old ones are pruned.
    void collect_keepsTheScrubbedResponseAndPrunes()
    {
        startServer();
        const qint64 now = m_clock.nowMs();
        storeRun(now - 31 * DayMs, {response("stats", "{\"old\": 1}", now - 31 * DayMs)});

        const auto report = collect(workspace(QStringLiteral(R"({"days": 30, "megabytes": 5})")));
        QCOMPARE(report.status, store::RunStatus::Ok);
        const auto kept = m_history->rawResponses(QStringLiteral("stats"));
        KPI_VERIFY_OK(kept);
        QCOMPARE(kept->size(), 1); // the 31 days old one is gone
        const RawResponse &raw = kept->first();
        QCOMPARE(raw.runId, report.runId);
        QCOMPARE(raw.fetchedAtMs, m_clock.nowMs());
        QVERIFY2(raw.body.contains("\"active_users\": 31"), raw.body.constData());
        QVERIFY2(raw.body.contains("<redacted>"), raw.body.constData());
        QVERIFY(!raw.body.contains(ApiKey.toUtf8()));
        QVERIFY(!raw.body.contains(Password.toUtf8()));
        QVERIFY2(!raw.url.contains(ApiKey), qPrintable(raw.url));
        QVERIFY2(raw.url.contains(QStringLiteral("/stats?key=")), qPrintable(raw.url));
        QVERIFY(raw.contentType.startsWith("application/json"));

        // Nowhere in the database, compressed or not.
        RawConnection rawDb(m_location);
        QSqlQuery bodies = rawDb.query(QStringLiteral("SELECT body, url FROM raw_responses"));
        while (bodies.next()) {
            QVERIFY(!qUncompress(bodies.value(0).toByteArray()).contains(ApiKey.toUtf8()));
            QVERIFY(!bodies.value(1).toString().contains(ApiKey));
        }
    }

    void collect_keepsNothingWhenTurnedOff()
    {
        startServer();
        const auto report = collect(workspace(QStringLiteral(R"({"days": 0})")));
        QCOMPARE(report.status, store::RunStatus::Ok);
        QVERIFY(m_history->rawResponses(QStringLiteral("stats"))->isEmpty());
    }

    void collect_aFailedFetchKeepsNothing()
    {
        startServer();
        m_server->route("/stats", [](const RecordedRequest &) {
            return FakeResponse::text("maintenance", 503);
        });
        auto ws = workspace(QStringLiteral("{}"));
        ws.sources[0].attempts = 1;
        const auto report = collect(ws);
        QCOMPARE(report.status, store::RunStatus::Failed);
        QVERIFY(m_history->rawResponses(QStringLiteral("stats"))->isEmpty());
    }

private:
    bool isSqlite() const { return m_location.kind == DatabaseLocation::Kind::Sqlite; }

    static RawResponse response(const char *source, const QByteArray &body, qint64 fetchedAtMs)
    {
        RawResponse raw;
        raw.sourceId = QString::fromLatin1(source);
        raw.url = QStringLiteral("https://blog.example.com/api?page=1");
        raw.contentType = "application/json";
        raw.body = body;
        raw.fetchedAtMs = fetchedAtMs;
        return raw;
    }

    qint64 storeRun(qint64 atMs, const QList<RawResponse> &raw)
    {
        const auto runId = m_history->beginRun(atMs, QStringLiteral("test"));
        if (!runId)
            qFatal("%s", qPrintable(runId.error().toString()));
        const Run run{*runId, atMs, atMs + 1, RunStatus::Ok, QStringLiteral("test"), 1, 0};
        const auto stored = m_history->completeRun(run, {}, {}, {}, raw);
        if (!stored)
            qFatal("%s", qPrintable(stored.error().toString()));
        return *runId;
    }

    void startServer()
    {
        m_client = std::make_unique<net::HttpClient>(&m_network);
        m_server = std::make_unique<FakeHttpServer>();
        m_secrets = std::make_unique<test::FakeSecretStore>();
        m_secrets->values = {{QStringLiteral("key"), ApiKey}};
        // A careless API that echoes the key it was called with.
        m_server->route("/stats", [](const RecordedRequest &r) {
            if (!r.target.contains(QByteArray("key=" + ApiKey.toUtf8())))
                return FakeResponse::json(R"({"error":"unauthorized"})", 401);
            return FakeResponse::json("{\"active_users\": 31, \"request\": {\"key\": \"" +
                                      ApiKey.toUtf8() + "\"}}");
        });
    }

    workspace::Workspace workspace(const QString &retention) const
    {
        const QString json = QStringLiteral(R"({"version": 1, "timezone": "UTC",
            "rawResponses": %2, "sources": [
            {"id": "stats", "type": "http-json", "url": "%1/stats",
             "auth": {"type": "query", "name": "key", "secret": "key"},
             "metrics": [{"key": "WAU", "path": "$.active_users"}]}]})")
                                 .arg(m_server->url(QString()).toString(), retention);
        const auto loaded = workspace::WorkspaceLoader::parse(json.toUtf8());
        if (!loaded.isOk())
            qFatal("test workspace invalid: %s", qPrintable(loaded.errors.constFirst().toString()));
        return loaded.workspace;
    }

    pipeline::RunReport collect(const workspace::Workspace &ws)
    {
        pipeline::CollectRun run(ws, {}, m_history.get(), m_client.get(), m_secrets.get(), m_clock);
        QSignalSpy finished(&run, &pipeline::CollectRun::finished);
        run.start();
        if (!finished.wait(20000))
            qFatal("the run never finished");
        return finished.constFirst().constFirst().value<pipeline::RunReport>();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    DatabaseLocation m_location;
    QNetworkAccessManager m_network;
    test::FakeClock m_clock;
    std::unique_ptr<net::HttpClient> m_client;
    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<test::FakeSecretStore> m_secrets;
    std::unique_ptr<HistoryStore> m_history;
};

QTEST_GUILESS_MAIN(TestRawResponses)
#include "TestRawResponses.moc"
