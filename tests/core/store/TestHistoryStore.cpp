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
#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace kpi;
using namespace kpi::store;

namespace QTest {
template<>
inline char *toString(const kpi::store::OutboxState &state)
{
    return qstrdup(kpi::store::toDbText(state).toUtf8().constData());
}
} // namespace QTest

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

// Another process's connection to the same database, on a thread of its own so that the
// test's thread can block on the lock it holds: it begins a write transaction the way the
// store does (with the migration lock when asked), runs `statements`, and commits `holdMs`
// later from its own event loop.
class LockHolder : public QThread
{
public:
    enum class Lock { Write, Migration };

    LockHolder(DatabaseLocation location, Lock lock, QStringList statements, int holdMs)
        : m_location(std::move(location)),
          m_lock(lock),
          m_statements(std::move(statements)),
          m_holdMs(holdMs)
    { }

    // Blocks until the transaction holds its lock; false when taking it failed.
    bool waitUntilLocked()
    {
        m_locked.acquire();
        return !m_failed.loadAcquire();
    }
    // Set just before the COMMIT, so anything that waited for the lock sees it set.
    bool commitStarted() const { return m_committing.loadAcquire(); }
    // Read after wait().
    QString error() const { return m_error; }

protected:
    void run() override
    {
        const QString name = QStringLiteral("lock-holder");
        {
            const SqlDialect dialect(m_location.kind);
            QSqlDatabase db = QSqlDatabase::addDatabase(dialect.driverName(), name);
            dialect.configure(db, m_location);
            if (lock(db, dialect)) {
                QObject context;
                QTimer::singleShot(m_holdMs, &context, [this, &db] {
                    m_committing.storeRelease(1);
                    if (!db.commit())
                        m_error = db.lastError().text();
                    quit();
                });
                m_locked.release();
                exec();
            } else {
                m_failed.storeRelease(1);
                m_locked.release();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

private:
    bool lock(QSqlDatabase &db, const SqlDialect &dialect)
    {
        if (!db.open()) {
            m_error = db.lastError().text();
            return false;
        }
        QStringList statements = dialect.sessionSetup();
        statements.append(dialect.beginWriteStatement());
        if (m_lock == Lock::Migration && !dialect.migrationLockStatement().isEmpty())
            statements.append(dialect.migrationLockStatement());
        statements += m_statements;
        for (const QString &statement : std::as_const(statements)) {
            QSqlQuery query(db);
            if (!query.exec(statement)) {
                m_error = statement + QStringLiteral(": ") + query.lastError().text();
                db.rollback();
                return false;
            }
        }
        return true;
    }

    DatabaseLocation m_location;
    Lock m_lock;
    QStringList m_statements;
    int m_holdMs;
    QSemaphore m_locked;
    QAtomicInt m_failed;
    QAtomicInt m_committing;
    QString m_error;
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
        const auto location =
            DatabaseLocation::parse(qEnvironmentVariable("KPI_TEST_POSTGRES_URL"));
        KPI_VERIFY_OK(location);
        m_location = *location;
        // Every test starts from an empty database.
        RawConnection raw(m_location);
        QVERIFY(raw.isOpen());
        QVERIFY(raw.exec(
            QStringLiteral("SET client_min_messages = warning"))); // no NOTICE per dropped table
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
            QCOMPARE(raw.scalar(QStringLiteral("PRAGMA journal_mode")).toString(),
                     QStringLiteral("wal"));
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
            KPI_VERIFY_OK((*store)->completeRun(
                {*run, 3000, 3100, RunStatus::Ok, QStringLiteral("cli"), 1, 0},
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
                 QStringLiteral(
                     "the database has schema version 99, written by a newer KPI Collector; this "
                     "version understands up to %1. Upgrade KPI Collector, or point --database at "
                     "another file.")
                     .arg(SchemaMigrator::latestVersion()));
        if (isSqlite()) {
            QCOMPARE(fileHash(m_location.path), before);
            QVERIFY(!QFile::exists(m_location.path + QStringLiteral("-wal")));
            QVERIFY(QDir(QFileInfo(m_location.path).absolutePath())
                        .entryList({QStringLiteral("*.bak")})
                        .isEmpty());
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
                 QStringLiteral(
                     "this is not a KPI Collector history database (it has tables invoices and no "
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
            run,
            {sample(QStringLiteral("STARS"), 1200, 10), sample(QStringLiteral("FORKS"), 1200, 3)},
            {failure, ok}));

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
        const QList<Sample> samples{sample(QStringLiteral("A"), 1, 1),
                                    sample(QStringLiteral("NEW_METRIC"), 1, 2)};
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
        // The run is not left "running" (as if the process had died): it failed, and its log
        // says why.
        QCOMPARE(store.runs(1)->first().status, RunStatus::Failed);
        QCOMPARE(store.runs(1)->first().finishedAtMs, 2000);
        const auto log = store.events(*runId);
        KPI_VERIFY_OK(log);
        QCOMPARE(log->size(), 1);
        QCOMPARE(log->first().step, QStringLiteral("store"));
        QCOMPARE(log->first().level, EventLevel::Error);
        QCOMPARE(log->first().message,
                 QStringLiteral("the run's values could not be stored: ") + result.error().message);

        // The store is still usable, with the same metric names, after the rollback.
        KPI_VERIFY_OK(store.completeRun(run, samples, {}));
        QCOMPARE(store.samples({})->size(), 2);
        QCOMPARE(*store.metricKeys(),
                 (QStringList{QStringLiteral("A"), QStringLiteral("NEW_METRIC")}));
    }

    void completeRun_unknownRunIsRefused()
    {
        auto opened = HistoryStore::open(m_location);
        KPI_VERIFY_OK(opened);
        const auto result =
            (*opened)->completeRun({4711, 1, 2, RunStatus::Ok, QStringLiteral("cli"), 1, 0},
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
        const auto onlyA =
            store.latestBefore(4500, {QStringLiteral("A"), QStringLiteral("UNKNOWN")});
        QCOMPARE(onlyA->keys(), QStringList{QStringLiteral("A")});
        QVERIFY(store.latestBefore(0)->isEmpty());
    }

    void latestBefore_takesTheLastOfEqualTimestamps()
    {
        auto opened = HistoryStore::open(m_location);
        KPI_VERIFY_OK(opened);
        KPI_VERIFY_OK((*opened)->addSamples(
            {sample(QStringLiteral("A"), 100, 1), sample(QStringLiteral("A"), 100, 2)}));
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
            QVERIFY(QDir(QFileInfo(m_location.path).absolutePath())
                        .entryList({QStringLiteral("*.bak")})
                        .isEmpty());
    }

    void twoStores_shareOneDatabase()
    {
        // The window and a command (or the daemon) on one history at the same time.
        auto first = HistoryStore::open(m_location);
        auto second = HistoryStore::open(m_location);
        KPI_VERIFY_OK(first);
        KPI_VERIFY_OK(second);
        KPI_VERIFY_OK((*first)->addSamples({sample(QStringLiteral("A"), 1, 1)}));
        KPI_VERIFY_OK((*second)->addSamples(
            {sample(QStringLiteral("A"), 2, 2), sample(QStringLiteral("B"), 2, 3)}));
        // The first store's cached metric ids must not trip over the second's new metric.
        KPI_VERIFY_OK((*first)->addSamples({sample(QStringLiteral("B"), 3, 4)}));
        QCOMPARE((*first)->samples({})->size(), 4);
        QCOMPARE((*first)->metricKeys()->size(), 2);
    }

    // A daemon and a window on one history: each scheduled slot runs in exactly one.
    void claimSlot_isWonByExactlyOneStore()
    {
        auto daemon = HistoryStore::open(m_location);
        auto window = HistoryStore::open(m_location);
        KPI_VERIFY_OK(daemon);
        KPI_VERIFY_OK(window);
        const QString job = QStringLiteral("collect");
        QCOMPARE((*daemon)->latestClaimedSlot(job)->has_value(), false);
        QCOMPARE(*(*daemon)->claimSlot(job, 1000, 1001, QStringLiteral("daemon")), true);
        QCOMPARE(*(*window)->claimSlot(job, 1000, 1002, QStringLiteral("window")), false);
        QCOMPARE(*(*window)->claimSlot(job, 2000, 2001, QStringLiteral("window")), true);
        // Another job's slots are its own.
        QCOMPARE(*(*daemon)->claimSlot(QStringLiteral("deliver:notion"), 1000, 1003,
                                       QStringLiteral("daemon")),
                 true);
        QCOMPARE((*daemon)->latestClaimedSlot(job)->value(), 2000);
        // Only its claimant gives a slot back.
        KPI_VERIFY_OK((*daemon)->releaseSlot(job, 2000, QStringLiteral("daemon")));
        QCOMPARE((*daemon)->latestClaimedSlot(job)->value(), 2000);
        KPI_VERIFY_OK((*window)->releaseSlot(job, 2000, QStringLiteral("window")));
        QCOMPARE((*daemon)->latestClaimedSlot(job)->value(), 1000);
        QCOMPARE((*window)->latestClaimedSlot(QStringLiteral("deliver:notion"))->value(), 1000);
    }

    void completeRun_waitsForAnotherWriterInsteadOfFailing()
    {
        // The daemon writes a run while a `collect` writes its own: on SQLite a deferred
        // BEGIN that reads (the metric ids) and then writes fails with "database is locked"
        // at once; the store must wait for the other writer and then write.
        auto opened = HistoryStore::open(m_location);
        KPI_VERIFY_OK(opened);
        HistoryStore &store = **opened;
        const auto runId = store.beginRun(1000, QStringLiteral("cli"));
        KPI_VERIFY_OK(runId);

        LockHolder other(
            m_location, LockHolder::Lock::Write,
            {QStringLiteral("INSERT INTO metrics (key, created_at) VALUES ('SHARED', 0)")}, 300);
        other.start();
        QVERIFY2(other.waitUntilLocked(), qPrintable(other.error()));
        const Run run{*runId, 1000, 1500, RunStatus::Ok, QStringLiteral("cli"), 1, 0};
        const auto stored = store.completeRun(
            run,
            {sample(QStringLiteral("SHARED"), 1200, 1), sample(QStringLiteral("OWN"), 1200, 2)},
            {});
        const bool waited = other.commitStarted();
        other.wait();
        QVERIFY2(other.error().isEmpty(), qPrintable(other.error()));
        KPI_VERIFY_OK(stored);
        QVERIFY(waited); // the write could only go through once the other one committed

        QCOMPARE(*store.metricKeys(),
                 (QStringList{QStringLiteral("OWN"), QStringLiteral("SHARED")}));
        QCOMPARE(store.samples({})->size(), 2);
        QCOMPARE(store.runs(1)->first().status, RunStatus::Ok);
    }

    void completeRun_aFailedCommitMarksTheRunFailed()
    {
        auto opened = HistoryStore::open(m_location);
        KPI_VERIFY_OK(opened);
        HistoryStore &store = **opened;
        const auto runId = store.beginRun(1000, QStringLiteral("cli"));
        KPI_VERIFY_OK(runId);
        {
            // Every sample breaks a deferred foreign key, which is checked at COMMIT only.
            RawConnection raw(m_location);
            QVERIFY(raw.exec(QStringLiteral("CREATE TABLE commit_guard (run_id BIGINT REFERENCES "
                                            "runs (id) DEFERRABLE INITIALLY DEFERRED)")));
            if (isSqlite()) {
                QVERIFY(raw.exec(
                    QStringLiteral("CREATE TRIGGER samples_guard AFTER INSERT ON samples "
                                   "BEGIN INSERT INTO commit_guard (run_id) VALUES (-1); END")));
            } else {
                QVERIFY(raw.exec(QStringLiteral(
                    "CREATE FUNCTION guard_samples() RETURNS trigger LANGUAGE plpgsql AS "
                    "$$ BEGIN INSERT INTO commit_guard (run_id) VALUES (-1); RETURN NULL; END "
                    "$$")));
                QVERIFY(
                    raw.exec(QStringLiteral("CREATE TRIGGER samples_guard AFTER INSERT ON samples "
                                            "FOR EACH ROW EXECUTE FUNCTION guard_samples()")));
            }
        }

        const Run run{*runId, 1000, 1500, RunStatus::Ok, QStringLiteral("cli"), 3, 0};
        const auto result = store.completeRun(run, {sample(QStringLiteral("A"), 1200, 1)}, {});
        QVERIFY(!result);
        QVERIFY2(result.error().message.startsWith(QStringLiteral("cannot commit: ")),
                 qPrintable(result.error().message));
        QVERIFY(store.samples({})->isEmpty());

        const auto runs = store.runs(1);
        KPI_VERIFY_OK(runs);
        QCOMPARE(runs->first().status, RunStatus::Failed);
        QCOMPARE(runs->first().finishedAtMs, 1500);
        QCOMPARE(runs->first().sourceCount, 3);
        const auto log = store.events(*runId);
        KPI_VERIFY_OK(log);
        QCOMPARE(log->size(), 1);
        QCOMPARE(log->first().step, QStringLiteral("store"));
        QVERIFY2(log->first().message.startsWith(
                     QStringLiteral("the run's values could not be stored: cannot commit: ")),
                 qPrintable(log->first().message));
    }

    void open_waitsForAConcurrentMigrationAndAppliesOnlyWhatIsMissing()
    {
        // Another process is creating the schema of this new database and has not
        // committed yet. The store sees an empty database, waits for the migration lock,
        // reads the version again inside its transaction and finds nothing left to do
        // (here: only a schema_version, so anything the store applied itself would show).
        if (isSqlite())
            QVERIFY(QDir().mkpath(QFileInfo(m_location.path).absolutePath()));
        const int latest = SchemaMigrator::latestVersion();
        LockHolder other(
            m_location, LockHolder::Lock::Migration,
            {QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)"),
             QStringLiteral("INSERT INTO schema_version (version) VALUES (%1)").arg(latest)},
            300);
        other.start();
        QVERIFY2(other.waitUntilLocked(), qPrintable(other.error()));
        const auto store = HistoryStore::open(m_location);
        other.wait();
        QVERIFY2(other.error().isEmpty(), qPrintable(other.error()));
        KPI_VERIFY_OK(store);
        QCOMPARE((*store)->schemaVersion(), latest);

        RawConnection raw(m_location);
        QSqlQuery tables(raw.db());
        QVERIFY(tables.exec(SqlDialect(m_location.kind).listTablesQuery()));
        QStringList names;
        while (tables.next())
            names.append(tables.value(0).toString());
        QCOMPARE(names, QStringList{QStringLiteral("schema_version")});
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM schema_version")).toInt(), 1);
    }

    void migrate_appliesOnlyTheStepsStillMissing()
    {
        buildDatabaseAtVersion(1);
        RawConnection raw(m_location);
        QSqlDatabase db = raw.db();
        const SchemaMigrator migrator{SqlDialect(m_location.kind)};
        const int latest = SchemaMigrator::latestVersion();
        const auto migrated = migrator.migrate(db, latest);
        KPI_VERIFY_OK(migrated);
        QCOMPARE(*migrated, latest);
        // Asked again (as by a second process that read the old version before the first
        // one upgraded): a no-op, not a second attempt at the steps.
        const auto again = migrator.migrate(db, latest);
        KPI_VERIFY_OK(again);
        QCOMPARE(*again, latest);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM schema_version")).toInt(), 1);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT version FROM schema_version")).toInt(), latest);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM samples")).toInt(), 1);
    }

