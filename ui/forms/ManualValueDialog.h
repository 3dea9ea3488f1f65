// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "util/Result.h"

#include <QDateTime>
#include <QDialog>
#include <QStringList>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace kpi::store {
class HistoryStore;
}

namespace kpi::ui {

// Records a value by hand, with its date: for a metric no source can fetch (revenue from
// the bank statement, a survey's score). It is stored as a manual sample, and reports,
// charts and destinations treat it like any other.
class ManualValueDialog : public QDialog
{
    Q_OBJECT

public:
    // `metricKeys`: offered first (the workspace's); any other valid key may be typed.
    ManualValueDialog(store::HistoryStore *history, const QStringList &metricKeys,
                      QWidget *parent = nullptr);

    // The one place a manual value is written (the command line's `record` can use it too).
    static Result<void> record(store::HistoryStore &history, const QString &metricKey, double value,
                               const QDateTime &at);

    QComboBox *metricBox() const { return m_metric; }
    QLineEdit *valueEdit() const { return m_value; }
    QDateTimeEdit *dateEdit() const { return m_date; }
    QPushButton *recordButton() const { return m_record; }
    QString errorText() const;

private:
    void onRecord();

    store::HistoryStore *m_history;
    QComboBox *m_metric;
    QLineEdit *m_value;
    QDateTimeEdit *m_date;
    QLabel *m_error;
    QPushButton *m_record;
};

} // namespace kpi::ui
