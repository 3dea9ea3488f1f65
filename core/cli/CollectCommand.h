// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "cli/Command.h"
#include "pipeline/CollectRun.h"

#include <QJsonArray>

#include <memory>

namespace kpi::delivery {
class DeliveryWorker;
}
namespace kpi::store {
class HistoryStore;
}

namespace kpi::cli {

// `kpi-collector collect [--source ID]… [--dry-run] [--format table|json]`: collects now,
// stores the run, prints each value with its change since the previous one.
class CollectCommand : public Command
{
    Q_OBJECT

public:
    enum class Format { Table, Json };

    CollectCommand(CliContext &context, pipeline::CollectOptions options, Format format,
                   QObject *parent = nullptr);
    ~CollectCommand() override;

    void start() override;

private:
    void onFinished(const pipeline::RunReport &report);
    void printTable(const pipeline::RunReport &report);
    void printJson(const pipeline::RunReport &report);
    void printEvidence(const pipeline::RunReport &report);
    static void addEvidence(const sources::SourceOutcome &outcome, QJsonArray &metrics);
    void deliver(int collectStatus);

    pipeline::CollectOptions m_options;
    Format m_format;
    workspace::Workspace m_workspace;
    std::unique_ptr<store::HistoryStore> m_history;
    pipeline::CollectRun *m_run = nullptr;
    delivery::DeliveryWorker *m_worker = nullptr;
};

} // namespace kpi::cli
