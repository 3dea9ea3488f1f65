// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "destinations/DeliveryItem.h"
#include "destinations/DestinationFactory.h"
#include "store/OutboxEntry.h"
#include "workspace/Workspace.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>
#include <optional>

namespace kpi {
class Clock;
}
namespace kpi::net {
class HttpClient;
}
namespace kpi::secrets {
class SecretStore;
}
namespace kpi::store {
class HistoryStore;
}

namespace kpi::delivery {

// Drains the outbox to the destinations (docs/destinations.md, "How delivery works").
//
// Rows are sent in period order per destination, at most one in flight per destination
// (across processes too: the head row's lease blocks the rest), each destinations'
// deliveries independent of the others. A row is claimed with a conditional UPDATE that
// takes a lease, so of several processes on one history (a daemon and the window) exactly
// one sends it; a process that dies leaves a lease that runs out, and the row is sent
// again, resuming after the parts the service confirmed.
//
// A transient failure is tried again after exponential backoff with full jitter, or
// exactly when a 429 or 503 said (Retry-After, Discord's retry_after), until maxAttempts
// or maxAge, then the row fails. A 4xx other than 429 fails the row at once, with the
// service's own message in the run log of the run that produced it; the other
// destinations carry on either way.
class DeliveryWorker : public QObject
{
    Q_OBJECT

public:
    struct Policy
    {
        int maxAttempts = 10;
        std::chrono::milliseconds baseDelay = std::chrono::seconds(30);
        std::chrono::milliseconds maxDelay = std::chrono::hours(1);
        std::chrono::milliseconds maxAge = std::chrono::hours(72);
        // How long a claimed row is ours; renewed after each part. A process that dies
        // while sending holds its rows this long.
        std::chrono::milliseconds lease = std::chrono::minutes(10);
        std::chrono::milliseconds secretDeadline = std::chrono::seconds(60);
        // A waiting worker looks at the outbox at least this often: another process (a
        // `collect` beside the daemon) may have queued something.
        std::chrono::milliseconds maxIdleWait = std::chrono::minutes(5);
    };
    // A number in [0, 1) for the jitter; tests pass a fixed one.
    using Random = std::function<double()>;

    // `instanceName` ("daemon", "window", "cli") goes into the lease owner. Nothing is owned.
    DeliveryWorker(store::HistoryStore *history, net::HttpClient *client,
                   secrets::SecretStore *secretStore, const Clock &clock, QString instanceName,
                   QObject *parent = nullptr);
    // Stops what is in flight and gives its rows back to be sent again at once.
    ~DeliveryWorker() override;

    void setWorkspace(const workspace::Workspace &workspace) { m_workspace = workspace; }
    const workspace::Workspace &workspace() const { return m_workspace; }
    void setPolicy(const Policy &policy) { m_policy = policy; }
    const Policy &policy() const { return m_policy; }
    void setRandom(Random random) { m_random = std::move(random); }
    // Only this destination's rows (deliver --destination); empty: every destination.
    void setDestinationFilter(const QString &destinationId) { m_filter = destinationId; }
    // On, the worker arms a timer for the next due row by itself (the daemon, the window);
    // off, it sends only what is due when poked and then says idle() (a command).
    void setWaitForDue(bool wait);

    const QString &owner() const { return m_owner; }
    // Sends what is due now, on the next turn of the event loop.
    void poke();
    bool isBusy() const { return !m_inFlight.isEmpty(); }
    // When the earliest waiting row becomes due, as last seen; none when nothing waits.
    std::optional<qint64> nextDueMs() const { return m_nextDueMs; }
    int failures() const { return m_failures; }

    // The wait before the attempt after `attempts` failed ones: "full jitter", a random
    // share of min(maxDelay, baseDelay · 2^(attempts-1)), at least a second.
    static std::chrono::milliseconds backoff(const Policy &policy, int attempts, double random);

Q_SIGNALS:
    void delivered(const QString &destinationId, const QString &period);
    void retryScheduled(const QString &destinationId, const QString &period, qint64 nextAttemptMs,
                        const QString &reason);
    void failed(const QString &destinationId, const QString &period, const QString &message);
    void progressRecorded(const QString &destinationId, const QString &period, int partsDone);
    // Nothing in flight and nothing due now.
    void idle();

private:
    class Delivery;

    void runDue();
    void begin(const store::OutboxEntry &entry, const workspace::DestinationConfig &config);
    void resolveSecrets(Delivery *delivery);
    void secretsResolved(Delivery *delivery);
    void send(Delivery *delivery);
    void onPartDelivered(Delivery *delivery, int partsDone);
    void finish(Delivery *delivery, destinations::DeliveryOutcome outcome);
    void drop(Delivery *delivery);
    void arm();

    store::HistoryStore *m_history;
    secrets::SecretStore *m_secretStore;
    const Clock &m_clock;
    destinations::DestinationFactory m_factory;
    workspace::Workspace m_workspace;
    Policy m_policy;
    Random m_random;
    QString m_owner;
    QString m_filter;
    QHash<QString, Delivery *> m_inFlight; // by destination id
    QTimer m_timer;
    std::optional<qint64> m_nextDueMs;
    bool m_waitForDue = false;
    bool m_pokeQueued = false;
    int m_failures = 0;
};

} // namespace kpi::delivery
