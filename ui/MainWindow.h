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
class QLabel;
class QProgressBar;
class QTableWidget;
class QPlainTextEdit;

namespace kpi::pipeline {
class CollectRun;
}

namespace kpi::ui {

// The window, for now: the latest value of every metric with its change, Collect now
// with a progress bar, and the last run's errors. The dashboard and charts replace the
// table in a later release.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(const QString &workspacePath, const QString &databaseSpec,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    void collectNow();

private:
    void loadWorkspace();
    void refreshValues();
    void onSourceFinished(int done, int total);
    void onRunFinished(const pipeline::RunReport &report);
    void showProblem(const QString &text);

    QString m_workspacePath;
    QString m_databaseSpec;
    workspace::Workspace m_workspace;
    bool m_workspaceOk = false;
    pipeline::Services m_services;
    std::unique_ptr<store::HistoryStore> m_history;
    QPointer<pipeline::CollectRun> m_run;

    QAction *m_collectAction;
    QTableWidget *m_table;
    QLabel *m_problem;
    QPlainTextEdit *m_runLog;
    QProgressBar *m_progress;
    QLabel *m_status;
};

} // namespace kpi::ui
