// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "dashboard/CardData.h"

#include "report/Lttb.h"
#include "report/ReportBuilder.h"

#include <QHash>

#include <cmath>

namespace kpi::ui {

namespace {

constexpr qint64 DayMs = 86'400'000LL;
constexpr int SparklineDays = 30;
// A sparkline is about 200 pixels wide: more points than this cannot be seen.
constexpr int SparklinePoints = 240;

QList<QPointF> thinned(const QList<QPointF> &points)
{
    if (points.size() <= SparklinePoints)
        return points;
    QList<report::Lttb::Point> raw;
    raw.reserve(points.size());
    for (const QPointF &point : points)
        raw.append({point.x(), point.y()});
    QList<QPointF> kept;
    kept.reserve(SparklinePoints);
    for (const auto &point : report::Lttb::downsample(raw, SparklinePoints))
        kept.append(QPointF(point.x, point.y));
    return kept;
}

} // namespace

QList<CardData> loadCards(const store::HistoryStore &history, const workspace::Workspace &workspace,
                          const QDateTime &now, int compareDays)
{
    QList<CardData> cards;
    QHash<QString, qsizetype> index;
    // Every metric of the workspace, the ones not collected yet included.
    for (const auto &source : workspace.sources) {
        for (const auto &metric : source.metrics) {
            CardData card;
            card.line.key = metric.key;
            card.line.label = metric.label.isEmpty() ? metric.key : metric.label;
            card.line.unit = metric.unit;
            card.line.northStar = metric.key == workspace.northStar;
            card.line.lowerIsBetter = metric.lowerIsBetter;
            index.insert(metric.key, cards.size());
            cards.append(card);
        }
    }
    if (const auto report = report::ReportBuilder::build(history, workspace, now, compareDays)) {
        for (const report::MetricLine &line : report->lines) {
            if (!index.contains(line.key))
                continue;
            CardData &card = cards[index.value(line.key)];
            card.line = line;
            card.hasValue = true;
        }
    }

    store::SampleQuery query;
    query.metricKeys = workspace.metricKeys();
    query.sinceMs = now.toMSecsSinceEpoch() - SparklineDays * DayMs;
    query.untilMs = now.toMSecsSinceEpoch() + 1;
    if (const auto recent = history.samples(query)) {
        for (const auto &sample : *recent) {
            // As the card's value: plausible samples only (docs/history-repair.md).
            if (index.contains(sample.metricKey) && !sample.isSuspect())
                cards[index.value(sample.metricKey)].sparkline.append(
                    QPointF(double(sample.timestampMs), sample.value));
        }
    }
    for (CardData &card : cards)
        card.sparkline = thinned(card.sparkline);

    // The last run's failures, per source and per metric.
    if (const auto runs = history.runs(1); runs && !runs->isEmpty()) {
        if (const auto events = history.events(runs->constFirst().id)) {
            for (const auto &event : *events) {
                if (event.level != store::EventLevel::Error || !event.destinationId.isEmpty())
                    continue;
                QStringList keys;
                if (!event.metricKey.isEmpty()) {
                    keys.append(event.metricKey);
                } else if (const auto *source = workspace.source(event.sourceId)) {
                    for (const auto &metric : source->metrics)
                        keys.append(metric.key);
                }
                for (const QString &key : std::as_const(keys)) {
                    if (index.contains(key) && cards[index.value(key)].error.isEmpty())
                        cards[index.value(key)].error = event.message;
                }
            }
        }
    }

    std::stable_partition(cards.begin(), cards.end(),
                          [](const CardData &card) { return card.line.northStar; });
    return cards;
}

void applyValue(CardData &card, double value, const QDateTime &at)
{
    card.line.value = value;
    card.line.at = at.toUTC();
    card.hasValue = true;
    card.error.clear();
    card.sparkline.append(QPointF(double(at.toMSecsSinceEpoch()), value));
    if (card.line.comparison == report::Comparison::Changed && card.line.previous) {
        card.line.change = value - *card.line.previous;
        card.line.changePercent.reset();
        if (*card.line.previous != 0)
            card.line.changePercent = *card.line.change / std::abs(*card.line.previous) * 100.0;
    }
}

} // namespace kpi::ui
