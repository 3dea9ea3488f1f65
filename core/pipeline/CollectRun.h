// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "pipeline/RunReport.h"
#include "pipeline/SourceFactory.h"
#include "secrets/SecretScrubber.h"
#include "store/OutboxEntry.h"
#include "store/Sample.h"
#include "workspace/Workspace.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <memory>

namespace kpi {
class Clock;
}
namespace kpi::secrets {
class SecretStore;
}
namespace kpi::store {
class HistoryStore;
}

namespace kpi::pipeline {

struct CollectOptions
{
    QStringList sourceIds; // empty: every enabled source
    bool dryRun = false;   // fetch and extract, store nothing
    QString trigger = QStringLiteral("cli");
};

// One collection: resolves the secrets the chosen sources need, runs every source at once
// (the HttpClient keeps each host's load polite), and commits all values and the run log
// in one transaction before anyone else sees them. A failing source spoils only itself.
class CollectRun : public QObject
{
    Q_OBJECT

public:
    // `history` may be null for a dry run without a database; nothing is owned.
    CollectRun(workspace::Workspace workspace, CollectOptions options, store::HistoryStore *history,
               net::HttpClient *client, secrets::SecretStore *secretStore, const Clock &clock,
               QObject *parent = nullptr);
    ~CollectRun() override;

    // Source ids in `options.sourceIds` the workspace does not have; check before start().
    static QStringList unknownSources(const workspace::Workspace &workspace,
                                      const QStringList &ids);

    int sourceCount() const { return int(m_selected.size()); }
    void start();
    // Stops the sources still running; what arrived is stored, the run is marked canceled.
    void cancel();

    // A keychain that never answers (a prompt nobody sees, a hung D-Bus service) must not
    // hold the run forever: the secrets still missing then fail their sources.
    static constexpr std::chrono::seconds SecretDeadline{60};
    void setSecretDeadline(std::chrono::milliseconds deadline) { m_secretDeadline = deadline; }

Q_SIGNALS:
    void sourceFinished(const kpi::sources::SourceOutcome &outcome, int done, int total);
    void finished(const kpi::pipeline::RunReport &report);

private:
    void resolveSecrets();
    void finishResolving();
    void startSources(const QHash<QString, Result<secrets::Secret>> &secrets);
    void onSourceFinished(qsizetype index, sources::SourceOutcome outcome);
    void complete();
    // The destinations' payloads, committed with the run (docs/destinations.md).
    QList<store::OutboxEntry> outboxEntries(const QList<store::Sample> &samples) const;

    workspace::Workspace m_workspace;
    CollectOptions m_options;
    store::HistoryStore *m_history;
    // A dry run's sources read secrets but write none (an html login's session).
    std::unique_ptr<secrets::SecretStore> m_dryRunStore;
    secrets::SecretStore *m_secretStore;
    const Clock &m_clock;
    SourceFactory m_factory;
    QList<workspace::SourceConfig> m_selected;
    QList<std::optional<sources::SourceOutcome>> m_outcomes;
    QList<QPointer<sources::Source>> m_running;
    QStringList m_secretNames;
    QHash<QString, Result<secrets::Secret>> m_resolved;
    QTimer *m_secretTimer = nullptr;
    std::chrono::milliseconds m_secretDeadline = SecretDeadline;
    bool m_sourcesStarted = false;
    secrets::SecretScrubber m_scrubber;
    RunReport m_report;
    int m_done = 0;
    bool m_canceled = false;
    bool m_completed = false;
};

} // namespace kpi::pipeline
