// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "report/ChartSeries.h"

#include "report/Lttb.h"

#include <algorithm>
#include <limits>

namespace kpi::report {

namespace {

QByteArray csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') ||
        bytes.contains('\r')) {
        bytes.replace("\"", "\"\"");
        bytes = '"' + bytes + '"';
    }
    return bytes;
}

} // namespace

std::optional<ChartSeries::Window> ChartSeries::Window::previous() const
{
    if (!sinceMs)
        return std::nullopt;
    const qint64 length = untilMs - *sinceMs;
    return Window{*sinceMs - length, *sinceMs};
}

ChartSeries::Window ChartSeries::window(Range range, const QDateTime &now, const QTimeZone &zone,
                                        QDate from, QDate to)
{
    const qint64 untilMs = now.toMSecsSinceEpoch() + 1; // `now` itself included
    // The last N days: (now - N days, now], so a daily sample at the same hour counts N
    // times, not N + 1.
    const auto daysBack = [&](int days) {
        return Window{now.toMSecsSinceEpoch() - qint64(days) * 86'400'000LL + 1, untilMs};
    };
    switch (range) {
    case Range::Days30:
        return daysBack(30);
    case Range::Days90:
        return daysBack(90);
    case Range::Year:
        return daysBack(365);
    case Range::All:
        return Window{std::nullopt, untilMs};
    case Range::Custom: {
        if (from.isValid() && to.isValid() && to < from)
            std::swap(from, to);
        Window custom{std::nullopt, untilMs};
        if (from.isValid())
            custom.sinceMs = QDateTime(from, QTime(0, 0), zone).toMSecsSinceEpoch();
        if (to.isValid())
            custom.untilMs = QDateTime(to.addDays(1), QTime(0, 0), zone).toMSecsSinceEpoch();
        return custom;
    }
    }
    return Window{std::nullopt, untilMs};
}

std::optional<ChartSeries::Aggregation> ChartSeries::aggregationFromString(const QString &text)
{
    if (text == QLatin1String("last"))
        return Aggregation::Last;
    if (text == QLatin1String("sum"))
        return Aggregation::Sum;
    if (text == QLatin1String("mean"))
        return Aggregation::Mean;
    if (text == QLatin1String("max"))
        return Aggregation::Max;
    return std::nullopt;
}

QList<ChartSeries::Point> ChartSeries::points(const QList<store::Sample> &samples,
                                              const Options &options)
{
    QList<Point> raw;
    raw.reserve(samples.size());
    for (const store::Sample &sample : samples)
        raw.append({sample.timestampMs, sample.value});
    return points(std::move(raw), options);
}

QList<ChartSeries::Point> ChartSeries::points(QList<Point> raw, const Options &options)
{
    if (!options.bucket)
        return raw;
    // Bucketer decides the periods (the zone's calendar), so the chart's weeks and months
    // are those of `history --bucket`. A bucket's end is remembered so that the zone's
    // calendar is consulted once per bucket, not once per sample.
    const Bucketer bucketer(*options.bucket, options.zone);
    QList<Point> result;
    QDate current;
    qint64 currentEndMs = std::numeric_limits<qint64>::min();
    qint64 currentStartMs = 0;
    double value = 0;
    int count = 0;
    const auto flush = [&] {
        if (count == 0)
            return;
        result.append(
            {currentStartMs, options.aggregation == Aggregation::Mean ? value / count : value});
    };
    const auto nextStart = [&](QDate start) {
        switch (*options.bucket) {
        case Bucketer::Size::Day:
            return start.addDays(1);
        case Bucketer::Size::Week:
            return start.addDays(7);
        case Bucketer::Size::Month:
            return start.addMonths(1);
        }
        return start.addDays(1);
    };
    for (const Point &sample : std::as_const(raw)) {
        if (current.isNull() || sample.ms >= currentEndMs || sample.ms < currentStartMs) {
            const QDate start = bucketer.bucketStart(sample.ms);
            if (start != current) {
                flush();
                current = start;
                currentStartMs = QDateTime(start, QTime(0, 0), options.zone).toMSecsSinceEpoch();
                currentEndMs =
                    QDateTime(nextStart(start), QTime(0, 0), options.zone).toMSecsSinceEpoch();
                count = 0;
                value = 0;
            }
        }
        switch (options.aggregation) {
        case Aggregation::Last:
            value = sample.value; // samples come in time order
            break;
        case Aggregation::Sum:
        case Aggregation::Mean:
            value += sample.value;
            break;
        case Aggregation::Max:
            value = count == 0 ? sample.value : std::max(value, sample.value);
            break;
        }
        ++count;
    }
    flush();
    return result;
}

QList<ChartSeries::Point> ChartSeries::shifted(QList<Point> points, qint64 byMs)
{
    for (Point &point : points)
        point.ms += byMs;
    return points;
}

QList<ChartSeries::Point> ChartSeries::downsampled(const QList<Point> &points, int maxPoints)
{
    if (points.size() <= maxPoints)
        return points;
    QList<Lttb::Point> raw;
    raw.reserve(points.size());
    for (const Point &point : points)
        raw.append({double(point.ms), point.value});
    const QList<Lttb::Point> kept = Lttb::downsample(raw, maxPoints);
    QList<Point> result;
    result.reserve(kept.size());
    for (const Lttb::Point &point : kept)
        result.append({qint64(point.x), point.y});
    return result;
}

QByteArray ChartSeries::toCsv(const QList<Series> &series, const QTimeZone &zone)
{
    QByteArray csv = "metric,label,period,time,value\r\n";
    for (const Series &one : series) {
        const QByteArray head = csvField(one.metricKey) + ',' + csvField(one.label) + ',' +
                                (one.previousPeriod ? "previous" : "current") + ',';
        for (const Point &point : one.points) {
            csv += head;
            csv += QDateTime::fromMSecsSinceEpoch(point.ms, zone).toString(Qt::ISODate).toUtf8();
            csv += ',';
            csv += QByteArray::number(point.value, 'g', 15);
            csv += "\r\n";
        }
    }
    return csv;
}

} // namespace kpi::report
