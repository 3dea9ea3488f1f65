// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "net/HttpClient.h"

#include "net/HttpJob.h"
#include "util/Version.h"

#include <QMetaObject>
#include <QNetworkAccessManager>

namespace kpi::net {

HttpClient::HttpClient(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_network(network)
{
    qRegisterMetaType<kpi::Result<kpi::net::HttpResponse>>();
}

HttpClient::~HttpClient()
{
    // Jobs use the limiter while they die: end them before our members go.
    const auto jobs = findChildren<HttpJob *>(Qt::FindDirectChildrenOnly);
    qDeleteAll(jobs);
}

void HttpClient::setMaxConnectionsPerHost(int max)
{
    m_limiter.setMaxPerOrigin(max);
}

QByteArray HttpClient::userAgent()
{
    return QByteArray("KPI-Collector/") + kpi::Version;
}

HttpJob *HttpClient::send(HttpRequest request)
{
    auto *job = new HttpJob(this, std::move(request));
    job->setParent(this);
    QMetaObject::invokeMethod(job, &HttpJob::start, Qt::QueuedConnection);
    return job;
}

} // namespace kpi::net