    void open_aSecondConnectionOnAMigratedDatabaseWritesNothing()
    {
        auto first = HistoryStore::open(m_location);
        KPI_VERIFY_OK(first);
        RawConnection raw(m_location);
        // SQLite counts the commits of other connections; PostgreSQL stamps a row with the
        // transaction that last wrote it.
        const QString marker = isSqlite() ? QStringLiteral("PRAGMA data_version")
                                          : QStringLiteral("SELECT xmin::text FROM schema_version");
        const QVariant before = raw.scalar(marker);
        QVERIFY(before.isValid());
        auto second = HistoryStore::open(m_location);
        KPI_VERIFY_OK(second);
        QCOMPARE((*second)->schemaVersion(), SchemaMigrator::latestVersion());
        QCOMPARE(raw.scalar(marker), before);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM schema_version")).toInt(), 1);
    }

    void openReadOnly_aMissingFileIsNotFoundAndNothingIsCreated()
    {
        if (!isSqlite())
            QSKIP("a file-system case: SQLite only");
        const auto store = HistoryStore::open(m_location, AccessMode::ReadOnly);
        QVERIFY(!store);
        QCOMPARE(store.error().code, Error::Code::NotFound);
        QCOMPARE(store.error().where, m_location.path);
        QCOMPARE(store.error().message,
                 QStringLiteral("no such database file (reading never creates one)"));
        QVERIFY(
            !QFileInfo::exists(QFileInfo(m_location.path).absolutePath())); // not even its folder
    }

