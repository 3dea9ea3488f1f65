// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QColor>
#include <QPalette>

class QLabel;

namespace kpi::ui {

// Colours for the forms' messages, from the system palette: readable on light and dark.
QColor errorColor(const QPalette &palette);
QColor okColor(const QPalette &palette);
// A small message under a field: an error (red, wrapped) or help (muted, smaller).
void styleAsError(QLabel *label);
void styleAsHelp(QLabel *label);

} // namespace kpi::ui
