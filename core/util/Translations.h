// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

class QCoreApplication;

namespace kpi {

// Loads the embedded translations/kpi-collector_en.ts (":/i18n/kpi-collector_en.qm") into
// `app`, so `tr("%n value(s)", nullptr, n)` prints "1 value" and "2 values" instead of
// the source text. Call it right after the application object is made, before anything
// prints (main() does, for the command line and the window; in-process tests that assert
// such texts do too). Returns false if the resource is missing, which is a build error.
bool installTranslations(QCoreApplication &app);

} // namespace kpi
