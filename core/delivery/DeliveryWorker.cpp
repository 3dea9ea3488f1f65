// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "delivery/DeliveryWorker.h"

#include "destinations/Destination.h"
#include "secrets/SecretScrubber.h"
#include "secrets/SecretStore.h"
#include "store/HistoryStore.h"
#include "util/Clock.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QMetaObject>
#include <QPointer>
#include <QRandomGenerator>

#include <cmath>
#include <memory>

namespace kpi::delivery {

using destinations::DeliveryOutcome;

// One row being sent: its secrets, then its destination. Also the context of the secret
// store's callbacks, which die with it.
class DeliveryWorker::Delivery : public QObject
{
public:
    using QObject::QObject;

    store::OutboxEntry entry;
    workspace::DestinationConfig config;
    QStringList secretNames;
    QHash<QString, Result<secrets::Secret>> resolved;
    QTimer *secretTimer = nullptr;
    bool secretsDone = false;
    secrets::SecretScrubber scrubber;
    std::unique_ptr<destinations::Destination> destination;
};

DeliveryWorker::DeliveryWorker(store::HistoryStore *history, net::HttpClient *client,
                               secrets::SecretStore *secretStore, const Clock &clock,
                               QString instanceName, QObject *parent)
    : QObject(parent),
      m_history(history),
      m_secretStore(secretStore),
      m_clock(clock),
      m_factory({client, &clock}),
      m_random([] { return QRandomGenerator::global()->generateDouble(); })
{
    // Unique per worker: two windows of one user, or a test's two workers, are two owners.
    m_owner = QStringLiteral("%1:%2:%3")
                  .arg(instanceName)
                  .arg(QCoreApplication::applicationPid())
                  .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &DeliveryWorker::runDue);
}

DeliveryWorker::~DeliveryWorker()
{
    m_timer.stop();
    const auto inFlight = m_inFlight;
    for (Delivery *delivery : inFlight) {
        if (delivery->destination)
            delivery->destination->abort();
        // Not a failure of the row: it goes out again at the next start, after the parts
        // already confirmed. (After a crash, the lease running out does the same.)
        if (m_history) {
            const auto released = m_history->markOutboxRetry(
                delivery->entry.id, m_owner, m_clock.nowMs(), tr("interrupted by a shutdown"));
            if (!released)
                qCWarning(lcDelivery).noquote() << released.error().message;
        }
        delete delivery;
    }
    m_inFlight.clear();
}

void DeliveryWorker::setWaitForDue(bool wait)
{
    m_waitForDue = wait;
    if (!wait)
        m_timer.stop();
}

std::chrono::milliseconds DeliveryWorker::backoff(const Policy &policy, int attempts, double random)
{
    const int exponent = std::clamp(attempts - 1, 0, 30);
    const double ceiling = std::min(double(policy.maxDelay.count()),
                                    double(policy.baseDelay.count()) * std::pow(2.0, exponent));
    const qint64 delay = qint64(ceiling * std::clamp(random, 0.0, 1.0));
    // Full jitter spreads many clients best, but a zero wait would hammer a service that
    // just failed: at least a second.
    return std::chrono::milliseconds(std::max<qint64>(delay, 1000));
}

void DeliveryWorker::poke()
{
    if (m_pokeQueued)
        return;
    m_pokeQueued = true;
    QMetaObject::invokeMethod(this, &DeliveryWorker::runDue, Qt::QueuedConnection);
}

void DeliveryWorker::runDue()
{
    m_pokeQueued = false;
    if (!m_history)
        return;
    const auto heads = m_history->outboxHeads(m_filter);
    if (!heads) {
        qCWarning(lcDelivery).noquote() << heads.error().message;
        ++m_failures;
        if (m_inFlight.isEmpty())
            Q_EMIT idle();
        arm();
        return;
    }
    const qint64 now = m_clock.nowMs();
    m_nextDueMs.reset();
    const auto wakeAt = [this](qint64 ms) {
        m_nextDueMs = m_nextDueMs ? std::min(*m_nextDueMs, ms) : ms;
    };
    for (const store::OutboxEntry &head : *heads) {
        if (m_inFlight.contains(head.destinationId))
            continue;
        const workspace::DestinationConfig *config = m_workspace.destination(head.destinationId);
        if (!config) {
            // Removed from the workspace: its rows wait, in case it comes back.
            qCDebug(lcDelivery).noquote()
                << "not sending to" << head.destinationId << ": not in the workspace";
            continue;
        }
        const bool leased = !head.leaseOwner.isEmpty() && head.leaseUntilMs > now;
        if (head.nextAttemptMs > now || leased) {
            wakeAt(std::max(head.nextAttemptMs, leased ? head.leaseUntilMs : 0));
            continue;
        }
        const auto claimed =
            m_history->claimOutbox(head.id, m_owner, now, now + m_policy.lease.count());
        if (!claimed) {
            qCWarning(lcDelivery).noquote() << claimed.error().message;
            continue;
        }
        if (!*claimed) {
            // Another process got there first; it holds the destination for now.
            qCDebug(lcDelivery).noquote()
                << head.destinationId << head.period << "is being sent by another process";
            continue;
        }
        store::OutboxEntry entry = head;
        entry.attempts += 1;
        entry.leaseOwner = m_owner;
        begin(entry, *config);
    }
    if (m_inFlight.isEmpty())
        Q_EMIT idle();
    arm();
}

