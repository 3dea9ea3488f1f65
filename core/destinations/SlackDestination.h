// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "destinations/HttpDestination.h"

#include <QJsonObject>

namespace kpi::destinations {

// Posts a digest (or a run's values) to a Slack channel through an incoming webhook, in
// Block Kit (docs/destinations.md, "Slack"). The webhook URL is a secret.
//
// Slack's limits (https://api.slack.com/reference/block-kit/blocks) are kept by
// construction: at most 50 blocks per message, a header's text 150 characters, a
// section's text 3,000, and 10 fields of 2,000 each; a longer digest becomes several
// messages. Every message also has a plain `text`, which notifications show.
class SlackDestination : public HttpDestination
{
    Q_OBJECT

public:
    static constexpr int MaxBlocksPerMessage = 50;
    static constexpr int MaxHeaderText = 150;
    static constexpr int MaxSectionText = 3000;
    static constexpr int MaxFieldsPerSection = 10;
    static constexpr int MaxFieldText = 2000;

    SlackDestination(workspace::DestinationConfig config, net::HttpClient *client,
                     QObject *parent = nullptr);

    // The JSON body of every message for `payload`, in order.
    static QList<QJsonObject> messages(const QJsonObject &payload);

protected:
    Result<QList<net::HttpRequest>> requests(const DeliveryItem &item,
                                             const SecretValues &secrets) const override;
    DeliveryOutcome outcomeOf(const net::HttpResponse &response) const override;
};

} // namespace kpi::destinations
