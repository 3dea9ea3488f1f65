// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QIcon>
#include <QString>

namespace kpi::ui {

// The desktop theme's icon `name` when it has one; else our SVG of that name
// (resources/icons/actions), drawn at the size asked for (crisp at any scale) in the
// palette's text colour, so it reads on light and dark alike.
QIcon actionIcon(const QString &name);

} // namespace kpi::ui
