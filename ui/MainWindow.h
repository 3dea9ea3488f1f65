// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "pipeline/RunReport.h"
#include "pipeline/Services.h"
#include "store/HistoryStore.h"
#include "workspace/Workspace.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAction;
class QFileSystemWatcher;
class QTimer;
class QLabel;
class QProgressBar;
class QTabWidget;

namespace kpi::pipeline {
class Collector;
}
namespace kpi::delivery {
class DeliveryWorker;
}
namespace kpi::schedule {
class CollectionSchedule;
class DeliverySchedule;
class WallClockWatcher;
} // namespace kpi::schedule

namespace kpi::ui {

class ChartPanel;
class DashboardView;
class RunLogView;

// The window: the dashboard (a card per metric), charts, and the run log, in tabs;
// Collect now with a progress bar and Cancel. Its size and place are remembered.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(const QString &workspacePath, const QString &databaseSpec,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    void collectNow();
    pipeline::Collector *collector() const { return m_collector; }
    // Null when the workspace or the history cannot be used.
    schedule::CollectionSchedule *schedule() const { return m_schedule; }
    const workspace::Workspace &workspace() const { return m_workspace; }
    store::HistoryStore *history() const { return m_history.get(); }
    // Pause from the tray: kept by the window, so that every schedule a reload brings (also
    // after a workspace that could not be used) is paused too.
    void setSchedulePaused(bool paused);
    bool isSchedulePaused() const { return m_schedulePaused; }
    // Shows a note in the status bar, e.g. why a scheduled run did not happen.
    void showNote(const QString &text);

    enum class Page { Dashboard, Charts, RunLog };
    void showPage(Page page);
    // Opens the chart of one metric (what clicking its card does).
    void showChart(const QString &metricKey);
    // Sources and destinations, in forms (ui/forms/WorkspaceEditor).
    void editWorkspace();
    // Pins a metric first on the dashboard and in the digests (the workspace's northStar).
    void setNorthStar(const QString &metricKey);
    // Reads the workspace file again (it changed on disk: the editor saved, or someone
    // edited it by hand).
    void reloadWorkspace();
    // Uses another workspace file from now on (the Settings dialog chose it): watched, and
    // read at once even if it does not exist yet.
    void openWorkspace(const QString &path);
    QString workspacePath() const { return m_workspacePath; }
    // The Settings dialog (ui/settings/SettingsDialog), window-modal.
    void openSettings();
    DashboardView *dashboard() const { return m_dashboard; }
    ChartPanel *charts() const { return m_charts; }
    RunLogView *runLog() const { return m_runLogView; }

Q_SIGNALS:
    // The window was closed by the user (not by quitting).
    void closed();
    // The workspace was (re)loaded and schedule() is a new object, or null.
    void scheduleChanged();
    // The Settings dialog applied its changes (tray, notifications, start at login).
    void settingsChanged();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void loadWorkspace();
    void watchWorkspace();
    void showEmptyText();
    void refreshValues();
    void refreshAll();
    void onRunStarted(int sourceCount);
    void onSourceFinished(const sources::SourceOutcome &outcome, int done, int total);
    void onRunFinished(const pipeline::RunReport &report);
    void showProblem(const QString &text);

    QString m_explicitWorkspace; // --workspace, empty when not given
    QString m_workspacePath;
    QString m_databaseSpec;
    workspace::Workspace m_workspace;
    bool m_workspaceOk = false;
    pipeline::Services m_services;
    std::unique_ptr<store::HistoryStore> m_history;
    pipeline::Collector *m_collector;
    schedule::CollectionSchedule *m_schedule = nullptr;
    delivery::DeliveryWorker *m_deliveries = nullptr;
    schedule::DeliverySchedule *m_deliverySchedule = nullptr;

    QAction *m_collectAction;
    QAction *m_cancelAction;
    QTabWidget *m_tabs;
    DashboardView *m_dashboard;
    ChartPanel *m_charts;
    RunLogView *m_runLogView;
    QLabel *m_problem;
    bool m_geometryRestored = false;
    bool m_schedulePaused = false;
    schedule::WallClockWatcher *m_clockWatcher = nullptr;
    QFileSystemWatcher *m_workspaceWatcher = nullptr;
    QTimer *m_reloadTimer = nullptr;
    QByteArray m_workspaceContent; // as last loaded
    bool m_forceReload = false;    // another file: read it even if the bytes look the same
    QProgressBar *m_progress;
    QLabel *m_status;
};

} // namespace kpi::ui
