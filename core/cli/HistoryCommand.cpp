// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "cli/HistoryCommand.h"

#include "cli/CliContext.h"
#include "cli/Formatting.h"
#include "store/HistoryStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace kpi::cli {

HistoryCommand::HistoryCommand(CliContext &context, Options options, QObject *parent)
    : Command(context, parent), m_options(std::move(options))
{ }

void HistoryCommand::start()
{
    CliContext &ctx = context();
    // Dates and buckets follow the workspace's time zone; the history is readable even
    // when the workspace file is missing or broken, in the system's zone then.
    const auto loaded = ctx.loadWorkspace();
    const QTimeZone zone = loaded.isOk() ? loaded.workspace.zone() : QTimeZone::systemTimeZone();

    store::SampleQuery query;
    query.metricKeys = m_options.metrics;
    if (!m_options.since.isEmpty()) {
        query.sinceMs = ctx.dateOption(QStringLiteral("--since"), m_options.since, zone, false);
        if (!query.sinceMs) {
            Q_EMIT done(ExitUsage);
            return;
        }
    }
    if (!m_options.until.isEmpty()) {
        const auto until = ctx.dateOption(QStringLiteral("--until"), m_options.until, zone, true);
        if (!until) {
            Q_EMIT done(ExitUsage);
            return;
        }
        query.untilMs = *until + 1; // the store's bound is exclusive; ours is inclusive
    }

    const auto location = ctx.databaseLocationOrPrintError();
    if (!location) {
        Q_EMIT done(ExitUsage);
        return;
    }
    QList<store::Sample> samples;
    // Reading never creates or upgrades a database; none yet means no history yet.
    auto history = store::HistoryStore::open(*location, store::AccessMode::ReadOnly);
    if (!history && history.error().code != Error::Code::NotFound) {
        ctx.printError(history.error());
        Q_EMIT done(ExitFailures);
        return;
    }
    if (history) {
        auto read = (*history)->samples(query);
        if (!read) {
            ctx.printError(read.error());
            Q_EMIT done(ExitFailures);
            return;
        }
        samples = std::move(*read);
    }

    QTextStream &out = ctx.out();
    if (m_options.bucket) {
        const report::Bucketer bucketer(*m_options.bucket, zone);
        const auto buckets = bucketer.lastPerBucket(samples);
        if (m_options.json) {
            QJsonArray rows;
            for (const auto &bucket : buckets)
                rows.append(
                    QJsonObject{{QStringLiteral("metric"), bucket.metricKey},
                                {QStringLiteral("bucket"), bucket.start.toString(Qt::ISODate)},
                                {QStringLiteral("timestamp"), formatUtc(bucket.sample.timestampMs)},
                                {QStringLiteral("value"), bucket.sample.value}});
            out << QJsonDocument(rows).toJson(QJsonDocument::Indented);
        } else {
            out << "metric,bucket,timestamp,value\n";
            for (const auto &bucket : buckets)
                out << csvField(bucket.metricKey) << ',' << bucket.start.toString(Qt::ISODate)
                    << ',' << formatUtc(bucket.sample.timestampMs) << ','
                    << formatValue(bucket.sample.value) << '\n';
        }
    } else if (m_options.json) {
        QJsonArray rows;
        for (const auto &sample : std::as_const(samples)) {
            QJsonObject row{{QStringLiteral("metric"), sample.metricKey},
                            {QStringLiteral("timestamp"), formatUtc(sample.timestampMs)},
                            {QStringLiteral("value"), sample.value},
                            {QStringLiteral("origin"), store::toDbText(sample.origin)}};
            if (!sample.sourceId.isEmpty())
                row.insert(QStringLiteral("source"), sample.sourceId);
            if (sample.runId > 0)
                row.insert(QStringLiteral("run"), double(sample.runId));
            if (sample.isSuspect()) // docs/history-repair.md
                row.insert(QStringLiteral("suspect"), sample.suspect);
            rows.append(row);
        }
        out << QJsonDocument(rows).toJson(QJsonDocument::Indented);
    } else {
        out << "metric,timestamp,value,origin,source,run,suspect\n";
        for (const auto &sample : std::as_const(samples))
            out << csvField(sample.metricKey) << ',' << formatUtc(sample.timestampMs) << ','
                << formatValue(sample.value) << ',' << store::toDbText(sample.origin) << ','
                << csvField(sample.sourceId) << ','
                << (sample.runId > 0 ? QString::number(sample.runId) : QString()) << ','
                << csvField(sample.suspect) << '\n';
    }
    out.flush();
    Q_EMIT done(ExitOk);
}

} // namespace kpi::cli
