// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "dashboard/Sparkline.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace kpi::ui {

Sparkline::Sparkline(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

void Sparkline::setPoints(const QList<QPointF> &points)
{
    m_points = points;
    update();
}

void Sparkline::paintEvent(QPaintEvent *)
{
    if (m_points.size() < 2)
        return;
    const auto [minX, maxX] =
        std::minmax_element(m_points.cbegin(), m_points.cend(),
                            [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
    const auto [minY, maxY] =
        std::minmax_element(m_points.cbegin(), m_points.cend(),
                            [](const QPointF &a, const QPointF &b) { return a.y() < b.y(); });
    const double spanX = std::max(maxX->x() - minX->x(), 1.0);
    double spanY = maxY->y() - minY->y();
    const double baseY = spanY > 0 ? minY->y() : minY->y() - 1;
    if (spanY <= 0)
        spanY = 2; // a flat line sits in the middle
    const QRectF area = QRectF(rect()).adjusted(2, 3, -2, -3);
    const auto map = [&](const QPointF &p) {
        return QPointF(area.left() + (p.x() - minX->x()) / spanX * area.width(),
                       area.bottom() - (p.y() - baseY) / spanY * area.height());
    };

    QPainterPath line;
    line.moveTo(map(m_points.first()));
    for (qsizetype i = 1; i < m_points.size(); ++i)
        line.lineTo(map(m_points[i]));
    QPainterPath fill = line;
    fill.lineTo(area.right(), area.bottom());
    fill.lineTo(area.left(), area.bottom());
    fill.closeSubpath();

    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QColor accent = palette().color(QPalette::Highlight);
    QColor under = accent;
    under.setAlphaF(0.15);
    painter.fillPath(fill, under);
    painter.setPen(QPen(accent, 1.6));
    painter.drawPath(line);
    painter.setBrush(accent);
    painter.drawEllipse(map(m_points.last()), 2.5, 2.5);
}

} // namespace kpi::ui
