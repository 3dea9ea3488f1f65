// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "pipeline/RunReport.h"
#include "store/Run.h"
#include "store/RunEvent.h"
#include "store/Sample.h"
#include "util/Result.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QString>
#include <QTest>

#include <optional>

// Fails the test with the error's own message when `result` is not ok. (QVERIFY2 would
// evaluate its message eagerly, calling error() on a good result.)
#define KPI_VERIFY_OK(result)                                                                      \
    do {                                                                                           \
        const auto &kpiResult_ = (result);                                                         \
        if (!kpiResult_)                                                                           \
            QFAIL(                                                                                 \
                qPrintable(QStringLiteral("unexpected error: ") + kpiResult_.error().toString())); \
    } while (false)

namespace kpi::pipeline {
class CollectRun;
}

namespace kpi::test {

// Starts `run` and returns its report once it has finished; a run that does not finish
// within `timeoutMs` ends the test binary with a message (the test would hang anyway).
pipeline::RunReport runToEnd(pipeline::CollectRun &run, int timeoutMs = 20000);

// Calls an asynchronous API taking (context, callback) and runs the event loop until the
// callback answers; an Internal error when it never does.
template<typename R, typename Call>
R awaitAnswer(Call call, int timeoutMs = 20000)
{
    std::optional<R> answer;
    QObject context;
    call(&context, [&answer](const R &r) { answer = r; });
    QDeadlineTimer deadline(timeoutMs);
    while (!answer && !deadline.hasExpired())
        QTest::qWait(5);
    return answer.value_or(
        R::error(Error::Code::Internal, QStringLiteral("no answer within %1 ms").arg(timeoutMs)));
}

} // namespace kpi::test

// QTest prints our types in failure messages (and can compare enum classes at all).
namespace QTest {
template<>
inline char *toString(const kpi::Error &error)
{
    return qstrdup(error.toString().toUtf8().constData());
}
template<>
inline char *toString(const kpi::Error::Code &code)
{
    return qstrdup(QByteArray::number(int(code)).constData());
}
template<>
inline char *toString(const kpi::store::RunStatus &status)
{
    return qstrdup(kpi::store::toDbText(status).toUtf8().constData());
}
template<>
inline char *toString(const kpi::store::EventLevel &level)
{
    return qstrdup(kpi::store::toDbText(level).toUtf8().constData());
}
template<>
inline char *toString(const kpi::store::SampleOrigin &origin)
{
    return qstrdup(kpi::store::toDbText(origin).toUtf8().constData());
}
} // namespace QTest
