// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "workspace/Workspace.h"

#include <QString>

#include <optional>

namespace kpi::pipeline {

// Whether a collected value is believable, by its metric's bounds (docs/history-repair.md).
// A selector that stopped matching after a site redesign usually yields 0, a wildly
// different number or a stray one from elsewhere on the page: such a value is stored as
// suspect and reported as "selector probably broken" instead of being passed on.
class Plausibility
{
public:
    // Why `value` is suspect, or nothing when it is plausible. `previous` is the metric's
    // latest plausible value, if any.
    static std::optional<QString> check(const workspace::MetricConfig &metric, double value,
                                        std::optional<double> previous);
};

} // namespace kpi::pipeline
