// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "util/Result.h"

#include <QString>

namespace kpi::extract {

// Translates a CSS selector (list) to one XPath 1.0 expression, so that libxml2 does the
// matching. Supported: type and `*`, `.class`, `#id`, `[attr]`, `[attr=v]`, `~=`, `^=`, `$=`,
// `*=`, `|=` (with an optional ` i` flag for ASCII case-insensitive values), the combinators
// descendant, `>`, `+`, `~`, the pseudo-classes `:first-child`, `:last-child`, `:only-child`,
// `:nth-child(an+b | odd | even)`, `:nth-last-child(…)`, `:empty`, `:root`, `:not(…)` (a list
// of compound selectors, as in Selectors 4), and lists with `,`; identifiers and quoted
// strings with CSS escapes. Errors name the 1-based position: `at position 7: …`.
//
// Where the result differs from a browser's CSS:
// - Type and attribute names are matched in lower case: libxml2's HTML parser lower-cases
//   every element and attribute name (also in inline SVG, so `foreignObject` is written in
//   any case and matched as `foreignobject`). Attribute values, ids and classes are
//   case-sensitive, as in a standards-mode page (quirks mode would fold class and id case).
// - `.class` and `~=` split the attribute on XPath white space (space, tab, CR, LF); CSS also
//   splits on form feed.
// - Pseudo-classes that depend on a live browser (`:hover`, `:checked`, `:visited` …) and
//   pseudo-elements are refused, as are namespaces (`ns|E`).
// With a context node, the matches are its descendants, while the leading compounds may
// match above it, as with querySelectorAll.
class CssToXPath
{
public:
    static Result<QString> translate(const QString &selector);
};

} // namespace kpi::extract
