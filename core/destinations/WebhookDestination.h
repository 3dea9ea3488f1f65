// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "destinations/HttpDestination.h"

namespace kpi {
class Clock;
}

namespace kpi::destinations {

// POSTs the payload as JSON to a URL kept in the secret store (docs/destinations.md,
// "Webhook"). With `signingSecret`, each request carries X-KPI-Timestamp and
// X-KPI-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">, so the receiver can
// check that it comes from us and is not a replay. With `maxValuesPerRequest`, a payload
// is split into parts, each its own request.
class WebhookDestination : public HttpDestination
{
    Q_OBJECT

public:
    WebhookDestination(workspace::DestinationConfig config, net::HttpClient *client,
                       const Clock &clock, QObject *parent = nullptr);

    // The body of each part: the payload plus "destination", "event", "deliveryId" and
    // "part"; public for the tests and the docs.
    static QList<QByteArray> bodies(const DeliveryItem &item, const QString &destinationId,
                                    int maxValuesPerRequest);
    // "sha256=<hex>" of HMAC-SHA256(secret, timestamp + "." + body).
    static QByteArray signature(const QByteArray &secret, const QByteArray &timestamp,
                                const QByteArray &body);

protected:
    Result<QList<net::HttpRequest>> requests(const DeliveryItem &item,
                                             const SecretValues &secrets) const override;

private:
    const Clock &m_clock;
};

} // namespace kpi::destinations
