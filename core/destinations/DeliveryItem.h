// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "net/HttpRequest.h"
#include "secrets/Secret.h"

#include <QHash>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <chrono>
#include <optional>

namespace kpi::destinations {

// A destination's secrets by name (tokens, webhook URLs), resolved just before sending.
using SecretValues = QHash<QString, secrets::Secret>;

// One outbox row as a destination sees it. The payload is the same for every type (see
// docs/destinations.md, "What a payload holds"); each type renders it its own way.
struct DeliveryItem
{
    qint64 outboxId = 0;
    QString destinationId;
    QString period; // "2026-11-28", "run:42", "2026-11-30T08:00:00Z"
    qint64 runId = 0;
    QJsonObject payload;
    int partsDone = 0; // parts the service already confirmed: sending resumes after them
};

// How one delivery ended. Messages have been scrubbed of every secret.
struct DeliveryOutcome
{
    enum class Kind {
        Delivered, // every part confirmed
        Retry,     // a transient failure (5xx, 429, a timeout): try again later
        Permanent, // the service refused it (4xx other than 429): trying again cannot help
    };
    Kind kind = Kind::Delivered;
    QString message;
    int httpStatus = 0;
    // What the service asked for (Retry-After, Discord's retry_after), if it did.
    std::optional<std::chrono::milliseconds> retryAfter;

    static DeliveryOutcome delivered(QString message = {});
    static DeliveryOutcome retry(QString message, int httpStatus = 0,
                                 std::optional<std::chrono::milliseconds> retryAfter = {});
    static DeliveryOutcome permanent(QString message, int httpStatus = 0);
};

// One request as preview() shows it: what would be sent, with credentials shown as
// <redacted> and a URL that is a secret shown as `https://host/…(redacted)`.
struct DeliveryRequest
{
    QByteArray method;       // "POST", or "APPEND" for a file
    QString target;          // the URL as shown, or a file's path
    net::HeaderList headers; // credential values replaced by <redacted>
    QByteArray body;
};

} // namespace kpi::destinations

Q_DECLARE_METATYPE(kpi::destinations::DeliveryOutcome)
