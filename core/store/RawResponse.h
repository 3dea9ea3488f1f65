// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QByteArray>
#include <QString>

namespace kpi::store {

// One body a source fetched in a run, kept so that `reextract` can run a corrected
// extraction over it (docs/history-repair.md). The store compresses `body`; callers see it
// as the server sent it (secrets it echoed already scrubbed).
struct RawResponse
{
    qint64 id = 0;
    qint64 runId = 0;
    qint64 runStartedAtMs = 0; // read back only: the timestamp of the run's samples
    QString sourceId;
    int page = 0;
    qint64 fetchedAtMs = 0;
    QString url; // without credentials
    QByteArray contentType;
    QByteArray body;
};

// How long raw responses are kept: the older or the oldest beyond the size go first.
// Either limit at 0 keeps none.
struct RawRetention
{
    int days = 30;
    qint64 megabytes = 50;
};

} // namespace kpi::store
