// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QString>

#include <memory>

class QSettings;

namespace kpi::settings {

// The app's own preferences (the window's Settings dialog), kept with QSettings: one place
// for their keys, read by the command line and the window alike so both use the same files.
// What the workspace file holds (schedule, time zone) is not here; that is the workspace's.
//
// Which workspace and history are used, first match wins:
//   --workspace FILE > KPI_COLLECTOR_WORKSPACE > workspacePath() > the default path,
//   --database SPEC  > KPI_COLLECTOR_DATABASE  > databaseSpec()  > the default file
// (WorkspaceLoader::resolvePath, store::DatabaseLocation::resolve).
class AppSettings
{
public:
    // Where every preference of the app is kept, the window's size and place too:
    // ~/.config/kpi-collector/settings.conf (an INI file).
    static std::unique_ptr<QSettings> open();

    // Empty: not set. Setting an empty string removes the key.
    static QString workspacePath();
    static void setWorkspacePath(const QString &path);
    // A file path, sqlite:///path or postgresql://… as --database takes it; empty: not set.
    static QString databaseSpec();
    static void setDatabaseSpec(const QString &spec);

    // Closing the window leaves the app collecting in the tray (where there is one); off,
    // closing the window quits. Default on.
    static bool closeToTray();
    static void setCloseToTray(bool enabled);
    // A tray notification when a collection fails. Default on.
    static bool notifyFailures();
    static void setNotifyFailures(bool enabled);

    // "~/kpi/workspace.json" as a shell reads it: a setting written by hand that way works
    // from any folder.
    static QString expandHome(const QString &text);

    // For messages about a bad stored value: "settings: database".
    static QString databaseWhere();
};

} // namespace kpi::settings
