// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QObject>

#include <memory>

namespace kpi::pipeline {
struct RunReport;
}

namespace kpi::ui {

class MainWindow;
class TrayController;

// The desktop app: the window, and the tray icon where the desktop has one. With a tray,
// closing the window leaves the app collecting in the tray (said once), unless Settings
// say closing quits; without one, the app is its window and says so. Failure
// notifications follow Settings too (settings::AppSettings).
class DesktopApp : public QObject
{
    Q_OBJECT

public:
    // With startInTray (the autostart entry) and no tray yet, how long to wait for one.
    static constexpr int TrayRetryIntervalMs = 2000;
    static constexpr int TrayRetryAttempts = 15;

    // Detected: a tray when the desktop has one. Assumed: a tray whatever the desktop says
    // (tests, which run where there is none, check what the tray does).
    enum class TrayPresence { Detected, Assumed };

    DesktopApp(const QString &workspacePath, const QString &databaseSpec, bool startInTray,
               TrayPresence presence = TrayPresence::Detected, QObject *parent = nullptr);
    ~DesktopApp() override;

    MainWindow *window() const { return m_window.get(); }
    // Null where the desktop has no tray.
    TrayController *tray() const { return m_tray; }

    // Brings the window forward: the tray's Open, or a second launch.
    void activate();

Q_SIGNALS:
    // The tray's Quit, or the window closed with "keep running in the tray" off: main()
    // ends the event loop.
    void quitRequested();

private:
    void setUpTray(bool startInTray);
    // The tray's next time follows the window's current schedule.
    void connectSchedule();
    void runWithoutTray();
    void onRunStarted();
    void onRunFinished(const pipeline::RunReport &report);
    void onWindowClosed();
    void refreshTray();
    QString northStarText() const;

    std::unique_ptr<MainWindow> m_window;
    TrayController *m_tray = nullptr;
};

} // namespace kpi::ui
