// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "pipeline/RunReport.h"

namespace kpi::pipeline {

int RunReport::failedSources() const
{
    int failed = 0;
    for (const auto &outcome : outcomes)
        failed += outcome.hasFailure() ? 1 : 0;
    return failed;
}

const SuspectValue *RunReport::suspect(const QString &metricKey) const
{
    for (const auto &suspect : suspects) {
        if (suspect.metricKey == metricKey)
            return &suspect;
    }
    return nullptr;
}

} // namespace kpi::pipeline
