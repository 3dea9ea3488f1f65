// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace kpi::store {

// Where a delivery stands. A row being sent is still Pending, with a lease (see Outbox).
enum class OutboxState { Pending, Delivered, Failed };

QString toDbText(OutboxState state);
std::optional<OutboxState> outboxStateFromDbText(const QString &text);

// What to do when a payload is enqueued for a (destination, period) that already has a row.
enum class Requeue {
    // Append-only destinations: a pending row gets the new payload, a delivered or failed
    // one stays as it is (sending it again would duplicate it).
    PendingOnly,
    // Upsert destinations (one row per day in Notion, one point per day in InfluxDB): a
    // delivered or failed row goes back to pending with the new payload.
    Reopen,
    // Back-filling: an existing row of the period is left alone, whatever its state.
    Never,
};

// One payload for one destination and one period: a row of the outbox table. The payload
// is JSON text that never holds a secret.
struct OutboxEntry
{
    qint64 id = 0;
    QString destinationId;
    QString period;           // "2026-11-28", "run:42", "2026-11-30T08:00:00Z"
    qint64 periodStartMs = 0; // rows of one destination are sent in this order
    qint64 runId = 0;         // 0: no run produced it (a digest, a back-fill of manual values)
    QByteArray payload;
    OutboxState state = OutboxState::Pending;
    int attempts = 0;
    qint64 nextAttemptMs = 0;
    QString lastError;
    qint64 createdAtMs = 0;
    qint64 deliveredAtMs = 0;
    int partsDone = 0;
    QString leaseOwner;
    qint64 leaseUntilMs = 0;
    Requeue requeue = Requeue::PendingOnly; // how enqueue() treats an existing row
};

} // namespace kpi::store
