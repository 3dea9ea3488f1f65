// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "util/Result.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QSet>
#include <QString>

namespace kpi::workspace {

struct PresetParam
{
    QString name;
    bool required = false;
    QString defaultValue;
    bool isUrl = false;    // an http(s) base address, put into the URL as it is
    bool advanced = false; // left out of the window's forms; tests point baseUrl at fakes
    QString description;   // completes "expected …", e.g. "the repository as owner/name"
    QString example;
    QRegularExpression pattern; // empty: any non-empty string
};

struct PresetSecret
{
    QString name; // the slot, e.g. "token"; the workspace maps it to a secret's name
    bool required = false;
    QString description;
};

// One data file of resources/presets: how a well-known API becomes an ordinary http-json
// source (docs/sources.md). Templates say "{param}" or "{param|filter}"; a
// request's headers and auth name secret slots, which the workspace fills in.
struct Preset
{
    QString id;
    QString label;
    QString description;
    QString documentation; // the API's own documentation
    QList<PresetParam> params;
    QList<PresetSecret> secrets;
    QJsonObject request; // url, headers, auth: templates
    QJsonArray metrics;  // key, path, label, unit, scale; key and label are templates

    const PresetParam *param(const QString &name) const;
    const PresetSecret *secret(const QString &name) const;
    QStringList paramNames() const;
    QStringList secretNames() const;

    // Reads and checks a preset file: every placeholder names a declared parameter and a
    // known filter, every secret reference a declared slot, every pattern compiles.
    static Result<Preset> fromJson(const QByteArray &json);

    // "{name}" and "{name|filter}" replaced by the values; in a URL, values of other than
    // url parameters are percent-encoded ("/" and "@" kept: "owner/name", "@scope/name").
    // Filters: lower, upper, pep503 (lower case, runs of "-", "_", "." made one "-").
    static QString fill(const QString &text, const QHash<QString, QString> &values,
                        const QSet<QString> &rawValues, bool inUrl);
    // The placeholders in `text` that are not valid for `preset`, as messages.
    static QStringList templateProblems(const QString &text, const Preset &preset);
};

} // namespace kpi::workspace
