// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "settings/AppSettings.h"

#include <QSettings>

namespace kpi::settings {

namespace {

const auto WorkspaceKey = QStringLiteral("files/workspace");
const auto DatabaseKey = QStringLiteral("files/database");
const auto CloseToTrayKey = QStringLiteral("desktop/closeToTray");
const auto NotifyFailuresKey = QStringLiteral("desktop/notifyFailures");

void setOrRemove(const QString &key, const QString &value)
{
    QSettings settings;
    if (value.trimmed().isEmpty())
        settings.remove(key);
    else
        settings.setValue(key, value.trimmed());
}

} // namespace

QString AppSettings::workspacePath()
{
    return QSettings().value(WorkspaceKey).toString();
}

void AppSettings::setWorkspacePath(const QString &path)
{
    setOrRemove(WorkspaceKey, path);
}

QString AppSettings::databaseSpec()
{
    return QSettings().value(DatabaseKey).toString();
}

void AppSettings::setDatabaseSpec(const QString &spec)
{
    setOrRemove(DatabaseKey, spec);
}

bool AppSettings::closeToTray()
{
    return QSettings().value(CloseToTrayKey, true).toBool();
}

void AppSettings::setCloseToTray(bool enabled)
{
    QSettings().setValue(CloseToTrayKey, enabled);
}

bool AppSettings::notifyFailures()
{
    return QSettings().value(NotifyFailuresKey, true).toBool();
}

void AppSettings::setNotifyFailures(bool enabled)
{
    QSettings().setValue(NotifyFailuresKey, enabled);
}

QString AppSettings::databaseWhere()
{
    return QStringLiteral("settings: database");
}

} // namespace kpi::settings
