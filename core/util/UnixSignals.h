// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QObject>

class QSocketNotifier;

namespace kpi {

// SIGTERM and SIGINT as a Qt signal, delivered in the event loop (the self-pipe pattern
// from Qt's "Calling Qt Functions From Unix Signal Handlers"): a signal handler may do
// almost nothing, so it writes a byte and the event loop does the rest.
class UnixSignals : public QObject
{
    Q_OBJECT

public:
    // One per process: it installs the handlers, and restores the defaults when destroyed.
    explicit UnixSignals(QObject *parent = nullptr);
    ~UnixSignals() override;

Q_SIGNALS:
    // `signalNumber` is SIGTERM or SIGINT.
    void stopRequested(int signalNumber);

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace kpi
