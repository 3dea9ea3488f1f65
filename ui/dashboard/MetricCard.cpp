// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "dashboard/MetricCard.h"

#include "dashboard/Sparkline.h"

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

QString signedNumber(double value, int decimals)
{
    const QString text = QLocale().toString(std::abs(value), 'f', decimals);
    if (value > 0)
        return QStringLiteral("+") + text;
    if (value < 0)
        return QStringLiteral("\u2212") + text; // a real minus sign, as wide as the plus
    return text;
}

int decimalsFor(double value)
{
    return std::abs(value - std::round(value)) < 1e-9 ? 0 : 2;
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

QString formatValue(double value, const QString &unit)
{
    const double magnitude = std::abs(value);
    QString text;
    if (magnitude >= 1e9)
        text = QLocale().toString(value / 1e9, 'f', 2) + MetricCard::tr(" B");
    else if (magnitude >= 1e6)
        text = QLocale().toString(value / 1e6, 'f', 2) + MetricCard::tr(" M");
    else if (magnitude >= 1e5)
        text = QLocale().toString(value / 1e3, 'f', 1) + MetricCard::tr(" k");
    else
        text = QLocale().toString(value, 'f', decimalsFor(value));
    if (!unit.isEmpty())
        text += QLatin1Char(' ') + unit;
    return text;
}

QString formatChange(const CardData &card)
{
    if (!card.change)
        return {};
    const double change = *card.change;
    const QString marker = change > 0   ? QStringLiteral("\u25B2 ")
                           : change < 0 ? QStringLiteral("\u25BC ")
                                        : QStringLiteral("= ");
    QString text = marker + signedNumber(change, decimalsFor(change));
    if (card.changePercent)
        text += QStringLiteral(" (%1%)").arg(signedNumber(*card.changePercent, 1));
    return text;
}

MetricCard::MetricCard(const CardData &data, QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("card-") + data.key);
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::PointingHandCursor);
    setAttribute(Qt::WA_Hover);
    // Every card of a column as wide as the others, whatever its text.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    setMinimumWidth(200);

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
    const QPalette pal = palette();
    QFont titleFont = font();
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_title->setText(m_data.northStar ? tr("\u2605 %1").arg(m_data.label) : m_data.label);
    m_title->setToolTip(m_data.northStar ? tr("North Star metric (%1)").arg(m_data.key)
                                         : m_data.key);

    QFont valueFont = font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * (m_data.northStar ? 2.8 : 1.7));
    valueFont.setWeight(QFont::Bold);
    m_value->setFont(valueFont);
    m_value->setText(m_data.value ? formatValue(*m_data.value, m_data.unit) : tr("—"));
    m_value->setToolTip(m_data.value ? QLocale().toString(*m_data.value, 'g', 15) : QString());

    QPalette changePalette = pal;
    QString changeText = formatChange(m_data);
    if (m_data.change && *m_data.change != 0)
        changePalette.setColor(QPalette::WindowText,
                               *m_data.change > 0 ? upColor(pal) : downColor(pal));
    else
        changePalette.setColor(QPalette::WindowText,
                               pal.color(QPalette::Disabled, QPalette::WindowText));
    if (changeText.isEmpty() && m_data.value)
        changeText = tr("no value %n day(s) before", nullptr, m_compareDays);
    m_change->setPalette(changePalette);
    m_change->setText(changeText);
    m_change->setToolTip(
        m_data.previous
            ? tr("Against %1 on %2")
                  .arg(formatValue(*m_data.previous, m_data.unit),
                       QLocale().toString(m_data.previousAt.toLocalTime(), QLocale::ShortFormat))
            : QString());

    m_sparkline->setPoints(m_data.sparkline);
    if (m_data.northStar) {
        m_sparkline->setMinimumHeight(64);
        m_sparkline->setMaximumHeight(QWIDGETSIZE_MAX);
        m_sparkline->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    } else {
        m_sparkline->setFixedHeight(36);
    }

    QPalette dim = pal;
    dim.setColor(QPalette::WindowText, pal.color(QPalette::Disabled, QPalette::WindowText));
    m_collected->setPalette(dim);
    m_collected->setText(m_data.at.isValid() ? tr("Collected %1").arg(whenText(m_data.at))
                                             : tr("Not collected yet: press Collect now"));

    QPalette badgePalette = pal;
    badgePalette.setColor(QPalette::WindowText, downColor(pal));
    m_badge->setPalette(badgePalette);
    m_badge->setVisible(!m_data.error.isEmpty());
    m_badge->setText(tr("\u26A0 Failed"));
    m_badge->setToolTip(tr("Its source failed in the last run: %1").arg(m_data.error));
    setAccessibleName(m_data.label);
    setAccessibleDescription(m_value->text() + QLatin1Char(' ') + m_change->text());
    update();
}

void MetricCard::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        Q_EMIT activated(m_data.key);
    QFrame::mouseReleaseEvent(event);
}

void MetricCard::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter ||
        event->key() == Qt::Key_Space) {
        Q_EMIT activated(m_data.key);
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
    if (m_data.northStar) {
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
