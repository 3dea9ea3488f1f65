// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "report/Report.h"
#include "util/Result.h"

namespace kpi::store {
class HistoryStore;
}
namespace kpi::workspace {
struct Workspace;
}

namespace kpi::report {

// Reads a Report from the history.
//
// A metric's value is its newest sample at or before `at`. Its comparison value is the
// newest sample at or before `at - compareDays`, but only if that sample is no more than
// toleranceMs(compareDays) older than asked: comparing "14 days ago" with a value from
// three months ago would be a lie, so such a metric says "no comparable value" instead.
class ReportBuilder
{
public:
    static constexpr int DefaultCompareDays = 14;

    // One day, or a quarter of the comparison period when that is longer: a weekly
    // comparison accepts a value up to 1¾ days older than asked, a 14-day one 3½ days.
    static qint64 toleranceMs(int compareDays);

    // Every metric of the workspace that has a value, the North Star first.
    static Result<Report> build(const store::HistoryStore &history,
                                const workspace::Workspace &workspace, const QDateTime &at,
                                int compareDays = DefaultCompareDays);
};

} // namespace kpi::report
