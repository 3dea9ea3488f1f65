// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "util/Clock.h"

namespace kpi::test {

// A clock that stands still until a test moves it.
class FakeClock : public Clock
{
public:
    explicit FakeClock(QDateTime now = QDateTime(QDate(2026, 11, 28), QTime(6, 0), Qt::UTC))
        : m_now(std::move(now))
    { }

    QDateTime nowUtc() const override { return m_now; }
    void set(const QDateTime &now) { m_now = now.toUTC(); }
    void advance(qint64 ms) { m_now = m_now.addMSecs(ms); }

private:
    QDateTime m_now;
};

} // namespace kpi::test
