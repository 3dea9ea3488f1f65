// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QString>

#include <optional>

namespace kpi::store {

enum class RunStatus {
    Running, // started, not finished (or the process died during it)
    Ok,      // every source delivered every metric
    Partial, // some sources or metrics failed, the rest were stored
    Failed,  // nothing was collected
    Canceled,
};

QString toDbText(RunStatus status);
std::optional<RunStatus> runStatusFromDbText(const QString &text);

// One collection: which sources ran, when, and how it went.
struct Run
{
    qint64 id = 0;
    qint64 startedAtMs = 0;
    qint64 finishedAtMs = 0; // 0 while running
    RunStatus status = RunStatus::Running;
    QString trigger; // "cli", "window", "schedule", …
    int sourceCount = 0;
    int failedCount = 0;
};

} // namespace kpi::store
