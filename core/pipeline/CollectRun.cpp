// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "pipeline/CollectRun.h"

#include "destinations/PayloadBuilder.h"
#include "pipeline/Plausibility.h"
#include "secrets/ReadOnlySecretStore.h"
#include "secrets/SecretStore.h"
#include "store/HistoryStore.h"
#include "util/Clock.h"
#include "util/Logging.h"

#include <QElapsedTimer>
#include <QMetaObject>

namespace kpi::pipeline {

using sources::SourceOutcome;
using store::EventLevel;
using store::RunEvent;
using store::RunStatus;

CollectRun::CollectRun(workspace::Workspace workspace, CollectOptions options,
                       store::HistoryStore *history, net::HttpClient *client,
                       secrets::SecretStore *secretStore, const Clock &clock, QObject *parent)
    : QObject(parent),
      m_workspace(std::move(workspace)),
      m_options(std::move(options)),
      m_history(history),
      m_dryRunStore(m_options.dryRun ? std::make_unique<secrets::ReadOnlySecretStore>(secretStore)
                                     : nullptr),
      m_secretStore(m_dryRunStore ? m_dryRunStore.get() : secretStore),
      m_clock(clock),
      m_factory(client, m_secretStore, &clock)
{
    qRegisterMetaType<kpi::pipeline::RunReport>();
    qRegisterMetaType<kpi::sources::SourceOutcome>();
    for (const auto &source : std::as_const(m_workspace.sources)) {
        // Manual metrics are recorded by people (`record`), never fetched.
        const bool chosen = !source.isManual() && (m_options.sourceIds.isEmpty()
                                                       ? source.enabled
                                                       : m_options.sourceIds.contains(source.id));
        if (chosen)
            m_selected.append(source);
    }
    m_outcomes.resize(m_selected.size());
    m_running.resize(m_selected.size());
    m_report.dryRun = m_options.dryRun;
}

CollectRun::~CollectRun() = default;

QStringList CollectRun::unknownSources(const workspace::Workspace &workspace,
                                       const QStringList &ids)
{
    QStringList unknown;
    for (const QString &id : ids) {
        if (!workspace.source(id))
            unknown.append(id);
    }
    return unknown;
}

void CollectRun::start()
{
    m_report.startedAtMs = m_clock.nowMs();
    qCInfo(lcPipeline).noquote() << "collecting" << m_selected.size() << "sources"
                                 << (m_options.dryRun ? "(dry run)" : "") << "for"
                                 << m_options.trigger;

    if (m_history) {
        QStringList keys;
        for (const auto &source : std::as_const(m_selected)) {
            for (const auto &metric : source.metrics)
                keys.append(metric.key);
        }
        QElapsedTimer reading;
        reading.start();
        const auto previous = m_history->latestBefore(m_report.startedAtMs, keys);
        qCDebug(lcPipeline) << "read the previous values of" << keys.size() << "metrics in"
                            << reading.elapsed() << "ms";
        if (previous)
            m_report.previous = *previous;
        else
            m_report.storeError = previous.error();

        if (!m_options.dryRun && !m_report.storeError) {
            const auto runId = m_history->beginRun(m_report.startedAtMs, m_options.trigger);
            if (runId)
                m_report.runId = *runId;
            else
                m_report.storeError = runId.error();
        }
    }
    resolveSecrets();
}

void CollectRun::resolveSecrets()
{
    for (const auto &source : std::as_const(m_selected))
        m_secretNames += source.secretNames();
    m_secretNames.removeDuplicates();
    if (m_secretNames.isEmpty()) {
        QMetaObject::invokeMethod(this, &CollectRun::finishResolving, Qt::QueuedConnection);
        return;
    }
    m_secretTimer = new QTimer(this);
    m_secretTimer->setSingleShot(true);
    connect(m_secretTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcPipeline) << "the secret store did not answer in time";
        finishResolving();
    });
    m_secretTimer->start(m_secretDeadline);
    // Every secret is asked for at once; each may take a keychain round trip.
    for (const QString &name : std::as_const(m_secretNames)) {
        m_secretStore->read(name, this, [this, name](const Result<secrets::Secret> &secret) {
            if (m_sourcesStarted)
                return; // too late: the deadline passed or the run was canceled
            m_resolved.insert(name, secret);
            if (m_resolved.size() == m_secretNames.size())
                finishResolving();
        });
    }
}

void CollectRun::finishResolving()
{
    if (m_sourcesStarted)
        return;
    if (m_secretTimer)
        m_secretTimer->stop();
    const QString seconds = QString::number(double(m_secretDeadline.count()) / 1000, 'g', 3);
    for (const QString &name : std::as_const(m_secretNames)) {
        if (!m_resolved.contains(name))
            m_resolved.insert(name, Result<secrets::Secret>::error(
                                        Error::Code::Secret,
                                        tr("the secret store did not answer for \"%1\" within %2 s")
                                            .arg(name, seconds)));
    }
    startSources(m_resolved);
}

