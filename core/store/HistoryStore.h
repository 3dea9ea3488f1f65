// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "store/DatabaseLocation.h"
#include "store/OutboxEntry.h"
#include "store/RawResponse.h"
#include "store/Run.h"
#include "store/RunEvent.h"
#include "store/Sample.h"
#include "store/SqlDialect.h"
#include "util/Result.h"

#include <QHash>
#include <QList>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <memory>
#include <optional>

class QSqlDatabase;
class QTimeZone;
class QSqlQuery;

namespace kpi::store {

struct SampleQuery
{
    QStringList metricKeys;        // empty: every metric
    std::optional<qint64> sinceMs; // inclusive
    std::optional<qint64> untilMs; // exclusive
};

// The history: metrics, their samples, the runs that collected them and what happened in
// each run. Qt Sql on SQLite (WAL) or PostgreSQL; every dialect detail is in SqlDialect.
//
// One connection per store, used on the thread that opened it (Qt Sql connections cannot
// cross threads). All writes of one run happen in one transaction: a run is stored whole
// or not at all. Other processes may write the same database at the same time (the
// daemon and a `collect`): a write waits for theirs to commit.
class HistoryStore
{
public:
    // ReadWrite opens (creating an SQLite file and its folder if needed) and migrates to
    // the latest schema, keeping a copy of an SQLite file as <file>.schema-v<N>.bak first.
    //
    // ReadOnly (`history`, `collect --dry-run`) changes nothing and creates nothing: a
    // missing SQLite file, or a database without a history yet, is a NotFound error; a
    // database at an older schema is refused, as it needs upgrading first; the write
    // functions below return an error.
    //
    // Either way a database written by a newer KPI Collector is refused and left untouched.
    static Result<std::unique_ptr<HistoryStore>> open(const DatabaseLocation &location,
                                                      AccessMode mode = AccessMode::ReadWrite);
    ~HistoryStore();

    HistoryStore(const HistoryStore &) = delete;
    HistoryStore &operator=(const HistoryStore &) = delete;

    const DatabaseLocation &location() const { return m_location; }
    int schemaVersion() const { return m_schemaVersion; }
    AccessMode accessMode() const { return m_accessMode; }

    // Records that a run started (status running), so a run cut short by a crash shows.
    Result<qint64> beginRun(qint64 startedAtMs, const QString &trigger);
    // Writes the run's samples and events, the destinations' payloads (`outbox`, see
    // enqueue()), the raw responses its sources fetched and its final status in one
    // transaction. When that fails (even at the
    // commit), nothing of it is kept and the run is marked failed with the reason in its
    // log, so it does not look cut short by a crash.
    Result<void> completeRun(const Run &run, const QList<Sample> &samples,
                             const QList<RunEvent> &events, const QList<OutboxEntry> &outbox = {},
                             const QList<RawResponse> &rawResponses = {});
    // Samples outside a run (manual values, imports), in one transaction.
    Result<void> addSamples(const QList<Sample> &samples);
    // Imported daily values (`import notion`), in one transaction: a sample is kept only
    // when its metric has no value yet on its day in `zone` (nor an earlier one of this
    // import), so importing twice, or a day also collected, adds nothing.
    struct ImportCounts
    {
        int imported = 0;
        int skipped = 0;
    };
    Result<ImportCounts> importDailySamples(const QList<Sample> &samples, const QTimeZone &zone);

    // Ordered by metric key, then time.
    Result<QList<Sample>> samples(const SampleQuery &query) const;
    // One metric's times and values alone, in time order: what a chart draws. Several times
    // faster than samples() on long series (one index range scan, two columns).
    struct TimedValue
    {
        qint64 timestampMs = 0;
        double value = 0;
        bool suspect = false; // kept, but outside the metric's plausibility bounds
    };
    Result<QList<TimedValue>> timedValues(const QString &metricKey,
                                          std::optional<qint64> sinceMs = std::nullopt,
                                          std::optional<qint64> untilMs = std::nullopt) const;
    // The newest plausible (not suspect) sample of each metric strictly before `beforeMs`;
    // every metric when `metricKeys` is empty.
    Result<QHash<QString, Sample>> latestBefore(qint64 beforeMs,
                                                const QStringList &metricKeys = {}) const;
    Result<QStringList> metricKeys() const;
    // Newest first.
    Result<QList<Run>> runs(int limit) const;

    // Claims a scheduled slot of `job` for this process: true if it is ours to run, false
    // if another process (a daemon, a window) claimed it first. Atomic across processes.
    Result<bool> claimSlot(const QString &job, qint64 slotMs, qint64 nowMs,
                           const QString &claimedBy);
    // Gives a claimed slot back, when its run was canceled or could not be stored, so that
    // the next start catches it up.
    Result<void> releaseSlot(const QString &job, qint64 slotMs, const QString &claimedBy);
    // The latest slot of `job` claimed by anyone; none when the job never ran.
    Result<std::optional<qint64>> latestClaimedSlot(const QString &job) const;
    Result<QList<RunEvent>> events(qint64 runId) const;

