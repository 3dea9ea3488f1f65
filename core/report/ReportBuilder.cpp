// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "report/ReportBuilder.h"

#include "store/HistoryStore.h"
#include "workspace/Workspace.h"

#include <QTimeZone>

#include <cmath>

namespace kpi::report {

namespace {

constexpr qint64 DayMs = 24 * 60 * 60 * 1000;

// The workspace's order with the North Star first.
QStringList orderedKeys(const workspace::Workspace &workspace)
{
    QStringList keys = workspace.metricKeys();
    if (!workspace.northStar.isEmpty() && keys.removeAll(workspace.northStar) > 0)
        keys.prepend(workspace.northStar);
    return keys;
}

} // namespace

qint64 ReportBuilder::toleranceMs(int compareDays)
{
    return std::max(DayMs, compareDays * DayMs / 4);
}

Result<Report> ReportBuilder::build(const store::HistoryStore &history,
                                    const workspace::Workspace &workspace, const QDateTime &at,
                                    int compareDays)
{
    const QStringList keys = orderedKeys(workspace);
    const qint64 atMs = at.toMSecsSinceEpoch();
    const qint64 compareMs = atMs - compareDays * DayMs;
    const auto latest = history.latestBefore(atMs + 1, keys);
    if (!latest)
        return latest.forward<Report>();
    const auto earlier = history.latestBefore(compareMs + 1, keys);
    if (!earlier)
        return earlier.forward<Report>();

    Report report;
    report.at = at.toUTC();
    report.compareDays = compareDays;
    report.timezone = QString::fromUtf8(workspace.zone().id());
    for (const QString &key : keys) {
        const auto now = latest->constFind(key);
        if (now == latest->cend())
            continue;
        const workspace::MetricConfig *metric = workspace.metric(key);
        MetricLine line;
        line.key = key;
        line.label = metric && !metric->label.isEmpty() ? metric->label : key;
        line.unit = metric ? metric->unit : QString();
        line.northStar = key == workspace.northStar;
        line.lowerIsBetter = metric && metric->lowerIsBetter;
        line.value = now->value;
        line.at = QDateTime::fromMSecsSinceEpoch(now->timestampMs, QTimeZone::utc());
        const auto before = earlier->constFind(key);
        if (before == earlier->cend()) {
            line.comparison = Comparison::New;
        } else if (before->timestampMs == now->timestampMs ||
                   compareMs - before->timestampMs > toleranceMs(compareDays)) {
            // Too old to compare with, or the metric has not been collected since then.
            line.comparison = Comparison::NotComparable;
        } else {
            line.comparison = Comparison::Changed;
            line.previous = before->value;
            line.previousAt = QDateTime::fromMSecsSinceEpoch(before->timestampMs, QTimeZone::utc());
            line.change = now->value - before->value;
            if (before->value != 0)
                line.changePercent = *line.change / std::abs(before->value) * 100.0;
        }
        report.lines.append(line);
    }
    return Result<Report>::ok(report);
}

} // namespace kpi::report
