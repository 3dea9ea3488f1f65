// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
// Every test runs against SQLite and, when KPI_TEST_POSTGRES_URL names a server (ctest
// starts a throw-away one with scripts/with-postgres.sh), against PostgreSQL too: the
// callers' SQL is the same for both, which is what SqlDialect promises.
#include "TestSupport.h"
#include "store/HistoryStore.h"
#include "store/SchemaMigrator.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace kpi;
using namespace kpi::store;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

Sample sample(const QString &key, qint64 ts, double value)
{
    Sample s;
    s.metricKey = key;
    s.timestampMs = ts;
    s.value = value;
    s.sourceId = QStringLiteral("src");
    return s;
}

// A connection of the test's own, beside the store's, to set up and inspect the database.
class RawConnection
{
public:
    explicit RawConnection(const DatabaseLocation &location)
    {
        const SqlDialect dialect(location.kind);
        QSqlDatabase db = QSqlDatabase::addDatabase(dialect.driverName(), m_name);
        dialect.configure(db, location);
        m_open = db.open();
        if (!m_open)
            qWarning() << "raw connection failed:" << db.lastError().text();
    }
    ~RawConnection()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool isOpen() const { return m_open; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    // The first column of the first row, or an invalid QVariant.
    QVariant scalar(const QString &sql) const
    {
        QSqlQuery query(db());
        if (!query.exec(sql) || !query.next())
            return {};
        return query.value(0);
    }
    bool exec(const QString &sql) const
    {
        QSqlQuery query(db());
        const bool ok = query.exec(sql);
        if (!ok)
            qWarning() << sql << query.lastError().text();
        return ok;
    }

private:
    QString m_name = QStringLiteral("raw-%1").arg(quintptr(this));
    bool m_open = false;
};

} // namespace

