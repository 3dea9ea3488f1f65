// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "extract/html/HtmlDocument.h"
#include "extract/html/HtmlSelector.h"
#include "util/Result.h"

#include <QChar>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <libxml/tree.h>

#include <optional>

namespace kpi::extract {

// What to take from the nodes a selector matches.
//  Count      the number of matches (0 is a value, not an error)
//  Text       the first match's normalised text (value: that text as a number, else 0)
//  Number     the first match's text as a number (NumberParser)
//  Sum        the sum over all matches, each as a number (no match: 0)
//  Attribute  the first match's attribute `attribute` (value: it as a number, else 0)
// With `attribute` set, Number and Sum read that attribute instead of the text. The regex,
// when set, is applied to each text before number parsing: its capture group (at most one),
// or else the whole match, is what counts; a text it does not match is an error.
struct HtmlExtractSpec
{
    enum class Mode { Count, Text, Number, Sum, Attribute };
    Mode mode = Mode::Number;
    HtmlSelector selector;
    QString attribute;
    std::optional<QRegularExpression> regex; // ≤1 capture group
    QChar decimalSeparator = u'.';
};

struct HtmlExtraction
{
    double value = 0;
    std::optional<QString> text; // Text and Attribute modes
    QStringList samples;         // first ≤5 matched nodes' normalised text
    int matches = 0;
};

class HtmlExtractor
{
public:
    static constexpr int MaxSamples = 5;

    // Errors (code Extract) say what was found: `the selector matched nothing`,
    // `"n/a" (match 3) is not a number`, `the first match has no attribute "href"`,
    // `the regular expression does not match "…"`.
    static Result<HtmlExtraction> extract(const HtmlDocument &doc, const HtmlExtractSpec &spec);

    // The text of a node and its descendants (like DOM textContent, without <script>,
    // <style> and <template> contents), with white space (also no-break spaces) collapsed to
    // single spaces and trimmed. Attribute and text nodes give their value.
    static QString normalisedText(xmlNodePtr node);
};

} // namespace kpi::extract
