// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "sources/CommandSource.h"
#include "workspace/WorkspaceLoader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kpi;
using kpi::sources::CommandSource;
using kpi::sources::SourceOutcome;

namespace {

QString fixture(const char *name)
{
    return QStringLiteral(KPI_COMMAND_FIXTURES "/") + QLatin1String(name);
}

QByteArray commandJson(const QString &program, const QStringList &args, const QJsonArray &metrics,
                       int timeoutSeconds = 30)
{
    const QJsonObject source{{QStringLiteral("id"), QStringLiteral("script")},
                             {QStringLiteral("type"), QStringLiteral("command")},
                             {QStringLiteral("program"), program},
                             {QStringLiteral("args"), QJsonArray::fromStringList(args)},
                             {QStringLiteral("timeoutSeconds"), timeoutSeconds},
                             {QStringLiteral("metrics"), metrics}};
    return QJsonDocument(source).toJson(QJsonDocument::Compact);
}

QJsonObject metric(const QString &key, const QString &field = {})
{
    QJsonObject object{{QStringLiteral("key"), key}};
    if (!field.isEmpty())
        object.insert(QStringLiteral("field"), field);
    return object;
}

} // namespace

class TestCommandSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ok_eachMetricReadsItsField()
    {
        const auto outcome =
            collect(commandJson(fixture("ok.sh"), {QStringLiteral("42"), QStringLiteral("0.035")},
                                {metric(QStringLiteral("SIGNUPS")),
                                 metric(QStringLiteral("CHURN"), QStringLiteral("CHURN_RATE"))}));
        QVERIFY2(outcome.isComplete(), qPrintable(describe(outcome)));
        QCOMPARE(outcome.values.size(), 2);
        QCOMPARE(outcome.values[0].key, QStringLiteral("SIGNUPS"));
        QCOMPARE(outcome.values[0].value, 42.0);
        QCOMPARE(outcome.values[1].key, QStringLiteral("CHURN"));
        QCOMPARE(outcome.values[1].value, 0.035);
    }

    void missingOrTextFieldSpoilsOnlyItsMetric()
    {
        const auto outcome =
            collect(commandJson(fixture("ok.sh"), {QStringLiteral("42"), QStringLiteral("1")},
                                {metric(QStringLiteral("SIGNUPS")),
                                 metric(QStringLiteral("LABEL"), QStringLiteral("label")),
                                 metric(QStringLiteral("GONE"))}));
        QVERIFY(!outcome.error);
        QCOMPARE(outcome.values.size(), 1);
        QCOMPARE(outcome.metricErrors.size(), 2);
        QCOMPARE(outcome.metricErrors[0].error.message,
                 QStringLiteral("\"label\" is not a number"));
        QCOMPARE(outcome.metricErrors[1].error.message,
                 QStringLiteral("the output has no \"GONE\""));
    }

    void argumentsReachTheProgramWithoutAShell()
    {
        const auto outcome = collect(
            commandJson(fixture("args.sh"), {QStringLiteral("$HOME; echo x"), QStringLiteral("*")},
                        {metric(QStringLiteral("ARGC")), metric(QStringLiteral("LEN"))}));
        QVERIFY2(outcome.isComplete(), qPrintable(describe(outcome)));
        QCOMPARE(outcome.values[0].value, 2.0);
        QCOMPARE(outcome.values[1].value, 13.0);
    }

    void nonZeroExitShowsTheFirstLinesOfStderr()
    {
        const auto outcome =
            collect(commandJson(fixture("fails.sh"), {}, {metric(QStringLiteral("K"))}));
        QVERIFY(outcome.error);
        QCOMPARE(outcome.step, QStringLiteral("fetch"));
        QCOMPARE(outcome.error->message,
                 QStringLiteral("the program exited with status 3: connecting to the billing API "
                                "| error: 401 Unauthorized | hint: renew the key"));
    }

    void outputThatIsNotJsonIsAParseError()
    {
        const auto outcome =
            collect(commandJson(fixture("notjson.sh"), {}, {metric(QStringLiteral("K"))}));
        QVERIFY(outcome.error);
        QCOMPARE(outcome.step, QStringLiteral("parse"));
        QVERIFY2(outcome.error->message.startsWith(
                     QStringLiteral("the program's output is not valid JSON")),
                 qPrintable(outcome.error->message));
    }

    void missingProgramIsNamed()
    {
        const auto outcome = collect(commandJson(QStringLiteral("/nonexistent/report-kpis"), {},
                                                 {metric(QStringLiteral("K"))}));
        QVERIFY(outcome.error);
        QVERIFY2(outcome.error->message.startsWith(
                     QStringLiteral("cannot run \"/nonexistent/report-kpis\"")),
                 qPrintable(outcome.error->message));
    }

    void deadlineKillsTheProgramAndWhatItStarted()
    {
        QTemporaryDir dir;
        const QString pidFile = dir.filePath(QStringLiteral("child.pid"));
        const auto outcome =
            collect(commandJson(fixture("hangs.sh"), {pidFile}, {metric(QStringLiteral("K"))}, 1));
        QVERIFY(outcome.error);
        QCOMPARE(outcome.error->code, Error::Code::Timeout);
        QCOMPARE(outcome.error->message,
                 QStringLiteral("the program did not finish within 1 s and was stopped"));
        QFile file(pidFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray pid = file.readAll().trimmed();
        QVERIFY(!pid.isEmpty());
        // The sleep the script started is gone too (a zombie until its parent's reaper runs
        // counts as gone: it no longer runs).
        QTRY_VERIFY_WITH_TIMEOUT(!isRunning(pid), 10000);
    }

    void floodIsCutAtTheCap()
    {
        const auto outcome =
            collect(commandJson(fixture("floods.sh"), {}, {metric(QStringLiteral("A"))}));
        QVERIFY(outcome.error);
        QCOMPARE(outcome.error->code, Error::Code::TooLarge);
        QCOMPARE(outcome.error->message,
                 QStringLiteral("the program printed more than 1048576 bytes and was stopped"));
    }

    void abort_answersAtOnce()
    {
        QTemporaryDir dir;
        const auto loaded = workspace::WorkspaceLoader::parse(
            "{\"version\": 1, \"sources\": [" +
            commandJson(fixture("hangs.sh"), {dir.filePath(QStringLiteral("pid"))},
                        {metric(QStringLiteral("K"))}) +
            "]}");
        QVERIFY(loaded.isOk());
        CommandSource source(loaded.workspace.sources.constFirst());
        QSignalSpy finished(&source, &CommandSource::finished);
        source.start({});
        QTRY_VERIFY(QFile::exists(dir.filePath(QStringLiteral("pid"))));
        source.abort();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.constFirst().constFirst().value<SourceOutcome>().error->code,
                 Error::Code::Canceled);
    }

