// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "report/HumanFormat.h"

#include <QCoreApplication>

#include <cmath>

namespace kpi::report::HumanFormat {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("HumanFormat", text);
}

QString signedNumber(double value)
{
    if (value > 0)
        return QLatin1Char('+') + number(value);
    return number(value); // number() writes the minus sign
}

} // namespace

QString number(double value)
{
    if (!std::isfinite(value))
        return QString::number(value);
    // Two decimals at most, then trimmed: 12.50 → 12.5, 3.00 → 3.
    QString text = QString::number(std::abs(value), 'f', 2);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    const qsizetype point = text.indexOf(QLatin1Char('.'));
    for (qsizetype i = (point < 0 ? text.size() : point) - 3; i > 0; i -= 3)
        text.insert(i, QLatin1Char(','));
    if (value < 0 && text != QLatin1String("0"))
        text.prepend(QLatin1Char('-'));
    return text;
}

QString value(const MetricLine &line)
{
    const QString text = number(line.value);
    return line.unit.isEmpty() ? text : text + QLatin1Char(' ') + line.unit;
}

QString change(const MetricLine &line)
{
    switch (line.comparison) {
    case Comparison::New:
        return tr("new");
    case Comparison::NotComparable:
        return tr("no comparable value");
    case Comparison::Changed:
        break;
    }
    const double delta = line.change.value_or(0);
    QString text = delta == 0 ? QStringLiteral("±0") : signedNumber(delta);
    if (line.changePercent) {
        const double percent = std::round(*line.changePercent * 10) / 10;
        text += QStringLiteral(" (%1 %)").arg(percent == 0 ? QStringLiteral("0")
                                                           : signedNumber(percent));
    }
    return text;
}

QString marker(const MetricLine &line)
{
    switch (line.comparison) {
    case Comparison::New:
        return QStringLiteral("✦");
    case Comparison::NotComparable:
        return QStringLiteral("·");
    case Comparison::Changed:
        break;
    }
    const double delta = line.change.value_or(0);
    return delta > 0 ? QStringLiteral("▲") : delta < 0 ? QStringLiteral("▼") : QStringLiteral("▬");
}

QString comparedWith(int compareDays)
{
    return compareDays == 1 ? tr("1 day ago") : tr("%1 days ago").arg(compareDays);
}

QString title(const Report &report)
{
    return (report.compareDays > 0 ? tr("KPI digest · %1") : tr("KPI values · %1"))
        .arg(report.day());
}

QString subtitle(const Report &report)
{
    return report.compareDays > 0 ? tr("Compared with %1.").arg(comparedWith(report.compareDays))
                                  : tr("Collected values.");
}

} // namespace kpi::report::HumanFormat
