// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "util/Result.h"

#include <QJsonValue>
#include <QList>
#include <QString>

#include <memory>

namespace kpi::extract {

// A compiled JSONPath expression (the subset documented in docs/workspace.md):
// `$`, `.name`, `['name']`, `[n]` (negative from the end), `[start:end:step]`, `[a,b]`,
// `*`, `..` (descendants), filters `[?(@.k == 'v')]` with == != < <= > >= && || ! and
// existence tests, and one trailing function `length()`, `sum()`, `min()`, `max()`, `avg()`.
//
// Compile once (the workspace loader does, so a bad path is a workspace error with its
// position), then evaluate against any number of documents. Copyable and cheap to copy.
class JsonPath
{
public:
    // Errors: `expected a JSONPath, got "stars"` when it does not start with `$`, otherwise
    // what was expected and the 1-based character position, e.g.
    // `expected "," or "]" at position 10`.
    static Result<JsonPath> compile(const QString &expression);

    QString expression() const;

    // True when the path can select at most one node (only names and indexes, no
    // wildcard, slice, union, filter or descendant step), before any trailing function.
    bool isSingular() const;

    // Every node the path selects, ignoring any trailing function: arrays in order, object
    // members in key order (QJsonObject keeps keys sorted; the file's order is gone).
    QList<QJsonValue> select(const QJsonValue &root) const;

    // The metric value: the trailing function's result, or else exactly one selected node
    // that is a JSON number or a numeric string ("42", " 3.5 ", "-1e3"). Errors say what was
    // found instead: `no value at this path`, `found a string "abc", expected a number`,
    // `found an object, expected a number`, `matched 3 values; end the path with .sum(),
    // .length(), .min(), .max() or .avg() to combine them`, and for functions the index of
    // the offending element: `sum(): element [2] is a string "n/a", not a number`.
    Result<double> evaluateNumber(const QJsonValue &root) const;

    JsonPath();
    ~JsonPath();
    JsonPath(const JsonPath &);
    JsonPath &operator=(const JsonPath &);
    JsonPath(JsonPath &&) noexcept;
    JsonPath &operator=(JsonPath &&) noexcept;

private:
    struct Compiled;
    std::shared_ptr<const Compiled> m_compiled; // immutable once compiled, so sharing is safe
};

} // namespace kpi::extract
