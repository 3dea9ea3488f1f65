// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "store/HistoryStore.h"

#include "store/SchemaMigrator.h"
#include "util/Logging.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace kpi::store {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::store::HistoryStore", text);
}

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("kpi-history-%1").arg(counter.fetchAndAddRelaxed(1));
}

// Closes and forgets a connection; QSqlDatabase handles must be gone before removal.
void dropConnection(const QString &name)
{
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

QString placeholders(qsizetype count)
{
    QStringList marks;
    for (qsizetype i = 0; i < count; ++i)
        marks.append(QStringLiteral("?"));
    return marks.join(QLatin1Char(','));
}

Sample sampleFromRow(const QSqlQuery &query)
{
    Sample sample;
    sample.metricKey = query.value(0).toString();
    sample.timestampMs = query.value(1).toLongLong();
    sample.value = query.value(2).toDouble();
    sample.origin =
        sampleOriginFromDbText(query.value(3).toString()).value_or(SampleOrigin::Collected);
    sample.sourceId = query.value(4).toString();
    sample.runId = query.value(5).toLongLong();
    sample.suspect = query.value(6).toString();
    return sample;
}

Result<int> failure(Error::Code code, const QString &message)
{
    return Result<int>::error(code, message);
}

// Keeps a copy of an SQLite file at schema `version` before it is upgraded. Another process
// may be upgrading it at the same moment, so the copy is written under a name of this
// connection's own and only kept as <file>.schema-v<N>.bak if the database was still at
// `version` after the copy was taken (versions only rise, so the copy is at it too).
Result<void> keepBackup(QSqlDatabase &db, const SqlDialect &dialect, const SchemaMigrator &migrator,
                        const DatabaseLocation &location, int version)
{
    const QString backup = location.path + QStringLiteral(".schema-v%1.bak").arg(version);
    const QString scratch = backup + QStringLiteral(".%1-%2.tmp")
                                         .arg(QCoreApplication::applicationPid())
                                         .arg(db.connectionName());
    const QString statement = dialect.backupStatement(scratch);
    if (statement.isEmpty())
        return Result<void>::ok(); // the server's own backups are the way
    QFile::remove(scratch);        // VACUUM INTO refuses to overwrite
    QSqlQuery query(db);
    if (!query.exec(statement)) {
        const QString error = query.lastError().text();
        QFile::remove(scratch);
        return Result<void>::error(
            Error::Code::Storage,
            tr("cannot keep a backup at %1 before upgrading: %2").arg(backup, error));
    }
    const auto after = migrator.currentVersion(db);
    if (!after || *after != version) {
        QFile::remove(scratch); // upgraded meanwhile by whoever kept their own copy
        return Result<void>::ok();
    }
    QFile::remove(backup);
    if (!QFile::rename(scratch, backup)) {
        QFile::remove(scratch);
        if (!QFileInfo::exists(backup)) // else another process just put its equal copy there
            return Result<void>::error(
                Error::Code::Storage,
                tr("cannot keep a backup at %1 before upgrading").arg(backup));
    }
    qCInfo(lcStore).noquote() << "kept a copy of the history before upgrading at" << backup;
    return Result<void>::ok();
}

// Opens connection `name`, checks the schema and, when writing, migrates it; returns the
// schema version.
Result<int> prepare(const QString &name, const SqlDialect &dialect,
                    const DatabaseLocation &location, AccessMode mode)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(dialect.driverName(), name);
    dialect.configure(db, location, mode);
    if (!db.open())
        return failure(Error::Code::Storage,
                       tr("cannot open the database: %1").arg(db.lastError().text()));

    // Read the version before anything writes: a newer database must stay untouched.
    const SchemaMigrator migrator(dialect);
    const auto current = migrator.currentVersion(db);
    if (!current)
        return current;
    const int version = *current;
    const int latest = SchemaMigrator::latestVersion();
    const auto newer = [latest](int found) {
        return failure(Error::Code::Storage,
                       tr("the database has schema version %1, written by a newer KPI "
                          "Collector; this version understands up to %2. Upgrade KPI "
                          "Collector, or point --database at another file.")
                           .arg(found)
                           .arg(latest));
    };
    if (version > latest)
        return newer(version);
    if (mode == AccessMode::ReadOnly && version == 0)
        return failure(Error::Code::NotFound,
                       tr("the database holds no history yet; collect once to create it"));
    if (mode == AccessMode::ReadOnly && version < latest)
        return failure(Error::Code::Storage,
                       tr("the database has schema version %1 and needs upgrading to %2, which "
                          "reading it never does; collect once (or open the window) to "
                          "upgrade it")
                           .arg(version)
                           .arg(latest));

    for (const QString &statement : dialect.sessionSetup(mode)) {
        QSqlQuery query(db);
        if (!query.exec(statement))
            return failure(Error::Code::Storage, tr("cannot configure the connection (%1): %2")
                                                     .arg(statement, query.lastError().text()));
    }
    if (version == latest)
        return Result<int>::ok(latest);

    if (version > 0) {
        if (const auto kept = keepBackup(db, dialect, migrator, location, version); !kept)
            return kept.forward<int>();
    }
    const auto migrated = migrator.migrate(db, latest);
    if (!migrated)
        return migrated;
    if (*migrated > latest) // a newer KPI Collector upgraded it while we waited for the lock
        return newer(*migrated);
    return Result<int>::ok(latest);
}

} // namespace

