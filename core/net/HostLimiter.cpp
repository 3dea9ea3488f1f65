// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "net/HostLimiter.h"

#include <QUrl>

#include <algorithm>

namespace kpi::net {

namespace {

int clampedLimit(int maxPerOrigin)
{
    return std::clamp(maxPerOrigin, 1, MaxConnectionsPerOrigin);
}

} // namespace

HostLimiter::HostLimiter(int maxPerOrigin) : m_maxPerOrigin(clampedLimit(maxPerOrigin)) { }

void HostLimiter::setMaxPerOrigin(int maxPerOrigin)
{
    m_maxPerOrigin = clampedLimit(maxPerOrigin);
    const auto origins = m_origins.keys();
    for (const auto &origin : origins)
        startWaiters(origin);
}

QString HostLimiter::originOf(const QUrl &url)
{
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    return url.scheme() + QLatin1String("://") + url.host().toLower() + QLatin1Char(':') +
           QString::number(url.port(defaultPort));
}

HostLimiter::Grant HostLimiter::acquire(const QString &origin, std::function<void()> start)
{
    const Ticket ticket = m_nextTicket++;
    m_ticketOrigin.insert(ticket, origin);
    Origin &state = m_origins[origin];
    if (state.active.size() < m_maxPerOrigin && state.queue.empty()) {
        state.active.append(ticket);
        return {ticket, true};
    }
    state.queue.push_back({ticket, std::move(start)});
    return {ticket, false};
}

void HostLimiter::release(Ticket ticket)
{
    const auto it = m_ticketOrigin.constFind(ticket);
    if (it == m_ticketOrigin.cend())
        return;
    const QString origin = *it;
    m_ticketOrigin.erase(it);

    {
        Origin &state = m_origins[origin];
        if (!state.active.removeOne(ticket))
            std::erase_if(state.queue, [ticket](const Waiter &w) { return w.ticket == ticket; });
    }
    startWaiters(origin); // may rehash m_origins: look the origin up again below
    const auto state = m_origins.constFind(origin);
    if (state != m_origins.cend() && state->active.isEmpty() && state->queue.empty())
        m_origins.erase(state);
}

int HostLimiter::inFlight(const QString &origin) const
{
    return int(m_origins.value(origin).active.size());
}

int HostLimiter::waiting(const QString &origin) const
{
    return int(m_origins.value(origin).queue.size());
}

void HostLimiter::startWaiters(const QString &origin)
{
    auto it = m_origins.find(origin);
    if (it == m_origins.end())
        return;
    // `start` may release or acquire re-entrantly, so take each waiter out before calling it
    // and look the origin up again afterwards.
    while (it != m_origins.end() && it->active.size() < m_maxPerOrigin && !it->queue.empty()) {
        Waiter waiter = std::move(it->queue.front());
        it->queue.pop_front();
        it->active.append(waiter.ticket);
        waiter.start();
        it = m_origins.find(origin);
    }
}

} // namespace kpi::net
