// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "store/OutboxEntry.h"

namespace kpi::store {

// Part of the schema (0002's CHECK), never translated.
QString toDbText(OutboxState state)
{
    switch (state) {
    case OutboxState::Pending:
        return QStringLiteral("pending");
    case OutboxState::Delivered:
        return QStringLiteral("delivered");
    case OutboxState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

std::optional<OutboxState> outboxStateFromDbText(const QString &text)
{
    for (const auto state : {OutboxState::Pending, OutboxState::Delivered, OutboxState::Failed}) {
        if (text == toDbText(state))
            return state;
    }
    return std::nullopt;
}

} // namespace kpi::store