Result<std::unique_ptr<HistoryStore>> HistoryStore::open(const DatabaseLocation &location,
                                                         AccessMode mode)
{
    using R = Result<std::unique_ptr<HistoryStore>>;
    const SqlDialect dialect(location.kind);
    if (!QSqlDatabase::isDriverAvailable(dialect.driverName()))
        return R::error(
            Error::Code::Storage,
            tr("the Qt Sql driver %1 is not installed (on Debian: libqt6sql6-%2)")
                .arg(dialect.driverName(), location.kind == DatabaseLocation::Kind::Sqlite
                                               ? QStringLiteral("sqlite")
                                               : QStringLiteral("psql")),
            location.display());

    if (location.kind == DatabaseLocation::Kind::Sqlite) {
        const QFileInfo file(location.path);
        if (file.isDir())
            return R::error(Error::Code::Storage, tr("is a folder, not a database file"),
                            location.display());
        if (mode == AccessMode::ReadOnly && !file.exists())
            return R::error(Error::Code::NotFound,
                            tr("no such database file (reading never creates one)"),
                            location.display());
        if (mode == AccessMode::ReadWrite && !QDir().mkpath(file.absolutePath()))
            return R::error(Error::Code::Storage,
                            tr("cannot create the folder %1").arg(file.absolutePath()),
                            location.display());
    }

    const QString name = nextConnectionName();
    const auto version = prepare(name, dialect, location, mode);
    if (!version) {
        dropConnection(name); // after prepare()'s handle is gone, or Qt warns it is in use
        return R::error(version.error().code, version.error().message, location.display());
    }
    return R::ok(std::unique_ptr<HistoryStore>(new HistoryStore(location, mode, name, *version)));
}

HistoryStore::HistoryStore(DatabaseLocation location, AccessMode mode, QString connectionName,
                           int schemaVersion)
    : m_location(std::move(location)),
      m_dialect(m_location.kind),
      m_accessMode(mode),
      m_connectionName(std::move(connectionName)),
      m_schemaVersion(schemaVersion)
{ }

HistoryStore::~HistoryStore()
{
    dropConnection(m_connectionName);
}

QSqlDatabase HistoryStore::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Error HistoryStore::storageError(const QString &what, const QString &detail) const
{
    return {Error::Code::Storage, what + QStringLiteral(": ") + detail, m_location.display()};
}

