// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "destinations/Destination.h"

namespace kpi::destinations {

DeliveryOutcome DeliveryOutcome::delivered(QString message)
{
    return {Kind::Delivered, std::move(message), 0, std::nullopt};
}

DeliveryOutcome DeliveryOutcome::retry(QString message, int httpStatus,
                                       std::optional<std::chrono::milliseconds> retryAfter)
{
    return {Kind::Retry, std::move(message), httpStatus, retryAfter};
}

DeliveryOutcome DeliveryOutcome::permanent(QString message, int httpStatus)
{
    return {Kind::Permanent, std::move(message), httpStatus, std::nullopt};
}

Destination::Destination(workspace::DestinationConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config))
{
    qRegisterMetaType<kpi::destinations::DeliveryOutcome>();
}

} // namespace kpi::destinations