void DeliveryWorker::arm()
{
    if (!m_waitForDue)
        return;
    const qint64 now = m_clock.nowMs();
    const qint64 longest = m_policy.maxIdleWait.count();
    const qint64 wait = m_nextDueMs ? std::clamp<qint64>(*m_nextDueMs - now, 0, longest) : longest;
    m_timer.start(std::chrono::milliseconds(wait));
}

void DeliveryWorker::begin(const store::OutboxEntry &entry,
                           const workspace::DestinationConfig &config)
{
    auto *delivery = new Delivery(this);
    delivery->entry = entry;
    delivery->config = config;
    delivery->secretNames = config.secretNames;
    delivery->secretNames.removeDuplicates();
    m_inFlight.insert(entry.destinationId, delivery);
    qCInfo(lcDelivery).noquote() << "sending" << entry.period << "to" << entry.destinationId
                                 << "(attempt" << entry.attempts << ")";
    resolveSecrets(delivery);
}

void DeliveryWorker::resolveSecrets(Delivery *delivery)
{
    if (delivery->secretNames.isEmpty() || !m_secretStore) {
        QMetaObject::invokeMethod(
            delivery, [this, delivery] { secretsResolved(delivery); }, Qt::QueuedConnection);
        return;
    }
    delivery->secretTimer = new QTimer(delivery);
    delivery->secretTimer->setSingleShot(true);
    connect(delivery->secretTimer, &QTimer::timeout, delivery,
            [this, delivery] { secretsResolved(delivery); });
    delivery->secretTimer->start(m_policy.secretDeadline);
    for (const QString &name : std::as_const(delivery->secretNames)) {
        m_secretStore->read(name, delivery,
                            [this, delivery, name](const Result<secrets::Secret> &secret) {
                                if (delivery->secretsDone)
                                    return;
                                delivery->resolved.insert(name, secret);
                                if (delivery->resolved.size() == delivery->secretNames.size())
                                    secretsResolved(delivery);
                            });
    }
}

void DeliveryWorker::secretsResolved(Delivery *delivery)
{
    if (delivery->secretsDone)
        return;
    delivery->secretsDone = true;
    if (delivery->secretTimer)
        delivery->secretTimer->stop();
    for (const QString &name : std::as_const(delivery->secretNames)) {
        const auto it = delivery->resolved.constFind(name);
        if (it == delivery->resolved.cend()) {
            finish(delivery,
                   DeliveryOutcome::retry(tr("the secret store did not answer for \"%1\" within "
                                             "%2 s")
                                              .arg(name)
                                              .arg(m_policy.secretDeadline.count() / 1000)));
            return;
        }
        if (!*it) {
            // Missing is a setup problem that waiting does not fix; an unreachable keychain
            // may come back.
            const QString message = tr("secret \"%1\": %2").arg(name, it->error().message);
            finish(delivery, it->error().code == Error::Code::NotFound
                                 ? DeliveryOutcome::permanent(message)
                                 : DeliveryOutcome::retry(message));
            return;
        }
        delivery->scrubber.add(it->value().reveal());
    }
    send(delivery);
}

void DeliveryWorker::send(Delivery *delivery)
{
    delivery->destination = m_factory.create(delivery->config);
    if (!delivery->destination) {
        finish(delivery, DeliveryOutcome::permanent(
                             tr("this version cannot deliver to destinations of type \"%1\"")
                                 .arg(delivery->config.type)));
        return;
    }
    destinations::DeliveryItem item;
    item.outboxId = delivery->entry.id;
    item.destinationId = delivery->entry.destinationId;
    item.period = delivery->entry.period;
    item.runId = delivery->entry.runId;
    item.payload = QJsonDocument::fromJson(delivery->entry.payload).object();
    item.partsDone = delivery->entry.partsDone;
    destinations::SecretValues secrets;
    for (auto it = delivery->resolved.cbegin(); it != delivery->resolved.cend(); ++it)
        secrets.insert(it.key(), it.value().value());

    destinations::Destination *destination = delivery->destination.get();
    connect(destination, &destinations::Destination::partDelivered, delivery,
            [this, delivery](int parts) { onPartDelivered(delivery, parts); });
    connect(destination, &destinations::Destination::finished, delivery,
            [this, delivery](const DeliveryOutcome &outcome) { finish(delivery, outcome); });
    destination->deliver(item, secrets);
}

