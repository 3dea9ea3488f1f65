// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace kpi::cli {

// The command line of PRODUCT.md: finds the subcommand, parses its options with a
// QCommandLineParser of its own, runs it and returns the exit status.
class CommandLine
{
public:
    struct CommonOptions
    {
        QString workspace; // --workspace
        QString database;  // --database
    };

    // True when the arguments name a command (or ask for --help / --version): run
    // headless. Without one the app opens its window.
    static bool wantsCommandLine(const QStringList &arguments);
    // --workspace and --database, wherever they stand; for the window too.
    static CommonOptions commonOptions(const QStringList &arguments);

    // Runs the command in `app`'s event loop, then ends the process with its exit status
    // once its output is flushed and its database closed (sanitizer builds return it).
    static int run(QCoreApplication &app);
};

} // namespace kpi::cli
