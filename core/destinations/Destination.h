// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "destinations/DeliveryItem.h"
#include "util/Result.h"
#include "workspace/Workspace.h"

#include <QList>
#include <QObject>

namespace kpi::destinations {

// One configured destination (a CSV file, a webhook, an InfluxDB bucket, …): turns an
// outbox item into what its service takes, and sends it. The delivery worker owns the
// retries, the backoff and the bookkeeping; a destination only sends and says how it went.
//
// Contract: deliver() sends the parts of the item from item.partsDone on, one after the
// other; after each part the service confirmed it emits partDelivered() (the worker
// commits the progress before the next part goes out, so a crash resumes after it), then
// finished() exactly once. abort() stops it; finished() then does not come. A
// destination is used for one delivery and then deleted.
class Destination : public QObject
{
    Q_OBJECT

public:
    explicit Destination(workspace::DestinationConfig config, QObject *parent = nullptr);

    const workspace::DestinationConfig &config() const { return m_config; }
    const QString &id() const { return m_config.id; }

    // Exactly what deliver() would send, request by request, without sending or writing
    // anything. `secrets` may lack names (a preview need not unlock the keychain): URLs from
    // missing secrets then show as redacted.
    virtual Result<QList<DeliveryRequest>> preview(const DeliveryItem &item,
                                                   const SecretValues &secrets) const = 0;
    virtual void deliver(const DeliveryItem &item, const SecretValues &secrets) = 0;
    virtual void abort() { }

Q_SIGNALS:
    void partDelivered(int partsDone);
    void finished(const kpi::destinations::DeliveryOutcome &outcome);

private:
    workspace::DestinationConfig m_config;
};

} // namespace kpi::destinations
