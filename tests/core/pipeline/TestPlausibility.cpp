// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeClock.h"
#include "FakeHttpServer.h"
#include "FakeSecretStore.h"
#include "TestSupport.h"
#include "net/HttpClient.h"
#include "pipeline/CollectRun.h"
#include "pipeline/Plausibility.h"
#include "store/HistoryStore.h"
#include "workspace/WorkspaceLoader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace kpi;
using namespace kpi::pipeline;
using kpi::store::EventLevel;
using kpi::store::RunStatus;
using kpi::test::FakeHttpServer;
using kpi::test::FakeResponse;
using kpi::test::RecordedRequest;

namespace {

std::optional<double> given(double value)
{
    return std::isnan(value) ? std::nullopt : std::optional<double>(value);
}

constexpr double None = std::numeric_limits<double>::quiet_NaN();
constexpr qint64 DayMs = 86400000;

} // namespace

// Plausibility bounds (docs/history-repair.md): the rule itself, then what a run does with a
// value that breaks it.
class TestPlausibility : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void check_data()
    {
        QTest::addColumn<double>("min");
        QTest::addColumn<double>("max");
        QTest::addColumn<double>("maxChangePercent");
        QTest::addColumn<bool>("allowDropToZero");
        QTest::addColumn<double>("previous");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("reason"); // empty: plausible

        QTest::newRow("fine") << 0.0 << 10000.0 << 50.0 << false << 1523.0 << 1600.0 << QString();
        QTest::newRow("no bounds, any value")
            << None << None << None << false << 5.0 << 1e9 << QString();
        QTest::newRow("below min") << 1.0 << None << None << false << None << 0.5
                                   << QStringLiteral("0.5 is below the minimum 1");
        QTest::newRow("at min") << 1.0 << None << None << false << None << 1.0 << QString();
        QTest::newRow("above max") << None << 10000.0 << None << false << 1523.0 << 2023.5e6
                                   << QStringLiteral("2023500000 is above the maximum 10000");
        QTest::newRow("at max") << None << 10000.0 << None << false << None << 10000.0 << QString();
        QTest::newRow("change too big, up")
            << None << None << 50.0 << false << 1523.0 << 4571.0
            << QStringLiteral("changed by 200.1 % from 1523, more than the 50 % allowed");
        QTest::newRow("change too big, down")
            << None << None << 50.0 << false << 1000.0 << 400.0
            << QStringLiteral("changed by 60.0 % from 1000, more than the 50 % allowed");
        QTest::newRow("change just allowed")
            << None << None << 50.0 << false << 1000.0 << 1500.0 << QString();
        QTest::newRow("change from a negative value")
            << None << None << 50.0 << false << -100.0 << -300.0
            << QStringLiteral("changed by 200.0 % from -100, more than the 50 % allowed");
        QTest::newRow("first value: no change to check")
            << None << None << 10.0 << false << None << 1e9 << QString();
        QTest::newRow("growing from zero is ordinary")
            << None << None << 10.0 << false << 0.0 << 50.0 << QString();
        QTest::newRow("drop to zero") << None << None << None << false << 1523.0 << 0.0
                                      << QStringLiteral("dropped to 0 from 1523");
        QTest::newRow("drop to zero, allowed")
            << None << None << None << true << 1523.0 << 0.0 << QString();
        QTest::newRow("zero stays zero")
            << None << None << None << false << 0.0 << 0.0 << QString();
        QTest::newRow("drop to zero beats the change rule")
            << None << None << 50.0 << false << 10.0 << 0.0
            << QStringLiteral("dropped to 0 from 10");
        QTest::newRow("min beats everything") << 1.0 << None << 50.0 << false << 10.0 << 0.0
                                              << QStringLiteral("0 is below the minimum 1");
    }
    void check()
    {
        QFETCH(double, min);
        QFETCH(double, max);
        QFETCH(double, maxChangePercent);
        QFETCH(bool, allowDropToZero);
        QFETCH(double, previous);
        QFETCH(double, value);
        QFETCH(QString, reason);
        workspace::MetricConfig metric;
        metric.key = QStringLiteral("POSTS");
        metric.min = given(min);
        metric.max = given(max);
        metric.maxChangePercent = given(maxChangePercent);
        metric.allowDropToZero = allowDropToZero;
        const auto found = Plausibility::check(metric, value, given(previous));
        QCOMPARE(found.value_or(QString()), reason);
    }

    // The workspace names the bounds; a wrong one is an error at its JSON path.
    void loader_readsAndChecksTheBounds_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::addColumn<QString>("error"); // empty: valid
        QTest::newRow("all keys")
            << QStringLiteral(
                   "\"min\": 0, \"max\": 100, \"maxChangePercent\": 25, \"allowDropToZero\": true")
            << QString();
        QTest::newRow("min above max")
            << QStringLiteral("\"min\": 10, \"max\": 1")
            << QStringLiteral("sources[0].metrics[0].max: expected a number not below \"min\" "
                              "(10), got 1");
        QTest::newRow("no percentage")
            << QStringLiteral("\"maxChangePercent\": 0")
            << QStringLiteral(
                   "sources[0].metrics[0].maxChangePercent: expected a percentage above 0, got 0");
        QTest::newRow("not a number")
            << QStringLiteral("\"min\": \"zero\"") << QStringLiteral("sources[0].metrics[0].min:");
        QTest::newRow("raw responses") << QStringLiteral("\"min\": 1") << QString();
    }
    void loader_readsAndChecksTheBounds()
    {
        QFETCH(QString, metric);
        QFETCH(QString, error);
        const QString json =
            QStringLiteral("{\"version\": 1, \"rawResponses\": {\"days\": 7, \"megabytes\": 0}, "
                           "\"sources\": [{\"id\": \"blog\", \"type\": \"http-json\", \"url\": "
                           "\"https://blog.example.com/api\", \"metrics\": [{\"key\": \"POSTS\", "
                           "\"path\": \"$.posts\", ") +
            metric + QStringLiteral("}]}]}");
        const auto loaded = workspace::WorkspaceLoader::parse(json.toUtf8());
        if (error.isEmpty()) {
            QVERIFY2(loaded.isOk(),
                     qPrintable(loaded.isOk() ? QString() : loaded.errors.first().toString()));
            const auto &parsed = loaded.workspace.sources.first().metrics.first();
            QCOMPARE(parsed.min, std::optional<double>(
                                     metric.contains(QLatin1String("\"min\": 0")) ? 0.0 : 1.0));
            QCOMPARE(loaded.workspace.rawResponses.days, 7);
            QCOMPARE(loaded.workspace.rawResponses.megabytes, qint64(0));
            QVERIFY(!loaded.workspace.rawResponses.enabled());
            if (metric.contains(QLatin1String("maxChangePercent"))) {
                QCOMPARE(parsed.max, std::optional<double>(100));
                QCOMPARE(parsed.maxChangePercent, std::optional<double>(25));
                QVERIFY(parsed.allowDropToZero);
            }
            return;
        }
        QVERIFY(!loaded.isOk());
        const QString first = loaded.errors.first().toString();
        QVERIFY2(first.startsWith(error), qPrintable(first));
    }

    void init()
    {
        QVERIFY(m_dir.isValid());
        m_client = std::make_unique<net::HttpClient>(&m_network);
        m_server = std::make_unique<FakeHttpServer>();
        m_secrets = std::make_unique<test::FakeSecretStore>();
        store::DatabaseLocation location;
        location.path = m_dir.filePath(QStringLiteral("history-%1.sqlite").arg(++m_databases));
        auto opened = store::HistoryStore::open(location);
        KPI_VERIFY_OK(opened);
        m_history = std::move(*opened);
        m_server->route("/blog", [this](const RecordedRequest &) {
            return FakeResponse::json(
                QStringLiteral("{\"posts\": %1, \"pages\": 4}").arg(m_posts).toUtf8());
        });
    }
    void cleanup()
    {
        m_history.reset();
        m_client.reset();
        m_server.reset();
    }

    // A count falling to 0 is stored, marked, logged as a warning, makes the run partial
    // and is left out of what the destinations get; the plausible value beside it is not.
    void collect_suspectIsStoredWarnedAndNotDelivered()
    {
        m_posts = 120;
        const RunReport first = collect();
        QCOMPARE(first.status, RunStatus::Ok);
        QVERIFY(first.suspects.isEmpty());
        QCOMPARE(first.exitCode(), 0);

        m_clock.advance(DayMs);
        m_posts = 0; // the blog's redesign moved the count: the selector finds nothing
        const RunReport second = collect();
        QCOMPARE(second.status, RunStatus::Partial);
        QCOMPARE(second.exitCode(), 1);
        QCOMPARE(second.suspects.size(), 1);
        QCOMPARE(second.suspects.first().metricKey, QStringLiteral("POSTS"));
        QCOMPARE(second.suspects.first().previous, std::optional<double>(120));
        QCOMPARE(second.suspects.first().reason, QStringLiteral("dropped to 0 from 120"));

        const auto samples = m_history->samples({{QStringLiteral("POSTS")}, {}, {}});
        KPI_VERIFY_OK(samples);
        QCOMPARE(samples->size(), 2);
        QVERIFY(!samples->at(0).isSuspect());
        QCOMPARE(samples->at(1).value, 0.0);
        QCOMPARE(samples->at(1).suspect, QStringLiteral("dropped to 0 from 120"));
        QCOMPARE(m_history->runs(1)->first().status, RunStatus::Partial);

        const auto events = m_history->events(second.runId);
        KPI_VERIFY_OK(events);
        const auto warning =
            std::find_if(events->cbegin(), events->cend(), [](const store::RunEvent &e) {
                return e.step == QLatin1String("plausibility");
            });
        QVERIFY(warning != events->cend());
        QCOMPARE(warning->level, EventLevel::Warning);
        QCOMPARE(warning->metricKey, QStringLiteral("POSTS"));
        QCOMPARE(warning->sourceId, QStringLiteral("blog"));
        QVERIFY2(warning->message.startsWith(
                     QStringLiteral("selector probably broken: dropped to 0 from 120")),
                 qPrintable(warning->message));

        const auto rows = m_history->outboxEntries(QStringLiteral("out"));
        KPI_VERIFY_OK(rows);
        QCOMPARE(rows->size(), 2);
        const QJsonArray delivered = QJsonDocument::fromJson(rows->at(1).payload)
                                         .object()
                                         .value(QLatin1String("values"))
                                         .toArray();
        QCOMPARE(delivered.size(), 1);
        QVERIFY2(!rows->at(1).payload.contains("POSTS"), rows->at(1).payload.constData());
        QVERIFY(rows->at(0).payload.contains("POSTS"));

        // The next run compares with the last plausible value, not with the broken 0: a
        // second 0 is as suspect as the first, and the count coming back is fine.
        m_clock.advance(DayMs);
        const RunReport third = collect();
        QCOMPARE(third.previous.value(QStringLiteral("POSTS")).value, 120.0);
        QCOMPARE(third.suspects.size(), 1);
        m_clock.advance(DayMs);
        m_posts = 125;
        const RunReport fourth = collect();
        QVERIFY(fourth.suspects.isEmpty());
        QCOMPARE(fourth.status, RunStatus::Ok);
    }

    void collect_dryRunReportsSuspectsToo()
    {
        m_posts = 120;
        collect();
        m_clock.advance(DayMs);
        m_posts = 999; // beyond the 50 % a day the workspace allows
        CollectOptions dry;
        dry.dryRun = true;
        const RunReport report = collect(dry);
        QCOMPARE(report.suspects.size(), 1);
        QVERIFY2(report.suspects.first().reason.startsWith(QStringLiteral("changed by 732.5 %")),
                 qPrintable(report.suspects.first().reason));
        QCOMPARE(m_history->samples({})->size(), 2); // only the first run's
    }