class TestHistoryStore : public QObject
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
            m_location.path = m_dir->filePath(QStringLiteral("sub/folder/history.sqlite"));
            return;
        }
        const auto location = DatabaseLocation::parse(qEnvironmentVariable("KPI_TEST_POSTGRES_URL"));
        KPI_VERIFY_OK(location);
        m_location = *location;
        // Every test starts from an empty database.
        RawConnection raw(m_location);
        QVERIFY(raw.isOpen());
        QVERIFY(raw.exec(QStringLiteral("SET client_min_messages = warning"))); // no NOTICE per dropped table
        QVERIFY(raw.exec(QStringLiteral("DROP SCHEMA public CASCADE")));
        QVERIFY(raw.exec(QStringLiteral("CREATE SCHEMA public")));
    }

    void open_createsTheLatestSchema()
    {
        {
            const auto store = HistoryStore::open(m_location);
            KPI_VERIFY_OK(store);
            QCOMPARE((*store)->schemaVersion(), SchemaMigrator::latestVersion());
            QVERIFY(SchemaMigrator::latestVersion() >= 2);
        }
        RawConnection raw(m_location);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM schema_version")).toInt(), 1);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT version FROM schema_version")).toInt(),
                 SchemaMigrator::latestVersion());
        if (isSqlite()) {
            QVERIFY(QFile::exists(m_location.path)); // its folders were created too
            QCOMPARE(raw.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        }
    }

    void open_migratesEveryOlderVersion_data()
    {
        QTest::addColumn<int>("version");
        for (int version = 0; version < SchemaMigrator::latestVersion(); ++version)
            QTest::addRow("from version %d", version) << version;
    }
    void open_migratesEveryOlderVersion()
    {
        QFETCH(int, version);
        buildDatabaseAtVersion(version);

        const auto store = HistoryStore::open(m_location);
        KPI_VERIFY_OK(store);
        QCOMPARE((*store)->schemaVersion(), SchemaMigrator::latestVersion());
        if (version > 0) {
            const auto kept = (*store)->samples({});
            KPI_VERIFY_OK(kept);
            QCOMPARE(kept->size(), 1);
            QCOMPARE(kept->first().metricKey, QStringLiteral("STARS"));
            QCOMPARE(kept->first().value, 42.5);
            QCOMPARE(kept->first().sourceId, QStringLiteral("github"));
            // New rows do not collide with the old ones.
            const auto run = (*store)->beginRun(3000, QStringLiteral("cli"));
            KPI_VERIFY_OK(run);
            KPI_VERIFY_OK((*store)->completeRun({*run, 3000, 3100, RunStatus::Ok, QStringLiteral("cli"), 1, 0},
                                                {sample(QStringLiteral("STARS"), 3000, 43)}, {}));
            QCOMPARE((*store)->samples({})->size(), 2);
        }
        if (!isSqlite())
            return; // PostgreSQL backups are the server's business
        const QString backup = m_location.path + QStringLiteral(".schema-v%1.bak").arg(version);
        QCOMPARE(QFile::exists(backup), version > 0); // an empty database needs no backup
        if (version == 0)
            return;
        // The backup is the old database, whole and still at the old version.
        DatabaseLocation old;
        old.path = backup;
        RawConnection raw(old);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT version FROM schema_version")).toInt(), version);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM samples")).toInt(), 1);
    }

    void open_refusesANewerSchemaAndLeavesItUntouched()
    {
        buildDatabaseAtVersion(SchemaMigrator::latestVersion());
        {
            RawConnection raw(m_location);
            QVERIFY(raw.exec(QStringLiteral("UPDATE schema_version SET version = 99")));
        }
        const QByteArray before = isSqlite() ? fileHash(m_location.path) : QByteArray();

        const auto store = HistoryStore::open(m_location);
        QVERIFY(!store);
        QCOMPARE(store.error().code, Error::Code::Storage);
        QCOMPARE(store.error().where, m_location.display());
        QCOMPARE(store.error().message,
                 QStringLiteral("the database has schema version 99, written by a newer KPI Collector; this "
                                "version understands up to %1. Upgrade KPI Collector, or point --database at "
                                "another file.")
                     .arg(SchemaMigrator::latestVersion()));
        if (isSqlite()) {
            QCOMPARE(fileHash(m_location.path), before);
            QVERIFY(!QFile::exists(m_location.path + QStringLiteral("-wal")));
            QVERIFY(QDir(QFileInfo(m_location.path).absolutePath()).entryList({QStringLiteral("*.bak")}).isEmpty());
        }
        RawConnection raw(m_location);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT version FROM schema_version")).toInt(), 99);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM samples")).toInt(), 1);
    }

    void open_refusesAForeignDatabase()
    {
        if (isSqlite())
            QDir().mkpath(QFileInfo(m_location.path).absolutePath());
        {
            RawConnection raw(m_location);
            QVERIFY(raw.exec(QStringLiteral("CREATE TABLE invoices (id INTEGER)")));
        }
        const auto store = HistoryStore::open(m_location);
        QVERIFY(!store);
        QCOMPARE(store.error().message,
                 QStringLiteral("this is not a KPI Collector history database (it has tables invoices and no "
                                "schema_version)"));
    }

    void open_refusesAFolder()
    {
        if (!isSqlite())
            QSKIP("a file-system case: SQLite only");
        m_location.path = m_dir->path();
        const auto store = HistoryStore::open(m_location);
        QVERIFY(!store);
        QCOMPARE(store.error().message, QStringLiteral("is a folder, not a database file"));
    }

    void completeRun_storesSamplesEventsAndStatusTogether()
    {
        auto opened = HistoryStore::open(m_location);
        KPI_VERIFY_OK(opened);
        HistoryStore &store = **opened;
        const auto runId = store.beginRun(1000, QStringLiteral("cli"));
        KPI_VERIFY_OK(runId);
        QCOMPARE(store.runs(1)->first().status, RunStatus::Running);

        const Run run{*runId, 1000, 1500, RunStatus::Partial, QStringLiteral("cli"), 2, 1};
        RunEvent failure;
        failure.timestampMs = 1400;
        failure.sourceId = QStringLiteral("blog");
        failure.level = EventLevel::Error;
        failure.step = QStringLiteral("fetch");
        failure.httpStatus = 503;
        failure.durationMs = 250;
        failure.message = QStringLiteral("HTTP 503 Service Unavailable");
        RunEvent ok;
        ok.timestampMs = 1300;
        ok.sourceId = QStringLiteral("github");
        ok.step = QStringLiteral("fetch");
        ok.message = QStringLiteral("2 values");
        KPI_VERIFY_OK(store.completeRun(
            run, {sample(QStringLiteral("STARS"), 1200, 10), sample(QStringLiteral("FORKS"), 1200, 3)}, {failure, ok}));

        const auto runs = store.runs(10);
        KPI_VERIFY_OK(runs);
        QCOMPARE(runs->size(), 1);
        QCOMPARE(runs->first().status, RunStatus::Partial);
        QCOMPARE(runs->first().finishedAtMs, 1500);
        QCOMPARE(runs->first().failedCount, 1);
        QCOMPARE(runs->first().sourceCount, 2);
        QCOMPARE(runs->first().trigger, QStringLiteral("cli"));

        const auto events = store.events(*runId);
        KPI_VERIFY_OK(events);
        QCOMPARE(events->size(), 2);
        QCOMPARE(events->at(0).sourceId, QStringLiteral("blog"));
        QCOMPARE(events->at(0).httpStatus, 503);
        QCOMPARE(events->at(0).durationMs, 250);
        QCOMPARE(events->at(0).level, EventLevel::Error);
        QCOMPARE(events->at(0).message, QStringLiteral("HTTP 503 Service Unavailable"));
        QCOMPARE(events->at(1).httpStatus, 0);
        QCOMPARE(events->at(1).durationMs, -1);
        QVERIFY(events->at(1).metricKey.isEmpty());

        const auto samples = store.samples({});
        KPI_VERIFY_OK(samples);
        QCOMPARE(samples->size(), 2);
        QCOMPARE(samples->at(0).metricKey, QStringLiteral("FORKS")); // ordered by key
        QCOMPARE(samples->at(0).runId, *runId);
        QCOMPARE(samples->at(0).origin, SampleOrigin::Collected);
        QCOMPARE(samples->at(1).value, 10.0);
    }

    void completeRun_failingHalfwayStoresNothing()
    {
        auto opened = HistoryStore::open(m_location);
        KPI_VERIFY_OK(opened);
        HistoryStore &store = **opened;
        const auto runId = store.beginRun(1000, QStringLiteral("cli"));
        KPI_VERIFY_OK(runId);
        const QList<Sample> samples{sample(QStringLiteral("A"), 1, 1), sample(QStringLiteral("NEW_METRIC"), 1, 2)};
        // The samples and their new metrics are written; then the run log fails (a null
        // message breaks its NOT NULL rule), so all of it must go.
        RunEvent broken;
        broken.step = QStringLiteral("fetch");
        const Run run{*runId, 1000, 2000, RunStatus::Ok, QStringLiteral("cli"), 1, 0};
        const auto result = store.completeRun(run, samples, {broken});
        QVERIFY(!result);
        QCOMPARE(result.error().code, Error::Code::Storage);
        QVERIFY2(result.error().message.startsWith(QStringLiteral("cannot store the run log: ")),
                 qPrintable(result.error().message));

        QVERIFY(store.samples({})->isEmpty());
        QVERIFY(store.metricKeys()->isEmpty()); // the metrics made inside the transaction went too
        QCOMPARE(store.runs(1)->first().status, RunStatus::Running);

        // The store is still usable, with the same metric names, after the rollback.
        KPI_VERIFY_OK(store.completeRun(run, samples, {}));
        QCOMPARE(store.samples({})->size(), 2);
        QCOMPARE(*store.metricKeys(), (QStringList{QStringLiteral("A"), QStringLiteral("NEW_METRIC")}));
    }

    void completeRun_unknownRunIsRefused()
    {
        auto opened = HistoryStore::open(m_location);
        KPI_VERIFY_OK(opened);
        const auto result = (*opened)->completeRun({4711, 1, 2, RunStatus::Ok, QStringLiteral("cli"), 1, 0},
                                                   {sample(QStringLiteral("A"), 1, 1)}, {});
        QVERIFY(!result);
        QVERIFY((*opened)->samples({})->isEmpty());
    }

    void addSamples_outsideARun()
    {
        auto opened = HistoryStore::open(m_location);
        KPI_VERIFY_OK(opened);
        Sample manual = sample(QStringLiteral("MRR"), 5000, 1234.5);
        manual.origin = SampleOrigin::Manual;
        manual.sourceId.clear();
        KPI_VERIFY_OK((*opened)->addSamples({manual}));
        const auto stored = (*opened)->samples({});
        QCOMPARE(stored->size(), 1);
        QCOMPARE(stored->first().origin, SampleOrigin::Manual);
        QCOMPARE(stored->first().runId, 0);
        QVERIFY(stored->first().sourceId.isEmpty());
        QVERIFY((*opened)->runs(5)->isEmpty());
    }

    void samples_filterByMetricAndTime()
    {
        auto opened = HistoryStore::open(m_location);
        KPI_VERIFY_OK(opened);
        HistoryStore &store = **opened;
        QList<Sample> all;
        for (int day = 0; day < 10; ++day) {
            all.append(sample(QStringLiteral("A"), day * 1000, day));
            all.append(sample(QStringLiteral("B"), day * 1000, 100 + day));
        }
        KPI_VERIFY_OK(store.addSamples(all));

        SampleQuery query;
        query.metricKeys = {QStringLiteral("B")};
        query.sinceMs = 3000;
        query.untilMs = 6000;
        const auto picked = store.samples(query);
        KPI_VERIFY_OK(picked);
        QCOMPARE(picked->size(), 3);
        QCOMPARE(picked->at(0).value, 103.0);
        QCOMPARE(picked->at(2).value, 105.0);
        QCOMPARE(picked->at(0).runId, 0);

        const auto latest = store.latestBefore(4500);
        KPI_VERIFY_OK(latest);
        QCOMPARE(latest->size(), 2);
        QCOMPARE(latest->value(QStringLiteral("A")).value, 4.0);
        QCOMPARE(latest->value(QStringLiteral("B")).timestampMs, 4000);
        const auto onlyA = store.latestBefore(4500, {QStringLiteral("A"), QStringLiteral("UNKNOWN")});
        QCOMPARE(onlyA->keys(), QStringList{QStringLiteral("A")});
        QVERIFY(store.latestBefore(0)->isEmpty());
    }

    void latestBefore_takesTheLastOfEqualTimestamps()
    {
        auto opened = HistoryStore::open(m_location);
        KPI_VERIFY_OK(opened);
        KPI_VERIFY_OK((*opened)->addSamples({sample(QStringLiteral("A"), 100, 1), sample(QStringLiteral("A"), 100, 2)}));
        QCOMPARE((*opened)->latestBefore(101)->value(QStringLiteral("A")).value, 2.0);
    }

    void reopen_keepsEverythingAndMakesNoBackup()
    {
        {
            auto opened = HistoryStore::open(m_location);
            KPI_VERIFY_OK(opened);
            KPI_VERIFY_OK((*opened)->addSamples({sample(QStringLiteral("A"), 5, 1.25)}));
        }
        auto reopened = HistoryStore::open(m_location);
        KPI_VERIFY_OK(reopened);
        QCOMPARE((*reopened)->samples({})->first().value, 1.25);
        if (isSqlite())
            QVERIFY(QDir(QFileInfo(m_location.path).absolutePath()).entryList({QStringLiteral("*.bak")}).isEmpty());
    }

    void twoStores_shareOneDatabase()
    {
        // The window and a command (or the daemon) on one history at the same time.
        auto first = HistoryStore::open(m_location);
        auto second = HistoryStore::open(m_location);
        KPI_VERIFY_OK(first);
        KPI_VERIFY_OK(second);
        KPI_VERIFY_OK((*first)->addSamples({sample(QStringLiteral("A"), 1, 1)}));
        KPI_VERIFY_OK((*second)->addSamples({sample(QStringLiteral("A"), 2, 2), sample(QStringLiteral("B"), 2, 3)}));
        // The first store's cached metric ids must not trip over the second's new metric.
        KPI_VERIFY_OK((*first)->addSamples({sample(QStringLiteral("B"), 3, 4)}));
        QCOMPARE((*first)->samples({})->size(), 4);
        QCOMPARE((*first)->metricKeys()->size(), 2);
    }

