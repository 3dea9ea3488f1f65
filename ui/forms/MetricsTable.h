// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "forms/FieldSpec.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace kpi::ui {

// A source's metrics as a table, a row per metric. Keys without a column (scale, xpath,
// decimalSeparator) stay in each metric as they were.
class MetricsTable : public QWidget
{
    Q_OBJECT

public:
    explicit MetricsTable(const QList<MetricColumn> &columns, QWidget *parent = nullptr);

    void setMetrics(const QJsonArray &metrics);
    QJsonArray metrics() const;
    // Errors under "metrics", e.g. "[1].path" → the cell of metric 2's path.
    void setErrors(const QList<std::pair<QString, QString>> &relativeErrors);
    QString errorText() const;

    QTableWidget *table() const { return m_table; }
    void addMetric();
    // Sets a cell by its column key (tests, presets).
    void setCell(int row, const QString &key, const QString &text);
    QString cell(int row, const QString &key) const;

Q_SIGNALS:
    void changed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    int columnOf(const QString &key) const;
    void appendRow(const QJsonObject &metric);

    QList<MetricColumn> m_columns;
    QList<QJsonObject> m_originals;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    QLabel *m_errors;
    bool m_filling = false;
    int m_wideColumn = -1; // the JSONPath or selector column, given more room
};

} // namespace kpi::ui