    // The outbox: one row per destination and period, sent by the delivery worker (see
    // docs/destinations.md). A row being sent stays pending with a lease; the lease of a
    // process that died runs out and the row is sent again, resuming after its confirmed
    // parts. Every change below is conditional on the caller's lease, so of several
    // processes on one history exactly one sends a row.
    //
    // Adds or updates rows (each entry's `requeue` says how an existing row is treated),
    // in one transaction; the number of rows written.
    Result<int> enqueue(const QList<OutboxEntry> &entries);
    // The first pending row of each destination (or of `destinationId`) in period order,
    // due or not, leased or not: whoever sends a destination sends this one next.
    Result<QList<OutboxEntry>> outboxHeads(const QString &destinationId = {}) const;
    // Rows of `destinationId` (every destination when empty), in period order; every
    // state when `states` is empty.
    Result<QList<OutboxEntry>> outboxEntries(const QString &destinationId,
                                             const QList<OutboxState> &states = {}) const;
    Result<std::optional<OutboxEntry>> outboxEntry(qint64 id) const;
    // Takes the lease of a due, unleased pending row until `leaseUntilMs` and counts an
    // attempt; false when another process holds it or it is no longer due or pending.
    Result<bool> claimOutbox(qint64 id, const QString &owner, qint64 nowMs, qint64 leaseUntilMs);
    // After each part the service confirmed; false when the lease was lost (the row was
    // re-enqueued meanwhile): stop sending it.
    Result<bool> recordOutboxProgress(qint64 id, const QString &owner, int partsDone,
                                      qint64 leaseUntilMs);
    // Ends a lease as delivered, retried at `nextAttemptMs`, or failed for good; `event`
    // goes to the run log in the same transaction. False when the lease was lost.
    Result<bool> markOutboxDelivered(qint64 id, const QString &owner, qint64 nowMs,
                                     const std::optional<RunEvent> &event = std::nullopt);
    Result<bool> markOutboxRetry(qint64 id, const QString &owner, qint64 nextAttemptMs,
                                 const QString &error);
    Result<bool> markOutboxFailed(qint64 id, const QString &owner, const QString &error,
                                  const std::optional<RunEvent> &event = std::nullopt);
    // `deliver --force`: the failed and backed-off rows of `destinationId` are due now,
    // with a fresh count of attempts. The number of rows.
    Result<int> retryOutboxNow(const QString &destinationId, qint64 nowMs);

    // History repair (HistoryStoreRaw.cpp, docs/history-repair.md).
    // The raw responses of `sourceId` fetched at or after `sinceMs`, bodies uncompressed, in
    // run order and page order within a run.
    Result<QList<RawResponse>> rawResponses(const QString &sourceId, qint64 sinceMs = 0) const;
    // Deletes the raw responses older than `retention.days` before `nowMs`, then the oldest
    // beyond `retention.megabytes` (compressed); the number deleted.
    Result<int> pruneRawResponses(qint64 nowMs, const RawRetention &retention);
    // The compressed size of every raw response kept, in bytes.
    Result<qint64> rawResponseBytes() const;
    // Replaces the samples of `sourceId` for each metric in `samples` in run `runId` by
    // `samples` (their run id is `runId`), for every entry, in one transaction.
    struct RunSamples
    {
        qint64 runId = 0;
        QString sourceId;
        QList<Sample> samples;
    };
    Result<void> replaceRunSamples(const QList<RunSamples> &runs);

private:
    HistoryStore(DatabaseLocation location, AccessMode mode, QString connectionName,
                 int schemaVersion);

    QSqlDatabase database() const;
    struct WriteStatements;
    // Runs `write` in one write transaction: committed when it succeeds, rolled back
    // otherwise.
    Result<void> inTransaction(const std::function<Result<void>(WriteStatements &)> &write);
    // Fills the metric-id cache; called before a write transaction, not inside it, so the
    // write lock is held only for writing.
    Result<void> loadMetricIds();
    Result<void> insertSamples(WriteStatements &statements, const QList<Sample> &samples,
                               qint64 runId);
    void markRunFailed(const Run &run, const Error &reason);
    QSqlQuery prepareEnqueue() const;
    QSqlQuery prepareInsertRaw() const;
    Result<void> insertRaw(QSqlQuery &statement, qint64 runId, const QList<RawResponse> &raw);
    Result<int> insertOutbox(QSqlQuery &statement, const QList<OutboxEntry> &entries);
    Result<bool> endLease(const QString &sql, const QList<QVariant> &values,
                          const std::optional<RunEvent> &event);
    Result<void> insertEvent(QSqlQuery &statement, const RunEvent &event);
    Result<void> refuseIfReadOnly() const;
    Error storageError(const QString &what, const QString &detail) const;

    DatabaseLocation m_location;
    SqlDialect m_dialect;
    AccessMode m_accessMode;
    QString m_connectionName;
    int m_schemaVersion;
    QHash<QString, qint64> m_metricIds; // cache; a rolled-back insert is dropped from it
};

} // namespace kpi::store
