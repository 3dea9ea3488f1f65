// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "Autostart.h"

#include "util/Version.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace kpi::ui {

namespace {

QString fileName()
{
    return QString::fromLatin1(kpi::ApplicationId) + QStringLiteral("-autostart.desktop");
}

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::ui::Autostart", text);
}

QByteArray entryContent()
{
    const QString installed = QStandardPaths::locate(QStandardPaths::GenericDataLocation,
                                                     QStringLiteral("kpi-collector/") + fileName());
    if (QFile file(installed); !installed.isEmpty() && file.open(QIODevice::ReadOnly))
        return file.readAll();
    // Not installed: start this very binary. Exec quoting per the Desktop Entry spec.
    QString exec = QCoreApplication::applicationFilePath();
    exec.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QStringLiteral("[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=KPI Collector\n"
                          "Exec=\"%1\" --minimized\n"
                          "Icon=%2\n"
                          "Terminal=false\n"
                          "NoDisplay=true\n"
                          "X-GNOME-Autostart-enabled=true\n")
        .arg(exec, QString::fromLatin1(kpi::ApplicationId))
        .toUtf8();
}

} // namespace

QString Autostart::entryPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/autostart/") + fileName();
}

bool Autostart::isEnabled()
{
    return QFile::exists(entryPath());
}

Result<void> Autostart::setEnabled(bool enabled)
{
    const QString path = entryPath();
    if (!enabled) {
        if (QFile::exists(path) && !QFile::remove(path))
            return Result<void>::error(Error::Code::Storage,
                                       tr("cannot remove %1").arg(QDir::toNativeSeparators(path)));
        return Result<void>::ok();
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(entryContent()) < 0 || !file.commit())
        return Result<void>::error(
            Error::Code::Storage,
            tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return Result<void>::ok();
}

} // namespace kpi::ui