Result<void> HistoryStore::refuseIfReadOnly() const
{
    if (m_accessMode == AccessMode::ReadOnly)
        return Result<void>::error(Error::Code::Storage,
                                   tr("the history was opened read-only; nothing can be written"),
                                   m_location.display());
    return Result<void>::ok();
}

Result<qint64> HistoryStore::beginRun(qint64 startedAtMs, const QString &trigger)
{
    if (const auto writable = refuseIfReadOnly(); !writable)
        return writable.forward<qint64>();
    // One statement in its own implicit transaction: it waits for the write lock in the
    // busy timeout like any first write.
    QSqlQuery query(database());
    query.prepare(QStringLiteral(
        "INSERT INTO runs (started_at, status, trigger) VALUES (?, ?, ?) RETURNING id"));
    query.addBindValue(startedAtMs);
    query.addBindValue(toDbText(RunStatus::Running));
    query.addBindValue(trigger);
    if (!query.exec() || !query.next())
        return Result<qint64>::error(
            storageError(tr("cannot record the start of a run"), query.lastError().text()));
    return Result<qint64>::ok(query.value(0).toLongLong());
}

// The prepared statements of one write. They are made before its transaction begins and
// freed after it ends: PostgreSQL refuses to free a statement inside a failed transaction.
struct HistoryStore::WriteStatements
{
    explicit WriteStatements(const QSqlDatabase &db)
        : addMetric(db), insertSample(db), insertEvent(db), finishRun(db), failRun(db)
    {
        // A metric another process added since is found by the conflict clause, which
        // hands back its id instead of failing on the UNIQUE key.
        addMetric.prepare(
            QStringLiteral("INSERT INTO metrics (key, created_at) VALUES (?, ?) "
                           "ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING id"));
        insertSample.prepare(
            QStringLiteral("INSERT INTO samples (metric_id, ts, value, run_id, source_id, origin, "
                           "suspect) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        insertEvent.prepare(QStringLiteral(
            "INSERT INTO run_events (run_id, ts, source_id, metric_key, level, step, "
            "http_status, duration_ms, message, destination_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        finishRun.prepare(
            QStringLiteral("UPDATE runs SET finished_at = ?, status = ?, source_count = ?, "
                           "failed_count = ? WHERE id = ?"));
        // Only a run still running: one that did finish keeps its status.
        failRun.prepare(
            QStringLiteral("UPDATE runs SET finished_at = ?, status = ?, source_count = ?, "
                           "failed_count = ? WHERE id = ? AND status = ?"));
    }

    QSqlQuery addMetric;
    QSqlQuery insertSample;
    QSqlQuery insertEvent;
    QSqlQuery finishRun;
    QSqlQuery failRun;
};

Result<void>
HistoryStore::inTransaction(const std::function<Result<void>(WriteStatements &)> &write)
{
    if (const auto writable = refuseIfReadOnly(); !writable)
        return writable;
    QSqlDatabase db = database();
    WriteStatements statements(db);
    {
        QSqlQuery begin(db);
        if (!begin.exec(m_dialect.beginWriteStatement()))
            return Result<void>::error(
                storageError(tr("cannot start a transaction"), begin.lastError().text()));
    }
    Result<void> result = write(statements);
    bool stillOpen = true;
    if (result && !db.commit()) {
        result = Result<void>::error(storageError(tr("cannot commit"), db.lastError().text()));
        stillOpen = m_dialect.failedCommitLeavesTransactionOpen();
    }
    if (!result) {
        if (stillOpen)
            db.rollback();
        m_metricIds.clear(); // ids made in the rolled-back transaction no longer exist
    }
    return result;
}

Result<void> HistoryStore::loadMetricIds()
{
    if (!m_metricIds.isEmpty())
        return Result<void>::ok();
    QSqlQuery known(database());
    known.setForwardOnly(true);
    if (!known.exec(QStringLiteral("SELECT id, key FROM metrics")))
        return Result<void>::error(
            storageError(tr("cannot read the metrics"), known.lastError().text()));
    while (known.next())
        m_metricIds.insert(known.value(1).toString(), known.value(0).toLongLong());
    return Result<void>::ok();
}

Result<void> HistoryStore::insertSamples(WriteStatements &statements, const QList<Sample> &samples,
                                         qint64 runId)
{
    QSqlQuery &addMetric = statements.addMetric;
    QSqlQuery &insert = statements.insertSample;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QVariant noRun(QMetaType::fromType<qint64>());
    const QVariant noSource(QMetaType::fromType<QString>());
    for (const Sample &sample : samples) {
        auto id = m_metricIds.constFind(sample.metricKey);
        if (id == m_metricIds.cend()) {
            addMetric.bindValue(0, sample.metricKey);
            addMetric.bindValue(1, now);
            if (!addMetric.exec() || !addMetric.next())
                return Result<void>::error(
                    storageError(tr("cannot add metric %1").arg(sample.metricKey),
                                 addMetric.lastError().text()));
            id = m_metricIds.insert(sample.metricKey, addMetric.value(0).toLongLong());
            addMetric.finish();
        }
        const qint64 sampleRun = runId > 0 ? runId : sample.runId;
        insert.bindValue(0, *id);
        insert.bindValue(1, sample.timestampMs);
        insert.bindValue(2, sample.value);
        insert.bindValue(3, sampleRun > 0 ? QVariant(sampleRun) : noRun);
        insert.bindValue(4, sample.sourceId.isEmpty() ? noSource : QVariant(sample.sourceId));
        insert.bindValue(5, toDbText(sample.origin));
        insert.bindValue(6, sample.isSuspect() ? QVariant(sample.suspect) : noSource);
        if (!insert.exec())
            return Result<void>::error(storageError(
                tr("cannot store a value of %1").arg(sample.metricKey), insert.lastError().text()));
    }
    return Result<void>::ok();
}

Result<void> HistoryStore::completeRun(const Run &run, const QList<Sample> &samples,
                                       const QList<RunEvent> &events,
                                       const QList<OutboxEntry> &outbox,
                                       const QList<RawResponse> &rawResponses)
{
    if (const auto writable = refuseIfReadOnly(); !writable)
        return writable;
    if (const auto loaded = loadMetricIds(); !loaded)
        return loaded;
    QSqlQuery enqueue = prepareEnqueue(); // outside the transaction, like WriteStatements
    QSqlQuery keepRaw = prepareInsertRaw();
    const auto stored = inTransaction([&](WriteStatements &statements) {
        if (const auto kept = insertRaw(keepRaw, run.id, rawResponses); !kept)
            return kept;
        // The payloads are committed with the values they carry, or not at all.
        if (const auto queued = insertOutbox(enqueue, outbox); !queued)
            return queued.forward<void>();
        if (const auto inserted = insertSamples(statements, samples, run.id); !inserted)
            return inserted;

        QSqlQuery &event = statements.insertEvent;
        const QVariant noText(QMetaType::fromType<QString>());
        for (const RunEvent &e : events) {
            event.bindValue(0, run.id);
            event.bindValue(1, e.timestampMs);
            event.bindValue(2, e.sourceId.isEmpty() ? noText : QVariant(e.sourceId));
            event.bindValue(3, e.metricKey.isEmpty() ? noText : QVariant(e.metricKey));
            event.bindValue(4, toDbText(e.level));
            event.bindValue(5, e.step);
            event.bindValue(6, e.httpStatus > 0 ? QVariant(e.httpStatus)
                                                : QVariant(QMetaType::fromType<int>()));
            event.bindValue(7, e.durationMs >= 0 ? QVariant(e.durationMs)
                                                 : QVariant(QMetaType::fromType<qint64>()));
            event.bindValue(8, e.message);
            event.bindValue(9, e.destinationId.isEmpty() ? noText : QVariant(e.destinationId));
            if (!event.exec())
                return Result<void>::error(
                    storageError(tr("cannot store the run log"), event.lastError().text()));
        }

        QSqlQuery &finish = statements.finishRun;
        finish.bindValue(0, run.finishedAtMs);
        finish.bindValue(1, toDbText(run.status));
        finish.bindValue(2, run.sourceCount);
        finish.bindValue(3, run.failedCount);
        finish.bindValue(4, run.id);
        if (!finish.exec() || finish.numRowsAffected() != 1)
            return Result<void>::error(storageError(
                tr("cannot record the end of run %1").arg(run.id), finish.lastError().text()));
        return Result<void>::ok();
    });
    if (!stored)
        markRunFailed(run, stored.error());
    return stored;
}

// In a transaction of its own, after the run's own one failed: small, so it gets through
// where the whole run did not (a constraint, a commit refused), and if it cannot either
// the run stays "running", as after a crash, which is still the truth.
void HistoryStore::markRunFailed(const Run &run, const Error &reason)
{
    const qint64 finishedAt =
        run.finishedAtMs > 0 ? run.finishedAtMs : QDateTime::currentMSecsSinceEpoch();
    const auto marked = inTransaction([&](WriteStatements &statements) {
        QSqlQuery &fail = statements.failRun;
        fail.bindValue(0, finishedAt);
        fail.bindValue(1, toDbText(RunStatus::Failed));
        fail.bindValue(2, run.sourceCount);
        fail.bindValue(3, run.failedCount);
        fail.bindValue(4, run.id);
        fail.bindValue(5, toDbText(RunStatus::Running));
        if (!fail.exec())
            return Result<void>::error(storageError(tr("cannot mark run %1 as failed").arg(run.id),
                                                    fail.lastError().text()));
        if (fail.numRowsAffected() != 1)
            return Result<void>::ok(); // no such run, or it is not running: nothing to mark

        QSqlQuery &event = statements.insertEvent;
        const QVariant noText(QMetaType::fromType<QString>());
        event.bindValue(0, run.id);
        event.bindValue(1, finishedAt);
        event.bindValue(2, noText);
        event.bindValue(3, noText);
        event.bindValue(4, toDbText(EventLevel::Error));
        event.bindValue(5, QStringLiteral("store"));
        event.bindValue(6, QVariant(QMetaType::fromType<int>()));
        event.bindValue(7, QVariant(QMetaType::fromType<qint64>()));
        event.bindValue(8, tr("the run's values could not be stored: %1").arg(reason.message));
        event.bindValue(9, noText);
        if (!event.exec())
            return Result<void>::error(
                storageError(tr("cannot store the run log"), event.lastError().text()));
        return Result<void>::ok();
    });
    if (!marked)
        qCWarning(lcStore).noquote()
            << "run" << run.id << "stays marked running:" << marked.error().message;
}

Result<void> HistoryStore::addSamples(const QList<Sample> &samples)
{
    if (const auto writable = refuseIfReadOnly(); !writable)
        return writable;
    if (const auto loaded = loadMetricIds(); !loaded)
        return loaded;
    return inTransaction(
        [&](WriteStatements &statements) { return insertSamples(statements, samples, 0); });
}

Result<QList<Sample>> HistoryStore::samples(const SampleQuery &filter) const
{
    QString sql =
        QStringLiteral("SELECT m.key, s.ts, s.value, s.origin, s.source_id, s.run_id, s.suspect "
                       "FROM samples s JOIN metrics m ON m.id = s.metric_id WHERE 1 = 1");
    if (!filter.metricKeys.isEmpty())
        sql += QStringLiteral(" AND m.key IN (%1)").arg(placeholders(filter.metricKeys.size()));
    if (filter.sinceMs)
        sql += QStringLiteral(" AND s.ts >= ?");
    if (filter.untilMs)
        sql += QStringLiteral(" AND s.ts < ?");
    sql += QStringLiteral(" ORDER BY m.key, s.ts, s.id");

    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QString &key : filter.metricKeys)
        query.addBindValue(key);
    if (filter.sinceMs)
        query.addBindValue(*filter.sinceMs);
    if (filter.untilMs)
        query.addBindValue(*filter.untilMs);
    if (!query.exec())
        return Result<QList<Sample>>::error(
            storageError(tr("cannot read the history"), query.lastError().text()));
    QList<Sample> result;
    while (query.next())
        result.append(sampleFromRow(query));
    return Result<QList<Sample>>::ok(result);
}

