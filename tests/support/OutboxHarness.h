// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "FakeClock.h"
#include "FakeSecretStore.h"
#include "delivery/DeliveryWorker.h"
#include "net/HttpClient.h"
#include "store/HistoryStore.h"
#include "workspace/Workspace.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace kpi::test {

// The history file of `dir` (history.sqlite), opened and migrated; null, with a warning
// saying why, when it cannot be.
std::unique_ptr<store::HistoryStore> openHistoryIn(const QTemporaryDir &dir);

// Sends what is due now and waits until nothing is in flight.
void drainOutbox(delivery::DeliveryWorker &worker, int timeoutMs = 20000);

// What the tests that drive the outbox through DeliveryWorker share: a history in a fresh
// temporary folder, a fake clock and secret store, the one HttpClient, and workers over
// them. A test class inherits it (after QObject), calls setUpOutbox() in init() and
// tearDownOutbox() first in cleanup(); the fakes it talks to stay its own.
class OutboxHarness
{
protected:
    // A new temporary folder, client, secret store and history, for each test function.
    void setUpOutbox();
    // The workers first (they use the rest), then the history and the client.
    void tearDownOutbox();

    // Another connection to the test's history file; null, with a warning, on failure.
    std::unique_ptr<store::HistoryStore> openHistory() const;
    // A worker on `history` (the test's by default) with its jitter fixed at the middle,
    // so that backoffs are exact; owned by the harness until tearDownOutbox().
    delivery::DeliveryWorker *worker(const workspace::Workspace &ws,
                                     store::HistoryStore *history = nullptr);
    static void drain(delivery::DeliveryWorker *worker) { drainOutbox(*worker); }
    // The destination's one outbox row; an empty one, with a warning, when there is not
    // exactly one.
    store::OutboxEntry onlyRow(const QString &destinationId) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    FakeClock m_clock;
    QNetworkAccessManager m_network;
    std::unique_ptr<net::HttpClient> m_client;
    std::unique_ptr<FakeSecretStore> m_secrets;
    std::unique_ptr<store::HistoryStore> m_history;
    std::vector<std::unique_ptr<delivery::DeliveryWorker>> m_workers;
};

} // namespace kpi::test
