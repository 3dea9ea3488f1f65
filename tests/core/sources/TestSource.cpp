// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "sources/Source.h"

#include <QSignalSpy>
#include <QTest>

using namespace kpi;
using kpi::sources::SecretValues;
using kpi::sources::Source;
using kpi::sources::SourceOutcome;

namespace {

// The smallest source: the test drives how it ends.
class ProbeSource : public Source
{
public:
    using Source::fail;
    using Source::finish;
    using Source::m_outcome;
    using Source::m_scrubber;
    using Source::Source;

    QString id() const override { return QStringLiteral("probe"); }
    void start(const SecretValues &) override { startClock(); }
    void abort() override { }

    int timersStopped = 0;

protected:
    void stopTimers() override { ++timersStopped; }
};

SourceOutcome onlyOutcome(const QSignalSpy &spy)
{
    return spy.first().first().value<SourceOutcome>();
}

} // namespace

class TestSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void finishEmitsOnce();
    void failScrubsTheMessage();
    void failAfterFinishingChangesNothing();
    void failKeepsAnEarlierStatusWithoutOne();
};

void TestSource::finishEmitsOnce()
{
    ProbeSource source;
    QSignalSpy spy(&source, &Source::finished);
    source.start({});
    source.m_outcome.values.append({QStringLiteral("STARS"), 42});
    source.finish();
    source.finish();
    QCOMPARE(spy.size(), 1);
    QCOMPARE(source.timersStopped, 1);
    const SourceOutcome outcome = onlyOutcome(spy);
    QCOMPARE(outcome.sourceId, QStringLiteral("probe"));
    QCOMPARE(outcome.values.size(), 1);
    QVERIFY(outcome.durationMs >= 0);
    QVERIFY(outcome.isComplete());
}

void TestSource::failScrubsTheMessage()
{
    ProbeSource source;
    source.m_scrubber.add(QStringLiteral("s3cr3t-token"));
    QSignalSpy spy(&source, &Source::finished);
    source.start({});
    source.fail(QStringLiteral("fetch"),
                {Error::Code::Http, QStringLiteral("HTTP 401: bad token s3cr3t-token"), {}}, 401);
    QCOMPARE(spy.size(), 1);
    const SourceOutcome outcome = onlyOutcome(spy);
    QCOMPARE(outcome.step, QStringLiteral("fetch"));
    QCOMPARE(outcome.httpStatus, 401);
    QVERIFY(outcome.error);
    QCOMPARE(outcome.error->code, Error::Code::Http);
    QCOMPARE(outcome.error->message, QStringLiteral("HTTP 401: bad token <redacted>"));
}

void TestSource::failAfterFinishingChangesNothing()
{
    ProbeSource source;
    QSignalSpy spy(&source, &Source::finished);
    source.start({});
    source.fail(QStringLiteral("fetch"), {Error::Code::Canceled, QStringLiteral("canceled"), {}});
    // A late answer, e.g. a query thread ending after abort(): dropped.
    source.fail(QStringLiteral("parse"), {Error::Code::Parse, QStringLiteral("late"), {}}, 500);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(source.timersStopped, 1);
    QCOMPARE(source.m_outcome.step, QStringLiteral("fetch"));
    QCOMPARE(source.m_outcome.error->code, Error::Code::Canceled);
    QCOMPARE(source.m_outcome.httpStatus, 0);
}

void TestSource::failKeepsAnEarlierStatusWithoutOne()
{
    ProbeSource source;
    QSignalSpy spy(&source, &Source::finished);
    source.start({});
    source.m_outcome.httpStatus = 200;
    source.fail(QStringLiteral("parse"), {Error::Code::Parse, QStringLiteral("not JSON"), {}});
    QCOMPARE(spy.size(), 1);
    QCOMPARE(onlyOutcome(spy).httpStatus, 200);
}

QTEST_GUILESS_MAIN(TestSource)
#include "TestSource.moc"
