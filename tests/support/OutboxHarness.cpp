// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "OutboxHarness.h"

#include <QSignalSpy>
#include <QTest>

namespace kpi::test {

std::unique_ptr<store::HistoryStore> openHistoryIn(const QTemporaryDir &dir)
{
    store::DatabaseLocation location;
    location.path = dir.filePath(QStringLiteral("history.sqlite"));
    auto opened = store::HistoryStore::open(location);
    if (!opened) {
        qWarning() << opened.error().toString();
        return nullptr;
    }
    return std::move(*opened);
}

void drainOutbox(delivery::DeliveryWorker &worker, int timeoutMs)
{
    QSignalSpy idle(&worker, &delivery::DeliveryWorker::idle);
    worker.poke();
    QVERIFY(idle.wait(timeoutMs));
}

void OutboxHarness::setUpOutbox()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_client = std::make_unique<net::HttpClient>(&m_network);
    m_secrets = std::make_unique<FakeSecretStore>();
    m_history = openHistory();
    QVERIFY(m_history);
}

void OutboxHarness::tearDownOutbox()
{
    m_workers.clear();
    m_history.reset();
    m_client.reset();
}

std::unique_ptr<store::HistoryStore> OutboxHarness::openHistory() const
{
    return openHistoryIn(*m_dir);
}

delivery::DeliveryWorker *OutboxHarness::worker(const workspace::Workspace &ws,
                                                store::HistoryStore *history)
{
    m_workers.push_back(std::make_unique<delivery::DeliveryWorker>(
        history ? history : m_history.get(), m_client.get(), m_secrets.get(), m_clock,
        QStringLiteral("test")));
    delivery::DeliveryWorker *w = m_workers.back().get();
    w->setWorkspace(ws);
    w->setRandom([] { return 0.5; });
    return w;
}

store::OutboxEntry OutboxHarness::onlyRow(const QString &destinationId) const
{
    const auto rows = m_history->outboxEntries(destinationId);
    if (!rows || rows->size() != 1) {
        qWarning() << "expected one outbox row for" << destinationId;
        return {};
    }
    return rows->first();
}

} // namespace kpi::test