Result<QList<HistoryStore::TimedValue>>
HistoryStore::timedValues(const QString &metricKey, std::optional<qint64> sinceMs,
                          std::optional<qint64> untilMs) const
{
    using R = Result<QList<TimedValue>>;
    QString sql = QStringLiteral("SELECT s.ts, s.value, s.suspect IS NOT NULL FROM samples s WHERE "
                                 "s.metric_id = (SELECT id FROM metrics WHERE key = ?)");
    if (sinceMs)
        sql += QStringLiteral(" AND s.ts >= ?");
    if (untilMs)
        sql += QStringLiteral(" AND s.ts < ?");
    sql += QStringLiteral(" ORDER BY s.ts, s.id");
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(sql);
    query.addBindValue(metricKey);
    if (sinceMs)
        query.addBindValue(*sinceMs);
    if (untilMs)
        query.addBindValue(*untilMs);
    if (!query.exec())
        return R::error(storageError(tr("cannot read the history"), query.lastError().text()));
    QList<TimedValue> result;
    while (query.next())
        result.append(
            {query.value(0).toLongLong(), query.value(1).toDouble(), query.value(2).toBool()});
    return R::ok(result);
}

Result<QHash<QString, Sample>> HistoryStore::latestBefore(qint64 beforeMs,
                                                          const QStringList &metricKeys) const
{
    using R = Result<QHash<QString, Sample>>;
    // One statement for every metric; the correlated subquery is one seek on the
    // (metric_id, ts) index per metric. Metrics are few, so filtering by key is done here.
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT m.key, s.ts, s.value, s.origin, s.source_id, s.run_id, s.suspect "
        "FROM metrics m JOIN samples s ON s.id = ("
        "  SELECT id FROM samples WHERE metric_id = m.id AND ts < ? AND suspect IS NULL "
        "  ORDER BY ts DESC, id DESC LIMIT 1)"));
    query.addBindValue(beforeMs);
    if (!query.exec())
        return R::error(storageError(tr("cannot read the history"), query.lastError().text()));
    const QSet<QString> wanted(metricKeys.cbegin(), metricKeys.cend());
    QHash<QString, Sample> latest;
    while (query.next()) {
        const QString key = query.value(0).toString();
        if (wanted.isEmpty() || wanted.contains(key))
            latest.insert(key, sampleFromRow(query));
    }
    return R::ok(latest);
}

