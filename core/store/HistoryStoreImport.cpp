// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
// HistoryStore's imports: values brought in from elsewhere (a Notion database), one per
// metric and day, never over a day the history already has.
#include "store/HistoryStore.h"

#include <QDateTime>
#include <QSet>
#include <QTimeZone>

#include <algorithm>

namespace kpi::store {

Result<HistoryStore::ImportCounts> HistoryStore::importDailySamples(const QList<Sample> &samples,
                                                                    const QTimeZone &zone)
{
    ImportCounts counts;
    if (samples.isEmpty())
        return Result<ImportCounts>::ok(counts);
    if (const auto writable = refuseIfReadOnly(); !writable)
        return writable.forward<ImportCounts>();
    if (const auto loaded = loadMetricIds(); !loaded)
        return loaded.forward<ImportCounts>();

    const auto dayOf = [&zone](const QString &key, qint64 ms) -> QString {
        QString day = key;
        day += QLatin1Char('\n');
        day += QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
                   .toTimeZone(zone)
                   .date()
                   .toString(Qt::ISODate);
        return day;
    };
    SampleQuery existing;
    QSet<QString> keys;
    qint64 first = samples.first().timestampMs;
    qint64 last = first;
    for (const Sample &sample : samples) {
        keys.insert(sample.metricKey);
        first = std::min(first, sample.timestampMs);
        last = std::max(last, sample.timestampMs);
    }
    existing.metricKeys = QStringList(keys.cbegin(), keys.cend());
    // A day is at most 26 hours long anywhere: enough margin to see the whole of both ends.
    constexpr qint64 Margin = 26LL * 3600 * 1000;
    existing.sinceMs = first - Margin;
    existing.untilMs = last + Margin;

    const auto written = inTransaction([&](WriteStatements &statements) -> Result<void> {
        // Read inside the transaction: a collection committing meanwhile is seen or waits.
        const auto stored = this->samples(existing);
        if (!stored)
            return stored.forward<void>();
        QSet<QString> taken;
        for (const Sample &sample : *stored)
            taken.insert(dayOf(sample.metricKey, sample.timestampMs));
        QList<Sample> fresh;
        counts = {};
        for (const Sample &sample : samples) {
            const QString day = dayOf(sample.metricKey, sample.timestampMs);
            if (taken.contains(day)) {
                ++counts.skipped;
                continue;
            }
            taken.insert(day);
            fresh.append(sample);
            ++counts.imported;
        }
        return insertSamples(statements, fresh, 0);
    });
    if (!written)
        return written.forward<ImportCounts>();
    return Result<ImportCounts>::ok(counts);
}

} // namespace kpi::store
