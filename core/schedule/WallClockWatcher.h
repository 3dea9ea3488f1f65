// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QObject>

class QSocketNotifier;

namespace kpi::schedule {

// Tells when the wall clock jumps: the machine resumed from suspend, or someone (NTP, the
// user) set the clock. QTimer counts monotonic time, which notices neither.
//
// On Linux a CLOCK_REALTIME timerfd with TFD_TIMER_CANCEL_ON_SET becomes readable (with
// ECANCELED) on every discontinuous change of the wall clock, and resuming from suspend is
// one. No polling, no D-Bus. Elsewhere the watcher stays silent; there the scheduler is
// only as right as its timer after a suspend.
class WallClockWatcher : public QObject
{
    Q_OBJECT

public:
    explicit WallClockWatcher(QObject *parent = nullptr);
    ~WallClockWatcher() override;

    bool isWatching() const { return m_fd >= 0; }

Q_SIGNALS:
    void jumped();

private:
    bool arm();
    void onReadable();

    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace kpi::schedule
