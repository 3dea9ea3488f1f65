// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
// HistoryStore's outbox: the delivery side of the history, kept apart from the runs.
#include "store/HistoryStore.h"

#include <QCoreApplication>
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

const QString Columns = QStringLiteral(
    "id, destination_id, period, period_start, run_id, payload, state, attempts, "
    "next_attempt_at, last_error, created_at, delivered_at, parts_done, lease_owner, lease_until");

OutboxEntry entryFromRow(const QSqlQuery &query)
{
    OutboxEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.destinationId = query.value(1).toString();
    entry.period = query.value(2).toString();
    entry.periodStartMs = query.value(3).toLongLong();
    entry.runId = query.value(4).toLongLong();
    entry.payload = query.value(5).toString().toUtf8();
    entry.state = outboxStateFromDbText(query.value(6).toString()).value_or(OutboxState::Failed);
    entry.attempts = query.value(7).toInt();
    entry.nextAttemptMs = query.value(8).toLongLong();
    entry.lastError = query.value(9).toString();
    entry.createdAtMs = query.value(10).toLongLong();
    entry.deliveredAtMs = query.value(11).toLongLong();
    entry.partsDone = query.value(12).toInt();
    entry.leaseOwner = query.value(13).toString();
    entry.leaseUntilMs = query.value(14).toLongLong();
    return entry;
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace

QSqlQuery HistoryStore::prepareEnqueue() const
{
    QSqlQuery query(database());
    // The UNIQUE (destination_id, period) key makes a period exactly-once; the WHERE of the
    // update decides whether an existing row takes the new payload: a pending one that has
    // not started sending parts (first flag), or any (second flag: an upsert destination).
    // The lease is dropped, so a process sending the old payload cannot mark the new one
    // delivered.
    query.prepare(QStringLiteral(
        "INSERT INTO outbox (destination_id, period, period_start, run_id, payload, state, "
        "attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?) "
        "ON CONFLICT (destination_id, period) DO UPDATE SET payload = excluded.payload, "
        "run_id = excluded.run_id, period_start = excluded.period_start, state = 'pending', "
        "attempts = 0, next_attempt_at = excluded.next_attempt_at, last_error = NULL, "
        "delivered_at = NULL, parts_done = 0, lease_owner = NULL, lease_until = NULL "
        "WHERE (? = 1 AND outbox.state = 'pending' AND outbox.parts_done = 0) OR ? = 1"));
    return query;
}

Result<int> HistoryStore::insertOutbox(QSqlQuery &insert, const QList<OutboxEntry> &entries)
{
    int written = 0;
    const QVariant noRun(QMetaType::fromType<qint64>());
    for (const OutboxEntry &entry : entries) {
        insert.bindValue(0, entry.destinationId);
        insert.bindValue(1, entry.period);
        insert.bindValue(2, entry.periodStartMs);
        insert.bindValue(3, entry.runId > 0 ? QVariant(entry.runId) : noRun);
        insert.bindValue(4, QString::fromUtf8(entry.payload));
        insert.bindValue(5, entry.nextAttemptMs);
        insert.bindValue(6, entry.createdAtMs);
        insert.bindValue(7, entry.requeue == Requeue::Never ? 0 : 1);
        insert.bindValue(8, entry.requeue == Requeue::Reopen ? 1 : 0);
        if (!insert.exec())
            return Result<int>::error(
                storageError(tr("cannot queue a delivery to %1").arg(entry.destinationId),
                             insert.lastError().text()));
        written += insert.numRowsAffected() > 0 ? 1 : 0;
    }
    return Result<int>::ok(written);
}

Result<int> HistoryStore::enqueue(const QList<OutboxEntry> &entries)
{
    if (const auto writable = refuseIfReadOnly(); !writable)
        return writable.forward<int>();
    QSqlQuery insert = prepareEnqueue();
    int written = 0;
    const auto stored = inTransaction([&](WriteStatements &) {
        const auto inserted = insertOutbox(insert, entries);
        if (!inserted)
            return inserted.forward<void>();
        written = *inserted;
        return Result<void>::ok();
    });
    if (!stored)
        return stored.forward<int>();
    return Result<int>::ok(written);
}

Result<QList<OutboxEntry>> HistoryStore::outboxEntries(const QString &destinationId,
                                                       const QList<OutboxState> &states) const
{
    QString sql = QStringLiteral("SELECT %1 FROM outbox WHERE 1 = 1").arg(Columns);
    if (!destinationId.isEmpty())
        sql += QStringLiteral(" AND destination_id = ?");
    if (!states.isEmpty()) {
        QStringList marks;
        for (qsizetype i = 0; i < states.size(); ++i)
            marks.append(QStringLiteral("?"));
        sql += QStringLiteral(" AND state IN (%1)").arg(marks.join(QLatin1Char(',')));
    }
    sql += QStringLiteral(" ORDER BY destination_id, period_start, id");
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(sql);
    if (!destinationId.isEmpty())
        query.addBindValue(destinationId);
    for (const OutboxState state : states)
        query.addBindValue(toDbText(state));
    if (!query.exec())
        return Result<QList<OutboxEntry>>::error(
            storageError(tr("cannot read the outbox"), query.lastError().text()));
    QList<OutboxEntry> entries;
    while (query.next())
        entries.append(entryFromRow(query));
    return Result<QList<OutboxEntry>>::ok(entries);
}

Result<QList<OutboxEntry>> HistoryStore::outboxHeads(const QString &destinationId) const
{
    const auto pending = outboxEntries(destinationId, {OutboxState::Pending});
    if (!pending)
        return pending;
    QList<OutboxEntry> heads;
    QSet<QString> seen;
    for (const OutboxEntry &entry : *pending) {
        if (!seen.contains(entry.destinationId)) {
            seen.insert(entry.destinationId);
            heads.append(entry);
        }
    }
    return Result<QList<OutboxEntry>>::ok(heads);
}

Result<std::optional<OutboxEntry>> HistoryStore::outboxEntry(qint64 id) const
{
    using R = Result<std::optional<OutboxEntry>>;
    QSqlQuery query(database());
    query.prepare(QStringLiteral("SELECT %1 FROM outbox WHERE id = ?").arg(Columns));
    query.addBindValue(id);
    if (!query.exec())
        return R::error(storageError(tr("cannot read the outbox"), query.lastError().text()));
    if (!query.next())
        return R::ok(std::nullopt);
    return R::ok(entryFromRow(query));
}

Result<bool> HistoryStore::claimOutbox(qint64 id, const QString &owner, qint64 nowMs,
                                       qint64 leaseUntilMs)
{
    if (const auto writable = refuseIfReadOnly(); !writable)
        return writable.forward<bool>();
    // Conditional, so that of two processes racing for a row exactly one gets it.
    QSqlQuery query(database());
    query.prepare(QStringLiteral(
        "UPDATE outbox SET lease_owner = ?, lease_until = ?, attempts = attempts + 1 "
        "WHERE id = ? AND state = 'pending' AND next_attempt_at <= ? "
        "AND (lease_until IS NULL OR lease_until <= ?)"));
    query.addBindValue(owner);
    query.addBindValue(leaseUntilMs);
    query.addBindValue(id);
    query.addBindValue(nowMs);
    query.addBindValue(nowMs);
    if (!query.exec())
        return Result<bool>::error(
            storageError(tr("cannot claim a delivery"), query.lastError().text()));
    return Result<bool>::ok(query.numRowsAffected() == 1);
}

Result<bool> HistoryStore::recordOutboxProgress(qint64 id, const QString &owner, int partsDone,
                                                qint64 leaseUntilMs)
{
    return endLease(QStringLiteral("UPDATE outbox SET parts_done = ?, lease_until = ? "
                                   "WHERE id = ? AND lease_owner = ? AND state = 'pending'"),
                    {partsDone, leaseUntilMs, id, owner}, std::nullopt);
}

Result<bool> HistoryStore::markOutboxDelivered(qint64 id, const QString &owner, qint64 nowMs,
                                               const std::optional<RunEvent> &event)
{
    return endLease(QStringLiteral("UPDATE outbox SET state = 'delivered', delivered_at = ?, "
                                   "last_error = NULL, lease_owner = NULL, lease_until = NULL "
                                   "WHERE id = ? AND lease_owner = ? AND state = 'pending'"),
                    {nowMs, id, owner}, event);
}

Result<bool> HistoryStore::markOutboxRetry(qint64 id, const QString &owner, qint64 nextAttemptMs,
                                           const QString &error)
{
    return endLease(QStringLiteral("UPDATE outbox SET next_attempt_at = ?, last_error = ?, "
                                   "lease_owner = NULL, lease_until = NULL "
                                   "WHERE id = ? AND lease_owner = ? AND state = 'pending'"),
                    {nextAttemptMs, error, id, owner}, std::nullopt);
}

Result<bool> HistoryStore::markOutboxFailed(qint64 id, const QString &owner, const QString &error,
                                            const std::optional<RunEvent> &event)
{
    return endLease(QStringLiteral("UPDATE outbox SET state = 'failed', last_error = ?, "
                                   "lease_owner = NULL, lease_until = NULL "
                                   "WHERE id = ? AND lease_owner = ? AND state = 'pending'"),
                    {error, id, owner}, event);
}

Result<bool> HistoryStore::endLease(const QString &sql, const QList<QVariant> &values,
                                    const std::optional<RunEvent> &event)
{
    if (const auto writable = refuseIfReadOnly(); !writable)
        return writable.forward<bool>();
    // Prepared before the transaction and freed after it, as WriteStatements are.
    QSqlQuery update(database());
    update.prepare(sql);
    QSqlQuery log(database());
    if (event && event->runId > 0)
        log.prepare(QStringLiteral(
            "INSERT INTO run_events (run_id, ts, source_id, metric_key, level, step, "
            "http_status, duration_ms, message, destination_id) "
            "VALUES (?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?)"));
    bool owned = false;
    const auto written = inTransaction([&](WriteStatements &) {
        for (qsizetype i = 0; i < values.size(); ++i)
            update.bindValue(int(i), values.at(i));
        if (!update.exec())
            return Result<void>::error(
                storageError(tr("cannot update a delivery"), update.lastError().text()));
        owned = update.numRowsAffected() == 1;
        if (!owned || !event || event->runId <= 0)
            return Result<void>::ok();
        return insertEvent(log, *event);
    });
    if (!written)
        return written.forward<bool>();
    return Result<bool>::ok(owned);
}

Result<void> HistoryStore::insertEvent(QSqlQuery &log, const RunEvent &event)
{
    log.bindValue(0, event.runId);
    log.bindValue(1, event.timestampMs);
    log.bindValue(2, toDbText(event.level));
    log.bindValue(3, event.step);
    log.bindValue(4, event.httpStatus > 0 ? QVariant(event.httpStatus)
                                          : QVariant(QMetaType::fromType<int>()));
    log.bindValue(5, event.durationMs >= 0 ? QVariant(event.durationMs)
                                           : QVariant(QMetaType::fromType<qint64>()));
    log.bindValue(6, event.message);
    log.bindValue(7, textOrNull(event.destinationId));
    if (!log.exec())
        return Result<void>::error(
            storageError(tr("cannot store the run log"), log.lastError().text()));
    return Result<void>::ok();
}

Result<int> HistoryStore::retryOutboxNow(const QString &destinationId, qint64 nowMs)
{
    if (const auto writable = refuseIfReadOnly(); !writable)
        return writable.forward<int>();
    // A leased row is being sent: it is left to its sender.
    QSqlQuery query(database());
    query.prepare(
        QStringLiteral("UPDATE outbox SET state = 'pending', next_attempt_at = ?, attempts = 0 "
                       "WHERE destination_id = ? AND (state = 'failed' OR (state = 'pending' AND "
                       "next_attempt_at > ? AND (lease_until IS NULL OR lease_until <= ?)))"));
    query.addBindValue(nowMs);
    query.addBindValue(destinationId);
    query.addBindValue(nowMs);
    query.addBindValue(nowMs);
    if (!query.exec())
        return Result<int>::error(
            storageError(tr("cannot retry the deliveries"), query.lastError().text()));
    return Result<int>::ok(query.numRowsAffected());
}

} // namespace kpi::store
