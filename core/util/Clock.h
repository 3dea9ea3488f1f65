// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QDateTime>

namespace kpi {

// Where the time comes from (KeePassXC's Clock): the system in the app, a fake in tests,
// so nothing that depends on "now" needs a test to wait.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;
    qint64 nowMs() const { return nowUtc().toMSecsSinceEpoch(); }

    // The real clock; lives for the whole program.
    static const Clock &system();
};

} // namespace kpi
