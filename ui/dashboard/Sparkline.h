// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QList>
#include <QPointF>
#include <QWidget>

namespace kpi::ui {

// A small line of a metric's last days, painted by hand: a QChart per card would cost
// tens of milliseconds each at start.
class Sparkline : public QWidget
{
    Q_OBJECT

public:
    explicit Sparkline(QWidget *parent = nullptr);

    void setPoints(const QList<QPointF> &points);
    const QList<QPointF> &points() const { return m_points; }
    QSize sizeHint() const override { return {160, 36}; }
    QSize minimumSizeHint() const override { return {60, 24}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<QPointF> m_points;
};

} // namespace kpi::ui
