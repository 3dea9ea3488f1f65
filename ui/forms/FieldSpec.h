// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace kpi::ui {

// One field of a source or destination form: which workspace key it edits and how.
// Dotted keys reach into an object (`auth.type`, `nextPage.css`).
struct FieldSpec
{
    enum class Kind {
        Text,
        Url,
        Secret,  // {"secret": NAME} in the file; the value goes to the keychain
        Integer, // a whole number; empty leaves the key out
        Choice,  // one of `choices`
        Bool,
        Json, // any JSON value (headers, body, properties), typed as JSON
    };

    QString key;
    QString label; // with a mnemonic (&)
    Kind kind = Kind::Text;
    bool required = false;
    QString help;             // shown under the field, and as its tool tip
    QString placeholder;      // the default, or an example
    QStringList choices;      // Choice: the values in the file
    QStringList choiceLabels; // Choice: what people read; the values when empty
    bool boolDefault = false; // Bool: the value when the key is left out
    int minimum = 0;          // Integer
    int maximum = 0;
    // Secret: the file names the secret as a plain string (`"secret": "github-token"` inside
    // auth) rather than as {"secret": NAME}.
    bool plainSecretName = false;
    // Secret: the name proposed for a new secret, after the entry's id: `<id>-<suffix>`.
    QString secretSuffix;
    // Shown only while the field `visibleWhenKey` holds one of `visibleWhenValues`; hidden
    // fields are left out of the file (the loader would call them unknown keys).
    QString visibleWhenKey;
    QStringList visibleWhenValues;
};

// The metrics table's columns for a source type.
struct MetricColumn
{
    QString key;
    QString label;
    QString placeholder;
    QStringList choices; // a combo box when set (html's extract)
};

// A ready source to start from: the user fills in their own names.
struct SourcePreset
{
    QString label; // in the Add menu
    QString idBase;
    QByteArray json; // the entry, without its id
};

// The forms, per type. A type nobody described gets just id and type, and its other keys
// are kept as they are.
class FormSpecs
{
public:
    static QList<FieldSpec> source(const QString &type);
    static QList<FieldSpec> destination(const QString &type);
    static QList<MetricColumn> metricColumns(const QString &sourceType);
    static QList<SourcePreset> sourcePresets();

    static QStringList sourceTypes();
    static QStringList destinationTypes();
    // "JSON API", "Web page (HTML)", "Discord", …
    static QString typeLabel(const QString &type);
};

} // namespace kpi::ui
