// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "net/HostLimiter.h"
#include "net/HttpRequest.h"

#include <QObject>

class QNetworkAccessManager;

namespace kpi::net {

class HttpJob;

// The fetcher layer: every request of the app goes through one of these, on the one
// QNetworkAccessManager it is given (tests pass their own). Fully asynchronous.
// TLS certificates are always verified: nothing here ever ignores an SSL error.
class HttpClient : public QObject
{
    Q_OBJECT

public:
    explicit HttpClient(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~HttpClient() override;

    // Requests in flight per origin, shared by all callers (default 6, as browsers do).
    // Clamped to [1, MaxConnectionsPerOrigin]: more would only queue inside
    // QNetworkAccessManager with their deadlines running.
    void setMaxConnectionsPerHost(int max);
    int maxConnectionsPerHost() const { return m_limiter.maxPerOrigin(); }

    // `KPI-Collector/<version>`, sent with every request.
    static QByteArray userAgent();

    // Starts `request` on the next turn of the event loop; connect to the job's finished()
    // before returning to it. The job deletes itself after finishing; hold it in a QPointer.
    HttpJob *send(HttpRequest request);

private:
    friend class HttpJob;

    QNetworkAccessManager *m_network;
    HostLimiter m_limiter;
};

} // namespace kpi::net
