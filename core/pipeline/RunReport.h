// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "sources/SourceOutcome.h"
#include "store/Run.h"
#include "store/Sample.h"

#include <QHash>
#include <QList>
#include <QMetaType>

#include <optional>

namespace kpi::pipeline {

// A value outside its metric's plausibility bounds: stored marked, never delivered
// (docs/history-repair.md).
struct SuspectValue
{
    QString sourceId;
    QString metricKey;
    double value = 0;
    std::optional<double> previous;
    QString reason;
};

// The result of one collection, for whoever shows it (the table of `collect`, the window).
struct RunReport
{
    qint64 runId = 0; // 0 for a dry run, or when the run could not be recorded
    bool dryRun = false;
    qint64 startedAtMs = 0;
    qint64 finishedAtMs = 0;
    store::RunStatus status = store::RunStatus::Running;
    QList<sources::SourceOutcome> outcomes; // in workspace order
    // The newest stored value of each metric before this run, for "change since".
    QHash<QString, store::Sample> previous;
    // Set when the history could not be read or written; then nothing of the run was stored.
    std::optional<Error> storeError;
    // Values that look like a broken selector; the run is partial then.
    QList<SuspectValue> suspects = {};
    const SuspectValue *suspect(const QString &metricKey) const;

    int failedSources() const;
    // Exit status of `collect` (PRODUCT.md): 0 all good, 1 something failed.
    int exitCode() const
    {
        return failedSources() > 0 || storeError || !suspects.isEmpty() ? 1 : 0;
    }
};

} // namespace kpi::pipeline

Q_DECLARE_METATYPE(kpi::pipeline::RunReport)
