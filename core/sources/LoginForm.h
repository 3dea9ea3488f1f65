// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "extract/html/HtmlDocument.h"
#include "util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <utility>

namespace kpi::sources {

// What submitting a login form sends: the form's own method, action and encoding.
struct FormSubmission
{
    QByteArray method; // "GET" or "POST"
    QUrl url;
    QByteArray body;        // empty for GET (the fields are in the query)
    QByteArray contentType; // for POST
    QStringList fieldNames; // in the order sent, for messages (never values)
};

// A site's login form submitted as a browser would (WHATWG "constructing the entry list"):
// every successful control is kept, hidden CSRF tokens included: text-like inputs with their
// value, checked checkboxes and radios ("on" without a value), each select's selected options
// (else its first enabled option), textareas; disabled controls (and those in a disabled
// fieldset), file inputs, and buttons are left out: the form is submitted without a submitter,
// as form.submit() does. Then the configured fields are filled in.
class LoginForm
{
public:
    // The form `formCss` picks, else the first form with a password input; null when the
    // page has none (a page that shows no login form is taken as logged in).
    static xmlNodePtr find(const extract::HtmlDocument &doc, const QString &formCss);

    // The submission for `form` on the page at `pageUrl`. A configured field the form does
    // not have is an error listing the form's fields.
    static Result<FormSubmission> submit(xmlNodePtr form, const QUrl &pageUrl,
                                         const QList<std::pair<QString, QString>> &fields);

    // application/x-www-form-urlencoded, as browsers encode it (space as '+').
    static QByteArray urlEncode(const QList<std::pair<QString, QString>> &entries);
};

} // namespace kpi::sources
