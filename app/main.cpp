// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
// main(): a command runs headless on QCoreApplication; no command opens the window and
// the tray, once per user.
#include "DesktopApp.h"
#include "cli/CommandLine.h"
#include "util/SingleInstance.h"
#include "util/Translations.h"
#include "util/Version.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>

namespace {

// Before anything prints: the English plural forms ("1 value", "2 values"), see
// util/Translations.h.
void describeApplication(QCoreApplication &app)
{
    kpi::installTranslations(app);
    // No organisation: the folders are ~/.config/kpi-collector and ~/.local/share/kpi-collector.
    QCoreApplication::setApplicationName(QString::fromLatin1(kpi::ApplicationName));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(kpi::Version));
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));

    if (kpi::cli::CommandLine::wantsCommandLine(arguments)) {
        QCoreApplication app(argc, argv);
        describeApplication(app);
        return kpi::cli::CommandLine::run(app);
    }

    QApplication app(argc, argv);
    describeApplication(app);
    QGuiApplication::setApplicationDisplayName(QStringLiteral("KPI Collector"));
    QGuiApplication::setDesktopFileName(QString::fromLatin1(kpi::ApplicationId));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/kpi-collector.svg")));

    // A second launch brings the first window forward instead of starting a second
    // scheduler.
    kpi::SingleInstance instance(QStringLiteral("window"));
    if (instance.claim("activate") == kpi::SingleInstance::Role::Secondary)
        return 0;

    const auto options = kpi::cli::CommandLine::commonOptions(app.arguments());
    // --minimized: started by the autostart entry, straight to the tray.
    kpi::ui::DesktopApp desktop(options.workspace, options.database,
                                app.arguments().contains(QLatin1String("--minimized")));
    QObject::connect(&desktop, &kpi::ui::DesktopApp::quitRequested, &app, &QApplication::quit);
    QObject::connect(&instance, &kpi::SingleInstance::messageReceived, &desktop,
                     [&desktop](const QByteArray &message) {
                         if (message == "activate")
                             desktop.activate();
                     });
    return app.exec();
}
