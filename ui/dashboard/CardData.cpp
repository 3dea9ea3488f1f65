// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "dashboard/CardData.h"

#include "report/Lttb.h"

#include <QHash>

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

void computeChange(CardData &card)
{
    card.change.reset();
    card.changePercent.reset();
    if (!card.value || !card.previous)
        return;
    card.change = *card.value - *card.previous;
    if (*card.previous != 0)
        card.changePercent = *card.change / std::abs(*card.previous) * 100.0;
}

} // namespace

QList<CardData> loadCards(const store::HistoryStore &history, const workspace::Workspace &workspace,
                          const QDateTime &now, int compareDays)
{
    QList<CardData> cards;
    QHash<QString, qsizetype> index;
    const auto add = [&](const QString &key, const QString &label, const QString &unit) {
        if (index.contains(key))
            return;
        CardData card;
        card.key = key;
        card.label = label.isEmpty() ? key : label;
        card.unit = unit;
        card.northStar = key == workspace.northStar;
        index.insert(key, cards.size());
        cards.append(card);
    };
    for (const auto &source : workspace.sources) {
        for (const auto &metric : source.metrics)
            add(metric.key, metric.label, metric.unit);
    }
    if (const auto stored = history.metricKeys()) {
        for (const QString &key : *stored)
            add(key, {}, {});
    }

    const qint64 nowMs = now.toMSecsSinceEpoch();
    if (const auto latest = history.latestBefore(nowMs + 1)) {
        for (const auto &sample : *latest) {
            if (!index.contains(sample.metricKey))
                continue;
            CardData &card = cards[index.value(sample.metricKey)];
            card.value = sample.value;
            card.at = QDateTime::fromMSecsSinceEpoch(sample.timestampMs);
        }
    }
    // The compare value: the newest one at least compareDays before the latest value.
    for (CardData &card : cards) {
        if (!card.value)
            continue;
        const qint64 beforeMs = card.at.toMSecsSinceEpoch() - qint64(compareDays) * DayMs + 1;
        if (const auto before = history.latestBefore(beforeMs, {card.key});
            before && before->contains(card.key)) {
            const auto sample = before->value(card.key);
            card.previous = sample.value;
            card.previousAt = QDateTime::fromMSecsSinceEpoch(sample.timestampMs);
        }
        computeChange(card);
    }

    store::SampleQuery query;
    query.sinceMs = nowMs - SparklineDays * DayMs;
    if (const auto recent = history.samples(query)) {
        for (const auto &sample : *recent) {
            if (index.contains(sample.metricKey))
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
                          [](const CardData &card) { return card.northStar; });
    return cards;
}

void applyValue(CardData &card, double value, const QDateTime &at, int compareDays)
{
    // The compare value stays what it was unless the old latest value is now old enough.
    if (card.value && card.at.isValid() && card.at.msecsTo(at) >= qint64(compareDays) * DayMs) {
        card.previous = card.value;
        card.previousAt = card.at;
    }
    card.value = value;
    card.at = at;
    card.error.clear();
    card.sparkline.append(QPointF(double(at.toMSecsSinceEpoch()), value));
    computeChange(card);
}

} // namespace kpi::ui