Result<QStringList> HistoryStore::metricKeys() const
{
    QSqlQuery query(database());
    if (!query.exec(QStringLiteral("SELECT key FROM metrics ORDER BY key")))
        return Result<QStringList>::error(
            storageError(tr("cannot list the metrics"), query.lastError().text()));
    QStringList keys;
    while (query.next())
        keys.append(query.value(0).toString());
    return Result<QStringList>::ok(keys);
}

Result<QList<Run>> HistoryStore::runs(int limit) const
{
    QSqlQuery query(database());
    query.prepare(QStringLiteral(
        "SELECT id, started_at, finished_at, status, trigger, source_count, failed_count "
        "FROM runs ORDER BY started_at DESC, id DESC LIMIT ?"));
    query.addBindValue(limit);
    if (!query.exec())
        return Result<QList<Run>>::error(
            storageError(tr("cannot read the runs"), query.lastError().text()));
    QList<Run> runs;
    while (query.next()) {
        Run run;
        run.id = query.value(0).toLongLong();
        run.startedAtMs = query.value(1).toLongLong();
        run.finishedAtMs = query.value(2).toLongLong();
        run.status = runStatusFromDbText(query.value(3).toString()).value_or(RunStatus::Failed);
        run.trigger = query.value(4).toString();
        run.sourceCount = query.value(5).toInt();
        run.failedCount = query.value(6).toInt();
        runs.append(run);
    }
    return Result<QList<Run>>::ok(runs);
}

