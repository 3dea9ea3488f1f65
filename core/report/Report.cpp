// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "report/Report.h"

#include <QJsonArray>
#include <QTimeZone>

namespace kpi::report {

namespace {

QString isoUtc(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromIso(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

} // namespace

QString toText(Comparison comparison)
{
    switch (comparison) {
    case Comparison::Changed:
        return QStringLiteral("changed");
    case Comparison::New:
        return QStringLiteral("new");
    case Comparison::NotComparable:
        return QStringLiteral("notComparable");
    }
    return {};
}

Report Report::fromPayload(const QJsonObject &payload)
{
    Report report = fromJson(payload);
    if (payload.value(QLatin1String("kind")).toString() != QLatin1String("digest")) {
        report.at = fromIso(payload.value(QLatin1String("collectedAt")));
        report.compareDays = 0;
    }
    return report;
}

QString Report::day() const
{
    const QTimeZone zone(timezone.toUtf8());
    return at.toTimeZone(zone.isValid() ? zone : QTimeZone::utc()).date().toString(Qt::ISODate);
}

QJsonObject Report::toJson() const
{
    QJsonArray values;
    for (const MetricLine &line : lines) {
        QJsonObject value{{QStringLiteral("key"), line.key},
                          {QStringLiteral("label"), line.label},
                          {QStringLiteral("unit"), line.unit},
                          {QStringLiteral("value"), line.value},
                          {QStringLiteral("at"), isoUtc(line.at)},
                          {QStringLiteral("comparison"), toText(line.comparison)}};
        if (line.northStar)
            value.insert(QStringLiteral("northStar"), true);
        if (line.lowerIsBetter)
            value.insert(QStringLiteral("better"), QStringLiteral("lower"));
        if (line.previous) {
            value.insert(QStringLiteral("previous"), *line.previous);
            value.insert(QStringLiteral("previousAt"), isoUtc(line.previousAt));
        }
        if (line.change)
            value.insert(QStringLiteral("change"), *line.change);
        if (line.changePercent)
            value.insert(QStringLiteral("changePercent"), *line.changePercent);
        values.append(value);
    }
    return {{QStringLiteral("at"), isoUtc(at)},
            {QStringLiteral("compareDays"), compareDays},
            {QStringLiteral("timezone"), timezone},
            {QStringLiteral("values"), values}};
}

Report Report::fromJson(const QJsonObject &json)
{
    Report report;
    report.at = fromIso(json.value(QLatin1String("at")));
    report.compareDays = json.value(QLatin1String("compareDays")).toInt(14);
    report.timezone = json.value(QLatin1String("timezone")).toString();
    const QJsonArray values = json.value(QLatin1String("values")).toArray();
    for (const QJsonValue &item : values) {
        const QJsonObject value = item.toObject();
        MetricLine line;
        line.key = value.value(QLatin1String("key")).toString();
        line.label = value.value(QLatin1String("label")).toString(line.key);
        line.unit = value.value(QLatin1String("unit")).toString();
        line.northStar = value.value(QLatin1String("northStar")).toBool();
        line.lowerIsBetter = value.value(QLatin1String("better")) == QLatin1String("lower");
        line.value = value.value(QLatin1String("value")).toDouble();
        line.at = fromIso(value.value(QLatin1String("at")));
        const QString comparison = value.value(QLatin1String("comparison")).toString();
        if (value.contains(QLatin1String("previous"))) {
            line.previous = value.value(QLatin1String("previous")).toDouble();
            line.previousAt = fromIso(value.value(QLatin1String("previousAt")));
        }
        if (value.contains(QLatin1String("change")))
            line.change = value.value(QLatin1String("change")).toDouble();
        if (value.contains(QLatin1String("changePercent")))
            line.changePercent = value.value(QLatin1String("changePercent")).toDouble();
        if (comparison == QLatin1String("notComparable"))
            line.comparison = Comparison::NotComparable;
        else if (line.change || comparison == QLatin1String("changed"))
            line.comparison = Comparison::Changed;
        else
            line.comparison = Comparison::New;
        report.lines.append(line);
    }
    return report;
}

} // namespace kpi::report
