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
class DeliverySchedule;
class WallClockWatcher;
} // namespace kpi::schedule
namespace kpi::delivery {
class DeliveryWorker;
}
namespace kpi::store {
class HistoryStore;
}

namespace kpi::cli {

// `kpi-collector daemon`: the scheduler without a window, for a server or a systemd user
// unit. Logs go to stderr through QLoggingCategory. SIGTERM or SIGINT stop it cleanly: a
// run in progress gets StopGraceMs to finish (a second signal cuts that short), then is
// canceled, keeping what it collected; the process exits 0.
class DaemonCommand : public Command
{
    Q_OBJECT

public:
    // How long a run in progress may go on after SIGTERM before it is canceled: less than
    // the systemd unit's TimeoutStopSec (60 s), so systemd never has to kill it.
    static constexpr int StopGraceMs = 45'000;

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
    delivery::DeliveryWorker *m_deliveries = nullptr;
    schedule::DeliverySchedule *m_deliverySchedule = nullptr;
    schedule::WallClockWatcher *m_clockWatcher = nullptr;
    UnixSignals *m_signals = nullptr;
    int m_stopSignals = 0;
};

} // namespace kpi::cli
