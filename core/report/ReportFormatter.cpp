// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "report/ReportFormatter.h"

#include "report/HumanFormat.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace kpi::report::ReportFormatter {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ReportFormatter", text);
}

QString heading(const Report &report)
{
    return tr("KPI report %1, compared with %2")
        .arg(report.day(), HumanFormat::comparedWith(report.compareDays));
}

QString text(const Report &report)
{
    QString out = heading(report) + QLatin1Char('\n');
    if (report.lines.isEmpty())
        return out + tr("No values collected yet.") + QLatin1Char('\n');
    qsizetype labelWidth = 0;
    qsizetype valueWidth = 0;
    for (const MetricLine &line : report.lines) {
        labelWidth = std::max(labelWidth, line.label.size());
        valueWidth = std::max(valueWidth, HumanFormat::value(line).size());
    }
    for (const MetricLine &line : report.lines) {
        out += (line.northStar ? QStringLiteral("★ ") : QStringLiteral("  ")) +
               line.label.leftJustified(labelWidth) + QStringLiteral("  ") +
               HumanFormat::value(line).rightJustified(valueWidth) + QStringLiteral("  ") +
               HumanFormat::marker(line) + QLatin1Char(' ') + HumanFormat::change(line) +
               QLatin1Char('\n');
    }
    return out;
}

QString markdownCell(QString text)
{
    return text.replace(QLatin1Char('|'), QLatin1String("\\|"));
}

QString markdown(const Report &report)
{
    QString out = QStringLiteral("## ") + heading(report) + QStringLiteral("\n\n");
    if (report.lines.isEmpty())
        return out + tr("No values collected yet.") + QLatin1Char('\n');
    out += QStringLiteral("| %1 | %2 | %3 |\n|---|---:|---|\n")
               .arg(tr("Metric"), tr("Value"), tr("Change"));
    for (const MetricLine &line : report.lines) {
        const QString label = markdownCell(line.label);
        out += QStringLiteral("| %1 | %2 | %3 %4 |\n")
                   .arg(line.northStar ? QStringLiteral("**%1**").arg(label) : label,
                        markdownCell(HumanFormat::value(line)), HumanFormat::marker(line),
                        HumanFormat::change(line));
    }
    return out;
}

} // namespace

std::optional<Format> formatFromName(const QString &name)
{
    if (name == QLatin1String("text"))
        return Format::Text;
    if (name == QLatin1String("markdown"))
        return Format::Markdown;
    if (name == QLatin1String("json"))
        return Format::Json;
    return std::nullopt;
}

QString format(const Report &report, Format format)
{
    switch (format) {
    case Format::Text:
        return text(report);
    case Format::Markdown:
        return markdown(report);
    case Format::Json:
        return QString::fromUtf8(QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented));
    }
    return {};
}

} // namespace kpi::report::ReportFormatter
