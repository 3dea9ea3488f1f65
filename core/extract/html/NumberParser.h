// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QChar>
#include <QString>

#include <optional>

namespace kpi::extract {

// A number as people write it on web pages: "1,234", "1 234,5" (with ',' as the decimal
// separator), "1.2k", "3.4M", "2bn", "12 %", "−5" (U+2212), "+3", "$1,234.50", "1'234",
// "1.5e3". Group separators are the other of '.' and ',', spaces (also no-break and thin
// spaces) and apostrophes; after the first group, groups have three digits (two are allowed
// before the last, for Indian lakh grouping "1,23,456"), so "1,23" with '.' as the decimal
// separator is not a number rather than a silently wrong one. Suffixes: k/K thousand,
// m/M/mn million, b/B/bn billion, t/T trillion, and '%' (the value as written). Currency
// signs $ € £ ¥ ₹ before or after are ignored. Anything else around the number makes it not
// a number: apply a regular expression first to cut it out of a sentence.
struct NumberParser
{
    static std::optional<double> parse(const QString &text, QChar decimalSeparator = u'.');
};

} // namespace kpi::extract
