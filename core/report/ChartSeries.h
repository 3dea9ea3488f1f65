// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "report/Bucketer.h"
#include "store/Sample.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace kpi::report {

// What the window's chart draws, without the widgets: a metric's samples cut to a range,
// bucketed by calendar period with an aggregation, the previous period laid over it, and
// thinned for display. Here so that it is tested without a display.
class ChartSeries
{
public:
    enum class Range { Days30, Days90, Year, All, Custom };
    enum class Aggregation { Last, Sum, Mean, Max };

    struct Point
    {
        qint64 ms = 0; // UTC milliseconds; a bucket's start at midnight in the zone
        double value = 0;
        friend bool operator==(const Point &, const Point &) = default;
    };

    // [sinceMs, untilMs); no sinceMs for the whole history.
    struct Window
    {
        std::optional<qint64> sinceMs;
        qint64 untilMs = 0;
        // The same length just before, for the previous period; none for the whole history.
        std::optional<Window> previous() const;
    };

    struct Options
    {
        std::optional<Bucketer::Size> bucket; // none: every sample
        Aggregation aggregation = Aggregation::Last;
        QTimeZone zone = QTimeZone::utc();
    };

    struct Series
    {
        QString metricKey;
        QString label;
        // The previous period: its points keep their own times; the chart shifts them onto
        // the current period with shifted().
        bool previousPeriod = false;
        QList<Point> points;
    };

    // The window a range covers, ending at `now`; a custom range runs from the start of
    // `from` to the end of `to` in `zone`.
    static Window window(Range range, const QDateTime &now, const QTimeZone &zone, QDate from = {},
                         QDate to = {});

    static std::optional<Aggregation> aggregationFromString(const QString &text);

    // `samples` of one metric in time order (as HistoryStore::samples() gives them).
    static QList<Point> points(const QList<store::Sample> &samples, const Options &options);
    // The same from bare times and values (HistoryStore::timedValues()).
    static QList<Point> points(QList<Point> raw, const Options &options);
    // Moves every point later by `byMs`: the previous period onto the current one.
    static QList<Point> shifted(QList<Point> points, qint64 byMs);
    // At most `maxPoints`, by LTTB (see Lttb); short series are returned whole.
    static QList<Point> downsampled(const QList<Point> &points, int maxPoints);

    // One row per point: metric, period (previous or current), ISO 8601 time in `zone`,
    // value. RFC 4180 quoting, so a label with a comma or quote survives a spreadsheet.
    static QByteArray toCsv(const QList<Series> &series, const QTimeZone &zone);
};

} // namespace kpi::report
