// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "cli/Command.h"
#include "report/Bucketer.h"

#include <QStringList>

#include <optional>

namespace kpi::cli {

// `kpi-collector history [--metric KEY]… [--since DATE] [--until DATE]
// [--bucket day|week|month] [--format csv|json]`: the stored values, raw or the last of
// each bucket, in the workspace's time zone.
class HistoryCommand : public Command
{
    Q_OBJECT

public:
    struct Options
    {
        QStringList metrics;
        QString since;
        QString until;
        std::optional<report::Bucketer::Size> bucket;
        bool json = false;
    };

    HistoryCommand(CliContext &context, Options options, QObject *parent = nullptr);
    void start() override;

private:
    Options m_options;
};

} // namespace kpi::cli
