// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "util/Result.h"
#include "workspace/Workspace.h"

#include <QList>
#include <QString>

#include <optional>

namespace kpi::store {
class HistoryStore;
}

namespace kpi::pipeline {

// One metric of one run, before and after extracting again.
struct ReextractChange
{
    QString metricKey;
    std::optional<double> oldValue; // none: the run had no value for it
    QString oldSuspect;
    std::optional<double> newValue; // none: the current extraction failed (see error)
    QString newSuspect;
    QString error;
    bool changed() const { return newValue && (oldValue != newValue || oldSuspect != newSuspect); }
};

struct ReextractRun
{
    qint64 runId = 0;
    qint64 startedAtMs = 0;
    QList<ReextractChange> changes; // in the source's metric order
    std::optional<Error> error;     // the pages could not be read at all
};

// `kpi-collector reextract`: runs a source's current extraction over the raw responses kept
// of its past runs and rewrites the values that come out differently, in one transaction
// (docs/history-repair.md). No network: Extractors gives each type's pure extraction. A
// metric the current workspace cannot extract keeps its stored value.
class Reextractor
{
public:
    static Result<QList<ReextractRun>> run(store::HistoryStore &history,
                                           const workspace::SourceConfig &source, qint64 sinceMs,
                                           bool dryRun);
};

} // namespace kpi::pipeline
