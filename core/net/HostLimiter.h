// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QHash>
#include <QString>

#include <deque>
#include <functional>

class QUrl;

namespace kpi::net {

// The most requests per origin the limiter lets out at once. Qt 6.4's QNetworkAccessManager
// opens at most 6 connections per host and queues the rest inside itself, where the job's
// deadline is already running: allowing more here would make those queued requests time out
// without ever reaching the server.
inline constexpr int MaxConnectionsPerOrigin = 6;

// Caps the requests in flight per origin (scheme, host, port), shared by every source, so a
// run with many sources on one service stays polite. Waiting requests start in FIFO order.
// Not thread-safe: lives on the thread of the HttpClient that owns it.
class HostLimiter
{
public:
    using Ticket = quint64;

    explicit HostLimiter(int maxPerOrigin = MaxConnectionsPerOrigin);

    // Clamped to [1, MaxConnectionsPerOrigin].
    void setMaxPerOrigin(int maxPerOrigin);
    int maxPerOrigin() const { return m_maxPerOrigin; }

    static QString originOf(const QUrl &url);

    struct Grant
    {
        Ticket ticket;  // releases the slot, or gives up the place in the queue
        bool immediate; // a slot was free: the caller starts now, and `start` is never called
    };
    // Takes a slot for `origin` if one is free. Otherwise queues the request, and `start`
    // runs from inside the release() that frees a slot for it, so the next request goes out
    // the moment the previous one is done (not a turn of the event loop later).
    Grant acquire(const QString &origin, std::function<void()> start);
    // Gives the slot (or the place in the queue) back. Unknown tickets are ignored, so it is
    // safe to call twice.
    void release(Ticket ticket);

    int inFlight(const QString &origin) const;
    int waiting(const QString &origin) const;

private:
    struct Waiter
    {
        Ticket ticket;
        std::function<void()> start;
    };
    struct Origin
    {
        QList<Ticket> active;
        std::deque<Waiter> queue;
    };

    void startWaiters(const QString &origin);

    QHash<QString, Origin> m_origins;
    QHash<Ticket, QString> m_ticketOrigin;
    Ticket m_nextTicket = 1;
    int m_maxPerOrigin;
};

} // namespace kpi::net
