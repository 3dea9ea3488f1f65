// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "cli/Formatting.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace kpi::cli {

QString formatValue(double value)
{
    if (std::isfinite(value) && std::fabs(value) < 1e15 && value == std::trunc(value))
        return QString::number(qint64(value));
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString formatChange(double value, std::optional<double> previous)
{
    if (!previous)
        return QStringLiteral("new");
    const double delta = value - *previous;
    if (delta == 0)
        return QStringLiteral("0");
    QString text = (delta > 0 ? QStringLiteral("+") : QString()) + formatValue(delta);
    if (*previous != 0) {
        const double percent = delta / std::fabs(*previous) * 100.0;
        text += QStringLiteral(" (%1%2 %)")
                    .arg(percent > 0 ? QStringLiteral("+") : QString(),
                         QString::number(percent, 'f', 1));
    }
    return text;
}

QString formatUtc(qint64 timestampMs)
{
    const QDateTime time =
        QDateTime::fromMSecsSinceEpoch(timestampMs, Qt::UTC); // "Z", not "+00:00"
    return time.toString(time.time().msec() == 0 ? Qt::ISODate : Qt::ISODateWithMs);
}

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

std::optional<qint64> parseDateArgument(const QString &text, const QTimeZone &zone, bool endOfDay)
{
    static const QRegularExpression dateOnly(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (dateOnly.match(text).hasMatch()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        const QDate day = endOfDay ? date.addDays(1) : date;
        // The day's first moment; startOfDay copes with days that skip midnight (DST).
        const qint64 start = day.startOfDay(zone).toMSecsSinceEpoch();
        return endOfDay ? start - 1 : start;
    }
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime) // no offset given: the workspace's zone
        time = QDateTime(time.date(), time.time(), zone);
    return time.toMSecsSinceEpoch();
}

} // namespace kpi::cli
