// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
// HistoryStore's repair side: raw responses and rewriting a run's samples
// (docs/history-repair.md).
#include "store/HistoryStore.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace kpi::store {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::store::HistoryStore", text);
}

constexpr qint64 DayMs = 24 * 60 * 60 * 1000;

} // namespace

QSqlQuery HistoryStore::prepareInsertRaw() const
{
    QSqlQuery query(database());
    query.prepare(QStringLiteral(
        "INSERT INTO raw_responses (run_id, source_id, page, fetched_at, url, content_type, "
        "body_size, stored_size, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    return query;
}

Result<void> HistoryStore::insertRaw(QSqlQuery &insert, qint64 runId, const QList<RawResponse> &raw)
{
    const QVariant noText(QMetaType::fromType<QString>());
    for (const RawResponse &response : raw) {
        // JSON and HTML shrink to a fifth or less; the default level is a fair trade.
        const QByteArray compressed = qCompress(response.body);
        insert.bindValue(0, runId);
        insert.bindValue(1, response.sourceId);
        insert.bindValue(2, response.page);
        insert.bindValue(3, response.fetchedAtMs);
        insert.bindValue(4, response.url);
        insert.bindValue(5, response.contentType.isEmpty()
                                ? noText
                                : QVariant(QString::fromLatin1(response.contentType)));
        insert.bindValue(6, qint64(response.body.size()));
        insert.bindValue(7, qint64(compressed.size()));
        insert.bindValue(8, compressed);
        if (!insert.exec())
            return Result<void>::error(
                storageError(tr("cannot keep the response of %1").arg(response.sourceId),
                             insert.lastError().text()));
    }
    return Result<void>::ok();
}

Result<QList<RawResponse>> HistoryStore::rawResponses(const QString &sourceId, qint64 sinceMs) const
{
    using R = Result<QList<RawResponse>>;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT r.id, r.run_id, runs.started_at, r.page, r.fetched_at, r.url, r.content_type, "
        "r.body, r.body_size FROM raw_responses r JOIN runs ON runs.id = r.run_id "
        "WHERE r.source_id = ? AND r.fetched_at >= ? "
        "ORDER BY runs.started_at, r.run_id, r.page, r.id"));
    query.addBindValue(sourceId);
    query.addBindValue(sinceMs);
    if (!query.exec())
        return R::error(
            storageError(tr("cannot read the raw responses"), query.lastError().text()));
    QList<RawResponse> responses;
    while (query.next()) {
        RawResponse response;
        response.id = query.value(0).toLongLong();
        response.runId = query.value(1).toLongLong();
        response.runStartedAtMs = query.value(2).toLongLong();
        response.sourceId = sourceId;
        response.page = query.value(3).toInt();
        response.fetchedAtMs = query.value(4).toLongLong();
        response.url = query.value(5).toString();
        response.contentType = query.value(6).toString().toLatin1();
        const QByteArray stored = query.value(7).toByteArray();
        response.body = qUncompress(stored);
        if (response.body.size() != query.value(8).toLongLong())
            return R::error(storageError(tr("cannot read the raw responses"),
                                         tr("response %1 is damaged").arg(response.id)));
        responses.append(response);
    }
    return R::ok(responses);
}

Result<qint64> HistoryStore::rawResponseBytes() const
{
    QSqlQuery query(database());
    if (!query.exec(QStringLiteral("SELECT COALESCE(SUM(stored_size), 0) FROM raw_responses")) ||
        !query.next())
        return Result<qint64>::error(
            storageError(tr("cannot read the raw responses"), query.lastError().text()));
    return Result<qint64>::ok(query.value(0).toLongLong());
}

Result<int> HistoryStore::pruneRawResponses(qint64 nowMs, const RawRetention &retention)
{
    if (const auto writable = refuseIfReadOnly(); !writable)
        return writable.forward<int>();
    const qint64 budget = qMax<qint64>(0, retention.megabytes) * 1024 * 1024;
    const qint64 cutoff =
        retention.days > 0 && budget > 0 ? nowMs - qint64(retention.days) * DayMs : nowMs + 1;

    // Newest first: what fits in the budget stays, the rest goes. The sizes are read
    // before the transaction; a response another process adds meanwhile is newer and
    // simply counted at the next prune.
    QList<qint64> doomed;
    {
        QSqlQuery sizes(database());
        sizes.setForwardOnly(true);
        if (!sizes.exec(QStringLiteral("SELECT id, stored_size, fetched_at FROM raw_responses "
                                       "ORDER BY fetched_at DESC, id DESC")))
            return Result<int>::error(
                storageError(tr("cannot read the raw responses"), sizes.lastError().text()));
        qint64 kept = 0;
        while (sizes.next()) {
            const qint64 size = sizes.value(1).toLongLong();
            if (sizes.value(2).toLongLong() < cutoff || kept + size > budget)
                doomed.append(sizes.value(0).toLongLong());
            else
                kept += size;
        }
    }
    if (doomed.isEmpty())
        return Result<int>::ok(0);
    QSqlQuery remove(database());
    remove.prepare(QStringLiteral("DELETE FROM raw_responses WHERE id = ?"));
    const auto removed = inTransaction([&](WriteStatements &) {
        for (const qint64 id : std::as_const(doomed)) {
            remove.bindValue(0, id);
            if (!remove.exec())
                return Result<void>::error(
                    storageError(tr("cannot delete old raw responses"), remove.lastError().text()));
        }
        return Result<void>::ok();
    });
    if (!removed)
        return removed.forward<int>();
    qCDebug(lcStore) << "deleted" << doomed.size() << "raw responses beyond the retention";
    return Result<int>::ok(int(doomed.size()));
}

Result<void> HistoryStore::replaceRunSamples(const QList<RunSamples> &runs)
{
    if (const auto writable = refuseIfReadOnly(); !writable)
        return writable;
    if (const auto loaded = loadMetricIds(); !loaded)
        return loaded;
    QSqlQuery remove(database());
    remove.prepare(
        QStringLiteral("DELETE FROM samples WHERE run_id = ? AND source_id = ? AND metric_id IN "
                       "(SELECT id FROM metrics WHERE key = ?)"));
    return inTransaction([&](WriteStatements &statements) {
        for (const RunSamples &run : runs) {
            for (const Sample &sample : run.samples) {
                remove.bindValue(0, run.runId);
                remove.bindValue(1, run.sourceId);
                remove.bindValue(2, sample.metricKey);
                if (!remove.exec())
                    return Result<void>::error(
                        storageError(tr("cannot replace the values of run %1").arg(run.runId),
                                     remove.lastError().text()));
            }
            if (const auto inserted = insertSamples(statements, run.samples, run.runId); !inserted)
                return inserted;
        }
        return Result<void>::ok();
    });
}

} // namespace kpi::store
