// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "pipeline/Extractors.h"

#include "sources/HtmlSource.h"
#include "sources/HttpJsonSource.h"

namespace kpi::pipeline {

Extractors::Extract Extractors::forType(const QString &type)
{
    if (type == QLatin1String("http-json"))
        return &sources::HttpJsonSource::extract;
    if (type == QLatin1String("html"))
        return &sources::HtmlSource::extract;
    return {};
}

} // namespace kpi::pipeline
