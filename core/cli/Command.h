// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QObject>

namespace kpi::cli {

class CliContext;

// Exit statuses of PRODUCT.md's command-line contract.
enum ExitStatus { ExitOk = 0, ExitFailures = 1, ExitUsage = 2 };

// One subcommand. start() may finish at once or after asynchronous work; either way it
// ends with exactly one done(), which the runner turns into the process's exit status.
class Command : public QObject
{
    Q_OBJECT

public:
    explicit Command(CliContext &context, QObject *parent = nullptr)
        : QObject(parent), m_context(context)
    { }
    virtual void start() = 0;

Q_SIGNALS:
    void done(int exitStatus);

protected:
    CliContext &context() { return m_context; }

private:
    CliContext &m_context;
};

} // namespace kpi::cli
