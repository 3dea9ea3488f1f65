// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "secrets/Secret.h"
#include "sources/SourceOutcome.h"

#include <QHash>
#include <QObject>

namespace kpi::sources {

// The secrets a source asked for (SourceConfig::secretNames()), resolved by the pipeline.
using SecretValues = QHash<QString, secrets::Secret>;

// One kind of place numbers come from. A source fetches and extracts; it never stores:
// the pipeline commits what it returns. One object per source per run.
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
};

} // namespace kpi::sources
