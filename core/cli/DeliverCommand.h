// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "cli/Command.h"
#include "destinations/DeliveryItem.h"
#include "store/OutboxEntry.h"
#include "workspace/Workspace.h"

#include <QPointer>
#include <QStringList>

#include <memory>

namespace kpi {
class Clock;
}
namespace kpi::delivery {
class DeliveryWorker;
}
namespace kpi::store {
class HistoryStore;
}

namespace kpi::cli {

// `kpi-collector deliver [--destination ID] [--force] [--preview] [--backfill --since DATE]`:
// sends what the outbox holds that is due (and a scheduled digest whose time passed
// unsent); --force also sends a scheduled destination's digest now and retries failed and
// backed-off rows now; --preview prints the requests instead, sending and writing nothing;
// --backfill queues one delivery per past period since DATE. Exit 1 when a delivery failed
// or has to wait for a retry.
class DeliverCommand : public Command
{
    Q_OBJECT

public:
    struct Options
    {
        QString destinationId; // empty: every destination
        bool force = false;
        bool preview = false;
        bool backfill = false;
        QString since;
    };

    DeliverCommand(CliContext &context, Options options, const Clock &clock,
                   QObject *parent = nullptr);
    ~DeliverCommand() override;

    void start() override;

private:
    QList<const workspace::DestinationConfig *> chosen() const;
    // The rows to preview, or to queue: a digest now (--force), back-filled periods.
    Result<QList<store::OutboxEntry>> plannedEntries(const workspace::DestinationConfig &config,
                                                     std::optional<qint64> sinceMs) const;
    Result<void> catchUpDigests();
    void startPreview(const QList<store::OutboxEntry> &entries);
    void printPreview(const QList<store::OutboxEntry> &entries,
                      const destinations::SecretValues &secrets);
    void startDelivering();
    void onIdle();

    Options m_options;
    const Clock &m_clock;
    workspace::Workspace m_workspace;
    std::unique_ptr<store::HistoryStore> m_history;
    delivery::DeliveryWorker *m_worker = nullptr;
    QObject *m_secretContext = nullptr;
    int m_delivered = 0;
    int m_failed = 0;
    int m_retrying = 0;
};

} // namespace kpi::cli
