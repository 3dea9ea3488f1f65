// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "util/Translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace kpi {

bool installTranslations(QCoreApplication &app)
{
    auto *translator = new QTranslator(&app);
    const QString directory = QStringLiteral(":/i18n");
    const QString name = QStringLiteral("kpi-collector");
    // The user's language first, so a translation added later is picked up by locale.
    // We ship English only, and it holds just the plural forms ("%n value(s)" → "1 value",
    // "2 values"): without it Qt prints the source text with "(s)". So English is the
    // fallback whatever the locale (a German or C locale gets English plurals, matching
    // the English text around them), not "no translation".
    if (!translator->load(QLocale(), name, QStringLiteral("_"), directory) &&
        !translator->load(name + QStringLiteral("_en"), directory)) {
        delete translator;
        return false;
    }
    return QCoreApplication::installTranslator(translator);
}

} // namespace kpi
