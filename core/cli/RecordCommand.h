// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "cli/Command.h"

namespace kpi {
class Clock;
}

namespace kpi::cli {

// `kpi-collector record KEY VALUE [--at DATE]`: one value of a manual metric, written to
// the history as a sample outside any run (pipeline::ManualRecorder).
class RecordCommand : public Command
{
    Q_OBJECT

public:
    struct Options
    {
        QString key;
        QString value;
        QString at; // a date argument in the workspace's time zone; empty: now
    };

    RecordCommand(CliContext &context, Options options, const Clock &clock,
                  QObject *parent = nullptr);
    void start() override;

private:
    Options m_options;
    const Clock &m_clock;
};

} // namespace kpi::cli
