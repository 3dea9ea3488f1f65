// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "cli/Command.h"
#include "report/ReportFormatter.h"

namespace kpi {
class Clock;
}

namespace kpi::cli {

// `kpi-collector report`: every metric's latest value and its change against N days ago,
// as text, Markdown or JSON (report::ReportBuilder, the same numbers the digests send).
class ReportCommand : public Command
{
    Q_OBJECT

public:
    struct Options
    {
        int compareDays = 14;
        QString at; // a date argument; empty: now
        report::ReportFormatter::Format format = report::ReportFormatter::Format::Text;
    };

    ReportCommand(CliContext &context, Options options, const Clock &clock,
                  QObject *parent = nullptr);
    void start() override;

private:
    Options m_options;
    const Clock &m_clock;
};

} // namespace kpi::cli