    void openReadOnly_aDatabaseWithoutHistoryIsNotFoundAndStaysEmpty()
    {
        if (isSqlite()) {
            QVERIFY(QDir().mkpath(QFileInfo(m_location.path).absolutePath()));
            QFile empty(m_location.path);
            QVERIFY(empty.open(QIODevice::WriteOnly));
        }
        const auto store = HistoryStore::open(m_location, AccessMode::ReadOnly);
        QVERIFY(!store);
        QCOMPARE(store.error().code, Error::Code::NotFound);
        QCOMPARE(store.error().where, m_location.display());
        QCOMPARE(store.error().message,
                 QStringLiteral("the database holds no history yet; collect once to create it"));
        if (isSqlite())
            QCOMPARE(QFileInfo(m_location.path).size(), 0);
        RawConnection raw(m_location);
        QSqlQuery tables(raw.db());
        QVERIFY(tables.exec(SqlDialect(m_location.kind).listTablesQuery()));
        QVERIFY(!tables.next());
    }

    void openReadOnly_refusesAnOlderSchemaAndLeavesItUntouched()
    {
        const int old = SchemaMigrator::latestVersion() - 1;
        buildDatabaseAtVersion(old);
        const QByteArray before = isSqlite() ? fileHash(m_location.path) : QByteArray();

        const auto store = HistoryStore::open(m_location, AccessMode::ReadOnly);
        QVERIFY(!store);
        QCOMPARE(store.error().code, Error::Code::Storage);
        QCOMPARE(
            store.error().message,
            QStringLiteral(
                "the database has schema version %1 and needs upgrading to %2, which reading it "
                "never does; collect once (or open the window) to upgrade it")
                .arg(old)
                .arg(SchemaMigrator::latestVersion()));
        if (isSqlite()) {
            QCOMPARE(fileHash(m_location.path), before);
            QVERIFY(QDir(QFileInfo(m_location.path).absolutePath())
                        .entryList({QStringLiteral("*.bak")})
                        .isEmpty());
        }
        RawConnection raw(m_location);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT version FROM schema_version")).toInt(), old);
    }

