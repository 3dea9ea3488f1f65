// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "pipeline/SourceFactory.h"

#include "sources/HtmlSource.h"
#include "sources/HttpJsonSource.h"

namespace kpi::pipeline {

std::unique_ptr<sources::Source> SourceFactory::create(const workspace::SourceConfig &config) const
{
    if (config.type == QLatin1String("http-json"))
        return std::make_unique<sources::HttpJsonSource>(config, m_client);
    if (config.type == QLatin1String("html"))
        return std::make_unique<sources::HtmlSource>(config, m_client, m_secretStore);
    return nullptr;
}

} // namespace kpi::pipeline
