// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
// End to end: `kpi-collector deliver` against a strict fake webhook and a CSV file, with
// the outbox prepared through the store as a collection would leave it.
#include "FakeWebhookReceiver.h"
#include "TestSupport.h"
#include "destinations/PayloadBuilder.h"
#include "store/HistoryStore.h"
#include "workspace/WorkspaceLoader.h"

#include <QDateTime>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kpi;
using kpi::test::FakeResponse;
using kpi::test::FakeWebhookReceiver;

namespace {

const QByteArray SigningKey = "e2e-signing-fake-key-0006";

struct Ran
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestDeliverCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_receiver = std::make_unique<FakeWebhookReceiver>(SigningKey);
        m_workspace = m_dir->filePath(QStringLiteral("workspace.json"));
        m_database = m_dir->filePath(QStringLiteral("history.sqlite"));
        m_csv = m_dir->filePath(QStringLiteral("exports/kpi.csv"));
        QFile file(m_workspace);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(
            "{\"version\": 1, \"timezone\": \"Europe/Berlin\", \"sources\": [{\"id\": \"s\", "
            "\"type\": \"http-json\", \"url\": \"http://127.0.0.1:9/\", \"metrics\": "
            "[{\"key\": \"STARS\", \"path\": \"$.stars\", \"unit\": \"stars\"}]}], "
            "\"destinations\": [{\"id\": \"csv\", \"type\": \"csv\", \"path\": "
            "\"exports/kpi.csv\"}, {\"id\": \"hook\", \"type\": \"webhook\", \"url\": "
            "{\"secret\": \"hook-url\"}, \"signingSecret\": {\"secret\": \"hook-key\"}}]}"));
        file.close();
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("config")));
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("share")));
        m_env.insert(QStringLiteral("KPI_SECRET_HOOK_URL"), m_receiver->url().toString());
        m_env.insert(QStringLiteral("KPI_SECRET_HOOK_KEY"), QString::fromLatin1(SigningKey));
    }

    void cleanup() { m_receiver.reset(); }

    void deliver_previewThenSendThenNothingDue()
    {
        QVERIFY(commitRun(120) > 0);

        const Ran preview = run({QStringLiteral("deliver"), QStringLiteral("--preview")});
        QVERIFY2(preview.exitCode == 0, qPrintable(preview.out + preview.err));
        QVERIFY2(
            preview.out.contains(QStringLiteral("# csv run:1: queued, due now\nAPPEND ") + m_csv),
            qPrintable(preview.out));
        QVERIFY(preview.out.contains(
            QStringLiteral("period,collected_at,key,label,unit,value\nrun:1,")));
        QVERIFY2(preview.out.contains(QStringLiteral("POST http://127.0.0.1:%1/\u2026(redacted)")
                                          .arg(m_receiver->server().port())),
                 qPrintable(preview.out));
        QVERIFY(preview.out.contains(QStringLiteral("\"deliveryId\":\"hook/run:1/1\"")));
        QVERIFY(preview.out.contains(QStringLiteral("nothing was sent")));
        QCOMPARE(m_receiver->requestCount(), 0);
        QVERIFY(!QFile::exists(m_csv));

        const Ran sent = run({QStringLiteral("deliver")});
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.out + sent.err));
        QVERIFY(sent.out.contains(QStringLiteral("delivered run:1 to csv")));
        QVERIFY(sent.out.contains(QStringLiteral("delivered run:1 to hook")));
        QVERIFY(sent.out.contains(QStringLiteral("2 delivered, 0 failed, 0 to be retried.")));
        QCOMPARE(m_receiver->received.size(), 1);
        QVERIFY(m_receiver->rejections.isEmpty()); // the signature checked out
        QFile csv(m_csv);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().split('\n');
        QCOMPARE(lines.value(0), QByteArray("period,collected_at,key,label,unit,value"));
        QVERIFY(lines.value(1).startsWith("run:1,"));
        QVERIFY(lines.value(1).endsWith(",STARS,STARS,stars,120"));

        const Ran again = run({QStringLiteral("deliver")});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.out.trimmed(), QStringLiteral("Nothing due."));
        QCOMPARE(m_receiver->requestCount(), 1);

        const Ran backfill = run({QStringLiteral("deliver"), QStringLiteral("--backfill"),
                                  QStringLiteral("--destination"), QStringLiteral("hook"),
                                  QStringLiteral("--since"), QStringLiteral("2020-01-01")});
        QVERIFY2(backfill.exitCode == 0, qPrintable(backfill.out + backfill.err));
        QVERIFY2(backfill.out.contains(QStringLiteral("Queued 0 of 1 past periods for hook")),
                 qPrintable(backfill.out));
        QCOMPARE(m_receiver->requestCount(), 1);

        for (const Ran &ran : {preview, sent, again, backfill}) {
            QVERIFY(!ran.out.contains(QString::fromLatin1(FakeWebhookReceiver::SecretPath)));
            QVERIFY(!ran.err.contains(QString::fromLatin1(FakeWebhookReceiver::SecretPath)));
            QVERIFY(!ran.out.contains(QString::fromLatin1(SigningKey)));
        }
    }

    void deliver_aRefusedDeliveryExitsWithOneAndTheOthersGoOut()
    {
        QVERIFY(commitRun(121) > 0);
        m_receiver->script.append(FakeResponse::json("{\"message\": \"payload rejected\"}", 422));
        const Ran ran = run({QStringLiteral("deliver")});
        QCOMPARE(ran.exitCode, 1);
        QVERIFY2(ran.err.contains(QStringLiteral("hook run:1: failed: HTTP 422: payload rejected")),
                 qPrintable(ran.err));
        QVERIFY(ran.out.contains(QStringLiteral("delivered run:1 to csv")));
        QVERIFY(QFile::exists(m_csv));
    }

    // Two processes on one history: every row goes out exactly once.
    void deliver_twoProcessesAtOnceSendEachRowOnce()
    {
        for (int i = 0; i < 5; ++i)
            QVERIFY(commitRun(100 + i) > 0);
        QList<std::shared_ptr<QProcess>> processes;
        for (int i = 0; i < 2; ++i) {
            auto process = std::make_shared<QProcess>();
            process->setProcessEnvironment(m_env);
            process->start(QStringLiteral(KPI_COLLECTOR_BINARY),
                           {QStringLiteral("deliver"), QStringLiteral("--workspace"), m_workspace,
                            QStringLiteral("--database"), m_database});
            processes.append(process);
        }
        for (const auto &process : std::as_const(processes))
            QTRY_VERIFY_WITH_TIMEOUT(process->state() == QProcess::NotRunning, 60000);
        // What one left for the other (a head row it saw leased) a third run picks up.
        const Ran rest = run({QStringLiteral("deliver")});
        QVERIFY2(rest.exitCode == 0, qPrintable(rest.out + rest.err));
        QCOMPARE(m_receiver->requestCount(), 5);
        QSet<QString> ids;
        for (const QJsonObject &body : std::as_const(m_receiver->received))
            ids.insert(body.value(QLatin1String("deliveryId")).toString());
        QCOMPARE(ids.size(), 5);
        QFile csv(m_csv);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().count('\n'), 6); // the header and one row per run
    }

    void deliver_usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown destination")
            << QStringList{QStringLiteral("--destination"), QStringLiteral("nope")}
            << QStringLiteral("--destination: no destination \"nope\" in the workspace; it has: "
                              "csv, hook");
        QTest::newRow("backfill without since")
            << QStringList{QStringLiteral("--backfill"), QStringLiteral("--destination"),
                           QStringLiteral("hook")}
            << QStringLiteral("--backfill needs --destination ID and --since DATE");
        QTest::newRow("bad date") << QStringList{QStringLiteral("--backfill"),
                                                 QStringLiteral("--destination"),
                                                 QStringLiteral("hook"), QStringLiteral("--since"),
                                                 QStringLiteral("yesterday")}
                                  << QStringLiteral("--since: expected YYYY-MM-DD");
    }

    void deliver_usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Ran ran = run(QStringList{QStringLiteral("deliver")} + arguments);
        QCOMPARE(ran.exitCode, 2);
        QVERIFY2(ran.err.contains(message), qPrintable(ran.err));
    }

