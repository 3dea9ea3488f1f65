// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "pipeline/Collector.h"

#include "pipeline/CollectRun.h"
#include "util/Logging.h"

namespace kpi::pipeline {

Collector::Collector(net::HttpClient *client, secrets::SecretStore *secretStore, const Clock &clock,
                     QObject *parent)
    : QObject(parent), m_client(client), m_secretStore(secretStore), m_clock(clock)
{ }

Collector::~Collector() = default;

bool Collector::isCollecting() const
{
    return m_run != nullptr;
}

bool Collector::collect(const QString &trigger)
{
    if (m_run) {
        qCInfo(lcPipeline) << "a collection is already running; not starting another for"
                           << trigger;
        return false;
    }
    CollectOptions options;
    options.trigger = trigger;
    options.dryRun = m_history == nullptr;
    m_run = new CollectRun(m_workspace, options, m_history, m_client, m_secretStore, m_clock, this);
    connect(m_run, &CollectRun::sourceFinished, this, &Collector::sourceFinished);
    connect(m_run, &CollectRun::finished, this, [this](const RunReport &report) {
        m_run->deleteLater();
        m_run = nullptr;
        Q_EMIT finished(report);
    });
    Q_EMIT started(m_run->sourceCount(), trigger);
    m_run->start();
    return true;
}

void Collector::cancel()
{
    if (m_run)
        m_run->cancel();
}

} // namespace kpi::pipeline
