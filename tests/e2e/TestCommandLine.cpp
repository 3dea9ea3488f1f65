// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
// End to end: the built kpi-collector binary against strict fake APIs, with a real
// (throw-away) keyring around it (scripts/with-keyring.sh).
#include "FakeHttpServer.h"
#include "FakeJsonApis.h"
#include "TestSupport.h"
#include "store/HistoryStore.h"
#include "workspace/WorkspaceLoader.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace kpi;
using kpi::test::FakeJsonApis;

namespace {

struct Ran
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_apis = std::make_unique<FakeJsonApis>();
        m_workspace = m_dir->filePath(QStringLiteral("workspace.json"));
        m_database = m_dir->filePath(QStringLiteral("data/history.sqlite"));
        writeWorkspace(m_workspace, threeSources());
        m_env = QProcessEnvironment::systemEnvironment();
        // Keep the child away from the real folders of whoever runs the tests.
        m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("config")));
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("share")));
        m_env.remove(QStringLiteral("KPI_COLLECTOR_WORKSPACE"));
        m_env.remove(QStringLiteral("KPI_COLLECTOR_DATABASE"));
        m_stdoutFile.clear();
    }

    // The acceptance scenario: bearer in the keychain, basic and API key from the
    // environment; every value right in the table, the history and the database.
    void collect_threeAuthenticatedSourcesStoreTheRightValues()
    {
        const Ran stored =
            run({QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("github-token")},
                QByteArray(FakeJsonApis::GithubToken) + '\n');
        QCOMPARE(stored.exitCode, 0);
        QCOMPARE(stored.out.trimmed(), QStringLiteral("Stored github-token in the OS keychain."));
        m_env.insert(QStringLiteral("KPI_SECRET_STATS_PASSWORD"),
                     QString::fromLatin1(FakeJsonApis::StatsPassword));
        m_env.insert(QStringLiteral("KPI_SECRET_NEWSLETTER_KEY"),
                     QString::fromLatin1(FakeJsonApis::NewsletterKey));

        const Ran first = run({QStringLiteral("collect")});
        QVERIFY2(first.exitCode == 0, qPrintable(first.out + first.err));
        const QStringList lines = first.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.value(0).simplified(), QStringLiteral("SOURCE METRIC VALUE CHANGE STATUS"));
        QCOMPARE(lines.value(1).simplified(), QStringLiteral("github GITHUB_STARS 1523 new ok"));
        QCOMPARE(lines.value(2).simplified(), QStringLiteral("github GITHUB_FORKS 87 new ok"));
        QCOMPARE(lines.value(3).simplified(),
                 QStringLiteral("stats WEEKLY_ACTIVE_USERS 412 new ok"));
        QCOMPARE(lines.value(4).simplified(), QStringLiteral("newsletter SUBSCRIBERS 2048 new ok"));
        QVERIFY2(lines.value(5).startsWith(QStringLiteral("4 values from 3 sources in ")),
                 qPrintable(lines.value(5)));
        QVERIFY(lines.value(5).endsWith(QStringLiteral("; stored as run 1.")));

        m_apis->stars = 1600;
        m_apis->activeUsers = 400;
        const Ran second = run({QStringLiteral("collect")});
        QCOMPARE(second.exitCode, 0);
        QVERIFY2(second.out.contains(
                     QStringLiteral("github      GITHUB_STARS          1600  +77 (+5.1 %)  ok")),
                 qPrintable(second.out));
        QVERIFY2(second.out.contains(QStringLiteral("WEEKLY_ACTIVE_USERS    400  -12 (-2.9 %)")),
                 qPrintable(second.out));

        auto opened = store::HistoryStore::open(databaseLocation());
        KPI_VERIFY_OK(opened);
        store::SampleQuery query;
        query.metricKeys = {QStringLiteral("GITHUB_STARS")};
        const auto stars = (*opened)->samples(query);
        KPI_VERIFY_OK(stars);
        QCOMPARE(stars->size(), 2);
        QCOMPARE(stars->at(0).value, 1523.0);
        QCOMPARE(stars->at(1).value, 1600.0);
        QCOMPARE(stars->at(1).runId, 2);
        QCOMPARE((*opened)->runs(5)->size(), 2);
        opened->reset();

        const Ran history = run({QStringLiteral("history"), QStringLiteral("--metric"),
                                 QStringLiteral("WEEKLY_ACTIVE_USERS")});
        QCOMPARE(history.exitCode, 0);
        const QStringList rows = history.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0], QStringLiteral("metric,timestamp,value,origin,source,run,suspect"));
        QVERIFY2(rows[1].startsWith(QStringLiteral("WEEKLY_ACTIVE_USERS,")) &&
                     rows[1].endsWith(QStringLiteral(",412,collected,stats,1,")),
                 qPrintable(rows[1]));
        QVERIFY(rows[2].endsWith(QStringLiteral(",400,collected,stats,2,")));

        const Ran json =
            run({QStringLiteral("history"), QStringLiteral("--format"), QStringLiteral("json"),
                 QStringLiteral("--bucket"), QStringLiteral("day")});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray buckets = QJsonDocument::fromJson(json.out.toUtf8()).array();
        QCOMPARE(buckets.size(), 4); // one day, four metrics, the last value of each
        for (const auto &bucket : buckets) {
            if (bucket[QStringLiteral("metric")].toString() == QStringLiteral("GITHUB_STARS"))
                QCOMPARE(bucket[QStringLiteral("value")].toDouble(), 1600.0);
        }

        assertNoSecretAnywhere({stored, first, second, history, json});
    }

    void collect_aFailingSourceLeavesTheOthersStored()
    {
        setAllSecretsInEnvironment();
        m_apis->statsDown = true;
        const Ran ran = run({QStringLiteral("collect")});
        QCOMPARE(ran.exitCode, 1);
        QVERIFY2(ran.out.contains(QStringLiteral(
                     "error at fetch: HTTP 500 Internal Server Error from 127.0.0.1: upstream "
                     "database unavailable (after 2 attempts)")),
                 qPrintable(ran.out));
        auto opened = store::HistoryStore::open(databaseLocation());
        KPI_VERIFY_OK(opened);
        const auto keys = (*opened)->metricKeys();
        QCOMPARE(*keys, (QStringList{QStringLiteral("GITHUB_FORKS"), QStringLiteral("GITHUB_STARS"),
                                     QStringLiteral("SUBSCRIBERS")}));
        const auto runs = (*opened)->runs(1);
        QCOMPARE(runs->first().status, store::RunStatus::Partial);
        const auto events = (*opened)->events(runs->first().id);
        bool logged = false;
        for (const auto &event : *events)
            logged |= event.sourceId == QStringLiteral("stats") && event.httpStatus == 500 &&
                      event.step == QStringLiteral("fetch");
        QVERIFY(logged);
    }

    void collect_withoutAKeychainUsesTheEnvironmentAndSaysWhereItLooked()
    {
        m_env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                     QStringLiteral("unix:path=/nonexistent/bus"));
        m_env.remove(QStringLiteral("DISPLAY"));
        m_env.insert(QStringLiteral("KPI_SECRET_STATS_PASSWORD"),
                     QString::fromLatin1(FakeJsonApis::StatsPassword));
        m_env.insert(QStringLiteral("KPI_SECRET_NEWSLETTER_KEY"),
                     QString::fromLatin1(FakeJsonApis::NewsletterKey));
        const Ran ran = run({QStringLiteral("collect")});
        QCOMPARE(ran.exitCode, 1);
        QVERIFY2(ran.out.contains(QStringLiteral(
                     "error at secret: secret \"github-token\" not found: the OS keychain could "
                     "not be used (")),
                 qPrintable(ran.out));
        QVERIFY(ran.out.contains(
            QStringLiteral("the environment variable KPI_SECRET_GITHUB_TOKEN is not set")));
        QVERIFY(ran.out.contains(QStringLiteral("stats       WEEKLY_ACTIVE_USERS")));
        QVERIFY(ran.out.contains(QStringLiteral("newsletter  SUBSCRIBERS")));
    }

    void collect_formatJsonAndDryRun()
    {
        setAllSecretsInEnvironment();
        const Ran ran =
            run({QStringLiteral("collect"), QStringLiteral("--dry-run"), QStringLiteral("--format"),
                 QStringLiteral("json"), QStringLiteral("--source"), QStringLiteral("newsletter")});
        QCOMPARE(ran.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(ran.out.toUtf8()).object();
        QCOMPARE(report[QStringLiteral("dryRun")].toBool(), true);
        QCOMPARE(report[QStringLiteral("status")].toString(), QStringLiteral("ok"));
        QVERIFY(!report.contains(QStringLiteral("runId")));
        const QJsonArray sources = report[QStringLiteral("sources")].toArray();
        QCOMPARE(sources.size(), 1);
        QCOMPARE(sources[0][QStringLiteral("metrics")][0][QStringLiteral("value")].toDouble(),
                 2048.0);
        QVERIFY(!QFile::exists(m_database)); // a dry run never creates the history
    }

    // Trying a selector: the value, and what matched, in text and JSON; nothing stored.
    void collect_dryRunShowsWhatAnHtmlSelectorMatched()
    {
        test::FakeHttpServer blog;
        blog.route("/", [](const test::RecordedRequest &) {
            test::FakeResponse page = test::FakeResponse::text(
                "<html><body><h1>Acme blog</h1>"
                "<article class=post><h2>Shipping 2.0</h2></article>"
                "<article class=post><h2>Why Qt</h2></article></body></html>");
            page.headers = {{QByteArray("Content-Type"), QByteArray("text/html")}};
            return page;
        });
        writeWorkspace(m_workspace, QStringLiteral(R"json({"version": 1, "sources": [
            {"id": "blog", "type": "html", "url": "%1",
             "metrics": [{"key": "BLOG_POSTS", "css": "article.post", "extract": "count"},
                         {"key": "BLOG_TITLE", "css": "h1", "extract": "text"}]}]})json")
                                        .arg(blog.url(QStringLiteral("/")).toString())
                                        .toUtf8());
        const Ran text = run({QStringLiteral("collect"), QStringLiteral("--source"),
                              QStringLiteral("blog"), QStringLiteral("--dry-run")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(QStringLiteral("BLOG_POSTS: 2 matches\n    \"Shipping 2.0\"\n"
                                                  "    \"Why Qt\"\n")),
                 qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("BLOG_TITLE: 1 match; text \"Acme blog\"")),
                 qPrintable(text.out));
        QVERIFY(text.out.contains(QStringLiteral("dry run, nothing stored")));

        const Ran json = run({QStringLiteral("collect"), QStringLiteral("--source"),
                              QStringLiteral("blog"), QStringLiteral("--dry-run"),
                              QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(json.out.toUtf8()).object();
        const QJsonObject posts =
            report[QStringLiteral("sources")][0][QStringLiteral("metrics")][0].toObject();
        QCOMPARE(posts[QStringLiteral("value")].toDouble(), 2.0);
        QCOMPARE(posts[QStringLiteral("matches")].toInt(), 2);
        QCOMPARE(posts[QStringLiteral("samples")].toArray().size(), 2);
        QCOMPARE(report[QStringLiteral("sources")][0][QStringLiteral("metrics")][1]
                     [QStringLiteral("text")].toString(),
                 QStringLiteral("Acme blog"));
        QVERIFY(!QFile::exists(m_database));
    }

    // Options may come before the command, values and all.
    void collect_optionsBeforeTheCommand()
    {
        setAllSecretsInEnvironment();
        const Ran ran = run({QStringLiteral("--format"), QStringLiteral("json"),
                             QStringLiteral("--source"), QStringLiteral("newsletter"),
                             QStringLiteral("collect"), QStringLiteral("--dry-run")});
        QCOMPARE(ran.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(ran.out.toUtf8()).object();
        QCOMPARE(report[QStringLiteral("sources")].toArray().size(), 1);
    }

    // A full disk must not pass for success: a script would carry on with half the output.
    void collect_outputThatCannotBeWrittenFails()
    {
        if (!QFile::exists(QStringLiteral("/dev/full")))
            QSKIP("this system has no /dev/full");
        setAllSecretsInEnvironment();
        m_stdoutFile = QStringLiteral("/dev/full");
        const Ran ran =
            run({QStringLiteral("collect"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(ran.exitCode, 1);
        QVERIFY2(ran.err.contains(QStringLiteral(
                     "kpi-collector collect: could not write the output: No space left on device")),
                 qPrintable(ran.err));
        // The values were collected and kept all the same.
        auto history = store::HistoryStore::open(databaseLocation());
        KPI_VERIFY_OK(history);
        QCOMPARE((*history)->samples({})->size(), 4);
    }

    // The daemon finds the slots it missed in the history, collects once, and a SIGTERM
    // stops it cleanly.
    void daemon_catchesUpOnceAndStopsOnSigterm()
    {
        setAllSecretsInEnvironment();
        m_env.remove(QStringLiteral("QT_LOGGING_RULES")); // the daemon's log is what we read
        writeWorkspace(m_workspace, daemonWorkspace(QString()));
        {
            auto history = store::HistoryStore::open(databaseLocation());
            KPI_VERIFY_OK(history);
            KPI_VERIFY_OK((*history)->claimSlot(QStringLiteral("collect"), longAgo(), longAgo(),
                                                QStringLiteral("test")));
        }
        QProcess daemon;
        startDaemon(daemon);
        QTRY_VERIFY_WITH_TIMEOUT(m_daemonLog.contains(QStringLiteral("sources collected")), 30000);

        // A second daemon on the same history refuses to start.
        const Ran second = run({QStringLiteral("daemon")});
        QCOMPARE(second.exitCode, 2);
        QVERIFY2(second.err.contains(QStringLiteral("a KPI Collector daemon is already running")),
                 qPrintable(second.err));

        QVERIFY(m_daemonLog.contains(QStringLiteral("is due for")));
        daemon.terminate(); // SIGTERM
        QVERIFY(daemon.waitForFinished(20000));
        QCOMPARE(daemon.exitStatus(), QProcess::NormalExit);
        QCOMPARE(daemon.exitCode(), 0);
        readDaemonLog(daemon);
        QVERIFY2(m_daemonLog.contains(QStringLiteral("stopping on SIGTERM")),
                 qPrintable(m_daemonLog));

        auto history = store::HistoryStore::open(databaseLocation());
        KPI_VERIFY_OK(history);
        const auto runs = (*history)->runs(10);
        KPI_VERIFY_OK(runs);
        QCOMPARE(runs->size(), 1); // once, not a run per missed day
        QCOMPARE(runs->constFirst().trigger, QStringLiteral("catch-up"));
        QCOMPARE((*history)->samples({})->size(), 1);
        assertNoSecretAnywhere({{0, m_daemonLog, m_daemonLog}});
    }

    // SIGTERM in the middle of a run gives it time to finish; a second one cancels it,
    // keeping what it had, and the slot is given back to be caught up at the next start.
    void daemon_sigtermDuringARunKeepsWhatWasCollected()
    {
        QTcpServer silent; // accepts, never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        setAllSecretsInEnvironment();
        m_env.remove(QStringLiteral("QT_LOGGING_RULES"));
        writeWorkspace(
            m_workspace,
            daemonWorkspace(QStringLiteral("http://127.0.0.1:%1/stalls").arg(silent.serverPort())));
        {
            auto history = store::HistoryStore::open(databaseLocation());
            KPI_VERIFY_OK(history);
            m_claimed = longAgo();
            KPI_VERIFY_OK((*history)->claimSlot(QStringLiteral("collect"), m_claimed, m_claimed,
                                                QStringLiteral("test")));
        }
        QProcess daemon;
        startDaemon(daemon);
        QTRY_VERIFY_WITH_TIMEOUT(m_daemonLog.contains(QStringLiteral("newsletter collected")),
                                 30000);
        QVERIFY(!m_daemonLog.contains(QStringLiteral("sources collected")));
        daemon.terminate();
        QTRY_VERIFY_WITH_TIMEOUT(m_daemonLog.contains(QStringLiteral("letting the run")), 10000);
        QCOMPARE(daemon.state(), QProcess::Running);
        daemon.terminate();
        QVERIFY(daemon.waitForFinished(20000));
        QCOMPARE(daemon.exitStatus(), QProcess::NormalExit);
        QCOMPARE(daemon.exitCode(), 0);

        auto history = store::HistoryStore::open(databaseLocation());
        KPI_VERIFY_OK(history);
        const auto runs = (*history)->runs(10);
        QCOMPARE(runs->size(), 1);
        QCOMPARE(runs->constFirst().status, store::RunStatus::Canceled);
        const auto samples = (*history)->samples({});
        QCOMPARE(samples->size(), 1);
        QCOMPARE(samples->constFirst().metricKey, QStringLiteral("SUBSCRIBERS"));
        QCOMPARE((*history)->latestClaimedSlot(QStringLiteral("collect"))->value(), m_claimed);
    }

    void daemon_withoutAScheduleIsUsageError()
    {
        const Ran ran = run({QStringLiteral("daemon")});
        QCOMPARE(ran.exitCode, 2);
        QVERIFY2(ran.err.contains(QStringLiteral("the workspace has no \"schedule\"")),
                 qPrintable(ran.err));
    }

    // Only a weekly digest to send: the daemon runs for it, and stops cleanly.
    void daemon_withOnlyADigestScheduleRuns()
    {
        writeWorkspace(m_workspace, QStringLiteral(R"json({
  "version": 1, "timezone": "UTC",
  "sources": [{"id": "s", "type": "http-json", "url": "%1",
               "metrics": [{"key": "X", "path": "$.x"}]}],
  "destinations": [{"id": "out", "type": "csv", "schedule": "0 9 * * 1", "path": "out.csv"}]
}
)json")
                                        .arg(m_apis->url(QStringLiteral("/nothing")).toString())
                                        .toUtf8());
        m_env.remove(QStringLiteral("QT_LOGGING_RULES")); // the daemon's log is what we read
        QProcess daemon;
        startDaemon(daemon);
        QTRY_VERIFY_WITH_TIMEOUT(m_daemonLog.contains(QStringLiteral("daemon started")), 20000);
        QCOMPARE(daemon.state(), QProcess::Running);
        daemon.terminate(); // SIGTERM
        QVERIFY(daemon.waitForFinished(20000));
        QCOMPARE(daemon.exitCode(), 0);
        readDaemonLog(daemon);
        QVERIFY2(m_daemonLog.contains(QStringLiteral("collecting only on demand")),
                 qPrintable(m_daemonLog));
    }

    void collect_unknownSourceIsUsageError()
    {
        const Ran ran =
            run({QStringLiteral("collect"), QStringLiteral("--source"), QStringLiteral("gihtub")});
        QCOMPARE(ran.exitCode, 2);
        QCOMPARE(ran.err.trimmed(),
                 QStringLiteral(
                     "error: --source: no source \"gihtub\" in the workspace; it has: github, "
                     "stats, newsletter"));
        QCOMPARE(m_apis->requests(), 0);
    }

    void collect_brokenWorkspaceIsUsageErrorWithEveryProblem()
    {
        QFile file(m_workspace);
        QVERIFY(file.open(QIODevice::WriteOnly));
        // "\/" is JSON for "/": moc 6.4 misreads "//" inside a multi-line raw string as a comment.
        file.write(R"json({"version": 1, "sources": [
            {"id": "a", "type": "http-json", "url": "ftp:\/\/x", "metrics": [{"key": "A", "path": "stars"}]},
            {"id": "a", "type": "http-json", "urll": "https:\/\/x.example", "metrics": []}]})json");
        file.close();
        const Ran ran = run({QStringLiteral("collect")});
        QCOMPARE(ran.exitCode, 2);
        const QString prefix = m_workspace + QStringLiteral(": ");
        QCOMPARE(ran.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts),
                 (QStringList{
                     prefix + QStringLiteral(
                                  "sources[0].url: expected an http or https URL, got \"ftp://x\""),
                     prefix + QStringLiteral(
                                  "sources[0].metrics[0].path: expected a JSONPath, got \"stars\""),
                     prefix + QStringLiteral(
                                  "sources[1].id: duplicate source id \"a\" (also sources[0])"),
                     prefix + QStringLiteral("sources[1].url: required, expected a string"),
                     prefix + QStringLiteral("sources[1].metrics: expected at least one metric"),
                     prefix + QStringLiteral("sources[1].urll: unknown key; did you mean \"url\"?"),
                     QStringLiteral("6 errors in ") + m_workspace}));
        QCOMPARE(m_apis->requests(), 0);
        QVERIFY(!QFile::exists(m_database));
    }

    void config_checkImportExport()
    {
        const Ran ok = run({QStringLiteral("config"), QStringLiteral("check"), m_workspace});
        QCOMPARE(ok.exitCode, 0);
        QCOMPARE(ok.out.trimmed(),
                 m_workspace + QStringLiteral(": OK (3 sources, 4 metrics, 0 destinations)"));

        const QString imported =
            m_dir->filePath(QStringLiteral("config/kpi-collector/workspace.json"));
        m_env.remove(QStringLiteral("KPI_COLLECTOR_WORKSPACE"));
        const Ran import =
            runWithoutWorkspace({QStringLiteral("config"), QStringLiteral("import"), m_workspace});
        QVERIFY2(import.exitCode == 0, qPrintable(import.err));
        QCOMPARE(import.out.trimmed(),
                 QStringLiteral("Imported %1 as the workspace %2.").arg(m_workspace, imported));
        const Ran exported =
            runWithoutWorkspace({QStringLiteral("config"), QStringLiteral("export")});
        QCOMPARE(exported.exitCode, 0);
        QFile original(m_workspace);
        QVERIFY(original.open(QIODevice::ReadOnly));
        QCOMPARE(exported.out.toUtf8(), original.readAll());
    }

    // The counts speak English (translations/kpi-collector_en.ts, loaded by main()): "1
    // source", "2 sources", never "source(s)", whatever the user's locale.
    void counts_singularAndPluralInEnglishWhateverTheLocale()
    {
        m_env.insert(QStringLiteral("LC_ALL"), QStringLiteral("de_DE.UTF-8"));
        m_env.insert(QStringLiteral("LANG"), QStringLiteral("de_DE.UTF-8"));
        writeWorkspace(m_workspace,
                       QStringLiteral(R"json({
  "version": 1,
  "sources": [
    {"id": "newsletter", "type": "http-json", "url": "%1",
     "auth": {"type": "header", "name": "X-Api-Key", "secret": "newsletter-key"},
     "metrics": [{"key": "SUBSCRIBERS", "path": "$.data.lists[*].subscriber_count.sum()"}]}
  ],
  "destinations": [{"id": "file", "type": "csv", "path": "kpi.csv"}]
}
)json")
                           .arg(m_apis->url(QStringLiteral("/api/v1/subscribers")).toString())
                           .toUtf8());
        const Ran one = run({QStringLiteral("config"), QStringLiteral("check"), m_workspace});
        QCOMPARE(one.exitCode, 0);
        QCOMPARE(one.out.trimmed(),
                 m_workspace + QStringLiteral(": OK (1 source, 1 metric, 1 destination)"));

        setAllSecretsInEnvironment();
        const Ran collected = run({QStringLiteral("collect")});
        QVERIFY2(collected.exitCode == 0, qPrintable(collected.out + collected.err));
        QVERIFY2(collected.out.contains(QStringLiteral("\n1 value from 1 source in ")),
                 qPrintable(collected.out));

        writeWorkspace(m_workspace, threeSources());
        const Ran three = run({QStringLiteral("config"), QStringLiteral("check"), m_workspace});
        QCOMPARE(three.exitCode, 0);
        QCOMPARE(three.out.trimmed(),
                 m_workspace + QStringLiteral(": OK (3 sources, 4 metrics, 0 destinations)"));
        for (const Ran &ran : {one, collected, three})
            QVERIFY2(!ran.out.contains(QStringLiteral("(s)")), qPrintable(ran.out));
    }

    // Every preset listed, with an example that is itself a valid workspace source.
    void config_presetsListsEachWithAWorkingExample()
    {
        const Ran listed =
            runWithoutWorkspace({QStringLiteral("config"), QStringLiteral("presets")});
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
        QVERIFY(listed.out.contains(QLatin1String("\ngithub-repo  GitHub repository\n")));
        QVERIFY(listed.out.contains(
            QLatin1String("  metrics: GITHUB_STARS, GITHUB_FORKS, GITHUB_OPEN_ISSUES\n")));
        QVERIFY(listed.out.contains(QLatin1String("  secrets.token  optional: ")));
        QVERIFY(!listed.out.contains(QLatin1String("baseUrl"))); // advanced: not listed
        const QString marker = QStringLiteral("  example: ");
        int examples = 0;
        for (const QString &line : listed.out.split(QLatin1Char('\n'))) {
            if (!line.startsWith(marker))
                continue;
            ++examples;
            const QByteArray json =
                "{\"version\": 1, \"sources\": [" + line.mid(marker.size()).toUtf8() + "]}";
            const auto loaded = kpi::workspace::WorkspaceLoader::parse(json);
            QVERIFY2(loaded.isOk(), qPrintable(line));
        }
        QCOMPARE(examples, 5);
    }

    void secret_listShowsNamesAndWhereTheyAre()
    {
        QCOMPARE(
            run({QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("github-token")},
                "value-one\n")
                .exitCode,
            0);
        QCOMPARE(
            run({QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("unused-one")},
                "value-two")
                .exitCode,
            0);
        m_env.insert(QStringLiteral("KPI_SECRET_STATS_PASSWORD"), QStringLiteral("value-three"));
        const Ran listed = run({QStringLiteral("secret"), QStringLiteral("list")});
        QCOMPARE(listed.exitCode, 0);
        QCOMPARE(
            listed.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts),
            (QStringList{
                QStringLiteral("NAME            STORED IN                                USED BY"),
                QStringLiteral(
                    "github-token    keychain                                 source github"),
                QStringLiteral(
                    "newsletter-key  MISSING                                  source newsletter"),
                QStringLiteral(
                    "stats-password  environment (KPI_SECRET_STATS_PASSWORD)  source stats"),
                QStringLiteral(
                    "unused-one      keychain                                 (unused)")}));
        QVERIFY(!listed.out.contains(QStringLiteral("value-")));

        QCOMPARE(
            run({QStringLiteral("secret"), QStringLiteral("delete"), QStringLiteral("unused-one")})
                .exitCode,
            0);
        const Ran again =
            run({QStringLiteral("secret"), QStringLiteral("delete"), QStringLiteral("unused-one")});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QStringLiteral("no entry \"unused-one\"")),
                 qPrintable(again.err));
        QCOMPARE(
            run({QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("bad name")}, "x")
                .exitCode,
            2);
        QCOMPARE(
            run({QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("empty")}, "\n")
                .exitCode,
            2);
    }

    // The times an expression runs, in the zone given or the workspace's, across the
    // spring-forward night: the skipped 02:30 runs once at 03:00+02:00.
    void schedule_explainAcrossADstChange()
    {
        const Ran spring =
            run({QStringLiteral("schedule"), QStringLiteral("--explain"),
                 QStringLiteral("30 2 * * *"), QStringLiteral("--from"),
                 QStringLiteral("2026-03-27T12:00:00+01:00"), QStringLiteral("--timezone"),
                 QStringLiteral("Europe/Berlin"), QStringLiteral("--count"), QStringLiteral("3")});
        QVERIFY2(spring.exitCode == 0, qPrintable(spring.err));
        QCOMPARE(spring.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts),
                 (QStringList{QStringLiteral("2026-03-28T02:30:00+01:00"),
                              QStringLiteral("2026-03-29T03:00:00+02:00"),
                              QStringLiteral("2026-03-30T02:30:00+02:00")}));
        QCOMPARE(spring.err, QString());

        // Without --timezone the workspace's zone (Europe/Berlin) counts, and a --from
        // without an offset is read in it. In the autumn the repeated 02:00-02:59 runs once.
        const Ran autumn = run({QStringLiteral("schedule"), QStringLiteral("--explain"),
                                QStringLiteral("*/30 * * * *"), QStringLiteral("--from"),
                                QStringLiteral("2026-10-25T01:45"), QStringLiteral("--count"),
                                QStringLiteral("4")});
        QVERIFY2(autumn.exitCode == 0, qPrintable(autumn.err));
        QCOMPARE(autumn.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts),
                 (QStringList{QStringLiteral("2026-10-25T02:00:00+02:00"),
                              QStringLiteral("2026-10-25T02:30:00+02:00"),
                              QStringLiteral("2026-10-25T03:00:00+01:00"),
                              QStringLiteral("2026-10-25T03:30:00+01:00")}));

        // The default count is 5; New York's spring night skips 02:00-02:59.
        const Ran newYork = runWithoutWorkspace(
            {QStringLiteral("schedule"), QStringLiteral("--explain"), QStringLiteral("0 2 * * *"),
             QStringLiteral("--from"), QStringLiteral("2026-03-06"), QStringLiteral("--timezone"),
             QStringLiteral("America/New_York")});
        QVERIFY2(newYork.exitCode == 0, qPrintable(newYork.err));
        QCOMPARE(newYork.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts),
                 (QStringList{QStringLiteral("2026-03-06T02:00:00-05:00"),
                              QStringLiteral("2026-03-07T02:00:00-05:00"),
                              QStringLiteral("2026-03-08T03:00:00-04:00"),
                              QStringLiteral("2026-03-09T02:00:00-04:00"),
                              QStringLiteral("2026-03-10T02:00:00-04:00")}));
    }

    void schedule_explainOfAnExpressionThatNeverRuns()
    {
        const Ran ran = runWithoutWorkspace(
            {QStringLiteral("schedule"), QStringLiteral("--explain"), QStringLiteral("0 0 30 2 *"),
             QStringLiteral("--timezone"), QStringLiteral("UTC")});
        QCOMPARE(ran.exitCode, 0);
        QCOMPARE(ran.out, QString());
        QCOMPARE(ran.err.trimmed(),
                 QStringLiteral("note: \"0 0 30 2 *\" has no further time within 8 years"));
    }

    // Without --explain: the workspace's collect schedule and each destination's cron
    // schedule (not the on-collect ones), computed in its zone.
    void schedule_listsTheWorkspacesSchedules()
    {
        QByteArray json = threeSources();
        json.replace(R"("northStar")", R"("schedule": "0 6 * * *", "northStar")");
        json.replace(R"(  ]
})",
                     R"(  ],
  "destinations": [
    {"id": "team", "type": "discord", "webhook": {"secret": "discord-webhook"},
     "schedule": "0 9 * * MON"},
    {"id": "file", "type": "csv", "path": "kpi.csv"}
  ]
})");
        writeWorkspace(m_workspace, json);
        const Ran ran = run({QStringLiteral("schedule"), QStringLiteral("--from"),
                             QStringLiteral("2026-03-28T12:00:00Z")});
        QVERIFY2(ran.exitCode == 0, qPrintable(ran.out + ran.err));
        QCOMPARE(
            ran.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts),
            (QStringList{QStringLiteral("SCHEDULE         CRON         NEXT"),
                         QStringLiteral("collect          0 6 * * *    2026-03-29T06:00:00+02:00"),
                         QStringLiteral("deliver to team  0 9 * * MON  2026-03-30T09:00:00+02:00"),
                         QStringLiteral("Times in Europe/Berlin.")}));

        // --timezone shows the same instants elsewhere; they still run in Berlin.
        const Ran elsewhere =
            run({QStringLiteral("schedule"), QStringLiteral("--from"),
                 QStringLiteral("2026-03-28T12:00:00Z"), QStringLiteral("--timezone"),
                 QStringLiteral("America/New_York")});
        QCOMPARE(elsewhere.exitCode, 0);
        QVERIFY2(elsewhere.out.contains(
                     QStringLiteral("collect          0 6 * * *    2026-03-29T00:00:00-04:00")),
                 qPrintable(elsewhere.out));
        QVERIFY(elsewhere.out.contains(QStringLiteral("Times in America/New_York.")));

        // A workspace without a schedule collects only on demand.
        writeWorkspace(m_workspace, threeSources());
        const Ran none = run({QStringLiteral("schedule")});
        QCOMPARE(none.exitCode, 0);
        QVERIFY2(none.out.contains(QStringLiteral("collect   (none)  only on demand")),
                 qPrintable(none.out));
    }

    void schedule_badCronInTheWorkspaceIsAWorkspaceError()
    {
        QByteArray json = threeSources();
        json.replace(R"("northStar")", R"("schedule": "0 6 * * MOM", "northStar")");
        writeWorkspace(m_workspace, json);
        const Ran ran = run({QStringLiteral("schedule")});
        QCOMPARE(ran.exitCode, 2);
        QCOMPARE(ran.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts),
                 (QStringList{m_workspace + QStringLiteral(": schedule: day-of-week: \"MOM\" is "
                                                           "not a number or a day name"),
                              QStringLiteral("1 error in ") + m_workspace}));
    }

    // `report`: the latest values against 14 days ago, from the history alone, in the
    // workspace's order; a bad argument is a usage error.
    void report_changesAgainstTwoWeeksAgo()
    {
        {
            auto opened = store::HistoryStore::open(databaseLocation());
            KPI_VERIFY_OK(opened);
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            const qint64 twoWeeks = 14 * 86'400'000LL;
            KPI_VERIFY_OK((*opened)->addSamples({{QStringLiteral("GITHUB_STARS"),
                                                  now - twoWeeks,
                                                  1500,
                                                  store::SampleOrigin::Manual,
                                                  {},
                                                  0},
                                                 {QStringLiteral("GITHUB_STARS"),
                                                  now - 60'000,
                                                  1523,
                                                  store::SampleOrigin::Manual,
                                                  {},
                                                  0},
                                                 {QStringLiteral("SUBSCRIBERS"),
                                                  now - 60'000,
                                                  2048,
                                                  store::SampleOrigin::Manual,
                                                  {},
                                                  0}}));
        }
        const Ran text = run({QStringLiteral("report")});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        const QStringList lines = text.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[0].endsWith(QStringLiteral(", compared with 14 days ago")),
                 qPrintable(lines[0]));
        QCOMPARE(lines[1].simplified(), QStringLiteral("GITHUB_STARS 1,523 ▲ +23 (+1.5 %)"));
        QCOMPARE(lines[2].simplified(), QStringLiteral("SUBSCRIBERS 2,048 ✦ new"));

        const Ran json =
            run({QStringLiteral("report"), QStringLiteral("--format"), QStringLiteral("json"),
                 QStringLiteral("--compare-days"), QStringLiteral("7")});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(report.value(QLatin1String("compareDays")).toInt(), 7);
        // Seven days ago the nearest older value is 14 days old: beyond the tolerance.
        QCOMPARE(report.value(QLatin1String("values"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QLatin1String("comparison"))
                     .toString(),
                 QStringLiteral("notComparable"));

        const Ran bad =
            run({QStringLiteral("report"), QStringLiteral("--compare-days"), QStringLiteral("0")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(
                     QStringLiteral("--compare-days: expected a whole number from 1 to 3660")),
                 qPrintable(bad.err));
    }

    void usage_errorsExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown command")
            << QStringList{QStringLiteral("colect")}
            << "kpi-collector: unknown command \"colect\"; the commands are: collect, history, "
               "schedule, daemon, config, secret, deliver, report, import, reextract, record";
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("collect"), QStringLiteral("--fast")}
            << "kpi-collector collect: Unknown option 'fast'.";
        QTest::newRow("bad format")
            << QStringList{QStringLiteral("collect"), QStringLiteral("--format"),
                           QStringLiteral("xml")}
            << "kpi-collector collect: --format: expected table or json, got \"xml\"";
        QTest::newRow("bad bucket")
            << QStringList{QStringLiteral("history"), QStringLiteral("--bucket"),
                           QStringLiteral("year")}
            << "kpi-collector history: --bucket: expected day, week or month, got \"year\"";
        QTest::newRow("bad date") << QStringList{QStringLiteral("history"),
                                                 QStringLiteral("--since"),
                                                 QStringLiteral("last week")}
                                  << "error: --since: expected YYYY-MM-DD or an ISO 8601 date and "
                                     "time, got \"last week\"";
        QTest::newRow("schedule: bad cron")
            << QStringList{QStringLiteral("schedule"), QStringLiteral("--explain"),
                           QStringLiteral("0 9 * * MOM")}
            << "kpi-collector schedule: --explain: day-of-week: \"MOM\" is not a number or a day "
               "name";
        QTest::newRow("schedule: cron of four fields")
            << QStringList{QStringLiteral("schedule"), QStringLiteral("--explain"),
                           QStringLiteral("0 9 * *")}
            << "kpi-collector schedule: --explain: expected 5 fields (minute hour day-of-month "
               "month day-of-week) or a macro such as @daily, got 4";
        QTest::newRow("schedule: bad time zone")
            << QStringList{QStringLiteral("schedule"), QStringLiteral("--explain"),
                           QStringLiteral("@daily"), QStringLiteral("--timezone"),
                           QStringLiteral("Mars/Olympus")}
            << "kpi-collector schedule: --timezone: unknown time zone \"Mars/Olympus\"; expected "
               "an IANA name such as \"Europe/Berlin\"";
        QTest::newRow("schedule: bad from")
            << QStringList{QStringLiteral("schedule"), QStringLiteral("--explain"),
                           QStringLiteral("@daily"), QStringLiteral("--from"),
                           QStringLiteral("tomorrow")}
            << "kpi-collector schedule: --from: expected YYYY-MM-DD or an ISO 8601 date and "
               "time, got \"tomorrow\"";
        QTest::newRow("schedule: from skipped by the clocks")
            << QStringList{QStringLiteral("schedule"),         QStringLiteral("--explain"),
                           QStringLiteral("@daily"),           QStringLiteral("--from"),
                           QStringLiteral("2026-03-29T02:30"), QStringLiteral("--timezone"),
                           QStringLiteral("Europe/Berlin")}
            << "error: --from: 2026-03-29T02:30 does not exist in Europe/Berlin: the clocks skip "
               "it";
        QTest::newRow("schedule: bad count")
            << QStringList{QStringLiteral("schedule"), QStringLiteral("--explain"),
                           QStringLiteral("@daily"), QStringLiteral("--count"), QStringLiteral("0")}
            << "kpi-collector schedule: --count: expected a whole number from 1 to 1000, got "
               "\"0\"";
        QTest::newRow("schedule: count without explain")
            << QStringList{QStringLiteral("schedule"), QStringLiteral("--count"),
                           QStringLiteral("3")}
            << "kpi-collector schedule: --count: only with --explain";
        QTest::newRow("config without file")
            << QStringList{QStringLiteral("config"), QStringLiteral("check")}
            << "kpi-collector config: config check takes one FILE";
        QTest::newRow("bad database url")
            << QStringList{QStringLiteral("history"), QStringLiteral("--database"),
                           QStringLiteral("mysql://db/x")}
            << "error: --database: unsupported database URL \"mysql://db/x\": expected a file "
               "path, "
               "sqlite:///path or postgresql://user@host/database";
    }
    void usage_errorsExitWithTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Ran ran = runWithoutWorkspace(arguments);
        QCOMPARE(ran.exitCode, 2);
        QCOMPARE(ran.err.split(QLatin1Char('\n')).constFirst(), message);
    }

    void help_andVersion()
    {
        const Ran help = runWithoutWorkspace({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.startsWith(QStringLiteral("Usage: kpi-collector [COMMAND] [OPTIONS]")));
        const Ran version = runWithoutWorkspace({QStringLiteral("--version")});
        QCOMPARE(version.out.trimmed(),
                 QStringLiteral("kpi-collector ") + QString::fromLatin1(KPI_VERSION));
        const Ran collectHelp =
            runWithoutWorkspace({QStringLiteral("collect"), QStringLiteral("--help")});
        QCOMPARE(collectHelp.exitCode, 0);
        QVERIFY(collectHelp.out.contains(QStringLiteral("--dry-run")));
    }

private:
    QByteArray threeSources() const
    {
        return QStringLiteral(R"json({
  "version": 1,
  "timezone": "Europe/Berlin",
  "northStar": "WEEKLY_ACTIVE_USERS",
  "sources": [
    {"id": "github", "type": "http-json", "url": "%1",
     "auth": {"type": "bearer", "secret": "github-token"},
     "metrics": [{"key": "GITHUB_STARS", "path": "$.stargazers_count"},
                 {"key": "GITHUB_FORKS", "path": "$.forks_count"}]},
    {"id": "stats", "type": "http-json", "url": "%2", "attempts": 2,
     "auth": {"type": "basic", "username": "kpi", "secret": "stats-password"},
     "metrics": [{"key": "WEEKLY_ACTIVE_USERS", "path": "$.active_users"}]},
    {"id": "newsletter", "type": "http-json", "url": "%3",
     "auth": {"type": "header", "name": "X-Api-Key", "secret": "newsletter-key"},
     "metrics": [{"key": "SUBSCRIBERS", "path": "$.data.lists[*].subscriber_count.sum()"}]}
  ]
}
)json")
            .arg(m_apis->url(QStringLiteral("/repos/acme/widget")).toString(),
                 m_apis->url(QStringLiteral("/api/stats")).toString(),
                 m_apis->url(QStringLiteral("/api/v1/subscribers")).toString())
            .toUtf8();
    }

    // The newsletter source (and a second one at `stallingUrl`, if given) collected yearly,
    // on 1 January at 00:00 UTC: with the last run claimed 400 days ago, the daemon has one
    // slot to catch up the moment it starts (unless the test runs in the year's first
    // minute, when the slot would be on time instead).
    static qint64 longAgo() { return QDateTime::currentMSecsSinceEpoch() - 400 * 86'400'000LL; }

    QByteArray daemonWorkspace(const QString &stallingUrl) const
    {
        QString extra;
        if (!stallingUrl.isEmpty())
            extra = QStringLiteral(R"json(,
    {"id": "stalls", "type": "http-json", "url": "%1", "attempts": 1,
     "metrics": [{"key": "NEVER", "path": "$.n"}]})json")
                        .arg(stallingUrl);
        return QStringLiteral(R"json({
  "version": 1, "timezone": "UTC", "schedule": "@yearly",
  "sources": [
    {"id": "newsletter", "type": "http-json", "url": "%1",
     "auth": {"type": "header", "name": "X-Api-Key", "secret": "newsletter-key"},
     "metrics": [{"key": "SUBSCRIBERS", "path": "$.data.lists[*].subscriber_count.sum()"}]}%2
  ]
}
)json")
            .arg(m_apis->url(QStringLiteral("/api/v1/subscribers")).toString(), extra)
            .toUtf8();
    }

    // Starts `kpi-collector daemon` on the test's workspace and history; its stderr
    // collects in m_daemonLog while this process's event loop keeps the fakes answering.
    void startDaemon(QProcess &daemon)
    {
        m_daemonLog.clear();
        daemon.setProcessEnvironment(m_env);
        connect(&daemon, &QProcess::readyReadStandardError, this,
                [this, &daemon] { readDaemonLog(daemon); });
        daemon.start(QStringLiteral(KPI_COLLECTOR_BINARY),
                     {QStringLiteral("daemon"), QStringLiteral("--workspace"), m_workspace,
                      QStringLiteral("--database"), m_database});
        QVERIFY(daemon.waitForStarted(10000));
    }

    void readDaemonLog(QProcess &daemon)
    {
        m_daemonLog += QString::fromUtf8(daemon.readAllStandardError());
    }

    static void writeWorkspace(const QString &path, const QByteArray &content)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }

    void setAllSecretsInEnvironment()
    {
        m_env.insert(QStringLiteral("KPI_SECRET_GITHUB_TOKEN"),
                     QString::fromLatin1(FakeJsonApis::GithubToken));
        m_env.insert(QStringLiteral("KPI_SECRET_STATS_PASSWORD"),
                     QString::fromLatin1(FakeJsonApis::StatsPassword));
        m_env.insert(QStringLiteral("KPI_SECRET_NEWSLETTER_KEY"),
                     QString::fromLatin1(FakeJsonApis::NewsletterKey));
    }

    store::DatabaseLocation databaseLocation() const
    {
        store::DatabaseLocation location;
        location.path = m_database;
        return location;
    }

    Ran run(QStringList arguments, const QByteArray &input = {})
    {
        arguments << QStringLiteral("--workspace") << m_workspace << QStringLiteral("--database")
                  << m_database;
        return runWithoutWorkspace(arguments, input);
    }

    // Runs the binary while this process's event loop keeps the fake APIs answering.
    Ran runWithoutWorkspace(const QStringList &arguments, const QByteArray &input = {})
    {
        QProcess process;
        process.setProcessEnvironment(m_env);
        if (!m_stdoutFile.isEmpty())
            process.setStandardOutputFile(m_stdoutFile);
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(QStringLiteral(KPI_COLLECTOR_BINARY), arguments);
        if (!process.waitForStarted(10000))
            return {};
        process.write(input);
        process.closeWriteChannel();
        if (!finished.wait(60000)) {
            process.kill();
            return {};
        }
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    void assertNoSecretAnywhere(const QList<Ran> &runs)
    {
        const QList<QByteArray> secrets{
            FakeJsonApis::GithubToken, FakeJsonApis::StatsPassword, FakeJsonApis::NewsletterKey,
            QByteArray(QByteArray(FakeJsonApis::StatsUser) + ':' + FakeJsonApis::StatsPassword)
                .toBase64()};
        for (const Ran &ran : runs) {
            for (const QByteArray &secret : secrets) {
                QVERIFY(!ran.out.contains(QString::fromLatin1(secret)));
                QVERIFY(!ran.err.contains(QString::fromLatin1(secret)));
            }
        }
        QDirIterator files(m_dir->path(), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            for (const QByteArray &secret : secrets)
                QVERIFY2(!bytes.contains(secret), qPrintable(file.fileName()));
        }
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeJsonApis> m_apis;
    QString m_workspace;
    QString m_database;
    QProcessEnvironment m_env;
    QString m_stdoutFile;
    QString m_daemonLog;
    qint64 m_claimed = 0;
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "TestCommandLine.moc"
