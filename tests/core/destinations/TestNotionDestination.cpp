// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeClock.h"
#include "FakeNotion.h"
#include "FakeSecretStore.h"
#include "OutboxHarness.h"
#include "TestSupport.h"
#include "delivery/DeliveryWorker.h"
#include "destinations/DestinationFactory.h"
#include "destinations/PayloadBuilder.h"
#include "destinations/notion/NotionClient.h"
#include "destinations/notion/NotionDestination.h"
#include "net/HttpClient.h"
#include "store/HistoryStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kpi;
using kpi::delivery::DeliveryWorker;
using kpi::destinations::DeliveryItem;
using kpi::destinations::DeliveryOutcome;
using kpi::destinations::PayloadBuilder;
using kpi::destinations::notion::NotionDestination;
using kpi::test::FakeNotion;

namespace {

const QByteArray Token = "ntn_fake_token_0007";
const QString DatabaseId = QStringLiteral("0f3c5a1e-db00-4000-8000-000000000001");
const QString DataSourceId = QStringLiteral("0f3c5a1e-d500-4000-8000-000000000002");
const QString Day = QStringLiteral("2026-11-28");

QDateTime at(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

} // namespace

class TestNotionDestination : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_client = std::make_unique<net::HttpClient>(&m_network);
        m_notion = std::make_unique<FakeNotion>(Token, DatabaseId, DataSourceId);
        m_notion->addProperty(QStringLiteral("Name"), QStringLiteral("title"));
        m_notion->addProperty(QStringLiteral("Date"), QStringLiteral("date"));
        m_notion->addProperty(QStringLiteral("GitHub stars"), QStringLiteral("number"));
        m_notion->addProperty(QStringLiteral("Monthly revenue"), QStringLiteral("number"));
    }

    void cleanup()
    {
        m_notion.reset();
        m_client.reset();
    }

    void factory_makesNotionDestinationsKeyedByDay()
    {
        QVERIFY(destinations::DestinationFactory::isSupported(QStringLiteral("notion")));
        QCOMPARE(int(destinations::DestinationFactory::periodKind(QStringLiteral("notion"))),
                 int(destinations::PeriodKind::Day));
    }

    void deliver_createsOnePageThenUpdatesIt()
    {
        DeliveryOutcome outcome = deliver(item(1523, 990.5));
        QVERIFY2(outcome.kind == DeliveryOutcome::Kind::Delivered, qPrintable(outcome.message));
        QCOMPARE(m_notion->pages.size(), 1);
        auto page = m_notion->pagesOn(Day).first();
        QCOMPARE(FakeNotion::number(page, QStringLiteral("GitHub stars")), 1523.0);
        QCOMPARE(FakeNotion::number(page, QStringLiteral("Monthly revenue")), 990.5);
        QCOMPARE(page.properties.value(QStringLiteral("Name"))
                     .toObject()
                     .value(QLatin1String("title"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QLatin1String("plain_text"))
                     .toString(),
                 Day);
        // The page went to the data source, as 2025-09-03 and later ask.
        const auto created = requestTo("POST", "/v1/pages");
        QCOMPARE(created.size(), 1);
        const QJsonObject parent = QJsonDocument::fromJson(created.first().body)
                                       .object()
                                       .value(QLatin1String("parent"))
                                       .toObject();
        QCOMPARE(parent.value(QLatin1String("data_source_id")).toString(), DataSourceId);

        // A second run the same day: the same page, new values.
        outcome = deliver(item(1530, 1000));
        QVERIFY2(outcome.kind == DeliveryOutcome::Kind::Delivered, qPrintable(outcome.message));
        QCOMPARE(m_notion->pages.size(), 1);
        page = m_notion->pagesOn(Day).first();
        QCOMPARE(FakeNotion::number(page, QStringLiteral("GitHub stars")), 1530.0);
        QCOMPARE(FakeNotion::number(page, QStringLiteral("Monthly revenue")), 1000.0);
        QCOMPARE(requestTo("POST", "/v1/pages").size(), 1);
        QCOMPARE(requestTo("PATCH", "/v1/pages/" + page.id.toUtf8()).size(), 1);
        QVERIFY2(m_notion->rejections.isEmpty(), qPrintable(m_notion->rejections.join(u'\n')));
        QCOMPARE(m_notion->rateLimitedCount, 0);
        for (const auto &request : m_notion->server().requests())
            QCOMPARE(request.header("Notion-Version"), QByteArray(FakeNotion::ExpectedVersion));
    }

    void deliver_anotherDayIsAnotherPage()
    {
        QVERIFY(deliver(item(1, 2)).kind == DeliveryOutcome::Kind::Delivered);
        DeliveryItem next = item(3, 4);
        next.period = QStringLiteral("2026-11-29");
        QVERIFY(deliver(next).kind == DeliveryOutcome::Kind::Delivered);
        QCOMPARE(m_notion->pages.size(), 2);
        QCOMPARE(m_notion->pagesOn(QStringLiteral("2026-11-29")).size(), 1);
    }

    void schema_everyMissingOrMistypedPropertyIsNamed()
    {
        m_notion->properties.remove(QStringLiteral("GitHub stars"));
        m_notion->properties.remove(QStringLiteral("Date"));
        m_notion->properties.remove(QStringLiteral("Monthly revenue"));
        m_notion->addProperty(QStringLiteral("Date"), QStringLiteral("rich_text"));
        m_notion->addProperty(QStringLiteral("Monthly revenue"), QStringLiteral("select"));
        const DeliveryOutcome outcome = deliver(item(1, 2));
        QCOMPARE(int(outcome.kind), int(DeliveryOutcome::Kind::Permanent));
        QVERIFY2(outcome.message.contains(
                     QStringLiteral("\"Date\" is a rich_text property, expected date")),
                 qPrintable(outcome.message));
        QVERIFY2(outcome.message.contains(
                     QStringLiteral("\"GitHub stars\" is missing (a number property)")),
                 qPrintable(outcome.message));
        QVERIFY2(outcome.message.contains(
                     QStringLiteral("\"Monthly revenue\" is a select property, expected number")),
                 qPrintable(outcome.message));
        QVERIFY(m_notion->pages.isEmpty());
        QVERIFY(
            requestTo("POST", "/v1/data_sources/" + DataSourceId.toUtf8() + "/query").isEmpty());
    }

    void schema_createMissingPropertiesAddsNumbers()
    {
        m_notion->properties.remove(QStringLiteral("GitHub stars"));
        m_notion->properties.remove(QStringLiteral("Monthly revenue"));
        m_notion->properties.remove(QStringLiteral("Date"));
        QJsonObject settings = this->settings();
        settings.insert(QStringLiteral("createMissingProperties"), true);
        const DeliveryOutcome outcome = deliver(item(7, 8), settings);
        QVERIFY2(outcome.kind == DeliveryOutcome::Kind::Delivered, qPrintable(outcome.message));
        QCOMPARE(m_notion->properties.value(QStringLiteral("GitHub stars"))
                     .toObject()
                     .value(QLatin1String("type"))
                     .toString(),
                 QStringLiteral("number"));
        QCOMPARE(m_notion->properties.value(QStringLiteral("Date"))
                     .toObject()
                     .value(QLatin1String("type"))
                     .toString(),
                 QStringLiteral("date"));
        QCOMPARE(
            FakeNotion::number(m_notion->pagesOn(Day).first(), QStringLiteral("Monthly revenue")),
            8.0);
        QCOMPARE(requestTo("PATCH", "/v1/data_sources/" + DataSourceId.toUtf8()).size(), 1);
        // A mistyped property is never replaced: that would lose what the column holds.
        m_notion->properties.remove(QStringLiteral("GitHub stars"));
        m_notion->addProperty(QStringLiteral("GitHub stars"), QStringLiteral("rich_text"));
        QCOMPARE(int(deliver(item(7, 8), settings).kind), int(DeliveryOutcome::Kind::Permanent));
    }

    void answers_meanWhatTheyMean_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("invalid token")
            << QByteArray("ntn_wrong_token_0008") << 0 << int(DeliveryOutcome::Kind::Permanent)
            << QStringLiteral(
                   "Notion, reading the database: HTTP 401: API token is invalid. (unauthorized)");
        QTest::newRow("not shared") << Token << 404 << int(DeliveryOutcome::Kind::Permanent)
                                    << QStringLiteral("Notion, reading the database: HTTP 404: "
                                                      "Could not find database. Make sure the "
                                                      "relevant pages and databases are shared "
                                                      "with your integration. (object_not_found)");
        QTest::newRow("restricted") << Token << 403 << int(DeliveryOutcome::Kind::Permanent)
                                    << QStringLiteral("Notion, reading the database: HTTP 403: API "
                                                      "token does not have access to this "
                                                      "resource. (restricted_resource)");
        QTest::newRow("validation") << Token << 400 << int(DeliveryOutcome::Kind::Permanent)
                                    << QStringLiteral("Notion, reading the database: HTTP 400: "
                                                      "Unexpected error occurred. "
                                                      "(validation_error)");
        QTest::newRow("unavailable") << Token << 503 << int(DeliveryOutcome::Kind::Retry)
                                     << QStringLiteral("Notion, reading the database: HTTP 503: "
                                                       "Notion is unavailable. This can occur "
                                                       "when the time to respond to a request "
                                                       "takes longer than 60 seconds. "
                                                       "(service_unavailable)");
        QTest::newRow("conflict") << Token << 409 << int(DeliveryOutcome::Kind::Retry)
                                  << QStringLiteral("Notion, reading the database: HTTP 409: "
                                                    "Conflict occurred while saving. Please try "
                                                    "again. (conflict_error)");
    }

    void answers_meanWhatTheyMean()
    {
        QFETCH(QByteArray, token);
        QFETCH(int, status);
        QFETCH(int, kind);
        QFETCH(QString, message);
        if (status)
            m_notion->failNext(1, status);
        const DeliveryOutcome outcome = deliver(item(1, 2), settings(), token);
        QCOMPARE(int(outcome.kind), kind);
        QCOMPARE(outcome.message, message);
        QVERIFY(!outcome.message.contains(QString::fromLatin1(token)));
        QVERIFY(m_notion->pages.isEmpty());
    }

    void rateLimited_retriesAfterWhatNotionSaid()
    {
        m_notion->retryAfterSeconds = 2;
        m_notion->failNext(1, 429);
        const DeliveryOutcome outcome = deliver(item(1, 2));
        QCOMPARE(int(outcome.kind), int(DeliveryOutcome::Kind::Retry));
        QCOMPARE(outcome.httpStatus, 429);
        QVERIFY(outcome.retryAfter.has_value());
        QCOMPARE(outcome.retryAfter->count(), 2000);
        QVERIFY(outcome.message.endsWith(QStringLiteral("(rate_limited)")));
        // The client held every request on this token back meanwhile: the next delivery
        // is not refused for going too fast.
        QVERIFY(deliver(item(1, 2)).kind == DeliveryOutcome::Kind::Delivered);
        QCOMPARE(m_notion->rateLimitedCount, 0);
    }

    void throttle_keepsDeliveriesAtOnceUnderNotionsLimit()
    {
        // Three destinations on one token at the same time: 12 requests, never more than
        // three in a second at the fake.
        std::vector<std::unique_ptr<NotionDestination>> all;
        QList<QSignalSpy *> spies;
        for (int i = 0; i < 3; ++i) {
            all.push_back(std::make_unique<NotionDestination>(config(settings()), m_client.get()));
            spies.append(new QSignalSpy(all.back().get(), &NotionDestination::finished));
            DeliveryItem one = item(i, i);
            one.period = QStringLiteral("2026-11-%1").arg(20 + i);
            all.back()->deliver(one, secrets(Token));
        }
        for (QSignalSpy *spy : spies) {
            QVERIFY(spy->size() == 1 || spy->wait(30000));
            QCOMPARE(int(spy->first().first().value<DeliveryOutcome>().kind),
                     int(DeliveryOutcome::Kind::Delivered));
        }
        qDeleteAll(spies);
        QCOMPARE(m_notion->pages.size(), 3);
        QCOMPARE(m_notion->rateLimitedCount, 0);
    }

    void resumed_alreadyConfirmedSendsNothing()
    {
        DeliveryItem done = item(1, 2);
        done.partsDone = 1;
        QVERIFY(deliver(done).kind == DeliveryOutcome::Kind::Delivered);
        QCOMPARE(m_notion->requestCount(), 0);
    }

    void preview_showsTheRequestsWithoutSending()
    {
        NotionDestination notion(config(settings()), m_client.get());
        const auto shown = notion.preview(item(1523, 990.5), secrets(Token));
        KPI_VERIFY_OK(shown);
        QCOMPARE(shown->size(), 5);
        QCOMPARE(shown->at(0).method, QByteArray("GET"));
        QVERIFY(shown->at(0).target.endsWith(QStringLiteral("/v1/databases/") + DatabaseId));
        QCOMPARE(shown->at(1).method, QByteArray("GET"));
        QCOMPARE(shown->at(2).method, QByteArray("POST"));
        QVERIFY(shown->at(2).body.contains("\"equals\":\"2026-11-28\""));
        QCOMPARE(shown->at(3).method, QByteArray("POST"));
        const QJsonObject body = QJsonDocument::fromJson(shown->at(3).body).object();
        const QJsonObject properties = body.value(QLatin1String("properties")).toObject();
        QCOMPARE(properties.value(QLatin1String("GitHub stars"))
                     .toObject()
                     .value(QLatin1String("number"))
                     .toDouble(),
                 1523.0);
        QCOMPARE(properties.value(QLatin1String("Monthly revenue"))
                     .toObject()
                     .value(QLatin1String("number"))
                     .toDouble(),
                 990.5);
        QCOMPARE(shown->at(4).method, QByteArray("PATCH"));
        for (const auto &request : *shown) {
            bool redacted = false;
            for (const auto &[name, value] : request.headers) {
                QVERIFY(!value.contains(Token));
                redacted = redacted || (name == "Authorization" && value == "<redacted>");
            }
            QVERIFY(redacted);
        }
        QCOMPARE(m_notion->requestCount(), 0);
    }

    // The outage test, for Notion: five 503s, then success, one page, delivered once.
    void outage_fiveServiceUnavailableThenSuccess_throughTheWorker()
    {
        QTemporaryDir dir;
        auto history = committedRun(dir);
        QVERIFY(history);
        m_notion->failNext(5, 503);
        DeliveryWorker worker(history.get(), m_client.get(), &m_secretStore, m_clock,
                              QStringLiteral("test"));
        worker.setWorkspace(workspace());
        worker.setRandom([] { return 0.5; });
        QSignalSpy delivered(&worker, &DeliveryWorker::delivered);
        QSignalSpy retries(&worker, &DeliveryWorker::retryScheduled);
        for (int attempt = 1; attempt <= 6; ++attempt) {
            test::drainOutbox(worker, 30000);
            if (attempt <= 5) {
                QCOMPARE(retries.size(), attempt);
                QVERIFY2(retries.last().at(3).toString().contains(QStringLiteral("HTTP 503")),
                         qPrintable(retries.last().at(3).toString()));
                m_clock.set(at(retries.last().at(2).toLongLong()));
            }
        }
        QCOMPARE(delivered.size(), 1);
        QCOMPARE(delivered.first().at(1).toString(), Day);
        QCOMPARE(m_notion->pages.size(), 1);
        QCOMPARE(FakeNotion::number(m_notion->pages.first(), QStringLiteral("GitHub stars")),
                 120.0);

        m_clock.advance(48 * 3600 * 1000);
        test::drainOutbox(worker, 30000);
        QCOMPARE(delivered.size(), 1);
        QCOMPARE(m_notion->pages.size(), 1);
    }

    // A 429 is retried when Notion's Retry-After says, not on the usual backoff.
    void rateLimited_throughTheWorker_waitsAsTold()
    {
        QTemporaryDir dir;
        auto history = committedRun(dir);
        QVERIFY(history);
        m_notion->retryAfterSeconds = 1;
        m_notion->failNext(1, 429);
        DeliveryWorker worker(history.get(), m_client.get(), &m_secretStore, m_clock,
                              QStringLiteral("test"));
        worker.setWorkspace(workspace());
        worker.setRandom([] { return 0.5; });
        QSignalSpy delivered(&worker, &DeliveryWorker::delivered);
        QSignalSpy retries(&worker, &DeliveryWorker::retryScheduled);
        test::drainOutbox(worker, 30000);
        QCOMPARE(retries.size(), 1);
        QCOMPARE(retries.first().at(2).toLongLong(), m_clock.nowMs() + 1000);
        QVERIFY(retries.first().at(3).toString().contains(QStringLiteral("rate_limited")));
        m_clock.advance(999);
        test::drainOutbox(worker, 30000);
        QCOMPARE(delivered.size(), 0);
        m_clock.advance(1);
        test::drainOutbox(worker, 30000);
        QCOMPARE(delivered.size(), 1);
        QCOMPARE(m_notion->pages.size(), 1);
        QCOMPARE(m_notion->rateLimitedCount, 0); // only the scripted one
    }

