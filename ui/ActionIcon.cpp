// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "ActionIcon.h"

#include <QApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QSvgRenderer>

namespace kpi::ui {

namespace {

class TintedSvgEngine : public QIconEngine
{
public:
    explicit TintedSvgEngine(QString path) : m_path(std::move(path)) { }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        QImage image(rect.size() * ratio, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(ratio);
        image.fill(Qt::transparent);
        {
            QPainter onImage(&image);
            QSvgRenderer(m_path).render(&onImage, QRectF(QPointF(0, 0), QSizeF(rect.size())));
            onImage.setCompositionMode(QPainter::CompositionMode_SourceIn);
            const QPalette palette = QApplication::palette();
            const QColor color =
                mode == QIcon::Disabled   ? palette.color(QPalette::Disabled, QPalette::ButtonText)
                : mode == QIcon::Selected ? palette.color(QPalette::HighlightedText)
                                          : palette.color(QPalette::ButtonText);
            onImage.fillRect(image.rect(), color);
        }
        painter->drawImage(rect, image);
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pixmap(size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        paint(&painter, QRect(QPoint(0, 0), size), mode, state);
        return pixmap;
    }

    QIconEngine *clone() const override { return new TintedSvgEngine(m_path); }

private:
    QString m_path;
};

} // namespace

QIcon actionIcon(const QString &name)
{
    if (QIcon::hasThemeIcon(name))
        return QIcon::fromTheme(name);
    return QIcon(new TintedSvgEngine(QStringLiteral(":/icons/actions/%1.svg").arg(name)));
}

} // namespace kpi::ui