Result<bool> HistoryStore::claimSlot(const QString &job, qint64 slotMs, qint64 nowMs,
                                     const QString &claimedBy)
{
    if (const auto writable = refuseIfReadOnly(); !writable)
        return writable.forward<bool>();
    // The primary key decides: the insert that loses inserts nothing.
    QSqlQuery query(database());
    query.prepare(QStringLiteral("INSERT INTO schedule_slots (job, slot, claimed_at, claimed_by) "
                                 "VALUES (?, ?, ?, ?) ON CONFLICT (job, slot) DO NOTHING"));
    query.addBindValue(job);
    query.addBindValue(slotMs);
    query.addBindValue(nowMs);
    query.addBindValue(claimedBy);
    if (!query.exec())
        return Result<bool>::error(
            storageError(tr("cannot claim the scheduled time"), query.lastError().text()));
    return Result<bool>::ok(query.numRowsAffected() == 1);
}

Result<void> HistoryStore::releaseSlot(const QString &job, qint64 slotMs, const QString &claimedBy)
{
    if (const auto writable = refuseIfReadOnly(); !writable)
        return writable;
    QSqlQuery query(database());
    query.prepare(
        QStringLiteral("DELETE FROM schedule_slots WHERE job = ? AND slot = ? AND claimed_by = ?"));
    query.addBindValue(job);
    query.addBindValue(slotMs);
    query.addBindValue(claimedBy);
    if (!query.exec())
        return Result<void>::error(
            storageError(tr("cannot release the scheduled time"), query.lastError().text()));
    return Result<void>::ok();
}

