// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "secrets/Secret.h"
#include "secrets/SecretScrubber.h"
#include "sources/SourceOutcome.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

namespace kpi::sources {

// The secrets a source asked for (SourceConfig::secretNames()), resolved by the pipeline.
using SecretValues = QHash<QString, secrets::Secret>;

// One kind of place numbers come from. A source fetches and extracts; it never stores:
// the pipeline commits what it returns. One object per source per run.
//
// The base owns how a run ends, the same for every type: the outcome being built, the
// time since start(), and the one finished() signal.
class Source : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual QString id() const = 0;
    // Starts collecting; finished() follows exactly once, never from inside start().
    virtual void start(const SecretValues &secrets) = 0;
    // Ends the collection early; finished() reports Error::Code::Canceled.
    virtual void abort() = 0;

Q_SIGNALS:
    void finished(const kpi::sources::SourceOutcome &outcome);

protected:
    // Called first in start(): the outcome's duration counts from here.
    void startClock() { m_elapsed.start(); }
    bool isFinished() const { return m_finished; }

    // A source-wide failure at `step` ("secret", "fetch", "parse", …): the message is
    // scrubbed of the source's secrets, then finish(). Does nothing once finished, so a
    // late answer cannot overwrite what was reported.
    void fail(const QString &step, Error error, int httpStatus = 0);
    // Emits finished() with the outcome, the first time only; later calls do nothing.
    // Callers keep the promise above: never from inside start() (queue it instead).
    void finish();
    // What a type must stop when it ends (a deadline timer), called once by finish().
    virtual void stopTimers() { }

    SourceOutcome m_outcome;
    // Every secret the source sends; the base scrubs fail()'s messages with it, the type
    // scrubs what else it reports (metric errors, kept bodies).
    secrets::SecretScrubber m_scrubber;

private:
    QElapsedTimer m_elapsed;
    bool m_finished = false;
};

} // namespace kpi::sources
