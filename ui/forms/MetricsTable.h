// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "forms/FieldSpec.h"

#include <QHash>
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
    // `scalable`: whether the metrics may have a `scale` (all but manual ones).
    MetricsTable(const QList<MetricColumn> &columns, bool scalable, QWidget *parent = nullptr);

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
    // The selected metric's other settings, under the table: plausibility, scale, which
    // way is better. Keyed as in the workspace file ("min", "better", …).
    QWidget *detailField(const QString &key) const { return m_detailFields.value(key); }

Q_SIGNALS:
    void changed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    int columnOf(const QString &key) const;
    void appendRow(const QJsonObject &metric);
    QWidget *makeDetails(bool scalable);
    void showDetails(int row);
    void storeDetail(const QString &key);

    QList<MetricColumn> m_columns;
    QList<QJsonObject> m_originals;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    QLabel *m_errors;
    bool m_filling = false;
    int m_wideColumn = -1; // the JSONPath or selector column, given more room
    QWidget *m_details = nullptr;
    QHash<QString, QWidget *> m_detailFields;
};

} // namespace kpi::ui
