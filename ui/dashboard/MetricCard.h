// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "dashboard/CardData.h"

#include <QFrame>

class QAction;
class QLabel;

namespace kpi::ui {

class Sparkline;

// One metric on the dashboard: name, value, change against the compare period, a sparkline
// of the last 30 days, when it was collected, and a badge when its source failed. Clicking
// it (or Enter when focused) opens its chart.
class MetricCard : public QFrame
{
    Q_OBJECT

public:
    explicit MetricCard(const CardData &data, QWidget *parent = nullptr);

    void setData(const CardData &data);
    const CardData &data() const { return m_data; }
    void setCompareDays(int days) { m_compareDays = days; }

    // What the labels say, for tests and screen readers.
    QString valueText() const;
    QString changeText() const;
    bool hasErrorBadge() const;

Q_SIGNALS:
    void activated(const QString &metricKey);
    void northStarRequested(const QString &metricKey);
    void arrowPressed(Qt::Key key);

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void refresh();

    CardData m_data;
    QAction *m_northStarAction;
    int m_compareDays = 7;
    QLabel *m_title;
    QLabel *m_badge;
    QLabel *m_value;
    QLabel *m_change;
    Sparkline *m_sparkline;
    QLabel *m_collected;
};

// "1,204", "12.5 k" for large numbers, with the unit.
QString formatValue(double value, const QString &unit = {});
// "▲ +38 (+3.2%)", "▼ −4 (−1.1%)", "= 0".
QString formatChange(const CardData &card);

} // namespace kpi::ui
