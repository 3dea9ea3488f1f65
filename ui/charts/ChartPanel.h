// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "report/ChartSeries.h"
#include "store/HistoryStore.h"
#include "util/Result.h"
#include "workspace/Workspace.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QListWidget;
class QPushButton;
class QChart;
class QChartView;
class QDateTimeAxis;
class QValueAxis;

namespace kpi::ui {

// Charts of one or several metrics over time (Qt Charts): a range, a bucket with its
// aggregation, the previous period as a dashed overlay, a tooltip on hover, and export to
// PNG and CSV. The series come from report::ChartSeries; long ones are thinned with LTTB
// to about two points per pixel, so 100,000 samples draw as fast as 1,000.
class ChartPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ChartPanel(QWidget *parent = nullptr);

    void setHistory(const store::HistoryStore *history, const workspace::Workspace &workspace);
    // The metrics drawn; the first one checked when none is.
    void showMetrics(const QStringList &metricKeys);
    QStringList shownMetrics() const;
    void setRange(report::ChartSeries::Range range, QDate from = {}, QDate to = {});
    void setBucket(std::optional<report::Bucketer::Size> bucket,
                   report::ChartSeries::Aggregation aggregation);
    void setPreviousShown(bool shown);
    // The end of every range; the current time when invalid (tests and screenshots fix it).
    void setReferenceTime(const QDateTime &now);

    // Reads the history again and redraws: after a run, or when a control changes.
    void reload();
    // Reloads now if shown, else when next shown (the window starts without drawing a
    // chart nobody looks at).
    void invalidate();

    // What was drawn, at full resolution (before thinning): what CSV export writes.
    const QList<report::ChartSeries::Series> &series() const { return m_series; }
    QChart *chart() const;
    QChartView *chartView() const { return m_view; }
    int displayedPointCount() const;
    // Values outside their metric's plausibility bounds, marked apart from the line.
    int suspectPointCount() const { return m_suspectCount; }

    Result<void> exportPng(const QString &path) const;
    Result<void> exportCsv(const QString &path) const;

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyPalette();
    void fillMetricList();
    void exportPngInteractively();
    void exportCsvInteractively();
    void showHover(const QString &label, const QPointF &point, bool state);
    void layoutDateAxis();
    void addSuspectSeries(QChart *chart, const QString &label, const QList<QPointF> &points,
                          bool onLeft);
    QDateTime referenceTime() const;

    const store::HistoryStore *m_history = nullptr;
    workspace::Workspace m_workspace;
    QDateTime m_now;
    bool m_reloading = false;
    bool m_stale = true;

    QListWidget *m_metrics;
    QComboBox *m_range;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_bucket;
    QComboBox *m_aggregation;
    QCheckBox *m_previous;
    QChartView *m_view;
    QDateTimeAxis *m_axisX;
    QValueAxis *m_axisY;      // the first metric's
    QValueAxis *m_axisYRight; // the others', as their scale is often another
    QList<report::ChartSeries::Series> m_series;
    int m_suspectCount = 0;
    std::pair<qint64, qint64> m_spanMs{0, 0}; // what the date axis covers
};

} // namespace kpi::ui
