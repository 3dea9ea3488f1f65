// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "store/HistoryStore.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace kpi::ui {

// The run log: every run with its status, start and duration; the chosen run's events
// (per source: step, HTTP status, message), which Copy (Ctrl+C) puts on the clipboard as
// text to paste into a bug report.
class RunLogView : public QWidget
{
    Q_OBJECT

public:
    static constexpr int MaxRuns = 500;

    explicit RunLogView(QWidget *parent = nullptr);

    void setHistory(const store::HistoryStore *history);
    // Reads the runs again, keeping the chosen one chosen.
    void reload();
    void selectRun(qint64 runId);
    qint64 selectedRun() const;

    QTreeWidget *runList() const { return m_runs; }
    QTreeWidget *eventList() const { return m_events; }
    // The chosen run and its events as plain text: what Copy copies.
    QString selectedRunText() const;
    void copy() const;

    static QString statusText(store::RunStatus status);
    static QString durationText(qint64 ms);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showEvents();

    const store::HistoryStore *m_history = nullptr;
    QTreeWidget *m_runs;
    QTreeWidget *m_events;
    QLabel *m_summary;
    QPushButton *m_copy;
};

} // namespace kpi::ui