    void openReadOnly_readsTheHistoryAndRefusesToWrite()
    {
        {
            auto writer = HistoryStore::open(m_location);
            KPI_VERIFY_OK(writer);
            KPI_VERIFY_OK((*writer)->addSamples({sample(QStringLiteral("A"), 5, 1.5)}));
        }
        const QByteArray before = isSqlite() ? fileHash(m_location.path) : QByteArray();
        {
            auto opened = HistoryStore::open(m_location, AccessMode::ReadOnly);
            KPI_VERIFY_OK(opened);
            HistoryStore &store = **opened;
            QCOMPARE(store.accessMode(), AccessMode::ReadOnly);
            QCOMPARE(store.schemaVersion(), SchemaMigrator::latestVersion());
            QCOMPARE(store.samples({})->size(), 1);
            QCOMPARE(store.latestBefore(10)->value(QStringLiteral("A")).value, 1.5);

            const QString refusal =
                QStringLiteral("the history was opened read-only; nothing can be written");
            const auto added = store.addSamples({sample(QStringLiteral("B"), 6, 2)});
            QVERIFY(!added);
            QCOMPARE(added.error().message, refusal);
            const auto begun = store.beginRun(6, QStringLiteral("cli"));
            QVERIFY(!begun);
            QCOMPARE(begun.error().message, refusal);
            const auto completed =
                store.completeRun({1, 6, 7, RunStatus::Ok, QStringLiteral("cli"), 1, 0}, {}, {});
            QVERIFY(!completed);
            QCOMPARE(completed.error().message, refusal);
        }
        if (isSqlite())
            QCOMPARE(fileHash(m_location.path), before);
        RawConnection raw(m_location);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM samples")).toInt(), 1);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM runs")).toInt(), 0);
    }

    void openReadOnly_readsWhileAWriterHasItOpen()
    {
        auto writer = HistoryStore::open(m_location);
        KPI_VERIFY_OK(writer);
        KPI_VERIFY_OK((*writer)->addSamples({sample(QStringLiteral("A"), 5, 1)}));
        auto reader = HistoryStore::open(m_location, AccessMode::ReadOnly);
        KPI_VERIFY_OK(reader);
        KPI_VERIFY_OK((*writer)->addSamples({sample(QStringLiteral("A"), 6, 2)}));
        QCOMPARE((*reader)->samples({})->size(), 2);
    }

    void open_passesTheUrlParametersToPostgres()
    {
        if (isSqlite())
            QSKIP("PostgreSQL only");
        const QString url = qEnvironmentVariable("KPI_TEST_POSTGRES_URL");
        const auto location = DatabaseLocation::parse(
            url + QStringLiteral("?application_name=kpi%20test&options=-c%20statement_timeout%"
                                 "3D4321&sslmode=disable"));
        KPI_VERIFY_OK(location);
        KPI_VERIFY_OK(HistoryStore::open(*location));
        RawConnection raw(*location); // configured by the same SqlDialect as the store
        QVERIFY(raw.isOpen());
        QCOMPARE(
            raw.scalar(QStringLiteral("SELECT current_setting('application_name')")).toString(),
            QStringLiteral("kpi test"));
        QCOMPARE(raw.scalar(QStringLiteral("SHOW statement_timeout")).toString(),
                 QStringLiteral("4321ms"));

        // The throw-away server has no TLS: a required one must fail, not be dropped.
        const auto requireTls = DatabaseLocation::parse(url + QStringLiteral("?sslmode=require"));
        KPI_VERIFY_OK(requireTls);
        const auto refused = HistoryStore::open(*requireTls);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("SSL")),
                 qPrintable(refused.error().message));
    }

    // The outbox: one row per destination and period; how an existing row takes a new
    // payload depends on the destination (docs/destinations.md).
    void outbox_enqueueKeepsOneRowPerPeriod()
    {
        auto opened = HistoryStore::open(m_location);
        KPI_VERIFY_OK(opened);
        HistoryStore &store = **opened;
        const auto run = store.beginRun(1000, QStringLiteral("cli"));
        KPI_VERIFY_OK(run);
        OutboxEntry entry = outboxEntry(*run, "{\"v\":1}");
        KPI_VERIFY_OK(
            store.completeRun({*run, 1000, 1100, RunStatus::Ok, QStringLiteral("cli"), 1, 0},
                              {sample(QStringLiteral("STARS"), 1000, 1)}, {}, {entry}));
        const auto payloadNow = [&] {
            return store.outboxEntries(QStringLiteral("hook"))->first().payload;
        };
        QCOMPARE(store.outboxEntries(QStringLiteral("hook"))->size(), 1);
        QCOMPARE(payloadNow(), QByteArray("{\"v\":1}"));

        entry.payload = "{\"v\":2}"; // a pending row takes the new payload
        QCOMPARE(*store.enqueue({entry}), 1);
        QCOMPARE(payloadNow(), QByteArray("{\"v\":2}"));

        const qint64 id = store.outboxEntries(QStringLiteral("hook"))->first().id;
        QVERIFY(*store.claimOutbox(id, QStringLiteral("a"), 1000, 5000));
        QVERIFY(*store.markOutboxDelivered(id, QStringLiteral("a"), 1200));
        entry.payload = "{\"v\":3}";
        for (const Requeue keep : {Requeue::PendingOnly, Requeue::Never}) {
            entry.requeue = keep; // an append-only destination never sends a period twice
            QCOMPARE(*store.enqueue({entry}), 0);
            QCOMPARE(store.outboxEntries(QStringLiteral("hook"))->first().state,
                     OutboxState::Delivered);
        }
        entry.requeue = Requeue::Reopen; // an upsert destination updates the period
        QCOMPARE(*store.enqueue({entry}), 1);
        const OutboxEntry reopened = store.outboxEntries(QStringLiteral("hook"))->first();
        QCOMPARE(reopened.state, OutboxState::Pending);
        QCOMPARE(reopened.payload, QByteArray("{\"v\":3}"));
        QCOMPARE(reopened.attempts, 0);
        QCOMPARE(store.outboxEntries(QStringLiteral("hook"))->size(), 1);
    }

    void outbox_claimIsExclusiveAndLeasesRunOut()
    {
        auto opened = HistoryStore::open(m_location);
        KPI_VERIFY_OK(opened);
        HistoryStore &store = **opened;
        const auto run = store.beginRun(1000, QStringLiteral("cli"));
        KPI_VERIFY_OK(run);
        OutboxEntry later = outboxEntry(*run, "{}");
        later.period = QStringLiteral("run:2");
        later.periodStartMs = 2000;
        QCOMPARE(*store.enqueue({later, outboxEntry(*run, "{}")}), 2);
        const auto heads = store.outboxHeads();
        KPI_VERIFY_OK(heads);
        QCOMPARE(heads->size(), 1);
        QCOMPARE(heads->first().period, QStringLiteral("run:1")); // period order
        const qint64 id = heads->first().id;

        QVERIFY(*store.claimOutbox(id, QStringLiteral("a"), 1000, 2000));
        QVERIFY(!*store.claimOutbox(id, QStringLiteral("b"), 1500, 2500)); // a holds it
        QVERIFY(!*store.recordOutboxProgress(id, QStringLiteral("b"), 1, 3000));
        QVERIFY(*store.recordOutboxProgress(id, QStringLiteral("a"), 1, 2000));
        // a died; its lease runs out at 2000
        QVERIFY(*store.claimOutbox(id, QStringLiteral("b"), 2000, 3000));
        QVERIFY(!*store.markOutboxDelivered(id, QStringLiteral("a"), 2100)); // not a's any more
        QVERIFY(*store.markOutboxRetry(id, QStringLiteral("b"), 9000, QStringLiteral("HTTP 503")));
        const OutboxEntry waiting = *store.outboxEntry(id).value();
        QCOMPARE(waiting.attempts, 2);
        QCOMPARE(waiting.partsDone, 1);
        QCOMPARE(waiting.nextAttemptMs, qint64(9000));
        QCOMPARE(waiting.lastError, QStringLiteral("HTTP 503"));
        QVERIFY(waiting.leaseOwner.isEmpty());
        QVERIFY(!*store.claimOutbox(id, QStringLiteral("c"), 8999, 20000)); // not yet due

        QVERIFY(*store.claimOutbox(id, QStringLiteral("c"), 9000, 20000));
        RunEvent event;
        event.runId = *run;
        event.timestampMs = 9100;
        event.level = EventLevel::Error;
        event.step = QStringLiteral("deliver");
        event.httpStatus = 401;
        event.message = QStringLiteral("HTTP 401: Invalid Webhook Token");
        event.destinationId = QStringLiteral("hook");
        QVERIFY(*store.markOutboxFailed(id, QStringLiteral("c"), event.message, event));
        const auto events = store.events(*run);
        KPI_VERIFY_OK(events);
        QCOMPARE(events->size(), 1);
        QCOMPARE(events->first().destinationId, QStringLiteral("hook"));
        QCOMPARE(events->first().httpStatus, 401);
        QCOMPARE(store.outboxEntry(id)->value().state, OutboxState::Failed);
        QCOMPARE(store.outboxHeads()->first().period, QStringLiteral("run:2")); // the next one

        QCOMPARE(*store.retryOutboxNow(QStringLiteral("hook"), 10000), 1);
        const OutboxEntry again = *store.outboxEntry(id).value();
        QCOMPARE(again.state, OutboxState::Pending);
        QCOMPARE(again.attempts, 0);
        QCOMPARE(again.nextAttemptMs, qint64(10000));
    }