private:
    workspace::Workspace workspace() const
    {
        const QString json =
            QStringLiteral(R"({"version": 1, "timezone": "UTC", "sources": [
            {"id": "blog", "type": "http-json", "url": "%1/blog",
             "metrics": [{"key": "POSTS", "path": "$.posts", "maxChangePercent": 50},
                         {"key": "PAGES", "path": "$.pages", "min": 1}]}],
             "destinations": [{"id": "out", "type": "csv", "path": "%2"}]})")
                .arg(m_server->url(QString()).toString(), m_dir.filePath(QStringLiteral("k.csv")));
        const auto loaded = workspace::WorkspaceLoader::parse(json.toUtf8());
        if (!loaded.isOk())
            qFatal("test workspace invalid: %s", qPrintable(loaded.errors.constFirst().toString()));
        return loaded.workspace;
    }

    RunReport collect(const CollectOptions &options = {})
    {
        CollectRun run(workspace(), options, m_history.get(), m_client.get(), m_secrets.get(),
                       m_clock);
        return test::runToEnd(run);
    }

    QTemporaryDir m_dir;
    int m_databases = 0;
    int m_posts = 0;
    QNetworkAccessManager m_network;
    test::FakeClock m_clock;
    std::unique_ptr<net::HttpClient> m_client;
    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<test::FakeSecretStore> m_secrets;
    std::unique_ptr<store::HistoryStore> m_history;
};

QTEST_GUILESS_MAIN(TestPlausibility)
#include "TestPlausibility.moc"
