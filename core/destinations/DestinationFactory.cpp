// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "destinations/DestinationFactory.h"

#include "destinations/CsvDestination.h"
#include "destinations/DiscordDestination.h"
#include "destinations/InfluxDbDestination.h"
#include "destinations/SlackDestination.h"
#include "destinations/WebhookDestination.h"
#include "destinations/notion/NotionDestination.h"
#include "util/Clock.h"

namespace kpi::destinations {

const QList<DestinationFactory::Type> &DestinationFactory::types()
{
    using Config = workspace::DestinationConfig;
    static const QList<Type> all{
        {QStringLiteral("csv"), PeriodKind::Run,
         [](const Config &config, const DestinationContext &) {
             return std::make_unique<CsvDestination>(config);
         }},
        {QStringLiteral("webhook"), PeriodKind::Run,
         [](const Config &config, const DestinationContext &context) {
             return std::make_unique<WebhookDestination>(config, context.client, *context.clock);
         }},
        {QStringLiteral("discord"), PeriodKind::Run,
         [](const Config &config, const DestinationContext &context) {
             return std::make_unique<DiscordDestination>(config, context.client);
         }},
        {QStringLiteral("slack"), PeriodKind::Run,
         [](const Config &config, const DestinationContext &context) {
             return std::make_unique<SlackDestination>(config, context.client);
         }},
        {QStringLiteral("influxdb"), PeriodKind::Day,
         [](const Config &config, const DestinationContext &context) {
             return std::make_unique<InfluxDbDestination>(config, context.client);
         }},
        {QStringLiteral("notion"), PeriodKind::Day,
         [](const Config &config, const DestinationContext &context) {
             return std::make_unique<notion::NotionDestination>(config, context.client);
         }},
    };
    return all;
}

const DestinationFactory::Type *DestinationFactory::type(const QString &name)
{
    for (const Type &candidate : types()) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

PeriodKind DestinationFactory::periodKind(const QString &name)
{
    const Type *found = type(name);
    return found ? found->periodKind : PeriodKind::Run;
}

std::unique_ptr<Destination>
DestinationFactory::create(const workspace::DestinationConfig &config) const
{
    const Type *found = type(config.type);
    if (!found)
        return nullptr;
    DestinationContext context = m_context;
    if (!context.clock)
        context.clock = &Clock::system();
    return found->create(config, context);
}

} // namespace kpi::destinations
