// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "cli/Command.h"
#include "cron/CronExpression.h"

#include <QString>

#include <optional>

namespace kpi {
class Clock;
}

namespace kpi::cli {

// `kpi-collector schedule [--explain CRON] [--count N] [--from TIME] [--timezone TZ]`.
// With --explain: the expression's next N times, one ISO 8601 time with offset a line, in
// TZ (else the workspace's zone, else the system's). Without: every schedule of the
// workspace with its next time, computed in the workspace's zone and shown in TZ.
class ScheduleCommand : public Command
{
    Q_OBJECT

public:
    static constexpr int DefaultCount = 5;
    static constexpr int MaxCount = 1000;

    struct Options
    {
        std::optional<cron::CronExpression> explain;
        int count = DefaultCount;
        QString from;     // --from as given (checked by the parser); empty: now
        QString timeZone; // an available IANA id, or empty
    };
    ScheduleCommand(CliContext &context, Options options, const Clock &clock,
                    QObject *parent = nullptr);
    void start() override;

private:
    int explain();
    int listWorkspace();
    // --from in `zone`, or the clock's now; none (after printing why) for a time the zone
    // skips.
    std::optional<QDateTime> from(const QTimeZone &zone);

    Options m_options;
    const Clock &m_clock;
};

} // namespace kpi::cli