private:
    static bool isRunning(const QByteArray &pid)
    {
        QFile status(QStringLiteral("/proc/%1/stat").arg(QString::fromLatin1(pid)));
        if (!status.open(QIODevice::ReadOnly))
            return false;
        // The state follows the name in parentheses: Z is a zombie, no longer running.
        const QByteArray text = status.readAll();
        const qsizetype close = text.lastIndexOf(')');
        return close >= 0 && text.mid(close + 2, 1) != "Z";
    }

    SourceOutcome collect(const QByteArray &sourceJson)
    {
        const QByteArray workspace = "{\"version\": 1, \"sources\": [" + sourceJson + "]}";
        const auto loaded = workspace::WorkspaceLoader::parse(workspace);
        if (!loaded.isOk()) {
            qWarning() << loaded.errors.constFirst().toString();
            return {};
        }
        CommandSource source(loaded.workspace.sources.constFirst());
        QSignalSpy finished(&source, &CommandSource::finished);
        source.start({});
        if (!finished.wait(30000))
            return {};
        return finished.constFirst().constFirst().value<SourceOutcome>();
    }

    static QString describe(const SourceOutcome &outcome)
    {
        QStringList parts;
        if (outcome.error)
            parts << outcome.step + QStringLiteral(": ") + outcome.error->message;
        for (const auto &failure : outcome.metricErrors)
            parts << failure.key + QStringLiteral(": ") + failure.error.message;
        return parts.join(QStringLiteral("; "));
    }
};

QTEST_GUILESS_MAIN(TestCommandSource)
#include "TestCommandSource.moc"
