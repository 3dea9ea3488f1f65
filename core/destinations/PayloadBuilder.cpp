// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "destinations/PayloadBuilder.h"

#include "destinations/DestinationFactory.h"
#include "report/ReportBuilder.h"
#include "store/HistoryStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

#include <cmath>

namespace kpi::destinations {

namespace {

constexpr int DefaultCompareDays = report::ReportBuilder::DefaultCompareDays;
constexpr qint64 DayMs = 24 * 60 * 60 * 1000;

// The workspace's order (the North Star first), then keys it no longer defines.
QStringList orderedKeys(const workspace::Workspace &workspace, QStringList keys)
{
    QStringList order = workspace.metricKeys();
    if (!workspace.northStar.isEmpty()) {
        order.removeAll(workspace.northStar);
        order.prepend(workspace.northStar);
    }
    std::sort(keys.begin(), keys.end());
    QStringList ordered;
    for (const QString &key : std::as_const(order)) {
        if (keys.contains(key))
            ordered.append(key);
    }
    for (const QString &key : std::as_const(keys)) {
        if (!ordered.contains(key))
            ordered.append(key);
    }
    return ordered;
}

QJsonObject valueObject(const workspace::Workspace &workspace, const store::Sample &sample)
{
    const workspace::MetricConfig *metric = workspace.metric(sample.metricKey);
    const QString label = metric && !metric->label.isEmpty() ? metric->label : sample.metricKey;
    return {{QStringLiteral("key"), sample.metricKey},
            {QStringLiteral("label"), label},
            {QStringLiteral("unit"), metric ? metric->unit : QString()},
            {QStringLiteral("value"), sample.value},
            {QStringLiteral("at"), PayloadBuilder::isoUtc(sample.timestampMs)}};
}

// The latest sample of each metric (a later one, or the same time later in the list, wins).
QHash<QString, store::Sample> latestByKey(const QList<store::Sample> &samples)
{
    QHash<QString, store::Sample> latest;
    for (const store::Sample &sample : samples) {
        const auto it = latest.constFind(sample.metricKey);
        if (it == latest.cend() || sample.timestampMs >= it->timestampMs)
            latest.insert(sample.metricKey, sample);
    }
    return latest;
}

QJsonObject valuesPayload(const workspace::Workspace &workspace, const QString &period,
                          qint64 periodStartMs, qint64 runId, qint64 collectedAtMs,
                          const QHash<QString, store::Sample> &samples)
{
    QJsonArray values;
    for (const QString &key : orderedKeys(workspace, samples.keys()))
        values.append(valueObject(workspace, samples.value(key)));
    QJsonObject payload{{QStringLiteral("kind"), QStringLiteral("values")},
                        {QStringLiteral("period"), period},
                        {QStringLiteral("periodStart"), PayloadBuilder::isoUtc(periodStartMs)},
                        {QStringLiteral("collectedAt"), PayloadBuilder::isoUtc(collectedAtMs)},
                        {QStringLiteral("timezone"), QString::fromUtf8(workspace.zone().id())},
                        {QStringLiteral("values"), values}};
    if (runId > 0)
        payload.insert(QStringLiteral("runId"), double(runId));
    return payload;
}

store::OutboxEntry entry(const QString &destinationId, const QString &period, qint64 periodStartMs,
                         qint64 runId, const QJsonObject &payload, qint64 nowMs,
                         store::Requeue requeue)
{
    store::OutboxEntry e;
    e.destinationId = destinationId;
    e.period = period;
    e.periodStartMs = periodStartMs;
    e.runId = runId;
    e.payload = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    e.nextAttemptMs = nowMs;
    e.createdAtMs = nowMs;
    e.requeue = requeue;
    return e;
}

qint64 dayStartMs(const QDate &day, const QTimeZone &zone)
{
    return QDateTime(day, QTime(0, 0), zone).toMSecsSinceEpoch();
}

} // namespace

QString PayloadBuilder::isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

bool PayloadBuilder::isOnCollect(const workspace::DestinationConfig &destination)
{
    return destination.schedule.isEmpty() || destination.schedule == QLatin1String("on-collect");
}

bool PayloadBuilder::needsDayValues(const workspace::Workspace &workspace)
{
    for (const auto &destination : workspace.destinations) {
        if (isOnCollect(destination) && DestinationFactory::isSupported(destination.type) &&
            DestinationFactory::periodKind(destination.type) == PeriodKind::Day)
            return true;
    }
    return false;
}

QList<store::OutboxEntry> PayloadBuilder::forRun(const workspace::Workspace &workspace,
                                                 qint64 runId, qint64 collectedAtMs,
                                                 const QList<store::Sample> &runSamples,
                                                 const QList<store::Sample> &earlierThatDay,
                                                 qint64 nowMs)
{
    QList<store::OutboxEntry> entries;
    if (runSamples.isEmpty())
        return entries; // a run that collected nothing has nothing to tell
    const QTimeZone zone = workspace.zone();
    const QDate day = QDateTime::fromMSecsSinceEpoch(collectedAtMs, zone).date();
    for (const auto &destination : workspace.destinations) {
        if (!isOnCollect(destination) || !DestinationFactory::isSupported(destination.type))
            continue;
        if (DestinationFactory::periodKind(destination.type) == PeriodKind::Day) {
            QHash<QString, store::Sample> values = latestByKey(earlierThatDay);
            for (const store::Sample &sample : runSamples)
                values.insert(sample.metricKey, sample);
            const QString period = day.toString(Qt::ISODate);
            const qint64 start = dayStartMs(day, zone);
            entries.append(
                entry(destination.id, period, start, runId,
                      valuesPayload(workspace, period, start, runId, collectedAtMs, values), nowMs,
                      store::Requeue::Reopen));
        } else {
            const QString period = QStringLiteral("run:%1").arg(runId);
            entries.append(entry(destination.id, period, collectedAtMs, runId,
                                 valuesPayload(workspace, period, collectedAtMs, runId,
                                               collectedAtMs, latestByKey(runSamples)),
                                 nowMs, store::Requeue::PendingOnly));
        }
    }
    return entries;
}

Result<store::OutboxEntry> PayloadBuilder::digest(const store::HistoryStore &history,
                                                  const workspace::Workspace &workspace,
                                                  const workspace::DestinationConfig &destination,
                                                  const QDateTime &slot, qint64 nowMs)
{
    const int compareDays =
        destination.settings.value(QLatin1String("compareDays")).toInt(DefaultCompareDays);
    const qint64 slotMs = slot.toMSecsSinceEpoch();
    // "Now" for the digest is its slot: a digest sent late still reports its own week.
    const auto built = report::ReportBuilder::build(history, workspace, slot, compareDays);
    if (!built)
        return built.forward<store::OutboxEntry>();
    // The digest's row belongs to the newest run it reports, so that a refusal by the
    // service shows in that run's log.
    qint64 newestRun = 0;
    if (!built->lines.isEmpty()) {
        const auto latest = history.latestBefore(slotMs + 1, workspace.metricKeys());
        if (!latest)
            return latest.forward<store::OutboxEntry>();
        qint64 newestAt = 0;
        for (const store::Sample &sample : *latest) {
            if (sample.runId > 0 && sample.timestampMs >= newestAt) {
                newestAt = sample.timestampMs;
                newestRun = sample.runId;
            }
        }
    }
    const QString period = slot.toUTC().toString(Qt::ISODate);
    QJsonObject payload = built->toJson();
    payload.insert(QStringLiteral("kind"), QStringLiteral("digest"));
    payload.insert(QStringLiteral("period"), period);
    payload.insert(QStringLiteral("periodStart"), period);
    payload.insert(QStringLiteral("collectedAt"), period);
    payload.insert(QStringLiteral("timezone"), QString::fromUtf8(workspace.zone().id()));
    payload.insert(QStringLiteral("northStar"), workspace.northStar);
    return Result<store::OutboxEntry>::ok(
        entry(destination.id, period, slotMs, newestRun, payload, nowMs, store::Requeue::Never));
}

Result<QList<store::OutboxEntry>>
PayloadBuilder::backfill(const store::HistoryStore &history, const workspace::Workspace &workspace,
                         const workspace::DestinationConfig &destination, qint64 sinceMs,
                         qint64 nowMs)
{
    using R = Result<QList<store::OutboxEntry>>;
    store::SampleQuery query;
    query.sinceMs = sinceMs;
    query.untilMs = nowMs + 1;
    const auto samples = history.samples(query);
    if (!samples)
        return samples.forward<QList<store::OutboxEntry>>();
    const QTimeZone zone = workspace.zone();
    const bool byDay = DestinationFactory::periodKind(destination.type) == PeriodKind::Day;

    // Period → its samples; QMap keeps the periods in time order for the output.
    struct Group
    {
        QString period;
        qint64 startMs = 0;
        qint64 runId = 0;
        qint64 collectedAtMs = 0;
        QList<store::Sample> samples;
    };
    QMap<std::pair<qint64, QString>, Group> groups;
    for (const store::Sample &sample : *samples) {
        QString period;
        qint64 start = sample.timestampMs;
        if (byDay) {
            const QDate day = QDateTime::fromMSecsSinceEpoch(sample.timestampMs, zone).date();
            period = day.toString(Qt::ISODate);
            start = dayStartMs(day, zone);
        } else if (sample.runId > 0) {
            period = QStringLiteral("run:%1").arg(sample.runId);
        } else {
            // A value recorded by hand or imported belongs to no run: its time is its period.
            period = QStringLiteral("at:") + isoUtc(sample.timestampMs);
        }
        Group &group = groups[{start, period}];
        group.period = period;
        group.startMs = start;
        if (!byDay)
            group.runId = sample.runId;
        group.collectedAtMs = std::max(group.collectedAtMs, sample.timestampMs);
        group.samples.append(sample);
    }
    QList<store::OutboxEntry> entries;
    for (const Group &group : std::as_const(groups)) {
        const QJsonObject payload =
            valuesPayload(workspace, group.period, group.startMs, group.runId, group.collectedAtMs,
                          latestByKey(group.samples));
        entries.append(entry(destination.id, group.period, group.startMs, group.runId, payload,
                             nowMs, store::Requeue::Never));
    }
    return R::ok(entries);
}

} // namespace kpi::destinations
