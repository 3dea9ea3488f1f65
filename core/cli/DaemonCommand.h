// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "cli/Command.h"

#include <memory>

namespace kpi {
class SingleInstance;
class UnixSignals;
} // namespace kpi
namespace kpi::pipeline {
class Collector;
struct RunReport;
} // namespace kpi::pipeline
namespace kpi::schedule {
class CollectionSchedule;
class WallClockWatcher;
} // namespace kpi::schedule
namespace kpi::store {
class HistoryStore;
}

namespace kpi::cli {

// `kpi-collector daemon`: the scheduler without a window, for a server or a systemd user
// unit. Logs go to stderr through QLoggingCategory. SIGTERM or SIGINT stop it cleanly: a
// run in progress is canceled, what it collected is committed, then the process exits 0.
class DaemonCommand : public Command
{
    Q_OBJECT

public:
    explicit DaemonCommand(CliContext &context, QObject *parent = nullptr);
    ~DaemonCommand() override;

    void start() override;

private:
    void onStopRequested(int signalNumber);
    void onRunFinished(const pipeline::RunReport &report);

    std::unique_ptr<SingleInstance> m_instance;
    std::unique_ptr<store::HistoryStore> m_history;
    pipeline::Collector *m_collector = nullptr;
    schedule::CollectionSchedule *m_schedule = nullptr;
    schedule::WallClockWatcher *m_clockWatcher = nullptr;
    UnixSignals *m_signals = nullptr;
    bool m_stopping = false;
};

} // namespace kpi::cli
