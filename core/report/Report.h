// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace kpi::report {

// How a metric's latest value compares with its value `compareDays` ago.
enum class Comparison {
    Changed,      // a comparable older value exists: change and changePercent are set
    New,          // the history has no value that old: the metric is newer than that
    NotComparable // the nearest older value is far older than asked (ReportBuilder::toleranceMs)
};

// One metric in a report: its latest value at or before the report's date, and what it
// was compareDays before.
struct MetricLine
{
    QString key;
    QString label;
    QString unit;
    bool northStar = false;
    double value = 0;
    QDateTime at; // UTC
    Comparison comparison = Comparison::New;
    std::optional<double> previous;
    QDateTime previousAt;
    std::optional<double> change;
    std::optional<double> changePercent; // unset when the previous value is 0
    bool lowerIsBetter = false;          // the metric's "better": "lower"

    // Whether the change is good news (a rise, or a fall where lower is better); nullopt
    // when there is no change to judge.
    std::optional<bool> improved() const
    {
        if (!change || *change == 0)
            return std::nullopt;
        return (*change > 0) != lowerIsBetter;
    }
};

// The latest value of every metric and its change against compareDays ago, North Star
// first, then in the workspace's order. The one place this is worked out: the `report`
// command, the digests and the window read it.
struct Report
{
    QDateTime at;         // UTC; "now" for the report
    int compareDays = 14; // 0: a run's values, compared with nothing
    QString timezone;
    QList<MetricLine> lines;

    // The digest payload's form (docs/destinations.md, "What a payload holds"); fromJson()
    // reads it back, so an outbox row is delivered as it was written.
    QJsonObject toJson() const;
    static Report fromJson(const QJsonObject &json);
    // An outbox payload: a digest, or a run's values (compareDays 0, `at` its collection).
    static Report fromPayload(const QJsonObject &payload);

    // "2026-11-30": the report's day where the team is.
    QString day() const;
};

QString toText(Comparison comparison);

} // namespace kpi::report
