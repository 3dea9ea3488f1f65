// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "dashboard/MetricCard.h"

#include "dashboard/Sparkline.h"
#include "report/HumanFormat.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QVBoxLayout>

#include <cmath>

namespace kpi::ui {

namespace {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

QColor upColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x3f, 0xb9, 0x50) : QColor(0x1a, 0x7f, 0x37);
}

QColor downColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xf8, 0x51, 0x49) : QColor(0xcf, 0x22, 0x2e);
}

// "today 09:00", "yesterday 09:00", "12 Nov 09:00", "12 Nov 2025".
QString whenText(const QDateTime &at)
{
    const QDateTime local = at.toLocalTime();
    const QDate today = QDate::currentDate();
    const QString time = QLocale().toString(local.time(), QStringLiteral("HH:mm"));
    if (local.date() == today)
        return MetricCard::tr("today %1").arg(time);
    if (local.date() == today.addDays(-1))
        return MetricCard::tr("yesterday %1").arg(time);
    if (local.date().year() == today.year())
        return QLocale().toString(local.date(), QStringLiteral("d MMM")) + QLatin1Char(' ') + time;
    return QLocale().toString(local.date(), QStringLiteral("d MMM yyyy"));
}

} // namespace

QString valueText(const CardData &card)
{
    return card.hasValue ? report::HumanFormat::value(card.line) : MetricCard::tr("—");
}

// "▲ +38 (+3.3 %)": the report's marker and change, as in the digests.
QString changeText(const CardData &card)
{
    if (!card.hasValue)
        return {};
    return report::HumanFormat::marker(card.line) + QLatin1Char(' ') +
           report::HumanFormat::change(card.line);
}

MetricCard::MetricCard(const CardData &data, QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("card-") + data.key());
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::PointingHandCursor);
    setAttribute(Qt::WA_Hover);
    // Every card of a column as wide as the others, whatever its text.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    setMinimumWidth(200);

    // Right-click (or the Menu key): the card's chart, or pin it as the North Star.
    setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *chart = new QAction(tr("Open &chart"), this);
    connect(chart, &QAction::triggered, this, [this] { Q_EMIT activated(m_data.key()); });
    addAction(chart);
    m_northStarAction = new QAction(tr("Make this the &North Star"), this);
    m_northStarAction->setToolTip(
        tr("The metric that matters most: first and larger here, first in every digest"));
    connect(m_northStarAction, &QAction::triggered, this,
            [this] { Q_EMIT northStarRequested(m_data.key()); });
    addAction(m_northStarAction);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(4);
    auto *header = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("title"));
    m_title->setTextFormat(Qt::PlainText);
    m_badge = new QLabel(this);
    m_badge->setObjectName(QStringLiteral("errorBadge"));
    m_badge->setTextFormat(Qt::PlainText);
    m_badge->setText(tr("Failed"));
    header->addWidget(m_title, 1);
    header->addWidget(m_badge);
    layout->addLayout(header);

    m_value = new QLabel(this);
    m_value->setObjectName(QStringLiteral("value"));
    m_value->setTextFormat(Qt::PlainText);
    m_change = new QLabel(this);
    m_change->setObjectName(QStringLiteral("change"));
    m_change->setTextFormat(Qt::PlainText);
    // The change under the value, not beside it: a long value with its unit needs the width.
    layout->addWidget(m_value);
    layout->addWidget(m_change);

    m_sparkline = new Sparkline(this);
    layout->addWidget(m_sparkline);
    m_collected = new QLabel(this);
    m_collected->setObjectName(QStringLiteral("collected"));
    m_collected->setTextFormat(Qt::PlainText);
    layout->addWidget(m_collected);

    setData(data);
}

void MetricCard::setData(const CardData &data)
{
    m_data = data;
    refresh();
}

QString MetricCard::valueText() const
{
    return m_value->text();
}

QString MetricCard::changeText() const
{
    return m_change->text();
}

bool MetricCard::hasErrorBadge() const
{
    return !m_badge->isHidden();
}

