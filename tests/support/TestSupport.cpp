// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"

#include "pipeline/CollectRun.h"

#include <QSignalSpy>

namespace kpi::test {

pipeline::RunReport runToEnd(pipeline::CollectRun &run, int timeoutMs)
{
    QSignalSpy finished(&run, &pipeline::CollectRun::finished);
    run.start();
    if (!finished.wait(timeoutMs))
        qFatal("the run did not finish within %d ms", timeoutMs);
    return finished.constFirst().constFirst().value<pipeline::RunReport>();
}

} // namespace kpi::test
