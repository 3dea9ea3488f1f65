// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "cli/CollectCommand.h"

#include "cli/CliContext.h"
#include "cli/Formatting.h"
#include "cli/TextTable.h"
#include "delivery/DeliveryWorker.h"
#include "net/HttpClient.h"
#include "store/HistoryStore.h"
#include "util/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace kpi::cli {

namespace {

std::optional<double> previousValue(const pipeline::RunReport &report, const QString &key)
{
    const auto it = report.previous.constFind(key);
    return it == report.previous.cend() ? std::nullopt : std::optional(it->value);
}

QString describeFailure(const sources::SourceOutcome &outcome)
{
    return outcome.step + QStringLiteral(": ") + outcome.error->message;
}

} // namespace

CollectCommand::CollectCommand(CliContext &context, pipeline::CollectOptions options, Format format,
                               QObject *parent)
    : Command(context, parent), m_options(std::move(options)), m_format(format)
{ }

CollectCommand::~CollectCommand()
{
    delete m_worker; // it uses the history, which as a member would go first
}

void CollectCommand::start()
{
    CliContext &ctx = context();
    const auto loaded = ctx.workspaceOrPrintErrors();
    if (!loaded) {
        Q_EMIT done(ExitUsage);
        return;
    }
    m_workspace = *loaded;
    const QStringList unknown =
        pipeline::CollectRun::unknownSources(m_workspace, m_options.sourceIds);
    if (!unknown.isEmpty()) {
        QStringList known;
        for (const auto &source : std::as_const(m_workspace.sources))
            known.append(source.id);
        ctx.printError(
            {Error::Code::InvalidInput,
             tr("no source \"%1\" in the workspace; it has: %2")
                 .arg(unknown.join(QStringLiteral("\", \"")), known.join(QStringLiteral(", "))),
             QStringLiteral("--source")});
        Q_EMIT done(ExitUsage);
        return;
    }
    for (const QString &id : std::as_const(m_options.sourceIds)) {
        if (const auto *source = m_workspace.source(id); source && source->isManual()) {
            ctx.printError({Error::Code::InvalidInput,
                            tr("\"%1\" is a manual source: nothing to collect; record its "
                               "values with \"kpi-collector record KEY VALUE\"")
                                .arg(id),
                            QStringLiteral("--source")});
            Q_EMIT done(ExitUsage);
            return;
        }
    }

    const auto location = ctx.databaseLocationOrPrintError();
    if (!location) {
        Q_EMIT done(ExitUsage);
        return;
    }
    if (m_options.dryRun) {
        // A dry run reads the history for the change column, if there is one it can read
        // as it is; it never creates or upgrades one.
        auto opened = store::HistoryStore::open(*location, store::AccessMode::ReadOnly);
        if (opened)
            m_history = std::move(*opened);
        else if (opened.error().code != Error::Code::NotFound)
            ctx.err() << tr("note: without the stored history (%1), the change column stays "
                            "empty\n")
                             .arg(opened.error().message);
    } else {
        auto opened = store::HistoryStore::open(*location);
        if (!opened) {
            ctx.printError(opened.error());
            Q_EMIT done(ExitFailures);
            return;
        }
        m_history = std::move(*opened);
    }

    net::HttpClient *client = ctx.services().httpClient();
    client->setMaxConnectionsPerHost(m_workspace.perHostConnections);
    m_run = new pipeline::CollectRun(m_workspace, m_options, m_history.get(), client,
                                     ctx.services().secretStore(), Clock::system(), this);
    connect(m_run, &pipeline::CollectRun::finished, this, &CollectCommand::onFinished);
    m_run->start();
}

void CollectCommand::onFinished(const pipeline::RunReport &report)
{
    if (m_format == Format::Json)
        printJson(report);
    else
        printTable(report);
    if (report.storeError)
        context().printError(*report.storeError);
    context().out().flush();
    if (report.dryRun || report.runId <= 0 || report.storeError ||
        m_workspace.destinations.isEmpty()) {
        Q_EMIT done(report.exitCode());
        return;
    }
    deliver(report.exitCode());
}

