// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "cli/DeliverCommand.h"

#include "cli/CliContext.h"
#include "cli/Formatting.h"
#include "delivery/DeliveryWorker.h"
#include "destinations/DestinationFactory.h"
#include "destinations/PayloadBuilder.h"
#include "net/HttpClient.h"
#include "schedule/DeliverySchedule.h"
#include "secrets/SecretStore.h"
#include "store/HistoryStore.h"
#include "util/Clock.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

namespace kpi::cli {

namespace {

constexpr int PreviewSecretDeadlineMs = 10000;
// A scheduled digest missed by more slots than this is sent once, for the latest.
constexpr int MaxSlotsToSkip = 100000;

using destinations::PayloadBuilder;

} // namespace

DeliverCommand::DeliverCommand(CliContext &context, Options options, const Clock &clock,
                               QObject *parent)
    : Command(context, parent), m_options(std::move(options)), m_clock(clock)
{ }

DeliverCommand::~DeliverCommand()
{
    delete m_worker; // it uses the history, which as a member would go first
}

QList<const workspace::DestinationConfig *> DeliverCommand::chosen() const
{
    QList<const workspace::DestinationConfig *> configs;
    for (const auto &destination : m_workspace.destinations) {
        if (m_options.destinationId.isEmpty() || destination.id == m_options.destinationId)
            configs.append(&destination);
    }
    return configs;
}

void DeliverCommand::start()
{
    CliContext &ctx = context();
    const auto loaded = ctx.workspaceOrPrintErrors();
    if (!loaded) {
        Q_EMIT done(ExitUsage);
        return;
    }
    m_workspace = *loaded;
    const auto usage = [&](const QString &where, const QString &message) {
        ctx.printError({Error::Code::InvalidInput, message, where});
        Q_EMIT done(ExitUsage);
    };
    const workspace::DestinationConfig *only = nullptr;
    if (!m_options.destinationId.isEmpty()) {
        only = m_workspace.destination(m_options.destinationId);
        if (!only) {
            QStringList known;
            for (const auto &destination : std::as_const(m_workspace.destinations))
                known.append(destination.id);
            usage(QStringLiteral("--destination"),
                  tr("no destination \"%1\" in the workspace; it has: %2")
                      .arg(m_options.destinationId,
                           known.isEmpty() ? tr("none") : known.join(QStringLiteral(", "))));
            return;
        }
        if (!destinations::DestinationFactory::isSupported(only->type)) {
            usage(QStringLiteral("--destination"),
                  tr("this version cannot deliver to destinations of type \"%1\" yet")
                      .arg(only->type));
            return;
        }
    }
    std::optional<qint64> sinceMs;
    if (m_options.backfill) {
        if (!only) {
            usage(QStringLiteral("--backfill"), tr("needs --destination ID"));
            return;
        }
        if (!PayloadBuilder::isOnCollect(*only)) {
            usage(QStringLiteral("--backfill"),
                  tr("%1 sends a digest on a schedule; back-filling is for on-collect "
                     "destinations")
                      .arg(only->id));
            return;
        }
        sinceMs = parseDateArgument(m_options.since, m_workspace.zone(), false);
        if (!sinceMs) {
            usage(QStringLiteral("--since"),
                  tr("expected YYYY-MM-DD or an ISO 8601 date and time, got \"%1\"")
                      .arg(m_options.since));
            return;
        }
    }

    const auto location = ctx.databaseLocationOrPrintError();
    if (!location) {
        Q_EMIT done(ExitUsage);
        return;
    }
    // A preview writes nothing: it never creates, upgrades or changes the history.
    auto opened = store::HistoryStore::open(
        *location, m_options.preview ? store::AccessMode::ReadOnly : store::AccessMode::ReadWrite);
    if (!opened) {
        if (m_options.preview && opened.error().code == Error::Code::NotFound) {
            ctx.out() << tr("Nothing would be sent: there is no history yet.") << '\n';
            Q_EMIT done(ExitOk);
            return;
        }
        ctx.printError(opened.error());
        Q_EMIT done(ExitFailures);
        return;
    }
    m_history = std::move(*opened);

    const qint64 now = m_clock.nowMs();
    if (m_options.preview) {
        QList<store::OutboxEntry> entries;
        for (const workspace::DestinationConfig *config : chosen()) {
            if (!destinations::DestinationFactory::isSupported(config->type))
                continue;
            QList<store::OutboxState> states{store::OutboxState::Pending};
            if (m_options.force)
                states.append(store::OutboxState::Failed);
            const auto queued = m_history->outboxEntries(config->id, states);
            if (!queued) {
                ctx.printError(queued.error());
                Q_EMIT done(ExitFailures);
                return;
            }
            entries += *queued;
            const auto planned = plannedEntries(*config, sinceMs);
            if (!planned) {
                ctx.printError(planned.error());
                Q_EMIT done(ExitFailures);
                return;
            }
            entries += *planned;
        }
        startPreview(entries);
        return;
    }

    for (const workspace::DestinationConfig *config : chosen()) {
        if (!destinations::DestinationFactory::isSupported(config->type))
            continue;
        const auto planned = plannedEntries(*config, sinceMs);
        if (!planned) {
            ctx.printError(planned.error());
            Q_EMIT done(ExitFailures);
            return;
        }
        if (!planned->isEmpty()) {
            const auto queued = m_history->enqueue(*planned);
            if (!queued) {
                ctx.printError(queued.error());
                Q_EMIT done(ExitFailures);
                return;
            }
            if (m_options.backfill)
                ctx.out() << tr("Queued %1 of %2 past periods for %3 (the others were queued "
                                "or delivered before).")
                                 .arg(*queued)
                                 .arg(planned->size())
                                 .arg(config->id)
                          << '\n';
        }
        if (m_options.force) {
            if (const auto retried = m_history->retryOutboxNow(config->id, now); !retried) {
                ctx.printError(retried.error());
                Q_EMIT done(ExitFailures);
                return;
            }
        }
    }
    if (!m_options.force) {
        if (const auto caught = catchUpDigests(); !caught) {
            ctx.printError(caught.error());
            Q_EMIT done(ExitFailures);
            return;
        }
    }
    startDelivering();
}

Result<QList<store::OutboxEntry>>
DeliverCommand::plannedEntries(const workspace::DestinationConfig &config,
                               std::optional<qint64> sinceMs) const
{
    using R = Result<QList<store::OutboxEntry>>;
    const qint64 now = m_clock.nowMs();
    if (m_options.backfill && sinceMs)
        return PayloadBuilder::backfill(*m_history, m_workspace, config, *sinceMs, now);
    if (m_options.force && !PayloadBuilder::isOnCollect(config)) {
        const auto digest =
            PayloadBuilder::digest(*m_history, m_workspace, config, m_clock.nowUtc(), now);
        if (!digest)
            return digest.forward<QList<store::OutboxEntry>>();
        return R::ok({*digest});
    }
    return R::ok({});
}

Result<void> DeliverCommand::catchUpDigests()
{
    // A scheduled digest whose time passed with nobody running (no daemon, no window) is
    // sent now, once, for its latest slot; one that never ran waits for the scheduler.
    const QTimeZone zone = m_workspace.zone();
    const QDateTime now = m_clock.nowUtc();
    for (const workspace::DestinationConfig *config : chosen()) {
        if (PayloadBuilder::isOnCollect(*config) ||
            !destinations::DestinationFactory::isSupported(config->type))
            continue;
        const auto cron = cron::CronExpression::parse(config->schedule);
        if (!cron)
            continue; // the loader reported it
        const QString job = schedule::DeliverySchedule::jobFor(config->id);
        const auto latest = m_history->latestClaimedSlot(job);
        if (!latest)
            return latest.forward<void>();
        if (!*latest)
            continue;
        QDateTime slot;
        QDateTime next = cron->next(QDateTime::fromMSecsSinceEpoch(**latest, Qt::UTC), zone);
        for (int i = 0; i < MaxSlotsToSkip && next.isValid() && next <= now; ++i) {
            slot = next;
            next = cron->next(next, zone);
        }
        if (!slot.isValid())
            continue;
        const auto claimed = m_history->claimSlot(job, slot.toMSecsSinceEpoch(),
                                                  now.toMSecsSinceEpoch(), QStringLiteral("cli"));
        if (!claimed)
            return claimed.forward<void>();
        if (!*claimed)
            continue;
        const auto queued = schedule::DeliverySchedule::enqueueDigest(
            *m_history, m_workspace, *config, slot.toUTC(), now.toMSecsSinceEpoch());
        if (!queued)
            return queued.forward<void>();
    }
    return Result<void>::ok();
}

void DeliverCommand::startPreview(const QList<store::OutboxEntry> &entries)
{
    QStringList names;
    for (const store::OutboxEntry &entry : entries) {
        if (const auto *config = m_workspace.destination(entry.destinationId))
            names += config->secretNames;
    }
    names.removeDuplicates();
    if (names.isEmpty()) {
        printPreview(entries, {});
        return;
    }
    // The secrets only show the webhook's host and compute the signature: a preview with
    // some missing still shows everything else.
    m_secretContext = new QObject(this);
    auto secrets = std::make_shared<destinations::SecretValues>();
    auto answered = std::make_shared<int>(0);
    const auto print = [this, entries, secrets] {
        if (!m_secretContext)
            return;
        m_secretContext->deleteLater(); // we may be in its timer's slot
        m_secretContext = nullptr;
        printPreview(entries, *secrets);
    };
    QTimer::singleShot(PreviewSecretDeadlineMs, m_secretContext, print);
    for (const QString &name : std::as_const(names)) {
        context().services().secretStore()->read(
            name, m_secretContext,
            [name, secrets, answered, total = int(names.size()),
             print](const Result<secrets::Secret> &secret) {
                if (secret)
                    secrets->insert(name, *secret);
                if (++*answered == total)
                    QMetaObject::invokeMethod(QCoreApplication::instance(), print,
                                              Qt::QueuedConnection);
            });
    }
}

void DeliverCommand::printPreview(const QList<store::OutboxEntry> &entries,
                                  const destinations::SecretValues &secrets)
{
    QTextStream &out = context().out();
    const destinations::DestinationFactory factory({nullptr, &m_clock});
    const qint64 now = m_clock.nowMs();
    int requests = 0;
    int failures = 0;
    for (const store::OutboxEntry &entry : entries) {
        const auto *config = m_workspace.destination(entry.destinationId);
        const auto destination = config ? factory.create(*config) : nullptr;
        if (!destination)
            continue;
        destinations::DeliveryItem item;
        item.outboxId = entry.id;
        item.destinationId = entry.destinationId;
        item.period = entry.period;
        item.runId = entry.runId;
        item.payload = QJsonDocument::fromJson(entry.payload).object();
        item.partsDone = entry.partsDone;
        const auto shown = destination->preview(item, secrets);
        QString status;
        if (entry.id == 0)
            status = m_options.backfill ? tr("would be queued by --backfill")
                                        : tr("the digest --force would queue now");
        else if (entry.state == store::OutboxState::Failed)
            status = tr("failed (%1); --force sends it again").arg(entry.lastError);
        else if (entry.nextAttemptMs > now)
            status = tr("queued, due at %1").arg(formatUtc(entry.nextAttemptMs));
        else
            status = tr("queued, due now");
        out << "# " << entry.destinationId << ' ' << entry.period << ": " << status << '\n';
        if (!shown) {
            out << "# " << tr("cannot be sent: %1").arg(shown.error().message) << "\n\n";
            ++failures;
            continue;
        }
        for (qsizetype i = 0; i < shown->size(); ++i) {
            const destinations::DeliveryRequest &request = shown->at(i);
            if (shown->size() > 1 || entry.partsDone > 0)
                out << "# "
                    << tr("part %1 of %2")
                           .arg(entry.partsDone + i + 1)
                           .arg(entry.partsDone + shown->size())
                    << '\n';
            out << request.method << ' ' << request.target << '\n';
            for (const auto &[name, value] : request.headers)
                out << name << ": " << value << '\n';
            out << '\n' << request.body;
            if (!request.body.endsWith('\n'))
                out << '\n';
            out << '\n';
            ++requests;
        }
    }
    if (entries.isEmpty())
        out << tr("Nothing would be sent.") << '\n';
    else
        out << tr("# %n request(s); nothing was sent.", nullptr, requests) << '\n';
    out.flush();
    Q_EMIT done(failures > 0 ? ExitFailures : ExitOk);
}

void DeliverCommand::startDelivering()
{
    CliContext &ctx = context();
    net::HttpClient *client = ctx.services().httpClient();
    m_worker = new delivery::DeliveryWorker(m_history.get(), client, ctx.services().secretStore(),
                                            m_clock, QStringLiteral("cli"), this);
    m_worker->setWorkspace(m_workspace);
    m_worker->setDestinationFilter(m_options.destinationId);
    connect(m_worker, &delivery::DeliveryWorker::delivered, this,
            [this](const QString &id, const QString &period) {
                ++m_delivered;
                context().out() << tr("delivered %1 to %2").arg(period, id) << '\n';
            });
    connect(m_worker, &delivery::DeliveryWorker::retryScheduled, this,
            [this](const QString &id, const QString &period, qint64 next, const QString &why) {
                ++m_retrying;
                context().err() << tr("%1 %2: %3; trying again at %4 (the daemon or the next "
                                      "deliver does)")
                                       .arg(id, period, why, formatUtc(next))
                                << '\n';
            });
    connect(m_worker, &delivery::DeliveryWorker::failed, this,
            [this](const QString &id, const QString &period, const QString &message) {
                ++m_failed;
                context().err() << tr("%1 %2: failed: %3").arg(id, period, message) << '\n';
            });
    connect(m_worker, &delivery::DeliveryWorker::idle, this, &DeliverCommand::onIdle);
    m_worker->poke();
}

void DeliverCommand::onIdle()
{
    disconnect(m_worker, &delivery::DeliveryWorker::idle, this, &DeliverCommand::onIdle);
    QTextStream &out = context().out();
    if (m_delivered + m_failed + m_retrying == 0 && m_worker->failures() == 0)
        out << tr("Nothing due.") << '\n';
    else
        out << tr("%1 delivered, %2 failed, %3 to be retried.")
                   .arg(m_delivered)
                   .arg(m_failed)
                   .arg(m_retrying)
            << '\n';
    out.flush();
    context().err().flush();
    const bool bad = m_failed > 0 || m_retrying > 0 || m_worker->failures() > 0;
    Q_EMIT done(bad ? ExitFailures : ExitOk);
}

} // namespace kpi::cli
