// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QColor>
#include <QPalette>

namespace kpi::test {

// The palette a desktop in dark mode gives an application: for the dark screenshots
// (tests and bench_chart) and the tests that check the widgets follow it.
inline QPalette darkPalette()
{
    QPalette dark;
    const QColor window(0x1f, 0x21, 0x24);
    const QColor base(0x28, 0x2a, 0x2e);
    const QColor text(0xe6, 0xe8, 0xeb);
    const QColor dim(0x8a, 0x8f, 0x98);
    dark.setColor(QPalette::Window, window);
    dark.setColor(QPalette::WindowText, text);
    dark.setColor(QPalette::Base, base);
    dark.setColor(QPalette::AlternateBase, QColor(0x2f, 0x32, 0x36));
    dark.setColor(QPalette::ToolTipBase, base);
    dark.setColor(QPalette::ToolTipText, text);
    dark.setColor(QPalette::PlaceholderText, dim);
    dark.setColor(QPalette::Text, text);
    dark.setColor(QPalette::Button, QColor(0x2c, 0x2e, 0x33));
    dark.setColor(QPalette::ButtonText, text);
    dark.setColor(QPalette::BrightText, Qt::white);
    dark.setColor(QPalette::Light, QColor(0x3a, 0x3d, 0x42));
    dark.setColor(QPalette::Midlight, QColor(0x33, 0x36, 0x3b));
    dark.setColor(QPalette::Mid, QColor(0x45, 0x49, 0x50));
    dark.setColor(QPalette::Dark, QColor(0x15, 0x16, 0x18));
    dark.setColor(QPalette::Shadow, Qt::black);
    dark.setColor(QPalette::Highlight, QColor(0x4c, 0x8d, 0xf6));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::Link, QColor(0x7a, 0xb0, 0xff));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        dark.setColor(QPalette::Disabled, role, dim);
    return dark;
}

} // namespace kpi::test
