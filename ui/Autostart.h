// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "util/Result.h"

#include <QString>

namespace kpi::ui {

// "Start at login": an XDG autostart entry in ~/.config/autostart that starts the app in
// the tray (--minimized). The entry is the one the package installs in
// share/kpi-collector/; run from a build folder, one pointing at this binary is written.
class Autostart
{
public:
    static QString entryPath();
    static bool isEnabled();
    static Result<void> setEnabled(bool enabled);
};

} // namespace kpi::ui
