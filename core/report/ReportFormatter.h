// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "report/Report.h"

namespace kpi::report {

// A report as text for a terminal, as a Markdown table, or as JSON (Report::toJson()).
// Same report, same bytes: no wall-clock time or locale enters the output.
namespace ReportFormatter {

enum class Format { Text, Markdown, Json };
std::optional<Format> formatFromName(const QString &name);

QString format(const Report &report, Format format);

} // namespace ReportFormatter

} // namespace kpi::report