void CollectRun::startSources(const QHash<QString, Result<secrets::Secret>> &secrets)
{
    m_sourcesStarted = true;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        if (it.value())
            m_scrubber.add(it.value()->reveal());
    }
    if (m_selected.isEmpty()) {
        complete();
        return;
    }
    for (qsizetype i = 0; i < m_selected.size(); ++i) {
        const auto &config = m_selected.at(i);
        SourceOutcome outcome;
        outcome.sourceId = config.id;
        if (m_canceled) {
            outcome.error = Error{Error::Code::Canceled, tr("canceled"), {}};
            outcome.step = QStringLiteral("fetch");
            onSourceFinished(i, outcome);
            continue;
        }
        sources::SecretValues values;
        for (const QString &name : config.secretNames()) {
            const auto secret = secrets.value(name);
            if (!secret) {
                outcome.error = secret.error();
                break;
            }
            values.insert(name, *secret);
        }
        if (outcome.error) {
            outcome.step = QStringLiteral("secret");
            onSourceFinished(i, outcome);
            continue;
        }
        std::unique_ptr<sources::Source> source = m_factory.create(config);
        if (!source) {
            outcome.error = Error{Error::Code::InvalidInput,
                                  tr("unsupported source type \"%1\"").arg(config.type),
                                  {}};
            outcome.step = QStringLiteral("fetch");
            onSourceFinished(i, outcome);
            continue;
        }
        source->setParent(this);
        m_running[i] = source.get();
        connect(source.get(), &sources::Source::finished, this,
                [this, i](const SourceOutcome &finished) { onSourceFinished(i, finished); });
        source.release()->start(values);
    }
}

void CollectRun::onSourceFinished(qsizetype index, SourceOutcome outcome)
{
    if (m_outcomes[index])
        return;
    // Every message passes the run-wide scrubber too: one source's error must not show
    // another source's secret either.
    if (outcome.error)
        outcome.error->message = m_scrubber.scrub(outcome.error->message);
    for (auto &failure : outcome.metricErrors)
        failure.error.message = m_scrubber.scrub(failure.error.message);
    if (outcome.error)
        qCInfo(lcPipeline).noquote()
            << outcome.sourceId << "failed at" << outcome.step << ":" << outcome.error->message;
    else
        qCInfo(lcPipeline).noquote()
            << outcome.sourceId << "collected" << outcome.values.size() << "values";

    for (auto &page : outcome.rawPages) {
        if (page.fetchedAtMs == 0)
            page.fetchedAtMs = m_clock.nowMs();
    }
    m_outcomes[index] = outcome;
    if (m_running[index]) {
        m_running[index]->deleteLater();
        m_running[index] = nullptr;
    }
    ++m_done;
    Q_EMIT sourceFinished(outcome, m_done, int(m_selected.size()));
    if (m_done == m_selected.size())
        complete();
}

void CollectRun::cancel()
{
    if (m_completed || m_canceled)
        return;
    m_canceled = true;
    if (!m_sourcesStarted) {
        // Still waiting for secrets: every source ends as canceled without starting.
        QMetaObject::invokeMethod(this, &CollectRun::finishResolving, Qt::QueuedConnection);
        return;
    }
    const auto running = m_running;
    for (const auto &source : running) {
        if (source)
            source->abort();
    }
}

QList<store::OutboxEntry> CollectRun::outboxEntries(const QList<store::Sample> &samples) const
{
    using destinations::PayloadBuilder;
    QList<store::Sample> earlier;
    if (!samples.isEmpty() && PayloadBuilder::needsDayValues(m_workspace)) {
        // A day-keyed destination gets the whole day so far, not just this run's sources.
        const QTimeZone zone = m_workspace.zone();
        const QDate day = QDateTime::fromMSecsSinceEpoch(m_report.startedAtMs, zone).date();
        store::SampleQuery query;
        query.sinceMs = QDateTime(day, QTime(0, 0), zone).toMSecsSinceEpoch();
        query.untilMs = m_report.startedAtMs;
        const auto read = m_history->samples(query);
        if (read) {
            for (const auto &sample : std::as_const(*read)) {
                if (!sample.isSuspect()) // suspect values are never delivered
                    earlier.append(sample);
            }
        } else
            qCWarning(lcPipeline).noquote()
                << "the day's earlier values are left out of the deliveries:"
                << read.error().message;
    }
    return PayloadBuilder::forRun(m_workspace, m_report.runId, m_report.startedAtMs, samples,
                                  earlier, m_clock.nowMs());
}

