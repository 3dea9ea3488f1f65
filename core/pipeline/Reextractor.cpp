// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "pipeline/Reextractor.h"

#include "pipeline/Extractors.h"
#include "pipeline/Plausibility.h"
#include "store/HistoryStore.h"
#include "util/Logging.h"

#include <QCoreApplication>

namespace kpi::pipeline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::pipeline::Reextractor", text);
}

} // namespace

Result<QList<ReextractRun>> Reextractor::run(store::HistoryStore &history,
                                             const workspace::SourceConfig &source, qint64 sinceMs,
                                             bool dryRun)
{
    using R = Result<QList<ReextractRun>>;
    const Extractors::Extract extract = Extractors::forType(source.type);
    if (!extract)
        return R::error(Error::Code::InvalidInput,
                        tr("values of a \"%1\" source cannot be extracted again").arg(source.type));
    const auto raw = history.rawResponses(source.id, sinceMs);
    if (!raw)
        return raw.forward<QList<ReextractRun>>();
    if (raw->isEmpty())
        return R::ok({});

    // The pages of each run, in run order.
    QList<ReextractRun> runs;
    QList<QList<sources::RawPage>> pages;
    for (const store::RawResponse &response : *raw) {
        if (runs.isEmpty() || runs.last().runId != response.runId) {
            runs.append({response.runId, response.runStartedAtMs, {}, std::nullopt});
            pages.append(QList<sources::RawPage>());
        }
        pages.last().append(
            {response.url, response.contentType, response.body, response.fetchedAtMs});
    }

    QStringList keys;
    for (const auto &metric : source.metrics)
        keys.append(metric.key);
    store::SampleQuery query;
    query.metricKeys = keys;
    query.sinceMs = runs.first().startedAtMs;
    const auto stored = history.samples(query);
    if (!stored)
        return stored.forward<QList<ReextractRun>>();
    QHash<QPair<qint64, QString>, store::Sample> old;
    for (const store::Sample &sample : *stored) {
        if (sample.sourceId == source.id && sample.runId > 0)
            old.insert({sample.runId, sample.metricKey}, sample);
    }
    // Plausibility against the previous plausible value, as the run itself judged it, but
    // with the values corrected so far.
    QHash<QString, double> previous;
    const auto before = history.latestBefore(runs.first().startedAtMs, keys);
    if (!before)
        return before.forward<QList<ReextractRun>>();
    for (auto it = before->cbegin(); it != before->cend(); ++it)
        previous.insert(it.key(), it->value);

    QList<store::HistoryStore::RunSamples> rewrites;
    for (qsizetype i = 0; i < runs.size(); ++i) {
        ReextractRun &run = runs[i];
        const sources::Extraction extraction = extract(source, pages.at(i));
        if (extraction.error) {
            run.error = extraction.error;
            continue;
        }
        store::HistoryStore::RunSamples rewrite{run.runId, source.id, {}};
        for (const workspace::MetricConfig &metric : source.metrics) {
            ReextractChange change;
            change.metricKey = metric.key;
            const auto was = old.constFind({run.runId, metric.key});
            if (was != old.cend()) {
                change.oldValue = was->value;
                change.oldSuspect = was->suspect;
            }
            for (const auto &failure : extraction.metricErrors) {
                if (failure.key == metric.key)
                    change.error = failure.error.message;
            }
            for (const auto &value : extraction.values) {
                if (value.key == metric.key)
                    change.newValue = value.value;
            }
            if (change.newValue) {
                const auto last = previous.constFind(metric.key);
                const auto reason = Plausibility::check(
                    metric, *change.newValue,
                    last == previous.cend() ? std::nullopt : std::optional<double>(*last));
                change.newSuspect = reason.value_or(QString());
                if (!reason)
                    previous.insert(metric.key, *change.newValue);
            } else if (change.oldValue && change.oldSuspect.isEmpty()) {
                previous.insert(metric.key, *change.oldValue); // kept as it was
            }
            if (change.changed()) {
                store::Sample sample;
                sample.metricKey = metric.key;
                sample.timestampMs = run.startedAtMs;
                sample.value = *change.newValue;
                sample.origin = store::SampleOrigin::Reextracted;
                sample.sourceId = source.id;
                sample.runId = run.runId;
                sample.suspect = change.newSuspect;
                rewrite.samples.append(sample);
            }
            run.changes.append(change);
        }
        if (!rewrite.samples.isEmpty())
            rewrites.append(rewrite);
    }

    if (!dryRun && !rewrites.isEmpty()) {
        if (const auto written = history.replaceRunSamples(rewrites); !written)
            return written.forward<QList<ReextractRun>>();
        qCInfo(lcPipeline).noquote()
            << "re-extracted" << source.id << ": rewrote values of" << rewrites.size() << "runs";
    }
    return R::ok(runs);
}

} // namespace kpi::pipeline