// The run's payloads are in the outbox now: send what is due, then end. What cannot be
// sent now stays queued for the daemon or the next `deliver`.
void CollectCommand::deliver(int collectStatus)
{
    CliContext &ctx = context();
    m_worker = new delivery::DeliveryWorker(m_history.get(), ctx.services().httpClient(),
                                            ctx.services().secretStore(), Clock::system(),
                                            QStringLiteral("cli"), this);
    m_worker->setWorkspace(m_workspace);
    auto problems = std::make_shared<int>(0);
    connect(m_worker, &delivery::DeliveryWorker::retryScheduled, this,
            [this, problems](const QString &id, const QString &period, qint64 next,
                             const QString &why) {
                ++*problems;
                context().err()
                    << tr("%1 %2: %3; trying again at %4").arg(id, period, why, formatUtc(next))
                    << '\n';
            });
    connect(m_worker, &delivery::DeliveryWorker::failed, this,
            [this, problems](const QString &id, const QString &period, const QString &message) {
                ++*problems;
                context().err() << tr("%1 %2: delivery failed: %3").arg(id, period, message)
                                << '\n';
            });
    connect(m_worker, &delivery::DeliveryWorker::idle, this, [this, problems, collectStatus] {
        context().err().flush();
        const bool failed = *problems > 0 || m_worker->failures() > 0;
        Q_EMIT done(failed ? std::max(collectStatus, int(ExitFailures)) : collectStatus);
    });
    m_worker->poke();
}

void CollectCommand::printTable(const pipeline::RunReport &report)
{
    TextTable table;
    table.addColumn(tr("SOURCE"));
    table.addColumn(tr("METRIC"));
    table.addColumn(tr("VALUE"), TextTable::Align::Right);
    table.addColumn(tr("CHANGE"), TextTable::Align::Right);
    table.addColumn(tr("STATUS"));
    int values = 0;
    for (const auto &outcome : report.outcomes) {
        if (outcome.error) {
            table.addRow({outcome.sourceId, QStringLiteral("-"), QStringLiteral("-"),
                          QStringLiteral("-"), tr("error at %1").arg(describeFailure(outcome))});
            continue;
        }
        for (const auto &value : outcome.values) {
            ++values;
            const auto *suspect = report.suspect(value.key);
            table.addRow({outcome.sourceId, value.key, formatValue(value.value),
                          formatChange(value.value, previousValue(report, value.key)),
                          suspect
                              ? tr("suspect: selector probably broken (%1)").arg(suspect->reason)
                              : tr("ok")});
        }
        for (const auto &failure : outcome.metricErrors) {
            table.addRow({outcome.sourceId, failure.key, QStringLiteral("-"), QStringLiteral("-"),
                          tr("error: %1").arg(failure.error.message)});
        }
    }
    QTextStream &out = context().out();
    if (report.outcomes.isEmpty()) {
        out << tr("No sources to collect: the workspace has no enabled sources.") << '\n';
        return;
    }
    table.print(out);
    if (report.dryRun)
        printEvidence(report);
    const double seconds = double(report.finishedAtMs - report.startedAtMs) / 1000.0;
    // Two counts, so two numerus messages put together ("1 value from 2 sources").
    QString summary = tr("%1 from %2 in %3 s")
                          .arg(tr("%n value(s)", nullptr, values),
                               tr("%n source(s)", nullptr, int(report.outcomes.size())),
                               QString::number(seconds, 'f', 2));
    if (const int failed = report.failedSources())
        summary += tr("; %n source(s) had errors", nullptr, failed);
    if (report.dryRun)
        summary += tr("; dry run, nothing stored");
    else if (report.runId > 0 && !report.storeError)
        summary += tr("; stored as run %1").arg(report.runId);
    else
        summary += tr("; NOT stored");
    out << summary << '.' << '\n';
}

