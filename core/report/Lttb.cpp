// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "report/Lttb.h"

#include <cmath>

namespace kpi::report {

QList<Lttb::Point> Lttb::downsample(const QList<Point> &points, int threshold)
{
    const qsizetype count = points.size();
    if (threshold < 3 || count <= threshold)
        return points;

    QList<Point> sampled;
    sampled.reserve(threshold);
    sampled.append(points.first());
    // The points between the first and the last, in threshold - 2 buckets of equal width.
    const double every = double(count - 2) / double(threshold - 2);
    qsizetype chosen = 0;
    for (int bucket = 0; bucket < threshold - 2; ++bucket) {
        const qsizetype start = qsizetype(std::floor(bucket * every)) + 1;
        const qsizetype end = qsizetype(std::floor((bucket + 1) * every)) + 1;
        // The third corner: the mean of the next bucket (the last point for the last one).
        const qsizetype nextStart = end;
        const qsizetype nextEnd =
            std::min<qsizetype>(qsizetype(std::floor((bucket + 2) * every)) + 1, count);
        double meanX = 0;
        double meanY = 0;
        for (qsizetype i = nextStart; i < nextEnd; ++i) {
            meanX += points[i].x;
            meanY += points[i].y;
        }
        const qsizetype nextCount = nextEnd - nextStart;
        meanX /= double(nextCount);
        meanY /= double(nextCount);

        const Point &a = points[chosen];
        double largest = -1;
        qsizetype best = start;
        for (qsizetype i = start; i < end; ++i) {
            // Twice the triangle's area; the factor does not change which is largest.
            const double area =
                std::abs((a.x - meanX) * (points[i].y - a.y) - (a.x - points[i].x) * (meanY - a.y));
            if (area > largest) {
                largest = area;
                best = i;
            }
        }
        sampled.append(points[best]);
        chosen = best;
    }
    sampled.append(points.last());
    return sampled;
}

} // namespace kpi::report