private:
    QJsonObject settings() const
    {
        return {{QStringLiteral("databaseId"), DatabaseId},
                {QStringLiteral("token"),
                 QJsonObject{{QStringLiteral("secret"), QStringLiteral("notion")}}},
                {QStringLiteral("baseUrl"), m_notion->url().toString()},
                {QStringLiteral("properties"),
                 QJsonObject{{QStringLiteral("MRR"), QStringLiteral("Monthly revenue")}}}};
    }

    static workspace::DestinationConfig config(const QJsonObject &settings)
    {
        return {QStringLiteral("notion"),
                QStringLiteral("notion"),
                QStringLiteral("on-collect"),
                settings,
                {QStringLiteral("notion")}};
    }

    static destinations::SecretValues secrets(const QByteArray &token)
    {
        return {{QStringLiteral("notion"), secrets::Secret(QString::fromLatin1(token))}};
    }

    static DeliveryItem item(double stars, double mrr)
    {
        QJsonArray values{QJsonObject{{QStringLiteral("key"), QStringLiteral("STARS")},
                                      {QStringLiteral("label"), QStringLiteral("GitHub stars")},
                                      {QStringLiteral("unit"), QStringLiteral("stars")},
                                      {QStringLiteral("value"), stars}},
                          QJsonObject{{QStringLiteral("key"), QStringLiteral("MRR")},
                                      {QStringLiteral("label"), QStringLiteral("MRR")},
                                      {QStringLiteral("unit"), QStringLiteral("EUR")},
                                      {QStringLiteral("value"), mrr}}};
        DeliveryItem item;
        item.destinationId = QStringLiteral("notion");
        item.period = Day;
        item.payload = {{QStringLiteral("kind"), QStringLiteral("values")},
                        {QStringLiteral("period"), Day},
                        {QStringLiteral("values"), values}};
        return item;
    }

    QList<test::RecordedRequest> requestTo(const QByteArray &method, const QByteArray &path) const
    {
        QList<test::RecordedRequest> found;
        for (const auto &request : m_notion->server().requests()) {
            if (request.method == method && request.path() == path)
                found.append(request);
        }
        return found;
    }

    DeliveryOutcome deliver(const DeliveryItem &item, const QJsonObject &settings = {},
                            const QByteArray &token = Token)
    {
        NotionDestination notion(config(settings.isEmpty() ? this->settings() : settings),
                                 m_client.get());
        QSignalSpy finished(&notion, &NotionDestination::finished);
        notion.deliver(item, secrets(token));
        if (!finished.wait(30000))
            return DeliveryOutcome::retry(QStringLiteral("no answer"));
        return finished.first().first().value<DeliveryOutcome>();
    }

    workspace::Workspace workspace() const
    {
        workspace::Workspace ws;
        ws.timezone = QStringLiteral("Europe/Berlin");
        workspace::SourceConfig source;
        source.id = QStringLiteral("s");
        source.type = QStringLiteral("http-json");
        workspace::MetricConfig stars;
        stars.key = QStringLiteral("STARS");
        stars.label = QStringLiteral("GitHub stars");
        source.metrics.append(stars);
        ws.sources = {source};
        ws.destinations = {config(settings())};
        return ws;
    }

    // A history in `dir` with one committed run and its Notion payload in the outbox.
    std::unique_ptr<store::HistoryStore> committedRun(const QTemporaryDir &dir)
    {
        m_clock.set(QDateTime(QDate(2026, 11, 28), QTime(6, 0), Qt::UTC));
        m_secretStore.values = {{QStringLiteral("notion"), QString::fromLatin1(Token)}};
        std::unique_ptr<store::HistoryStore> history = test::openHistoryIn(dir);
        if (!history)
            return nullptr;
        const qint64 now = m_clock.nowMs();
        const auto runId = history->beginRun(now, QStringLiteral("test"));
        if (!runId)
            return nullptr;
        const QList<store::Sample> samples{{QStringLiteral("STARS"), now, 120,
                                            store::SampleOrigin::Collected, QStringLiteral("s"),
                                            0}};
        const store::Run run{*runId, now, now, store::RunStatus::Ok, QStringLiteral("test"), 1, 0};
        if (!history->completeRun(
                run, samples, {},
                PayloadBuilder::forRun(workspace(), *runId, now, samples, {}, now)))
            return nullptr;
        return history;
    }

    QNetworkAccessManager m_network;
    std::unique_ptr<net::HttpClient> m_client;
    std::unique_ptr<FakeNotion> m_notion;
    test::FakeClock m_clock;
    test::FakeSecretStore m_secretStore;
};

QTEST_GUILESS_MAIN(TestNotionDestination)
#include "TestNotionDestination.moc"
