// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "workspace/Workspace.h"

#include <QDialog>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace kpi::store {
class HistoryStore;
}

namespace kpi::ui {

// Records a value by hand, with its date, for a metric of a `manual` source (revenue from
// the bank statement, a survey's score): what `kpi-collector record` does, through the
// same pipeline::ManualRecorder, so the window and the command line accept and store the
// same. Reports, charts and destinations treat it like any other value.
class ManualValueDialog : public QDialog
{
    Q_OBJECT

public:
    // Offers the metrics of the workspace's manual sources; without any, says how to add one.
    ManualValueDialog(store::HistoryStore *history, const workspace::Workspace &workspace,
                      QWidget *parent = nullptr);

    QComboBox *metricBox() const { return m_metric; }
    QLineEdit *valueEdit() const { return m_value; }
    QDateTimeEdit *dateEdit() const { return m_date; }
    QPushButton *recordButton() const { return m_record; }
    QString errorText() const;

private:
    void onRecord();

    store::HistoryStore *m_history;
    workspace::Workspace m_workspace;
    QComboBox *m_metric;
    QLineEdit *m_value;
    QDateTimeEdit *m_date;
    QLabel *m_error;
    QPushButton *m_record;
};

} // namespace kpi::ui
