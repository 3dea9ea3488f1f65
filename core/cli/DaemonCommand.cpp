// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "cli/DaemonCommand.h"

#include "cli/CliContext.h"
#include "delivery/DeliveryWorker.h"
#include "destinations/PayloadBuilder.h"
#include "net/HttpClient.h"
#include "pipeline/Collector.h"
#include "schedule/CollectionSchedule.h"
#include "schedule/DeliverySchedule.h"
#include "schedule/WallClockWatcher.h"
#include "store/HistoryStore.h"
#include "store/Run.h"
#include "util/Clock.h"
#include "util/Logging.h"
#include "util/SingleInstance.h"
#include "util/UnixSignals.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTextStream>
#include <QTimer>

#include <csignal>

namespace kpi::cli {

DaemonCommand::DaemonCommand(CliContext &context, QObject *parent) : Command(context, parent) { }

DaemonCommand::~DaemonCommand()
{
    // They use the history, which as a member would go before them.
    delete m_deliverySchedule;
    delete m_deliveries; // gives what it was sending back to the outbox
    delete m_schedule;
    delete m_collector;
}

void DaemonCommand::start()
{
    CliContext &ctx = context();
    // A daemon's log is what it says; the other commands keep their output for results.
    // QT_LOGGING_RULES still overrides this.
    QLoggingCategory::setFilterRules(QStringLiteral("kpi.*.info=true"));
    qSetMessagePattern(QStringLiteral(
        "%{time yyyy-MM-ddTHH:mm:ss.zzz} %{if-warning}warning %{endif}%{if-critical}error "
        "%{endif}%{category}: %{message}"));

    const auto loaded = ctx.workspaceOrPrintErrors();
    if (!loaded) {
        Q_EMIT done(ExitUsage);
        return;
    }
    // A daemon with no collection schedule still has work when a digest is scheduled.
    const bool digestScheduled =
        std::any_of(loaded->destinations.cbegin(), loaded->destinations.cend(),
                    [](const workspace::DestinationConfig &destination) {
                        return !destinations::PayloadBuilder::isOnCollect(destination);
                    });
    if (loaded->schedule.isEmpty() && !digestScheduled) {
        ctx.printError({Error::Code::InvalidInput,
                        tr("the workspace has no \"schedule\" and no destination with a digest "
                           "schedule, so the daemon would have nothing to do; add one such as "
                           "\"0 6 * * *\""),
                        ctx.workspacePath()});
        Q_EMIT done(ExitUsage);
        return;
    }

    const auto location = ctx.databaseLocationOrPrintError();
    if (!location) {
        Q_EMIT done(ExitUsage);
        return;
    }
    // One daemon per history: a second one would only find every slot claimed.
    const QString historyName = location->kind == store::DatabaseLocation::Kind::Sqlite
                                    ? QFileInfo(location->path).absoluteFilePath()
                                    : location->display();
    const QByteArray historyId =
        QCryptographicHash::hash(historyName.toUtf8(), QCryptographicHash::Sha1).toHex().left(12);
    m_instance = std::make_unique<SingleInstance>(QStringLiteral("daemon-") +
                                                  QString::fromLatin1(historyId));
    if (m_instance->claim("status") == SingleInstance::Role::Secondary) {
        ctx.printError(
            {Error::Code::InvalidInput,
             tr("a KPI Collector daemon is already running on %1").arg(location->display()),
             {}});
        Q_EMIT done(ExitUsage);
        return;
    }

    auto opened = store::HistoryStore::open(*location);
    if (!opened) {
        ctx.printError(opened.error());
        Q_EMIT done(ExitFailures);
        return;
    }
    m_history = std::move(*opened);

    net::HttpClient *client = ctx.services().httpClient();
    client->setMaxConnectionsPerHost(loaded->perHostConnections);
    m_collector =
        new pipeline::Collector(client, ctx.services().secretStore(), Clock::system(), this);
    m_collector->setWorkspace(*loaded);
    m_collector->setHistory(m_history.get());
    connect(m_collector, &pipeline::Collector::finished, this, &DaemonCommand::onRunFinished);

    m_schedule = new schedule::CollectionSchedule(m_collector, Clock::system(),
                                                  QStringLiteral("daemon"), this);
    // Deliveries: after each run, at each digest's time, and whenever a retry is due.
    m_deliveries =
        new delivery::DeliveryWorker(m_history.get(), client, ctx.services().secretStore(),
                                     Clock::system(), QStringLiteral("daemon"), this);
    m_deliveries->setWorkspace(*loaded);
    m_deliveries->setWaitForDue(true);
    connect(m_collector, &pipeline::Collector::finished, m_deliveries,
            &delivery::DeliveryWorker::poke);
    m_deliverySchedule = new schedule::DeliverySchedule(
        m_history.get(), m_deliveries, Clock::system(), QStringLiteral("daemon"), this);
    m_clockWatcher = new schedule::WallClockWatcher(this);
    connect(m_clockWatcher, &schedule::WallClockWatcher::jumped, &m_schedule->scheduler(),
            &schedule::Scheduler::wallClockChanged);
    m_signals = new UnixSignals(this);
    connect(m_signals, &UnixSignals::stopRequested, this, &DaemonCommand::onStopRequested);

    qCInfo(lcSchedule).noquote() << "daemon started; workspace"
                                 << QFileInfo(ctx.workspacePath()).absoluteFilePath() << "history"
                                 << m_history->location().display();
    if (const auto started = m_schedule->start(); !started) {
        ctx.printError(started.error());
        Q_EMIT done(ExitUsage);
        return;
    }
    if (const auto started = m_deliverySchedule->start(); !started) {
        ctx.printError(started.error());
        Q_EMIT done(ExitUsage);
        return;
    }
    connect(m_clockWatcher, &schedule::WallClockWatcher::jumped, &m_deliverySchedule->scheduler(),
            &schedule::Scheduler::wallClockChanged);
    m_deliveries->poke(); // what waited in the outbox while no daemon ran
}

void DaemonCommand::onStopRequested(int signalNumber)
{
    const char *name = signalNumber == SIGTERM ? "SIGTERM" : "SIGINT";
    if (++m_stopSignals == 1) {
        qCInfo(lcSchedule) << "stopping on" << name;
        m_schedule->scheduler().setPaused(true);
        m_deliverySchedule->scheduler().setPaused(true);
    }
    if (!m_collector->isCollecting()) {
        Q_EMIT done(ExitOk);
        return;
    }
    if (m_stopSignals == 1) {
        // The run may finish in time; canceled, its slot is given back to be caught up.
        qCInfo(lcSchedule) << "letting the run in progress finish for up to" << StopGraceMs / 1000
                           << "s; signal again to stop now";
        QTimer::singleShot(StopGraceMs, m_collector, &pipeline::Collector::cancel);
        return;
    }
    qCInfo(lcSchedule) << "canceling the run in progress on a second" << name;
    m_collector->cancel(); // onRunFinished ends the process once it is stored
}

void DaemonCommand::onRunFinished(const pipeline::RunReport &report)
{
    const int failed = int(std::count_if(report.outcomes.cbegin(), report.outcomes.cend(),
                                         [](const auto &outcome) { return outcome.hasFailure(); }));
    if (report.storeError)
        qCWarning(lcSchedule).noquote()
            << "the run could not be stored:" << report.storeError->message;
    for (const auto &outcome : report.outcomes) {
        if (outcome.error)
            qCWarning(lcSchedule).noquote()
                << outcome.sourceId << "failed at" << outcome.step << ":" << outcome.error->message;
    }
    qCInfo(lcSchedule).noquote() << "run" << report.runId << store::toDbText(report.status) << ":"
                                 << report.outcomes.size() - failed << "of"
                                 << report.outcomes.size() << "sources collected; next at"
                                 << m_schedule->nextCollectionText();
    if (m_stopSignals > 0)
        Q_EMIT done(ExitOk);
}

} // namespace kpi::cli
