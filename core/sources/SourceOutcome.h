// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "util/Error.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace kpi::sources {

struct MetricValue
{
    QString key;
    double value = 0;
};

struct MetricFailure
{
    QString key;
    Error error;
};

// Why a metric has its value (html): how many nodes its selector matched, over all pages,
// and the first few matched nodes' text, so `collect --dry-run` can show what matched.
struct MetricEvidence
{
    QString key;
    int matches = 0;
    int pages = 1;
    QStringList samples;
    std::optional<QString> text; // text and attr:NAME modes
};

// What one source produced in one run: values, and what went wrong where. A source-wide
// error (the fetch, the parse) means no values; a metric error spoils only that metric.
// Messages are already scrubbed of the source's secrets.
struct SourceOutcome
{
    QString sourceId;
    QList<MetricValue> values;
    QList<MetricFailure> metricErrors;
    std::optional<Error> error;
    QString step;       // where `error` happened: "secret", "fetch", "parse"
    int httpStatus = 0; // 0 when no HTTP answer came
    int attempts = 0;
    qint64 durationMs = 0;
    QList<MetricEvidence> evidence; // html sources; empty for the others

    bool isComplete() const { return !error && metricErrors.isEmpty(); }
    bool hasFailure() const { return !isComplete(); }
};

} // namespace kpi::sources

Q_DECLARE_METATYPE(kpi::sources::SourceOutcome)
