// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "forms/ManualValueDialog.h"
#include "store/HistoryStore.h"

#include <QComboBox>
#include <QDateTimeEdit>
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

    void aRecordedValue_isAManualSampleAtItsDate()
    {
        ManualValueDialog dialog(m_history.get(), {QStringLiteral("MRR")});
        QCOMPARE(dialog.metricBox()->currentText(), QStringLiteral("MRR"));
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
        QVERIFY(samples->first().sourceId.isEmpty());
    }

    void notANumberOrABadKey_isRefusedInTheDialog()
    {
        ManualValueDialog dialog(m_history.get(), {});
        dialog.metricBox()->setEditText(QStringLiteral("MRR"));
        QTest::keyClicks(dialog.valueEdit(), QStringLiteral("12 apples"));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.recordButton()->click();
        QVERIFY(accepted.isEmpty());
        QVERIFY(dialog.errorText().contains(QStringLiteral("not a number")));
        dialog.valueEdit()->setText(QStringLiteral("12"));
        dialog.metricBox()->setEditText(QStringLiteral("monthly revenue"));
        dialog.recordButton()->click();
        QVERIFY(accepted.isEmpty());
        QVERIFY(dialog.errorText().startsWith(QStringLiteral("Expected a metric key")));
        QCOMPARE(m_history->samples({})->size(), 0);
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<kpi::store::HistoryStore> m_history;
};

QTEST_MAIN(TestManualValueDialog)
#include "TestManualValueDialog.moc"