private:
    bool isSqlite() const { return m_location.kind == DatabaseLocation::Kind::Sqlite; }

    // A database at an older schema version, made by the migrations up to it (as an old
    // build would have left it, without WAL), holding one run and one sample from version 1.
    void buildDatabaseAtVersion(int version)
    {
        if (isSqlite())
            QDir().mkpath(QFileInfo(m_location.path).absolutePath());
        RawConnection raw(m_location);
        QVERIFY(raw.isOpen());
        QSqlDatabase db = raw.db();
        const SchemaMigrator migrator{SqlDialect(m_location.kind)};
        KPI_VERIFY_OK(migrator.migrate(db, 0, version));
        if (version < 1)
            return;
        const QVariant metric = raw.scalar(QStringLiteral("INSERT INTO metrics (key, created_at) VALUES ('STARS', 0) RETURNING id"));
        const QVariant run = raw.scalar(QStringLiteral("INSERT INTO runs (started_at, finished_at, status, trigger) "
                                                       "VALUES (1000, 2000, 'ok', 'cli') RETURNING id"));
        QVERIFY(metric.isValid() && run.isValid());
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO samples (metric_id, ts, value, run_id, source_id, origin) "
                                        "VALUES (%1, 1500, 42.5, %2, 'github', 'collected')")
                             .arg(metric.toLongLong())
                             .arg(run.toLongLong())));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    DatabaseLocation m_location;
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "TestHistoryStore.moc"
