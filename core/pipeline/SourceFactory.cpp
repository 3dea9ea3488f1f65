// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "pipeline/SourceFactory.h"

#include "sources/CommandSource.h"
#include "sources/HtmlSource.h"
#include "sources/HttpJsonSource.h"
#include "sources/SqlSource.h"
#include "util/Clock.h"

namespace kpi::pipeline {

std::unique_ptr<sources::Source> SourceFactory::create(const workspace::SourceConfig &config) const
{
    if (config.type == QLatin1String("http-json"))
        return std::make_unique<sources::HttpJsonSource>(config, m_client);
    if (config.type == QLatin1String("sql"))
        return std::make_unique<sources::SqlSource>(config, m_clock ? *m_clock : Clock::system());
    if (config.type == QLatin1String("command"))
        return std::make_unique<sources::CommandSource>(config);
    if (config.type == QLatin1String("html"))
        return std::make_unique<sources::HtmlSource>(config, m_client, m_secretStore);
    return nullptr;
}

} // namespace kpi::pipeline
