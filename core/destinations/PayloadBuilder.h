// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "store/OutboxEntry.h"
#include "store/Sample.h"
#include "util/Result.h"
#include "workspace/Workspace.h"

#include <QDateTime>
#include <QJsonObject>
#include <QTimeZone>

namespace kpi::store {
class HistoryStore;
}

namespace kpi::destinations {

// Builds what goes into the outbox: the one payload format every destination type reads
// (docs/destinations.md, "What a payload holds"). Never a secret in it.
//
//   {"kind": "values", "period": "run:42", "periodStart": ISO, "runId": 42,
//    "collectedAt": ISO, "timezone": "Europe/Berlin",
//    "values": [{"key", "label", "unit", "value", "at"}, …]}
//
// A digest ("kind": "digest") adds "compareDays" and, per value, "previous",
// "previousAt", "change" and "changePercent" where the history has them.
class PayloadBuilder
{
public:
    // Whether a destination receives payloads after each collection.
    static bool isOnCollect(const workspace::DestinationConfig &destination);

    // The payloads of a run for every on-collect destination this build can deliver to,
    // written in the run's own transaction. `earlierThatDay` holds the samples of the
    // run's day before the run: a day-keyed destination's payload is the latest value of
    // every metric that day, so a second run with only some sources loses nothing.
    static QList<store::OutboxEntry> forRun(const workspace::Workspace &workspace, qint64 runId,
                                            qint64 collectedAtMs,
                                            const QList<store::Sample> &runSamples,
                                            const QList<store::Sample> &earlierThatDay,
                                            qint64 nowMs);
    // Whether any on-collect destination is keyed by day (and so needs `earlierThatDay`).
    static bool needsDayValues(const workspace::Workspace &workspace);

    // The digest due at `slot` for a scheduled destination: each metric's latest value
    // and its value `compareDays` (default 14) before. The one place a digest is built;
    // a report core can replace it. The row belongs to the newest run it reports (its
    // failures go to that run's log).
    static Result<store::OutboxEntry> digest(const store::HistoryStore &history,
                                             const workspace::Workspace &workspace,
                                             const workspace::DestinationConfig &destination,
                                             const QDateTime &slot, qint64 nowMs);

    // One entry per past period since `sinceMs` for an on-collect destination, from the
    // history; existing rows of those periods are left alone (Requeue::Never).
    static Result<QList<store::OutboxEntry>>
    backfill(const store::HistoryStore &history, const workspace::Workspace &workspace,
             const workspace::DestinationConfig &destination, qint64 sinceMs, qint64 nowMs);

    static QString isoUtc(qint64 ms);
};

} // namespace kpi::destinations