void CollectRun::complete()
{
    if (m_completed)
        return;
    m_completed = true;
    m_report.finishedAtMs = m_clock.nowMs();

    QList<store::Sample> samples;
    QList<RunEvent> events;
    QList<store::RawResponse> rawResponses;
    int failed = 0;
    for (const auto &slot : std::as_const(m_outcomes)) {
        const SourceOutcome &outcome = *slot;
        m_report.outcomes.append(outcome);
        failed += outcome.hasFailure() ? 1 : 0;
        for (const auto &value : outcome.values) {
            store::Sample sample;
            sample.metricKey = value.key;
            // One timestamp per run keeps a run together in every day, week and month.
            sample.timestampMs = m_report.startedAtMs;
            sample.value = value.value;
            sample.sourceId = outcome.sourceId;
            sample.origin = store::SampleOrigin::Collected;
            // A selector that broke yields 0 or a stray number: kept, marked, not delivered.
            if (const auto *metric = m_workspace.metric(value.key)) {
                const auto before = m_report.previous.constFind(value.key);
                const std::optional<double> previous = before == m_report.previous.cend()
                                                           ? std::nullopt
                                                           : std::optional<double>(before->value);
                if (auto reason = Plausibility::check(*metric, value.value, previous)) {
                    sample.suspect = *reason;
                    m_report.suspects.append(
                        {outcome.sourceId, value.key, value.value, previous, *reason});
                }
            }
            samples.append(sample);
        }
        for (qsizetype page = 0; page < outcome.rawPages.size(); ++page) {
            const sources::RawPage &raw = outcome.rawPages.at(page);
            store::RawResponse response;
            response.sourceId = outcome.sourceId;
            response.page = int(page);
            response.fetchedAtMs = raw.fetchedAtMs;
            response.url = raw.url;
            response.contentType = raw.contentType;
            response.body = raw.body;
            rawResponses.append(response);
        }
        RunEvent event;
        event.timestampMs = m_report.finishedAtMs;
        event.sourceId = outcome.sourceId;
        event.httpStatus = outcome.httpStatus;
        event.durationMs = outcome.durationMs;
        if (outcome.error) {
            event.level = EventLevel::Error;
            event.step = outcome.step;
            event.message = outcome.error->message;
        } else {
            event.level = EventLevel::Info;
            event.step = QStringLiteral("fetch");
            event.message = tr("%n value(s) collected", nullptr, int(outcome.values.size()));
        }
        events.append(event);
        for (const auto &failure : outcome.metricErrors) {
            RunEvent metricEvent = event;
            metricEvent.level = EventLevel::Error;
            metricEvent.step = QStringLiteral("extract");
            metricEvent.metricKey = failure.key;
            metricEvent.message = failure.error.message;
            events.append(metricEvent);
        }
        for (const auto &suspect : std::as_const(m_report.suspects)) {
            if (suspect.sourceId != outcome.sourceId)
                continue;
            RunEvent suspectEvent = event;
            suspectEvent.level = EventLevel::Warning;
            suspectEvent.step = QStringLiteral("plausibility");
            suspectEvent.metricKey = suspect.metricKey;
            suspectEvent.message =
                tr("selector probably broken: %1 (stored as suspect, not delivered)")
                    .arg(suspect.reason);
            events.append(suspectEvent);
        }
    }

    if (m_canceled)
        m_report.status = RunStatus::Canceled;
    else if (failed == 0 && m_report.suspects.isEmpty())
        m_report.status = RunStatus::Ok;
    else if (failed == 0)
        m_report.status = RunStatus::Partial;
    else
        m_report.status = samples.isEmpty() ? RunStatus::Failed : RunStatus::Partial;

    if (m_history && m_report.runId > 0) {
        const store::Run run{m_report.runId,  m_report.startedAtMs, m_report.finishedAtMs,
                             m_report.status, m_options.trigger,    int(m_selected.size()),
                             failed};
        QElapsedTimer storing;
        storing.start();
        QList<store::Sample> plausible;
        for (const auto &sample : std::as_const(samples)) {
            if (!sample.isSuspect())
                plausible.append(sample);
        }
        const workspace::RawResponseRetention &retention = m_workspace.rawResponses;
        const auto stored = m_history->completeRun(
            run, samples, events, outboxEntries(plausible),
            retention.enabled() ? rawResponses : QList<store::RawResponse>());
        qCDebug(lcPipeline) << "stored" << samples.size() << "values and" << events.size()
                            << "events in" << storing.elapsed() << "ms";
        if (!stored)
            m_report.storeError = stored.error();
        // Retention after each run; a failure here loses nothing and is retried next run.
        const auto pruned = m_history->pruneRawResponses(
            m_clock.nowMs(), store::RawRetention{retention.days, retention.megabytes});
        if (!pruned)
            qCWarning(lcPipeline).noquote()
                << "old raw responses were not deleted:" << pruned.error().message;
    }
    qCInfo(lcPipeline).noquote() << "run finished:" << store::toDbText(m_report.status)
                                 << samples.size() << "values," << failed << "sources failed";
    Q_EMIT finished(m_report);
}

} // namespace kpi::pipeline
