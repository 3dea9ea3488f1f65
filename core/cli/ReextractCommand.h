// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "cli/Command.h"

#include <QString>

namespace kpi::cli {

// `kpi-collector reextract --source ID [--since DATE] [--dry-run]`: runs the source's
// current extraction over its kept raw responses and rewrites the values that differ,
// printing old → new per run (docs/history-repair.md).
class ReextractCommand : public Command
{
    Q_OBJECT

public:
    struct Options
    {
        QString sourceId;
        QString since;
        bool dryRun = false;
    };

    ReextractCommand(CliContext &context, Options options, QObject *parent = nullptr);
    void start() override;

private:
    Options m_options;
};

} // namespace kpi::cli
