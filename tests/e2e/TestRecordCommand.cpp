// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
// End to end: `kpi-collector record` for a manual metric, and `collect` leaving the
// manual source alone while it runs a command source.
#include "store/HistoryStore.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace kpi;

namespace {

struct Ran
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestRecordCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_workspace = m_dir->filePath(QStringLiteral("workspace.json"));
        m_database = m_dir->filePath(QStringLiteral("history.sqlite"));
        const QString script = m_dir->filePath(QStringLiteral("report.sh"));
        QFile program(script);
        QVERIFY(program.open(QIODevice::WriteOnly));
        program.write("#!/bin/sh\necho '{\"SIGNUPS\": 17}'\n");
        program.close();
        QVERIFY(program.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QFile file(m_workspace);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"version\": 1, \"timezone\": \"Europe/Berlin\", \"sources\": ["
                   "{\"id\": \"survey\", \"type\": \"manual\", \"metrics\": [{\"key\": \"NPS\", "
                   "\"label\": \"Net Promoter Score\", \"unit\": \"points\"}]},"
                   "{\"id\": \"script\", \"type\": \"command\", \"program\": \"" +
                   script.toUtf8() + "\", \"metrics\": [{\"key\": \"SIGNUPS\"}]}]}");
        file.close();
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("config")));
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("share")));
    }

    void record_writesAManualSampleOutsideAnyRun()
    {
        Ran ran = run({QStringLiteral("record"), QStringLiteral("NPS"), QStringLiteral("42"),
                       QStringLiteral("--at"), QStringLiteral("2026-11-01")});
        QVERIFY2(ran.exitCode == 0, qPrintable(ran.out + ran.err));
        // The start of 1 November in Berlin (CET, UTC+1).
        QCOMPARE(ran.out, QStringLiteral("recorded NPS = 42 at 2026-10-31T23:00:00Z\n"));
        ran = run({QStringLiteral("record"), QStringLiteral("NPS"), QStringLiteral("--at"),
                   QStringLiteral("2026-11-02T10:30:00"), QStringLiteral("--"),
                   QStringLiteral("-3.5")});
        QVERIFY2(ran.exitCode == 0, qPrintable(ran.out + ran.err));
        QCOMPARE(ran.out, QStringLiteral("recorded NPS = -3.5 at 2026-11-02T09:30:00Z\n"));

        const auto location = store::DatabaseLocation::parse(m_database);
        QVERIFY(location);
        auto history = store::HistoryStore::open(*location, store::AccessMode::ReadOnly);
        QVERIFY2(history, qPrintable(history ? QString() : history.error().toString()));
        const auto samples = (*history)->samples({});
        QVERIFY(samples);
        QCOMPARE(samples->size(), 2);
        QCOMPARE(samples->at(0).metricKey, QStringLiteral("NPS"));
        QCOMPARE(samples->at(0).value, 42.0);
        QCOMPARE(
            samples->at(0).timestampMs,
            QDateTime(QDate(2026, 10, 31), QTime(23, 0), QTimeZone::utc()).toMSecsSinceEpoch());
        QCOMPARE(samples->at(0).origin, store::SampleOrigin::Manual);
        QCOMPARE(samples->at(0).sourceId, QStringLiteral("survey"));
        QCOMPARE(samples->at(0).runId, qint64(0));
        QCOMPARE(samples->at(1).value, -3.5);
        const auto runs = (*history)->runs(10);
        QVERIFY(runs);
        QVERIFY(runs->isEmpty());

        // `history` shows it like any other value.
        ran = run({QStringLiteral("history"), QStringLiteral("--metric"), QStringLiteral("NPS")});
        QVERIFY2(ran.exitCode == 0, qPrintable(ran.err));
        QVERIFY2(ran.out.contains(QStringLiteral("42")), qPrintable(ran.out));
    }

    void record_refusesWhatIsNotAManualNumber_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("collected metric")
            << QStringList{QStringLiteral("SIGNUPS"), QStringLiteral("3")}
            << QStringLiteral("error: KEY: \"SIGNUPS\" is collected by the source \"script\" "
                              "(command), not recorded by hand; the manual metrics are: NPS");
        QTest::newRow("unknown metric")
            << QStringList{QStringLiteral("NSP"), QStringLiteral("3")}
            << QStringLiteral("error: KEY: \"NSP\" is not a metric of the workspace; the manual "
                              "metrics are: NPS");
        QTest::newRow("not a number")
            << QStringList{QStringLiteral("NPS"), QStringLiteral("high")}
            << QStringLiteral("error: VALUE: expected a number such as 1204 or 0.25, got \"high\"");
        QTest::newRow("decimal comma")
            << QStringList{QStringLiteral("NPS"), QStringLiteral("4,5")}
            << QStringLiteral("error: VALUE: expected a number such as 1204 or 0.25, got \"4,5\"");
        QTest::newRow("infinity") << QStringList{QStringLiteral("NPS"), QStringLiteral("inf")}
                                  << QStringLiteral("error: VALUE: expected a number such as "
                                                    "1204 or 0.25, got \"inf\"");
        QTest::newRow("bad date")
            << QStringList{QStringLiteral("NPS"), QStringLiteral("3"), QStringLiteral("--at"),
                           QStringLiteral("yesterday")}
            << QStringLiteral("error: --at: expected YYYY-MM-DD or an ISO 8601 date and time, "
                              "got \"yesterday\"");
        QTest::newRow("future date")
            << QStringList{QStringLiteral("NPS"), QStringLiteral("3"), QStringLiteral("--at"),
                           QStringLiteral("2999-01-01")}
            << QStringLiteral("error: --at: 2998-12-31T23:00:00Z is in the future");
        QTest::newRow("one argument") << QStringList{QStringLiteral("NPS")}
                                      << QStringLiteral("kpi-collector record: expected KEY VALUE, "
                                                        "such as: record NPS 42");
    }
    void record_refusesWhatIsNotAManualNumber()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Ran ran = run(QStringList{QStringLiteral("record")} + arguments);
        QCOMPARE(ran.exitCode, 2);
        QVERIFY2(ran.err.startsWith(message), qPrintable(ran.err));
        QVERIFY(ran.out.isEmpty());
        // Nothing was written, not even an empty database.
        QVERIFY(!QFile::exists(m_database));
    }

    void collect_runsTheCommandAndLeavesTheManualSourceAlone()
    {
        Ran ran =
            run({QStringLiteral("collect"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(ran.exitCode == 0, qPrintable(ran.out + ran.err));
        QVERIFY2(ran.out.contains(QStringLiteral("\"SIGNUPS\"")), qPrintable(ran.out));
        QVERIFY2(!ran.out.contains(QStringLiteral("survey")), qPrintable(ran.out));
        ran =
            run({QStringLiteral("collect"), QStringLiteral("--source"), QStringLiteral("survey")});
        QCOMPARE(ran.exitCode, 2);
        QVERIFY2(ran.err.contains(QStringLiteral("\"survey\" is a manual source")),
                 qPrintable(ran.err));
    }

private:
    Ran run(QStringList arguments)
    {
        // The common options first: after "--" everything is a positional argument.
        arguments = QStringList{QStringLiteral("--workspace"), m_workspace,
                                QStringLiteral("--database"), m_database} +
                    arguments;
        QProcess process;
        process.setProcessEnvironment(m_env);
        process.start(QStringLiteral(KPI_COLLECTOR_BINARY), arguments);
        if (!process.waitForStarted(10000))
            return {};
        process.closeWriteChannel();
        if (!process.waitForFinished(60000)) {
            process.kill();
            return {};
        }
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_workspace;
    QString m_database;
    QProcessEnvironment m_env;
};

QTEST_GUILESS_MAIN(TestRecordCommand)
#include "TestRecordCommand.moc"
