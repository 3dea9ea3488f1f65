// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "report/Report.h"

namespace kpi::report {

// Values and changes as people read them in a report, a digest or a card: "1,234",
// "+38 (+3.3 %)", "new". Deterministic (English digits and separators, whatever the
// system locale) so a digest reads the same from every machine and tests can pin it.
namespace HumanFormat {

// 1234567 → "1,234,567"; 0.5 → "0.5"; at most two decimals, trailing zeros dropped.
QString number(double value);
// The number with its unit: "1,204 users", "99.5 %".
QString value(const MetricLine &line);
// "+38 (+3.3 %)", "-5 (-50 %)", "±0 (0 %)", "new", or "no comparable value".
QString change(const MetricLine &line);
// ▲ up, ▼ down, ▬ unchanged, ✦ new, · not comparable.
QString marker(const MetricLine &line);
// "14 days ago", "1 day ago".
QString comparedWith(int compareDays);
// A chat message's title and its line under it: "KPI digest · 2026-11-30" and "Compared
// with 14 days ago.", or for a run's values "KPI values · 2026-11-28", "Collected values.".
QString title(const Report &report);
QString subtitle(const Report &report);

} // namespace HumanFormat

} // namespace kpi::report
