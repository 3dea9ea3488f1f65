// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "util/Error.h"
#include "workspace/Preset.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace kpi::workspace {

// The presets compiled in from resources/presets/*.json, and their expansion: a workspace
// source {"id", "preset", "params", "secrets"} becomes the JSON of an ordinary http-json
// source, which WorkspaceLoader then checks like any other.
class PresetCatalog
{
public:
    // Loaded once, on first use.
    static const PresetCatalog &builtIn();
    // Every *.json in `folder` (a resource path or a directory).
    static PresetCatalog load(const QString &folder);

    const QList<Preset> &presets() const { return m_presets; } // by id
    QStringList ids() const;
    const Preset *find(const QString &id) const;
    // Files that did not load (TestPresets keeps this empty for the built-in ones).
    const QList<Error> &loadErrors() const { return m_loadErrors; }

    static bool isPresetSource(const QJsonValue &source);
    // The expanded source, or nothing with the errors appended, each naming its place under
    // `location` ("sources[2].params.repo: …").
    std::optional<QJsonObject> expand(const QJsonObject &source, const QString &location,
                                      QList<Error> *errors) const;

private:
    QList<Preset> m_presets;
    QList<Error> m_loadErrors;
};

} // namespace kpi::workspace