void MetricCard::refresh()
{
    const report::MetricLine &line = m_data.line;
    m_northStarAction->setEnabled(!line.northStar);
    const QPalette pal = palette();
    QFont titleFont = font();
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_title->setText(line.northStar ? tr("\u2605 %1").arg(line.label) : line.label);
    m_title->setToolTip(line.northStar ? tr("North Star metric (%1)").arg(line.key) : line.key);

    QFont valueFont = font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * (line.northStar ? 2.8 : 1.7));
    valueFont.setWeight(QFont::Bold);
    m_value->setFont(valueFont);
    m_value->setText(ui::valueText(m_data));
    m_value->setToolTip(m_data.hasValue ? QString::number(line.value, 'g', 15) : QString());

    QPalette changePalette = pal;
    const bool moved = m_data.hasValue && line.comparison == report::Comparison::Changed &&
                       line.change && *line.change != 0;
    changePalette.setColor(QPalette::WindowText,
                           !moved             ? pal.color(QPalette::Disabled, QPalette::WindowText)
                           : *line.improved() ? upColor(pal)
                                              : downColor(pal));
    m_change->setPalette(changePalette);
    m_change->setText(ui::changeText(m_data));
    m_change->setToolTip(
        m_data.hasValue
            ? tr("Compared with %1").arg(report::HumanFormat::comparedWith(m_compareDays))
            : QString());
    if (line.previous)
        m_change->setToolTip(
            tr("Compared with %1 on %2")
                .arg(report::HumanFormat::number(*line.previous) +
                         (line.unit.isEmpty() ? QString() : QLatin1Char(' ') + line.unit),
                     QLocale().toString(line.previousAt.toLocalTime(), QLocale::ShortFormat)));

    m_sparkline->setPoints(m_data.sparkline);
    if (line.northStar) {
        m_sparkline->setMinimumHeight(64);
        m_sparkline->setMaximumHeight(QWIDGETSIZE_MAX);
        m_sparkline->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    } else {
        m_sparkline->setFixedHeight(36);
    }

    QPalette dim = pal;
    dim.setColor(QPalette::WindowText, pal.color(QPalette::Disabled, QPalette::WindowText));
    m_collected->setPalette(dim);
    m_collected->setText(m_data.hasValue ? tr("Collected %1").arg(whenText(line.at))
                                         : tr("Not collected yet: press Collect now"));

    QPalette badgePalette = pal;
    badgePalette.setColor(QPalette::WindowText, downColor(pal));
    m_badge->setPalette(badgePalette);
    m_badge->setVisible(!m_data.error.isEmpty());
    m_badge->setText(tr("\u26A0 Failed"));
    m_badge->setToolTip(tr("Its source failed in the last run: %1").arg(m_data.error));
    setAccessibleName(line.label);
    setAccessibleDescription(m_value->text() + QLatin1Char(' ') + m_change->text());
    update();
}

void MetricCard::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        Q_EMIT activated(m_data.key());
    QFrame::mouseReleaseEvent(event);
}

void MetricCard::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter ||
        event->key() == Qt::Key_Space) {
        Q_EMIT activated(m_data.key());
        return;
    }
    // The arrows move between the cards of the grid (DashboardView knows where they are).
    if (event->key() == Qt::Key_Right || event->key() == Qt::Key_Down ||
        event->key() == Qt::Key_Left || event->key() == Qt::Key_Up) {
        Q_EMIT arrowPressed(Qt::Key(event->key()));
        return;
    }
    QFrame::keyPressEvent(event);
}

// A raised, rounded card in the palette's colours (a style sheet would not follow a palette
// change).
void MetricCard::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const bool highlighted = hasFocus() || underMouse();
    QColor border = highlighted ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid);
    if (!highlighted)
        border.setAlphaF(0.6);
    painter.setPen(QPen(border, highlighted ? 1.5 : 1.0));
    painter.setBrush(pal.color(QPalette::Base));
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8);
    if (m_data.line.northStar) {
        // An accent bar on the left marks the metric that matters most.
        painter.setPen(Qt::NoPen);
        painter.setBrush(pal.color(QPalette::Highlight));
        painter.drawRoundedRect(QRectF(0, 8, 4, height() - 16), 2, 2);
    }
}

void MetricCard::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        refresh();
}

} // namespace kpi::ui
