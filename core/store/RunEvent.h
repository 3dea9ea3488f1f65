// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QString>

#include <optional>

namespace kpi::store {

enum class EventLevel { Info, Warning, Error };

QString toDbText(EventLevel level);
std::optional<EventLevel> eventLevelFromDbText(const QString &text);

// What happened to one source (or one of its metrics) in a run: the run log's lines.
// The message has been through the SecretScrubber before it gets here.
struct RunEvent
{
    qint64 runId = 0;
    qint64 timestampMs = 0;
    QString sourceId;
    QString metricKey; // empty for source-wide events
    EventLevel level = EventLevel::Info;
    QString step;           // "secret", "fetch", "parse", "extract", "store", "deliver"
    int httpStatus = 0;     // 0 when there was no HTTP answer
    qint64 durationMs = -1; // -1 when not measured
    QString message;
    QString destinationId; // set for a delivery's lines (step "deliver")
};

} // namespace kpi::store
