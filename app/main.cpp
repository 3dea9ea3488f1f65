// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
// main(): a command runs headless on QCoreApplication; no command opens the window.
#include "MainWindow.h"
#include "cli/CommandLine.h"
#include "util/Version.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>

namespace {

void describeApplication()
{
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
        describeApplication();
        return kpi::cli::CommandLine::run(app);
    }

    QApplication app(argc, argv);
    describeApplication();
    QGuiApplication::setApplicationDisplayName(QStringLiteral("KPI Collector"));
    QGuiApplication::setDesktopFileName(QStringLiteral("kpi-collector"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/kpi-collector.svg")));

    const auto options = kpi::cli::CommandLine::commonOptions(app.arguments());
    kpi::ui::MainWindow window(options.workspace, options.database);
    window.show();
    return app.exec();
}
