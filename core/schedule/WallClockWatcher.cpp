// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "schedule/WallClockWatcher.h"

#include "util/Logging.h"

#include <QSocketNotifier>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <cstdint>
#include <ctime>
#include <sys/timerfd.h>
#include <unistd.h>
#endif

namespace kpi::schedule {

WallClockWatcher::WallClockWatcher(QObject *parent) : QObject(parent)
{
#ifdef Q_OS_LINUX
    m_fd = ::timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
    if (m_fd < 0 || !arm()) {
        qCWarning(lcSchedule) << "cannot watch the wall clock; a resume from suspend is "
                                 "noticed only when the next timer fires";
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
        return;
    }
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &WallClockWatcher::onReadable);
#endif
}

WallClockWatcher::~WallClockWatcher()
{
#ifdef Q_OS_LINUX
    if (m_fd >= 0)
        ::close(m_fd);
#endif
}

bool WallClockWatcher::arm()
{
#ifdef Q_OS_LINUX
    // An absolute expiry far away: the timer is here only for its cancel-on-set.
    itimerspec spec{};
    spec.it_value.tv_sec = 8'000'000'000; // year 2223
    return ::timerfd_settime(m_fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec, nullptr) ==
           0;
#else
    return false;
#endif
}

void WallClockWatcher::onReadable()
{
#ifdef Q_OS_LINUX
    std::uint64_t expirations = 0;
    const ssize_t got = ::read(m_fd, &expirations, sizeof expirations);
    if (got < 0 && errno == ECANCELED) {
        // Cancel-on-set is one-shot: arm again for the next jump.
        arm();
        Q_EMIT jumped();
    }
#endif
}

} // namespace kpi::schedule
