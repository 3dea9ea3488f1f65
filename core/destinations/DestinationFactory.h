// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "destinations/Destination.h"

#include <functional>
#include <memory>

namespace kpi {
class Clock;
}
namespace kpi::net {
class HttpClient;
}

namespace kpi::destinations {

// What an on-collect delivery's period is, and so how often a destination hears of a day.
enum class PeriodKind {
    // "run:42": every run is its own delivery (append-only services: a CSV file, a
    // webhook, a chat message). Exactly once per run.
    Run,
    // "2026-11-28", the collection day in the workspace's time zone: a later run the same
    // day updates the day's entry (upsert services: Notion, InfluxDB). Exactly one entry
    // per day.
    Day,
};

// What a destination needs from the app to be made.
struct DestinationContext
{
    net::HttpClient *client = nullptr;
    const Clock *clock = nullptr;
};

// Makes destinations by their workspace type. Adding a type is one entry in types() in
// the .cpp: its name, its period kind and how to make one.
class DestinationFactory
{
public:
    struct Type
    {
        QString name;
        PeriodKind periodKind;
        std::function<std::unique_ptr<Destination>(const workspace::DestinationConfig &,
                                                   const DestinationContext &)>
            create;
    };

    explicit DestinationFactory(DestinationContext context) : m_context(context) { }

    // Null for a type this build cannot deliver to.
    std::unique_ptr<Destination> create(const workspace::DestinationConfig &config) const;

    static const QList<Type> &types();
    static const Type *type(const QString &name);
    static bool isSupported(const QString &name) { return type(name) != nullptr; }
    static PeriodKind periodKind(const QString &name);

private:
    DestinationContext m_context;
};

} // namespace kpi::destinations
