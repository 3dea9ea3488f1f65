// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QDate>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace kpi::cli {

// How the command line writes and reads values, times and changes. Output is locale-
// independent (C locale), so scripts can parse it.

// Shortest text that reads back as the same double: 1234, 0.1, 1.5e+20.
QString formatValue(double value);
// "+12 (+3.4 %)", "-5 (-50 %)", "0", or "new" when there is no previous value.
QString formatChange(double value, std::optional<double> previous);
// 2026-11-28T06:00:00Z
QString formatUtc(qint64 timestampMs);
// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
QString csvField(const QString &text);

// A --since/--until argument: YYYY-MM-DD (the day's start in `zone`), or an ISO 8601
// date and time, with Z or an offset, or without (then in `zone`). For `--until`, a date
// means the end of that day (`endOfDay`). Returns UTC milliseconds.
std::optional<qint64> parseDateArgument(const QString &text, const QTimeZone &zone, bool endOfDay);

} // namespace kpi::cli