void DeliveryWorker::onPartDelivered(Delivery *delivery, int partsDone)
{
    const qint64 now = m_clock.nowMs();
    // Committed before the next part goes out: a crash after this resumes after the part.
    const auto recorded = m_history->recordOutboxProgress(delivery->entry.id, m_owner, partsDone,
                                                          now + m_policy.lease.count());
    if (!recorded || !*recorded) {
        qCWarning(lcDelivery).noquote()
            << "stopping" << delivery->entry.period << "to" << delivery->entry.destinationId << ":"
            << (recorded ? QStringLiteral("it was queued again meanwhile")
                         : recorded.error().message);
        delivery->destination->abort();
        drop(delivery);
        return;
    }
    delivery->entry.partsDone = partsDone;
    Q_EMIT progressRecorded(delivery->entry.destinationId, delivery->entry.period, partsDone);
}

void DeliveryWorker::finish(Delivery *delivery, DeliveryOutcome outcome)
{
    if (!m_inFlight.contains(delivery->entry.destinationId) ||
        m_inFlight.value(delivery->entry.destinationId) != delivery)
        return;
    const store::OutboxEntry &entry = delivery->entry;
    outcome.message = delivery->scrubber.scrub(outcome.message);
    const qint64 now = m_clock.nowMs();
    const auto runEvent = [&](store::EventLevel level, const QString &message) {
        store::RunEvent event;
        event.runId = entry.runId;
        event.timestampMs = now;
        event.level = level;
        event.step = QStringLiteral("deliver");
        event.httpStatus = outcome.httpStatus;
        event.message = message;
        event.destinationId = entry.destinationId;
        return std::optional<store::RunEvent>(event);
    };

    if (outcome.kind == DeliveryOutcome::Kind::Retry) {
        const bool tooOld = now - entry.createdAtMs >= m_policy.maxAge.count();
        if (entry.attempts >= m_policy.maxAttempts || tooOld) {
            outcome.kind = DeliveryOutcome::Kind::Permanent;
            outcome.message =
                tr("gave up after %n attempt(s): %1", nullptr, entry.attempts).arg(outcome.message);
        }
    }

    Result<bool> written = Result<bool>::ok(true);
    switch (outcome.kind) {
    case DeliveryOutcome::Kind::Delivered:
        written = m_history->markOutboxDelivered(
            entry.id, m_owner, now,
            runEvent(store::EventLevel::Info, tr("delivered to %1").arg(entry.destinationId)));
        if (written && *written) {
            qCInfo(lcDelivery).noquote()
                << "delivered" << entry.period << "to" << entry.destinationId;
            Q_EMIT delivered(entry.destinationId, entry.period);
        }
        break;
    case DeliveryOutcome::Kind::Retry: {
        const auto wait = outcome.retryAfter
                              ? *outcome.retryAfter
                              : backoff(m_policy, entry.attempts, m_random ? m_random() : 1.0);
        const qint64 next = now + wait.count();
        written = m_history->markOutboxRetry(entry.id, m_owner, next, outcome.message);
        if (written && *written) {
            qCInfo(lcDelivery).noquote()
                << entry.destinationId << entry.period << "failed (" << outcome.message
                << "); trying again in" << wait.count() / 1000.0 << "s";
            Q_EMIT retryScheduled(entry.destinationId, entry.period, next, outcome.message);
        }
        break;
    }
    case DeliveryOutcome::Kind::Permanent:
        written = m_history->markOutboxFailed(
            entry.id, m_owner, outcome.message,
            runEvent(store::EventLevel::Error,
                     tr("delivery to %1 failed: %2").arg(entry.destinationId, outcome.message)));
        if (written && *written) {
            ++m_failures;
            qCWarning(lcDelivery).noquote() << "delivery of" << entry.period << "to"
                                            << entry.destinationId << "failed:" << outcome.message;
            Q_EMIT failed(entry.destinationId, entry.period, outcome.message);
        }
        break;
    }
    if (!written)
        qCWarning(lcDelivery).noquote() << written.error().message;
    else if (!*written)
        qCInfo(lcDelivery).noquote() << entry.destinationId << entry.period
                                     << "was queued again while being sent; it goes out again";
    drop(delivery);
}

void DeliveryWorker::drop(Delivery *delivery)
{
    m_inFlight.remove(delivery->entry.destinationId);
    delivery->deleteLater(); // we may be inside its destination's signal
    poke();                  // the destination's next row, if due
}

} // namespace kpi::delivery