private:
    // A collection as CollectRun commits it: the values and the destinations' payloads.
    qint64 commitRun(double stars)
    {
        const auto loaded = workspace::WorkspaceLoader::loadFile(m_workspace);
        if (!loaded.isOk())
            return 0;
        store::DatabaseLocation location;
        location.path = m_database;
        auto opened = store::HistoryStore::open(location);
        if (!opened)
            return 0;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const auto runId = (*opened)->beginRun(now, QStringLiteral("cli"));
        if (!runId)
            return 0;
        const QList<store::Sample> samples{{QStringLiteral("STARS"), now, stars,
                                            store::SampleOrigin::Collected, QStringLiteral("s"),
                                            0}};
        const auto stored = (*opened)->completeRun(
            {*runId, now, now, store::RunStatus::Ok, QStringLiteral("cli"), 1, 0}, samples, {},
            destinations::PayloadBuilder::forRun(loaded.workspace, *runId, now, samples, {}, now));
        return stored ? *runId : 0;
    }

    Ran run(QStringList arguments)
    {
        arguments << QStringLiteral("--workspace") << m_workspace << QStringLiteral("--database")
                  << m_database;
        QProcess process;
        process.setProcessEnvironment(m_env);
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(QStringLiteral(KPI_COLLECTOR_BINARY), arguments);
        if (!process.waitForStarted(10000))
            return {};
        process.closeWriteChannel();
        if (!finished.wait(60000)) { // the fake answers from this event loop meanwhile
            process.kill();
            return {};
        }
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeWebhookReceiver> m_receiver;
    QString m_workspace;
    QString m_database;
    QString m_csv;
    QProcessEnvironment m_env;
};

QTEST_GUILESS_MAIN(TestDeliverCommand)
#include "TestDeliverCommand.moc"
