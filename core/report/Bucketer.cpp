// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "report/Bucketer.h"

#include <QDateTime>

namespace kpi::report {

std::optional<Bucketer::Size> Bucketer::sizeFromString(const QString &text)
{
    if (text == QLatin1String("day"))
        return Size::Day;
    if (text == QLatin1String("week"))
        return Size::Week;
    if (text == QLatin1String("month"))
        return Size::Month;
    return std::nullopt;
}

QDate Bucketer::bucketStart(qint64 timestampMs) const
{
    const QDate day = QDateTime::fromMSecsSinceEpoch(timestampMs, m_zone).date();
    switch (m_size) {
    case Size::Day:
        return day;
    case Size::Week:
        return day.addDays(1 - day.dayOfWeek());
    case Size::Month:
        return QDate(day.year(), day.month(), 1);
    }
    return day;
}

QList<Bucketer::Bucket> Bucketer::lastPerBucket(const QList<store::Sample> &samples) const
{
    QList<Bucket> buckets;
    for (const store::Sample &sample : samples) {
        const QDate start = bucketStart(sample.timestampMs);
        if (!buckets.isEmpty() && buckets.last().metricKey == sample.metricKey &&
            buckets.last().start == start) {
            // Ordered input: a later sample in the same bucket replaces the kept one.
            if (sample.timestampMs >= buckets.last().sample.timestampMs)
                buckets.last().sample = sample;
            continue;
        }
        buckets.append({sample.metricKey, start, sample});
    }
    return buckets;
}

} // namespace kpi::report
