// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "store/Sample.h"

#include <QDate>
#include <QList>
#include <QTimeZone>

#include <optional>

namespace kpi::report {

// Groups a history into calendar buckets of a time zone (the workspace's: a day is the
// user's day, not UTC's). Done here rather than in SQL so that SQLite and PostgreSQL give
// the same answer, time zones and daylight saving included.
class Bucketer
{
public:
    enum class Size { Day, Week, Month }; // weeks start on Monday (ISO 8601)

    struct Bucket
    {
        QString metricKey;
        QDate start;          // the bucket's first day
        store::Sample sample; // the last sample inside the bucket
    };

    static std::optional<Size> sizeFromString(const QString &text);

    Bucketer(Size size, QTimeZone zone) : m_size(size), m_zone(std::move(zone)) { }

    QDate bucketStart(qint64 timestampMs) const;

    // `samples` ordered by metric key, then time (as HistoryStore::samples() returns them);
    // one bucket per metric and period that has a sample, holding the period's last value.
    QList<Bucket> lastPerBucket(const QList<store::Sample> &samples) const;

private:
    Size m_size;
    QTimeZone m_zone;
};

} // namespace kpi::report
