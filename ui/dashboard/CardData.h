// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "report/Report.h"
#include "store/HistoryStore.h"
#include "workspace/Workspace.h"

#include <QDateTime>
#include <QList>
#include <QPointF>
#include <QString>

namespace kpi::ui {

// What one dashboard card shows: the metric's line of the report (value and change,
// worked out by report::ReportBuilder as for `kpi-collector report` and the digests), its
// last 30 days, and whether its source failed in the last run.
struct CardData
{
    report::MetricLine line; // line.value only meaningful when hasValue
    bool hasValue = false;
    QList<QPointF> sparkline; // x: UTC ms, y: value; the last 30 days
    QString error;            // why its source failed in the last run; empty when it did not

    const QString &key() const { return line.key; }
};

// The cards of every metric of the workspace, the North Star first, collected or not.
QList<CardData> loadCards(const store::HistoryStore &history, const workspace::Workspace &workspace,
                          const QDateTime &now, int compareDays);

// Changes `card` for a value that just arrived (during Collect now): the comparison value
// stays, the change is worked out against it. The history is read again after the run.
void applyValue(CardData &card, double value, const QDateTime &at);

} // namespace kpi::ui
