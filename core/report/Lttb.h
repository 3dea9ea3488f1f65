// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QList>

namespace kpi::report {

// Largest-Triangle-Three-Buckets (Steinarsson, 2013): picks `threshold` of a series' points
// so that a line through them looks like the line through all of them. Keeps the first and
// the last point, and in each bucket the point that makes the largest triangle with its
// neighbours, so peaks and dips survive where an average or a stride would drop them.
class Lttb
{
public:
    struct Point
    {
        double x = 0;
        double y = 0;
        friend bool operator==(const Point &, const Point &) = default;
    };

    // `points` ordered by x. Returned whole when it has no more than `threshold` points or
    // when `threshold` is below 3 (first and last alone say nothing about the shape).
    static QList<Point> downsample(const QList<Point> &points, int threshold);
};

} // namespace kpi::report
