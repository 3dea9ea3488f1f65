// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "settings/AppSettings.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace kpi::settings {

namespace {

const auto WorkspaceKey = QStringLiteral("files/workspace");
const auto DatabaseKey = QStringLiteral("files/database");
const auto CloseToTrayKey = QStringLiteral("desktop/closeToTray");
const auto NotifyFailuresKey = QStringLiteral("desktop/notifyFailures");

void setOrRemove(const QString &key, const QString &value)
{
    const auto settings = AppSettings::open();
    if (value.trimmed().isEmpty())
        settings->remove(key);
    else
        settings->setValue(key, value.trimmed());
}

} // namespace

// A file of our own beside the workspace: open() without an organisation name would
// write to ~/.config/Unknown Organization/, and naming one would move the app's folders
// (QStandardPaths puts the organisation in every path).
std::unique_ptr<QSettings> AppSettings::open()
{
    return std::make_unique<QSettings>(
        QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
            QStringLiteral("/settings.conf"),
        QSettings::IniFormat);
}

QString AppSettings::workspacePath()
{
    return expandHome(open()->value(WorkspaceKey).toString());
}

QString AppSettings::expandHome(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == QLatin1String("~") || trimmed.startsWith(QLatin1String("~/")))
        return QDir::homePath() + trimmed.mid(1);
    return trimmed;
}

void AppSettings::setWorkspacePath(const QString &path)
{
    setOrRemove(WorkspaceKey, path);
}

QString AppSettings::databaseSpec()
{
    return expandHome(open()->value(DatabaseKey).toString());
}

void AppSettings::setDatabaseSpec(const QString &spec)
{
    setOrRemove(DatabaseKey, spec);
}

bool AppSettings::closeToTray()
{
    return open()->value(CloseToTrayKey, true).toBool();
}

void AppSettings::setCloseToTray(bool enabled)
{
    open()->setValue(CloseToTrayKey, enabled);
}

bool AppSettings::notifyFailures()
{
    return open()->value(NotifyFailuresKey, true).toBool();
}

void AppSettings::setNotifyFailures(bool enabled)
{
    open()->setValue(NotifyFailuresKey, enabled);
}

QString AppSettings::databaseWhere()
{
    return QStringLiteral("settings: database");
}

} // namespace kpi::settings
