// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "store/HistoryStore.h"
#include "workspace/Workspace.h"

#include <QDateTime>
#include <QList>
#include <QPointF>
#include <QString>

#include <optional>

namespace kpi::ui {

// What one dashboard card shows. The value and change fields mirror report::MetricLine so
// that the dashboard and `kpi-collector report` say the same thing.
struct CardData
{
    QString key;
    QString label; // the key when the workspace names none
    QString unit;
    bool northStar = false;
    std::optional<double> value;
    QDateTime at; // when `value` was collected
    std::optional<double> previous;
    QDateTime previousAt;
    std::optional<double> change;
    std::optional<double> changePercent;
    QList<QPointF> sparkline; // x: UTC ms, y: value; the last 30 days
    QString error;            // why its source failed in the last run; empty when it did not
};

// Reads the cards from the history: the North Star first, then the workspace's order, then
// metrics only the history knows. The one place the dashboard computes values and changes.
QList<CardData> loadCards(const store::HistoryStore &history, const workspace::Workspace &workspace,
                          const QDateTime &now, int compareDays);

// Changes `card` for a value that just arrived (during Collect now).
void applyValue(CardData &card, double value, const QDateTime &at, int compareDays);

} // namespace kpi::ui
