// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "pipeline/RunReport.h"
#include "workspace/Workspace.h"

#include <QObject>
#include <QPointer>

namespace kpi {
class Clock;
}
namespace kpi::net {
class HttpClient;
}
namespace kpi::secrets {
class SecretStore;
}
namespace kpi::store {
class HistoryStore;
}

namespace kpi::pipeline {

class CollectRun;

// Runs collections of one workspace into one history, one at a time: the window's Collect
// now, the tray's and the scheduler's all come here, so two runs never overlap.
class Collector : public QObject
{
    Q_OBJECT

public:
    Collector(net::HttpClient *client, secrets::SecretStore *secretStore, const Clock &clock,
              QObject *parent = nullptr);
    ~Collector() override;

    void setWorkspace(const workspace::Workspace &workspace) { m_workspace = workspace; }
    const workspace::Workspace &workspace() const { return m_workspace; }
    // Not owned; null collects without storing (a dry run).
    void setHistory(store::HistoryStore *history) { m_history = history; }
    store::HistoryStore *history() const { return m_history; }

    bool isCollecting() const;
    // Starts a run of every enabled source; false (and nothing starts) while one is going.
    bool collect(const QString &trigger);
    // Ends the running run: what arrived is stored, the run is marked canceled.
    void cancel();

Q_SIGNALS:
    void started(int sourceCount, const QString &trigger);
    void sourceFinished(const kpi::sources::SourceOutcome &outcome, int done, int total);
    void finished(const kpi::pipeline::RunReport &report);

private:
    net::HttpClient *m_client;
    secrets::SecretStore *m_secretStore;
    const Clock &m_clock;
    workspace::Workspace m_workspace;
    store::HistoryStore *m_history = nullptr;
    QPointer<CollectRun> m_run;
};

} // namespace kpi::pipeline
