// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "forms/ManualValueDialog.h"
#include "store/HistoryStore.h"
#include "workspace/WorkspaceLoader.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using kpi::ui::ManualValueDialog;

class TestManualValueDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        const auto location = kpi::store::DatabaseLocation::parse(m_dir.filePath(
            QLatin1String(QTest::currentTestFunction()) + QStringLiteral(".sqlite")));
        KPI_VERIFY_OK(location);
        auto history = kpi::store::HistoryStore::open(*location);
        KPI_VERIFY_OK(history);
        m_history = std::move(*history);
    }

    // What `record` accepts: the metrics of manual sources, none collected by another.
    static kpi::workspace::Workspace workspace()
    {
        const auto loaded = kpi::workspace::WorkspaceLoader::parse(
            "{\"version\": 1, \"sources\": ["
            "{\"id\": \"bank\", \"type\": \"manual\", \"metrics\": ["
            "{\"key\": \"MRR\", \"label\": \"Monthly revenue\"}, {\"key\": \"NPS\"}]},"
            "{\"id\": \"gh\", \"type\": \"http-json\", \"url\": \"http://127.0.0.1:9/\","
            "\"metrics\": [{\"key\": \"stars\", \"path\": \"$.stars\"}]}]}");
        if (!loaded.isOk())
            qFatal("the test workspace does not load: %s",
                   qPrintable(loaded.errors.first().toString()));
        return loaded.workspace;
    }

    void aRecordedValue_isAManualSampleAtItsDate()
    {
        ManualValueDialog dialog(m_history.get(), workspace());
        // Only what can be recorded by hand is offered, with its label.
        QCOMPARE(dialog.metricBox()->count(), 2);
        QCOMPARE(dialog.metricBox()->itemText(0), QStringLiteral("Monthly revenue (MRR)"));
        QCOMPARE(dialog.metricBox()->itemText(1), QStringLiteral("NPS"));
        QTest::keyClicks(dialog.valueEdit(), QStringLiteral("1234.5"));
        const QDateTime at(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
        dialog.dateEdit()->setDateTime(at);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.recordButton()->click();
        QCOMPARE(accepted.size(), 1);
        const auto samples = m_history->samples({{QStringLiteral("MRR")}, {}, {}});
        KPI_VERIFY_OK(samples);
        QCOMPARE(samples->size(), 1);
        QCOMPARE(samples->first().value, 1234.5);
        QCOMPARE(samples->first().timestampMs, at.toMSecsSinceEpoch());
        QCOMPARE(samples->first().origin, kpi::store::SampleOrigin::Manual);
        // Stored as `record` stores it: under the manual source.
        QCOMPARE(samples->first().sourceId, QStringLiteral("bank"));
    }

    void notANumberOrNotFinite_isRefusedInTheDialog()
    {
        ManualValueDialog dialog(m_history.get(), workspace());
        QTest::keyClicks(dialog.valueEdit(), QStringLiteral("12 apples"));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.recordButton()->click();
        QVERIFY(accepted.isEmpty());
        QCOMPARE(dialog.errorText(), QStringLiteral("\"12 apples\" is not a number"));
        dialog.valueEdit()->setText(QStringLiteral("inf"));
        dialog.recordButton()->click();
        QVERIFY(accepted.isEmpty());
        QCOMPARE(dialog.errorText(), QStringLiteral("Expected a finite number"));
        QCOMPARE(m_history->samples({})->size(), 0);
    }

    void withoutManualMetrics_saysHowToAddOne()
    {
        auto withoutManual = workspace();
        withoutManual.sources.removeFirst();
        ManualValueDialog dialog(m_history.get(), withoutManual);
        QCOMPARE(dialog.metricBox()->count(), 0);
        QVERIFY(!dialog.recordButton()->isEnabled());
        const auto labels = dialog.findChildren<QLabel *>();
        QVERIFY(std::any_of(labels.cbegin(), labels.cend(), [](const QLabel *label) {
            return label->text().contains(QStringLiteral("type <b>manual</b>"));
        }));
    }

    // A picture for docs/screenshots, when KPI_SCREENSHOTS_DIR names a folder (xvfb-run).
    void screenshot()
    {
        const QString folder = qEnvironmentVariable("KPI_SCREENSHOTS_DIR");
        if (folder.isEmpty())
            QSKIP("KPI_SCREENSHOTS_DIR not set");
        ManualValueDialog dialog(m_history.get(), workspace());
        dialog.valueEdit()->setText(QStringLiteral("12,480"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::qWait(200);
        QVERIFY(dialog.grab().save(folder + QStringLiteral("/manual-value.png")));
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<kpi::store::HistoryStore> m_history;
};

QTEST_MAIN(TestManualValueDialog)
#include "TestManualValueDialog.moc"
