// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
// End to end, in process: collect with a wrong JSONPath against a fake API, fix the
// workspace file, `reextract`, and the history is right (docs/history-repair.md).
#include "FakeClock.h"
#include "FakeHttpServer.h"
#include "FakeSecretStore.h"
#include "TestSupport.h"
#include "cli/CliContext.h"
#include "cli/ReextractCommand.h"
#include "net/HttpClient.h"
#include "pipeline/CollectRun.h"
#include "store/HistoryStore.h"
#include "util/Translations.h"
#include "workspace/WorkspaceLoader.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace kpi;
using kpi::test::FakeHttpServer;
using kpi::test::FakeResponse;
using kpi::test::RecordedRequest;

namespace {

constexpr qint64 DayMs = 86400000;

struct Ran
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestReextract : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The English plural forms, as main() loads them ("2 values", not "2 value(s)").
    void initTestCase() { QVERIFY(kpi::installTranslations(*QCoreApplication::instance())); }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_workspacePath = m_dir->filePath(QStringLiteral("workspace.json"));
        m_database = m_dir->filePath(QStringLiteral("history.sqlite"));
        m_client = std::make_unique<net::HttpClient>(&m_network);
        m_server = std::make_unique<FakeHttpServer>();
        m_server->route("/repo", [this](const RecordedRequest &) {
            return FakeResponse::json(QStringLiteral("{\"data\": {\"stargazers\": %1, "
                                                     "\"forks\": 7, \"watchers\": 0}}")
                                          .arg(m_stars)
                                          .toUtf8());
        });
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void reextract_correctsWhatAWrongPathCollected()
    {
        writeWorkspace(QStringLiteral("$.data.watchers")); // the wrong field: always 0
        {
            auto history = open();
            store::Sample before; // what the count was before the selector broke
            before.metricKey = QStringLiteral("STARS");
            before.timestampMs = m_clock.nowMs() - DayMs;
            before.value = 1500;
            before.origin = store::SampleOrigin::Manual;
            KPI_VERIFY_OK(history->addSamples({before}));
        }
        m_stars = 1523;
        const auto first = collect();
        QCOMPARE(first.suspects.size(), 1);
        m_clock.advance(DayMs);
        m_stars = 1600;
        const auto second = collect();
        QCOMPARE(second.suspects.size(), 1);
        QCOMPARE(starValues(), (QList<double>{1500, 0, 0}));

        writeWorkspace(QStringLiteral("$.data.stargazers")); // fixed

        const Ran dry = reextract({QStringLiteral("--dry-run")});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.out + dry.err));
        QVERIFY2(dry.out.contains(QStringLiteral("run %1 (").arg(first.runId)),
                 qPrintable(dry.out));
        QVERIFY2(dry.out.contains(
                     QStringLiteral("  STARS: 0 (suspect: dropped to 0 from 1500) \u2192 1523\n")),
                 qPrintable(dry.out));
        QVERIFY2(dry.out.contains(QStringLiteral("  FORKS: 7 (unchanged)\n")), qPrintable(dry.out));
        QVERIFY2(dry.out.contains(QStringLiteral(
                     "Dry run: 2 values in 2 runs would be rewritten; nothing was written.")),
                 qPrintable(dry.out));
        QCOMPARE(starValues(), (QList<double>{1500, 0, 0}));

        const Ran fixed = reextract({});
        QVERIFY2(fixed.exitCode == 0, qPrintable(fixed.out + fixed.err));
        QVERIFY2(fixed.out.contains(
                     QStringLiteral("  STARS: 0 (suspect: dropped to 0 from 1500) \u2192 1600\n")),
                 qPrintable(fixed.out));
        QVERIFY2(fixed.out.contains(QStringLiteral("2 values in 2 runs rewritten.")),
                 qPrintable(fixed.out));
        QCOMPARE(starValues(), (QList<double>{1500, 1523, 1600}));
        {
            auto history = open();
            const auto samples = history->samples({});
            KPI_VERIFY_OK(samples);
            for (const auto &sample : *samples) {
                QVERIFY2(!sample.isSuspect(), qPrintable(sample.suspect));
                if (sample.metricKey == QLatin1String("FORKS"))
                    QCOMPARE(sample.origin, store::SampleOrigin::Collected);
                else if (sample.runId == second.runId) {
                    QCOMPARE(sample.origin, store::SampleOrigin::Reextracted);
                    QCOMPARE(sample.timestampMs, second.startedAtMs);
                    QCOMPARE(sample.sourceId, QStringLiteral("github"));
                }
            }
            QCOMPARE(samples->size(), 5); // the manual one, and two of each run
        }

        const Ran again = reextract({});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains(QStringLiteral("  STARS: 1600 (unchanged)\n")),
                 qPrintable(again.out));
        QVERIFY(again.out.contains(QStringLiteral("0 values in 0 runs rewritten.")));

        // --since leaves the earlier runs alone.
        writeWorkspace(QStringLiteral("$.data.forks"));
        const Ran since = reextract(
            {QStringLiteral("--since"), QStringLiteral("2026-11-29"), QStringLiteral("--dry-run")});
        QCOMPARE(since.exitCode, 0);
        QVERIFY2(!since.out.contains(QStringLiteral("run %1 (").arg(first.runId)),
                 qPrintable(since.out));
        QVERIFY(since.out.contains(QStringLiteral("run %1 (").arg(second.runId)));
    }

    // A path that now finds nothing keeps what was stored: reextract never deletes history.
    void reextract_aFailingPathKeepsTheStoredValue()
    {
        writeWorkspace(QStringLiteral("$.data.stargazers"));
        m_stars = 1523;
        collect();
        writeWorkspace(QStringLiteral("$.data.nothing_here"));
        const Ran ran = reextract({});
        QCOMPARE(ran.exitCode, 1);
        QVERIFY2(ran.out.contains(QStringLiteral("  STARS: 1523 kept; the current extraction "
                                                 "fails: $.data.nothing_here")),
                 qPrintable(ran.out));
        QCOMPARE(starValues(), (QList<double>{1523}));
    }

    void reextract_usageErrors()
    {
        writeWorkspace(QStringLiteral("$.data.stargazers"));
        const Ran unknown = reextract({}, QStringLiteral("gitlab"));
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains(QStringLiteral("the workspace has no source \"gitlab\"")),
                 qPrintable(unknown.err));
        const Ran badDate = reextract({QStringLiteral("--since"), QStringLiteral("yesterday")});
        QCOMPARE(badDate.exitCode, 2);
        QVERIFY(badDate.err.contains(QStringLiteral("--since")));
        // Nothing kept yet: nothing to do, and that is fine.
        m_stars = 1;
        collect(false);
        const Ran none = reextract({});
        QCOMPARE(none.exitCode, 0);
        QVERIFY2(none.out.contains(QStringLiteral("No raw responses of \"github\" are kept")),
                 qPrintable(none.out));
    }

