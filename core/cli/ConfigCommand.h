// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "cli/Command.h"

namespace kpi::cli {

// `kpi-collector config check FILE | import FILE | export | presets`.
class ConfigCommand : public Command
{
    Q_OBJECT

public:
    enum class Action { Check, Import, Export, Presets };

    ConfigCommand(CliContext &context, Action action, QString file, QObject *parent = nullptr);
    void start() override;

private:
    int check();
    int import();
    int exportWorkspace();
    int listPresets();

    Action m_action;
    QString m_file;
};

} // namespace kpi::cli
