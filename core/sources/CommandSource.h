// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "sources/Source.h"
#include "workspace/Workspace.h"

#include <QPointer>
#include <QProcess>
#include <QTimer>

namespace kpi::sources {

// A program run without a shell that prints one JSON object, {"KEY": number, ...}; each
// metric reads its field. The deadline kills it (and what it started), so does printing
// more than the source's cap.
class CommandSource : public Source
{
    Q_OBJECT

public:
    explicit CommandSource(workspace::SourceConfig config, QObject *parent = nullptr);
    ~CommandSource() override;

    QString id() const override { return m_config.id; }
    void start(const SecretValues &secrets) override;
    void abort() override;

    // stderr lines quoted in the message of a failing program.
    static constexpr int StderrLinesShown = 3;

private:
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onErrorOccurred(QProcess::ProcessError error);
    void extract();
    void kill();
    void stopTimers() override { m_deadline.stop(); }

    workspace::SourceConfig m_config;
    QPointer<QProcess> m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
    QTimer m_deadline;
};

} // namespace kpi::sources
