// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "store/Sample.h"
#include "util/Result.h"
#include "workspace/Workspace.h"

namespace kpi::store {
class HistoryStore;
}

namespace kpi::pipeline {

// Values people enter by hand, for the metrics of "manual" sources (kpi-collector record,
// and later a form in the window). A manual value is a sample outside any run (run id
// none, origin "manual", the manual source's id): it shows in the history, the reports and
// the digests like any other, and the run log stays a record of collections.
class ManualRecorder
{
public:
    // The sample `record` would write, or why not: `key` must be a metric of a manual
    // source of `workspace`, `value` a finite number.
    static Result<store::Sample> prepare(const workspace::Workspace &workspace, const QString &key,
                                         double value, qint64 atMs);
    // Checks as prepare() does, then writes the sample in a transaction of its own.
    static Result<store::Sample> record(store::HistoryStore &history,
                                        const workspace::Workspace &workspace, const QString &key,
                                        double value, qint64 atMs);
};

} // namespace kpi::pipeline
