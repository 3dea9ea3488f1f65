// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "extract/html/HtmlDocument.h"
#include "util/Result.h"

#include <QList>
#include <QString>
#include <libxml/tree.h>

#include <memory>

namespace kpi::extract {

// A CSS selector or XPath 1.0 expression compiled once (one xmlXPathCompExpr; CSS is first
// translated by CssToXPath, whose header lists where it differs from a browser), then
// evaluated against any number of documents by libxml2. Copyable and cheap to copy.
// A default-constructed selector is empty: select() answers an error.
class HtmlSelector
{
public:
    // libxml2 counts the steps of an evaluation; past this the evaluation stops with an error,
    // so that a quadratic selector (`li ~ li`, nth-child over a 100,000-row table) on a hostile
    // page takes a second or two, not hours. A CSS count on a 10 MB page takes about 3 million.
    static constexpr unsigned long MaxOperations = 200'000'000;
    // Lowers (or raises) the limit for this selector object, e.g. for a dry run.
    void setMaxOperations(unsigned long limit) { m_maxOperations = limit; }

    // Errors name the 1-based position: `at position 7: expected a selector, got ")"`.
    static Result<HtmlSelector> css(const QString &selector);
    static Result<HtmlSelector> xpath(const QString &expression);

    // The XPath 1.0 text libxml2 evaluates (the CSS translated).
    const QString &xpath() const;
    // The selector or expression as written.
    const QString &source() const;
    bool isCss() const;
    bool isEmpty() const { return !m_compiled; }

    // The matched nodes in document order: elements, and for XPath also text and attribute
    // nodes (`//a/@href`); namespace nodes are left out. With a context element, CSS gives its
    // matching descendants as querySelectorAll does, and XPath is evaluated relative to it. An
    // XPath expression whose value is not a node set (`count(//a)`) is an error here; see
    // evaluateNumber().
    Result<QList<xmlNodePtr>> select(const HtmlDocument &doc, xmlNodePtr context = nullptr) const;

    // For XPath expressions that compute a value: `count(//a)`, `sum(//td)`, `string(//h1)`;
    // a node set gives its first node's string value. The string as XPath 1.0 converts it.
    Result<QString> evaluateString(const HtmlDocument &doc, xmlNodePtr context = nullptr) const;

    HtmlSelector();
    ~HtmlSelector();
    HtmlSelector(const HtmlSelector &);
    HtmlSelector &operator=(const HtmlSelector &);
    HtmlSelector(HtmlSelector &&) noexcept;
    HtmlSelector &operator=(HtmlSelector &&) noexcept;

private:
    struct Compiled;
    std::shared_ptr<const Compiled> m_compiled; // immutable once compiled
    unsigned long m_maxOperations = MaxOperations;
};

} // namespace kpi::extract