// A dry run is for trying a selector: say what it matched, so a user sees why the value is
// what it is (the first few nodes' text).
void CollectCommand::printEvidence(const pipeline::RunReport &report)
{
    QTextStream &out = context().out();
    for (const auto &outcome : report.outcomes) {
        for (const auto &evidence : outcome.evidence) {
            const QString matches = tr("%n match(es)", nullptr, evidence.matches);
            QString line =
                evidence.pages > 1
                    ? tr("%1: %2 on %3 pages").arg(evidence.key, matches).arg(evidence.pages)
                    : tr("%1: %2").arg(evidence.key, matches);
            if (evidence.text)
                line += tr("; text \"%1\"").arg(*evidence.text);
            out << line << '\n';
            for (const QString &sample : evidence.samples)
                out << QStringLiteral("    \"") << sample << QStringLiteral("\"\n");
        }
    }
}

// The evidence of each html metric, merged into its entry of `metrics`.
void CollectCommand::addEvidence(const sources::SourceOutcome &outcome, QJsonArray &metrics)
{
    for (const auto &evidence : outcome.evidence) {
        for (qsizetype i = 0; i < metrics.size(); ++i) {
            QJsonObject metric = metrics.at(i).toObject();
            if (metric.value(QLatin1String("key")).toString() != evidence.key)
                continue;
            metric.insert(QStringLiteral("matches"), evidence.matches);
            metric.insert(QStringLiteral("pages"), evidence.pages);
            metric.insert(QStringLiteral("samples"), QJsonArray::fromStringList(evidence.samples));
            if (evidence.text)
                metric.insert(QStringLiteral("text"), *evidence.text);
            metrics.replace(i, metric);
            break;
        }
    }
}

void CollectCommand::printJson(const pipeline::RunReport &report)
{
    QJsonArray sources;
    for (const auto &outcome : report.outcomes) {
        QJsonArray metrics;
        for (const auto &value : outcome.values) {
            QJsonObject metric{{QStringLiteral("key"), value.key},
                               {QStringLiteral("value"), value.value}};
            if (const auto previous = previousValue(report, value.key)) {
                metric.insert(QStringLiteral("previous"), *previous);
                metric.insert(QStringLiteral("change"), value.value - *previous);
                if (*previous != 0)
                    metric.insert(QStringLiteral("changePercent"),
                                  (value.value - *previous) / std::abs(*previous) * 100.0);
            }
            if (const auto *suspect = report.suspect(value.key))
                metric.insert(QStringLiteral("suspect"), suspect->reason);
            metrics.append(metric);
        }
        for (const auto &failure : outcome.metricErrors)
            metrics.append(QJsonObject{{QStringLiteral("key"), failure.key},
                                       {QStringLiteral("error"), failure.error.message}});
        if (report.dryRun)
            addEvidence(outcome, metrics);
        QJsonObject source{{QStringLiteral("id"), outcome.sourceId},
                           {QStringLiteral("status"),
                            outcome.isComplete() ? QStringLiteral("ok") : QStringLiteral("error")},
                           {QStringLiteral("durationMs"), double(outcome.durationMs)},
                           {QStringLiteral("metrics"), metrics}};
        if (outcome.httpStatus)
            source.insert(QStringLiteral("httpStatus"), outcome.httpStatus);
        if (outcome.error) {
            source.insert(QStringLiteral("error"), outcome.error->message);
            source.insert(QStringLiteral("step"), outcome.step);
        }
        sources.append(source);
    }
    QJsonObject root{{QStringLiteral("status"), store::toDbText(report.status)},
                     {QStringLiteral("dryRun"), report.dryRun},
                     {QStringLiteral("startedAt"), formatUtc(report.startedAtMs)},
                     {QStringLiteral("finishedAt"), formatUtc(report.finishedAtMs)},
                     {QStringLiteral("sources"), sources}};
    if (report.runId > 0 && !report.storeError)
        root.insert(QStringLiteral("runId"), double(report.runId));
    if (report.storeError)
        root.insert(QStringLiteral("storeError"), report.storeError->toString());
    context().out() << QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace kpi::cli