private:
    static OutboxEntry outboxEntry(qint64 runId, const QByteArray &payload)
    {
        OutboxEntry entry;
        entry.destinationId = QStringLiteral("hook");
        entry.period = QStringLiteral("run:1");
        entry.periodStartMs = 1000;
        entry.runId = runId;
        entry.payload = payload;
        entry.nextAttemptMs = 1000;
        entry.createdAtMs = 1000;
        return entry;
    }

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
        if (version > 0)
            QCOMPARE(*migrator.migrate(db, version), version);
        if (version < 1)
            return;
        const QVariant metric = raw.scalar(QStringLiteral(
            "INSERT INTO metrics (key, created_at) VALUES ('STARS', 0) RETURNING id"));
        const QVariant run =
            raw.scalar(QStringLiteral("INSERT INTO runs (started_at, finished_at, status, trigger) "
                                      "VALUES (1000, 2000, 'ok', 'cli') RETURNING id"));
        QVERIFY(metric.isValid() && run.isValid());
        QVERIFY(raw.exec(
            QStringLiteral("INSERT INTO samples (metric_id, ts, value, run_id, source_id, origin) "
                           "VALUES (%1, 1500, 42.5, %2, 'github', 'collected')")
                .arg(metric.toLongLong())
                .arg(run.toLongLong())));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    DatabaseLocation m_location;
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "TestHistoryStore.moc"
