// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "sources/SourceOutcome.h"
#include "workspace/Workspace.h"

#include <functional>

namespace kpi::pipeline {

// Each source type's extraction as a pure function of its workspace entry and the pages it
// fetched, for `reextract` (docs/history-repair.md). Like SourceFactory it sits above
// sources/; a new source type that keeps raw pages adds its line in Extractors.cpp.
class Extractors
{
public:
    using Extract = std::function<sources::Extraction(const workspace::SourceConfig &,
                                                      const QList<sources::RawPage> &)>;

    // Null for a type whose values cannot be extracted again from kept pages.
    static Extract forType(const QString &type);
};

} // namespace kpi::pipeline