Result<std::optional<qint64>> HistoryStore::latestClaimedSlot(const QString &job) const
{
    QSqlQuery query(database());
    query.prepare(QStringLiteral("SELECT MAX(slot) FROM schedule_slots WHERE job = ?"));
    query.addBindValue(job);
    if (!query.exec() || !query.next())
        return Result<std::optional<qint64>>::error(
            storageError(tr("cannot read the scheduled times"), query.lastError().text()));
    const QVariant latest = query.value(0);
    return Result<std::optional<qint64>>::ok(
        latest.isNull() ? std::nullopt : std::optional<qint64>(latest.toLongLong()));
}

Result<QList<RunEvent>> HistoryStore::events(qint64 runId) const
{
    QSqlQuery query(database());
    query.prepare(QStringLiteral(
        "SELECT ts, source_id, metric_key, level, step, http_status, duration_ms, message, "
        "destination_id FROM run_events WHERE run_id = ? ORDER BY id"));
    query.addBindValue(runId);
    if (!query.exec())
        return Result<QList<RunEvent>>::error(
            storageError(tr("cannot read the run log"), query.lastError().text()));
    QList<RunEvent> events;
    while (query.next()) {
        RunEvent event;
        event.runId = runId;
        event.timestampMs = query.value(0).toLongLong();
        event.sourceId = query.value(1).toString();
        event.metricKey = query.value(2).toString();
        event.level = eventLevelFromDbText(query.value(3).toString()).value_or(EventLevel::Error);
        event.step = query.value(4).toString();
        event.httpStatus = query.value(5).toInt();
        event.durationMs = query.value(6).isNull() ? -1 : query.value(6).toLongLong();
        event.message = query.value(7).toString();
        event.destinationId = query.value(8).toString();
        events.append(event);
    }
    return Result<QList<RunEvent>>::ok(events);
}

} // namespace kpi::store
