// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "util/Error.h"
#include "workspace/Workspace.h"

#include <QList>

namespace kpi::workspace {

// Reads and validates a workspace file (docs/workspace.md). Reports every error at once,
// each naming its JSON path (`sources[2].metrics[0].path: expected a JSONPath, got
// "stars"`); unknown keys are errors, so a typo never passes silently.
class WorkspaceLoader
{
public:
    struct Outcome
    {
        Workspace workspace; // complete only when errors is empty
        QList<Error> errors;
        bool isOk() const { return errors.isEmpty(); }
    };

    static Outcome parse(const QByteArray &json);
    // Errors about the file itself (missing, unreadable) have the path as their place.
    static Outcome loadFile(const QString &path);

    // The workspace to use: `explicitPath` (--workspace) if given, else
    // KPI_COLLECTOR_WORKSPACE, else the window's setting (settings::AppSettings), else
    // workspace.json in the app's config folder.
    static QString resolvePath(const QString &explicitPath);
    static QString defaultPath();

    static QStringList sourceTypes();
    static QStringList destinationTypes();

    // Why Discord would refuse `name` as a webhook message's username, or empty when it is
    // fine (https://discord.com/developers/docs/resources/user#usernames-and-nicknames).
    static QString discordUsernameProblem(const QString &name);
};

} // namespace kpi::workspace
