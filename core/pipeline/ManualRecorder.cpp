// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "pipeline/ManualRecorder.h"

#include "store/HistoryStore.h"

#include <QCoreApplication>

#include <cmath>

namespace kpi::pipeline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::pipeline::ManualRecorder", text);
}

} // namespace

Result<store::Sample> ManualRecorder::prepare(const workspace::Workspace &workspace,
                                              const QString &key, double value, qint64 atMs)
{
    const workspace::SourceConfig *owner = nullptr;
    QStringList manualKeys;
    for (const workspace::SourceConfig &source : workspace.sources) {
        for (const workspace::MetricConfig &metric : source.metrics) {
            if (metric.key == key)
                owner = &source;
            if (source.isManual())
                manualKeys.append(metric.key);
        }
    }
    const QString known =
        manualKeys.isEmpty()
            ? tr("the workspace has no manual metrics (a source of type "
                 "\"manual\" names them)")
            : tr("the manual metrics are: %1").arg(manualKeys.join(QStringLiteral(", ")));
    if (!owner)
        return Result<store::Sample>::error(
            Error::Code::NotFound,
            tr("\"%1\" is not a metric of the workspace; %2").arg(key, known));
    if (!owner->isManual())
        return Result<store::Sample>::error(
            Error::Code::InvalidInput,
            tr("\"%1\" is collected by the source \"%2\" (%3), not recorded by hand; %4")
                .arg(key, owner->id, owner->type, known));
    if (!std::isfinite(value))
        return Result<store::Sample>::error(Error::Code::InvalidInput,
                                            tr("expected a finite number"));
    store::Sample sample;
    sample.metricKey = key;
    sample.timestampMs = atMs;
    sample.value = value;
    sample.origin = store::SampleOrigin::Manual;
    sample.sourceId = owner->id;
    return Result<store::Sample>::ok(sample);
}

Result<store::Sample> ManualRecorder::record(store::HistoryStore &history,
                                             const workspace::Workspace &workspace,
                                             const QString &key, double value, qint64 atMs)
{
    auto sample = prepare(workspace, key, value, atMs);
    if (!sample)
        return sample;
    if (const auto written = history.addSamples({*sample}); !written)
        return Result<store::Sample>::error(written.error());
    return sample;
}

} // namespace kpi::pipeline
