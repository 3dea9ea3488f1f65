// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "sources/Source.h"

namespace kpi::sources {

void Source::fail(const QString &step, Error error, int httpStatus)
{
    if (m_finished)
        return;
    error.message = m_scrubber.scrub(error.message);
    m_outcome.error = error;
    m_outcome.step = step;
    if (httpStatus)
        m_outcome.httpStatus = httpStatus;
    finish();
}

void Source::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    stopTimers();
    m_outcome.sourceId = id();
    m_outcome.durationMs = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
    Q_EMIT finished(m_outcome);
}

} // namespace kpi::sources
