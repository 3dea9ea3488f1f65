// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "pipeline/Plausibility.h"

#include <QCoreApplication>

#include <cmath>

namespace kpi::pipeline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::pipeline::Plausibility", text);
}

QString number(double value)
{
    return QString::number(value, 'g', 12);
}

} // namespace

std::optional<QString> Plausibility::check(const workspace::MetricConfig &metric, double value,
                                           std::optional<double> previous)
{
    if (metric.min && value < *metric.min)
        return tr("%1 is below the minimum %2").arg(number(value), number(*metric.min));
    if (metric.max && value > *metric.max)
        return tr("%1 is above the maximum %2").arg(number(value), number(*metric.max));
    if (!previous)
        return std::nullopt;
    if (value == 0 && *previous > 0 && !metric.allowDropToZero)
        return tr("dropped to 0 from %1").arg(number(*previous));
    // A change from 0 has no percentage; growing from nothing is ordinary.
    if (metric.maxChangePercent && *previous != 0) {
        const double percent = std::abs(value - *previous) / std::abs(*previous) * 100;
        if (percent > *metric.maxChangePercent)
            return tr("changed by %1 % from %2, more than the %3 % allowed")
                .arg(QString::number(percent, 'f', 1), number(*previous),
                     number(*metric.maxChangePercent));
    }
    return std::nullopt;
}

} // namespace kpi::pipeline
