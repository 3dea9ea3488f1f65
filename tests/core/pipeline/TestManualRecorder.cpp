// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "pipeline/ManualRecorder.h"
#include "store/HistoryStore.h"
#include "workspace/WorkspaceLoader.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace kpi;
using kpi::pipeline::ManualRecorder;

class TestManualRecorder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const auto loaded = workspace::WorkspaceLoader::parse(
            "{\"version\": 1, \"sources\": ["
            "{\"id\": \"survey\", \"type\": \"manual\", \"metrics\": [{\"key\": \"NPS\"}, "
            "{\"key\": \"BOARD_SEATS\"}]},"
            "{\"id\": \"script\", \"type\": \"command\", \"program\": \"/bin/true\", "
            "\"metrics\": [{\"key\": \"SIGNUPS\"}]}]}");
        QVERIFY(loaded.isOk());
        m_workspace = loaded.workspace;
    }

    void prepare_acceptsAManualMetric()
    {
        const auto sample = ManualRecorder::prepare(m_workspace, QStringLiteral("NPS"), 41.5, 1000);
        KPI_VERIFY_OK(sample);
        QCOMPARE(sample->metricKey, QStringLiteral("NPS"));
        QCOMPARE(sample->value, 41.5);
        QCOMPARE(sample->timestampMs, qint64(1000));
        QCOMPARE(sample->origin, store::SampleOrigin::Manual);
        QCOMPARE(sample->sourceId, QStringLiteral("survey"));
        QCOMPARE(sample->runId, qint64(0));
    }

    void prepare_refusesOtherKeysAndNonFiniteValues_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("collected") << QStringLiteral("SIGNUPS") << 1.0
                                   << QStringLiteral("\"SIGNUPS\" is collected by the source "
                                                     "\"script\" (command), not recorded by hand; "
                                                     "the manual metrics are: NPS, BOARD_SEATS");
        QTest::newRow("unknown") << QStringLiteral("nps") << 1.0
                                 << QStringLiteral("\"nps\" is not a metric of the workspace; the "
                                                   "manual metrics are: NPS, BOARD_SEATS");
        QTest::newRow("nan") << QStringLiteral("NPS") << std::nan("")
                             << QStringLiteral("expected a finite number");
        QTest::newRow("infinity") << QStringLiteral("NPS")
                                  << std::numeric_limits<double>::infinity()
                                  << QStringLiteral("expected a finite number");
    }
    void prepare_refusesOtherKeysAndNonFiniteValues()
    {
        QFETCH(QString, key);
        QFETCH(double, value);
        QFETCH(QString, message);
        const auto sample = ManualRecorder::prepare(m_workspace, key, value, 1000);
        QVERIFY(!sample);
        QCOMPARE(sample.error().message, message);
    }

    void record_isTheLatestValueOutsideAnyRun()
    {
        QTemporaryDir dir;
        store::DatabaseLocation location;
        location.path = dir.filePath(QStringLiteral("history.sqlite"));
        auto history = store::HistoryStore::open(location);
        KPI_VERIFY_OK(history);
        KPI_VERIFY_OK(
            ManualRecorder::record(**history, m_workspace, QStringLiteral("NPS"), 40, 1000));
        KPI_VERIFY_OK(
            ManualRecorder::record(**history, m_workspace, QStringLiteral("NPS"), 44, 2000));
        QVERIFY(
            !ManualRecorder::record(**history, m_workspace, QStringLiteral("SIGNUPS"), 1, 3000));
        const auto latest = (*history)->latestBefore(5000);
        KPI_VERIFY_OK(latest);
        QCOMPARE(latest->size(), 1);
        QCOMPARE(latest->value(QStringLiteral("NPS")).value, 44.0);
        QCOMPARE(latest->value(QStringLiteral("NPS")).origin, store::SampleOrigin::Manual);
        const auto runs = (*history)->runs(10);
        KPI_VERIFY_OK(runs);
        QVERIFY(runs->isEmpty());
    }

private:
    workspace::Workspace m_workspace;
};

QTEST_GUILESS_MAIN(TestManualRecorder)
#include "TestManualRecorder.moc"
