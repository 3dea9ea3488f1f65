// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "destinations/HttpDestination.h"

#include <QJsonObject>

namespace kpi::destinations {

// Posts a digest (or a run's values) to a Discord channel through its webhook, as embeds
// (docs/destinations.md, "Discord"). The webhook URL is a secret. Each message is sent
// with ?wait=true, so Discord confirms it was posted before the next part goes out.
//
// Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-
// embed-limits) are kept by construction: at most 25 fields per embed, 10 embeds and
// 6,000 characters of embed text per message; a longer digest becomes several messages,
// each saying which part it is. Nothing is cut without a visible "…".
class DiscordDestination : public HttpDestination
{
    Q_OBJECT

public:
    static constexpr int MaxFieldsPerEmbed = 25;
    static constexpr int MaxEmbedsPerMessage = 10;
    static constexpr int MaxEmbedCharactersPerMessage = 6000;
    static constexpr int MaxTitle = 256;
    static constexpr int MaxDescription = 4096;
    static constexpr int MaxFieldName = 256;
    static constexpr int MaxFieldValue = 1024;
    static constexpr int MaxFooter = 2048;

    DiscordDestination(workspace::DestinationConfig config, net::HttpClient *client,
                       QObject *parent = nullptr);

    // The JSON body of every message for `payload`, in order.
    static QList<QJsonObject> messages(const QJsonObject &payload, const QString &username);
    // The characters Discord counts toward its limits in one embed.
    static int embedCharacters(const QJsonObject &embed);

protected:
    Result<QList<net::HttpRequest>> requests(const DeliveryItem &item,
                                             const SecretValues &secrets) const override;
};

} // namespace kpi::destinations
