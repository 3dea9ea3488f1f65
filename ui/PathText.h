// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QString>

namespace kpi::ui {

// Paths as people read and type them: "~/kpi/workspace.json" for a file in the home
// folder, with the platform's separators.
QString homeRelativePath(const QString &path);
// The way back is settings::AppSettings::expandHome().

} // namespace kpi::ui
