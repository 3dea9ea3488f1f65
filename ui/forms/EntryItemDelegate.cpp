// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "forms/EntryItemDelegate.h"

#include <QApplication>
#include <QPainter>

namespace kpi::ui {

namespace {
constexpr int Padding = 6;

QFont subtitleFont(QFont font)
{
    font.setPointSizeF(font.pointSizeF() * 0.88);
    return font;
}
} // namespace

void EntryItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group =
        option.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
    QColor titleColor =
        option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    // A foreground set on the item (the editor's red for an entry with problems) wins.
    if (const QVariant foreground = index.data(Qt::ForegroundRole);
        foreground.canConvert<QBrush>() && !selected)
        titleColor = foreground.value<QBrush>().color();
    QColor subtitleColor = titleColor;
    subtitleColor.setAlphaF(0.65);

    const QRect area = option.rect.adjusted(Padding + 2, Padding, -Padding, -Padding);
    painter->save();
    QFont title = option.font;
    title.setWeight(QFont::DemiBold);
    painter->setFont(title);
    painter->setPen(titleColor);
    const QFontMetrics titleMetrics(title);
    painter->drawText(area.left(), area.top() + titleMetrics.ascent(),
                      titleMetrics.elidedText(index.data(Qt::DisplayRole).toString(),
                                              Qt::ElideRight, area.width()));
    const QFont subtitle = subtitleFont(option.font);
    painter->setFont(subtitle);
    painter->setPen(subtitleColor);
    const QFontMetrics subtitleMetrics(subtitle);
    painter->drawText(area.left(),
                      area.top() + titleMetrics.height() + 2 + subtitleMetrics.ascent(),
                      subtitleMetrics.elidedText(index.data(SubtitleRole).toString(),
                                                 Qt::ElideRight, area.width()));
    painter->restore();
}

QSize EntryItemDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int height = QFontMetrics(option.font).height() +
                       QFontMetrics(subtitleFont(option.font)).height() + 2 + 2 * Padding;
    return {option.rect.width(), height};
}

} // namespace kpi::ui