private:
    void writeWorkspace(const QString &starsPath)
    {
        QFile file(m_workspacePath);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QStringLiteral(
                       "{\"version\": 1, \"timezone\": \"UTC\", \"rawResponses\": {\"days\": 30}, "
                       "\"sources\": [{\"id\": \"github\", \"type\": \"http-json\", "
                       "\"url\": \"%1\", \"metrics\": [{\"key\": \"STARS\", \"path\": \"%2\", "
                       "\"maxChangePercent\": 50}, {\"key\": \"FORKS\", \"path\": "
                       "\"$.data.forks\"}]}]}")
                       .arg(m_server->url(QStringLiteral("/repo")).toString(), starsPath)
                       .toUtf8());
    }

    std::unique_ptr<store::HistoryStore> open()
    {
        store::DatabaseLocation location;
        location.path = m_database;
        auto opened = store::HistoryStore::open(location);
        if (!opened)
            qFatal("%s", qPrintable(opened.error().toString()));
        return std::move(*opened);
    }

    QList<double> starValues()
    {
        auto history = open();
        QList<double> values;
        store::SampleQuery query;
        query.metricKeys = {QStringLiteral("STARS")};
        // Held in a variable: a range-for over *temporary would read a destroyed list.
        const auto samples = history->samples(query);
        if (!samples)
            qFatal("%s", qPrintable(samples.error().toString()));
        for (const auto &sample : *samples)
            values.append(sample.value);
        return values;
    }

    pipeline::RunReport collect(bool keepRawResponses = true)
    {
        auto loaded = workspace::WorkspaceLoader::loadFile(m_workspacePath);
        if (!loaded.isOk())
            qFatal("%s", qPrintable(loaded.errors.first().toString()));
        if (!keepRawResponses)
            loaded.workspace.rawResponses.days = 0; // 0 keeps none
        auto history = open();
        test::FakeSecretStore secrets;
        pipeline::CollectRun run(loaded.workspace, {}, history.get(), m_client.get(), &secrets,
                                 m_clock);
        return test::runToEnd(run);
    }

    Ran reextract(const QStringList &arguments, const QString &source = QStringLiteral("github"))
    {
        cli::ReextractCommand::Options options;
        options.sourceId = source;
        options.dryRun = arguments.contains(QStringLiteral("--dry-run"));
        const qsizetype since = arguments.indexOf(QStringLiteral("--since"));
        if (since >= 0)
            options.since = arguments.value(since + 1);
        QString out;
        QString err;
        QTextStream outStream(&out);
        QTextStream errStream(&err);
        cli::CliContext context(outStream, errStream, m_workspacePath, m_database);
        cli::ReextractCommand command(context, options);
        QSignalSpy done(&command, &cli::Command::done);
        command.start();
        if (done.isEmpty() && !done.wait(20000))
            return {};
        outStream.flush();
        errStream.flush();
        return {done.constFirst().constFirst().toInt(), out, err};
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_workspacePath;
    QString m_database;
    int m_stars = 0;
    QNetworkAccessManager m_network;
    test::FakeClock m_clock;
    std::unique_ptr<net::HttpClient> m_client;
    std::unique_ptr<FakeHttpServer> m_server;
};

QTEST_GUILESS_MAIN(TestReextract)
#include "TestReextract.moc"
