// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QString>

#include <optional>

namespace kpi::store {

// How a value got into the history.
enum class SampleOrigin { Collected, Manual, Imported, Backfilled, Reextracted };

QString toDbText(SampleOrigin origin);
std::optional<SampleOrigin> sampleOriginFromDbText(const QString &text);

// One value of one metric at one moment. Timestamps are UTC milliseconds since the epoch.
struct Sample
{
    QString metricKey;
    qint64 timestampMs = 0;
    double value = 0;
    SampleOrigin origin = SampleOrigin::Collected;
    QString sourceId; // empty for manual values
    qint64 runId = 0; // 0 when no run produced it
    // Why the value is implausible ("below the minimum 1"); empty when it is plausible.
    // Suspect values are kept and shown, never delivered (docs/history-repair.md).
    QString suspect = {};
    bool isSuspect() const { return !suspect.isEmpty(); }
};

} // namespace kpi::store
