// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeInfluxDb.h"
#include "FakeWebhookReceiver.h"
#include "OutboxHarness.h"
#include "TestSupport.h"
#include "destinations/PayloadBuilder.h"
#include "schedule/DeliverySchedule.h"
#include "util/Translations.h"

#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace kpi;
using kpi::delivery::DeliveryWorker;
using kpi::destinations::PayloadBuilder;
using kpi::store::OutboxEntry;
using kpi::store::OutboxState;
using kpi::test::FakeInfluxDb;
using kpi::test::FakeResponse;
using kpi::test::FakeWebhookReceiver;

namespace {

const QByteArray InfluxToken = "influx-fake-token-0003";
const QByteArray SigningKey = "signing-fake-key-0004";
constexpr qint64 Minute = 60 * 1000;

QDateTime at(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

} // namespace

namespace QTest {
template<>
inline char *toString(const kpi::store::OutboxState &state)
{
    return qstrdup(kpi::store::toDbText(state).toUtf8().constData());
}
} // namespace QTest

class TestDeliveryWorker : public QObject, protected test::OutboxHarness
{
    Q_OBJECT

private Q_SLOTS:
    // The English plural forms, as main() loads them ("2 values", not "2 value(s)").
    void initTestCase() { QVERIFY(kpi::installTranslations(*QCoreApplication::instance())); }
    void init()
    {
        m_clock.set(QDateTime(QDate(2026, 11, 28), QTime(6, 0), Qt::UTC));
        setUpOutbox();
        m_hook = std::make_unique<FakeWebhookReceiver>(SigningKey);
        m_influx = std::make_unique<FakeInfluxDb>(InfluxToken, QStringLiteral("acme"),
                                                  QStringLiteral("kpi"));
        m_secrets->values = {{QStringLiteral("hook"), m_hook->url().toString()},
                             {QStringLiteral("sign"), QString::fromLatin1(SigningKey)},
                             {QStringLiteral("influx"), QString::fromLatin1(InfluxToken)}};
    }

    void cleanup()
    {
        tearDownOutbox();
        m_hook.reset();
        m_influx.reset();
    }

    void backoff_growsExponentiallyUpToTheCap()
    {
        const DeliveryWorker::Policy policy;
        using std::chrono::milliseconds;
        QCOMPARE(DeliveryWorker::backoff(policy, 1, 0.5), milliseconds(15000));
        QCOMPARE(DeliveryWorker::backoff(policy, 2, 0.5), milliseconds(30000));
        QCOMPARE(DeliveryWorker::backoff(policy, 5, 0.5), milliseconds(240000));
        QCOMPARE(DeliveryWorker::backoff(policy, 9, 1.0), milliseconds(3600000)); // the cap
        QCOMPARE(DeliveryWorker::backoff(policy, 40, 1.0), milliseconds(3600000));
        QCOMPARE(DeliveryWorker::backoff(policy, 3, 0.0), milliseconds(1000)); // never zero
    }

    // The first test: an outage of five 503s, then success, delivers once.
    void outage_fiveServiceUnavailableThenSuccess_deliversOnce()
    {
        const auto ws = workspace({webhook()});
        QVERIFY(commitRun(ws, {{QStringLiteral("STARS"), 120}}) > 0);
        for (int i = 0; i < 5; ++i)
            m_hook->script.append(FakeResponse::text("maintenance", 503));
        DeliveryWorker *w = worker(ws);
        QSignalSpy retries(w, &DeliveryWorker::retryScheduled);
        QSignalSpy delivered(w, &DeliveryWorker::delivered);

        for (int attempt = 1; attempt <= 5; ++attempt) {
            drain(w);
            QCOMPARE(retries.size(), attempt);
            const OutboxEntry row = onlyRow(QStringLiteral("hook"));
            QCOMPARE(row.state, OutboxState::Pending);
            QCOMPARE(row.attempts, attempt);
            QVERIFY2(row.lastError.startsWith(QStringLiteral("HTTP 503")),
                     qPrintable(row.lastError));
            const qint64 wait = DeliveryWorker::backoff(w->policy(), attempt, 0.5).count();
            QCOMPARE(row.nextAttemptMs, m_clock.nowMs() + wait);
            // Not a moment before its time.
            m_clock.set(at(row.nextAttemptMs - 1));
            drain(w);
            QCOMPARE(m_hook->requestCount(), attempt);
            m_clock.set(at(row.nextAttemptMs));
        }
        drain(w);
        QCOMPARE(delivered.size(), 1);
        QCOMPARE(m_hook->requestCount(), 6);
        QCOMPARE(m_hook->received.size(), 1);
        QCOMPARE(onlyRow(QStringLiteral("hook")).state, OutboxState::Delivered);

        m_clock.advance(48 * 60 * Minute);
        drain(w);
        QCOMPARE(m_hook->requestCount(), 6);
        QVERIFY(m_hook->rejections.isEmpty());
    }

    void retries_giveUpAfterMaxAttempts()
    {
        const auto ws = workspace({webhook()});
        const qint64 runId = commitRun(ws, {{QStringLiteral("STARS"), 1}});
        QVERIFY(runId > 0);
        for (int i = 0; i < 3; ++i)
            m_hook->script.append(FakeResponse::text("maintenance", 503));
        DeliveryWorker *w = worker(ws);
        DeliveryWorker::Policy policy;
        policy.maxAttempts = 2;
        w->setPolicy(policy);
        QSignalSpy failed(w, &DeliveryWorker::failed);
        drain(w);
        m_clock.set(at(onlyRow(QStringLiteral("hook")).nextAttemptMs));
        drain(w);
        QCOMPARE(failed.size(), 1);
        const OutboxEntry row = onlyRow(QStringLiteral("hook"));
        QCOMPARE(row.state, OutboxState::Failed);
        QCOMPARE(row.lastError, QStringLiteral("gave up after 2 attempts: HTTP 503: maintenance"));
        QCOMPARE(m_history->events(runId)->constLast().level, store::EventLevel::Error);
        m_clock.advance(24 * 60 * Minute);
        drain(w);
        QCOMPARE(m_hook->requestCount(), 2);
    }

    void tooManyRequests_waitsAsTold_data()
    {
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("waitMs");
        QTest::newRow("Retry-After header")
            << QByteArray("120") << QByteArray("slow down") << qint64(120000);
        // Discord says it in the body, in seconds with a fraction.
        QTest::newRow("retry_after in the body")
            << QByteArray()
            << QByteArray("{\"message\": \"You are being rate limited.\", "
                          "\"retry_after\": 2.5, \"global\": false}")
            << qint64(2500);
    }

    void tooManyRequests_waitsAsTold()
    {
        QFETCH(QByteArray, retryAfter);
        QFETCH(QByteArray, body);
        QFETCH(qint64, waitMs);
        FakeResponse answer = FakeResponse::json(body, 429);
        if (!retryAfter.isEmpty())
            answer.headers.append(std::pair{QByteArray("Retry-After"), retryAfter});
        const auto ws = workspace({webhook()});
        QVERIFY(commitRun(ws, {{QStringLiteral("STARS"), 120}}) > 0);
        m_hook->script.append(answer);
        DeliveryWorker *w = worker(ws);
        QSignalSpy retries(w, &DeliveryWorker::retryScheduled);
        drain(w);
        QCOMPARE(retries.size(), 1);
        const qint64 next = onlyRow(QStringLiteral("hook")).nextAttemptMs;
        QCOMPARE(next, m_clock.nowMs() + waitMs);
        QCOMPARE(retries.first().at(2).toLongLong(), next);

        m_clock.set(at(next - 1));
        drain(w);
        QCOMPARE(m_hook->requestCount(), 1);
        m_clock.set(at(next));
        drain(w);
        QCOMPARE(m_hook->requestCount(), 2);
        QCOMPARE(m_hook->received.size(), 1);
        QCOMPARE(onlyRow(QStringLiteral("hook")).state, OutboxState::Delivered);
    }

    // A process died after the service confirmed part 1 of 3: its lease runs out, and the
    // next worker sends parts 2 and 3 only.
    void crash_leaseOfADeadProcessRunsOut_resumesAfterConfirmedParts()
    {
        const auto ws = workspace({webhook(1)});
        QVERIFY(commitRun(ws, threeValues()) > 0);
        const OutboxEntry row = onlyRow(QStringLiteral("hook"));
        const QString dead = QStringLiteral("daemon:4242:deadbeef");
        const qint64 leaseEnd = m_clock.nowMs() + 10 * Minute;
        QVERIFY(*m_history->claimOutbox(row.id, dead, m_clock.nowMs(), leaseEnd));
        QVERIFY(*m_history->recordOutboxProgress(row.id, dead, 1, leaseEnd));

        DeliveryWorker *w = worker(ws);
        drain(w);
        QCOMPARE(m_hook->requestCount(), 0); // the lease still holds
        QCOMPARE(w->nextDueMs().value_or(0), leaseEnd);

        m_clock.set(at(leaseEnd));
        drain(w);
        QCOMPARE(m_hook->requestCount(), 2);
        QCOMPARE(partIndexes(), (QList<int>{2, 3}));
        const OutboxEntry after = onlyRow(QStringLiteral("hook"));
        QCOMPARE(after.state, OutboxState::Delivered);
        QCOMPARE(after.partsDone, 3);
    }

    // The worker goes away right after part 1 was confirmed (a shutdown between two
    // parts); the next one sends parts 2 and 3, and the receiver sees each part once.
    void crash_workerGoneAfterPartOne_resumesWithoutDuplicate()
    {
        const auto ws = workspace({webhook(1)});
        QVERIFY(commitRun(ws, threeValues()) > 0);
        auto first = std::make_unique<DeliveryWorker>(
            m_history.get(), m_client.get(), m_secrets.get(), m_clock, QStringLiteral("window"));
        first->setWorkspace(ws);
        connect(
            first.get(), &DeliveryWorker::progressRecorded, this,
            [&first](const QString &, const QString &, int parts) {
                if (parts == 1)
                    first.reset();
            },
            Qt::QueuedConnection);
        first->poke();
        QTRY_VERIFY_WITH_TIMEOUT(!first, 20000);
        QCOMPARE(m_hook->received.size(), 1);
        QCOMPARE(onlyRow(QStringLiteral("hook")).partsDone, 1);

        DeliveryWorker *second = worker(ws);
        drain(second);
        QCOMPARE(partIndexes(), (QList<int>{1, 2, 3}));
        QCOMPARE(m_hook->requestCount(), 3);
        QCOMPARE(onlyRow(QStringLiteral("hook")).state, OutboxState::Delivered);
    }

    // An invalid token fails for good, with the service's own message in the run log,
    // while the other destinations deliver.
    void invalidToken_failsPermanentlyWhileOthersDeliver()
    {
        const QString csvPath = m_dir->filePath(QStringLiteral("out/kpi.csv"));
        const auto ws = workspace({influx(), webhook(), csv(csvPath)});
        const QString wrongToken = QStringLiteral("wrong-fake-token-0005");
        m_secrets->values.insert(QStringLiteral("influx"), wrongToken);
        const qint64 runId = commitRun(ws, {{QStringLiteral("STARS"), 120}});
        QVERIFY(runId > 0);

        DeliveryWorker *w = worker(ws);
        QSignalSpy failed(w, &DeliveryWorker::failed);
        QSignalSpy delivered(w, &DeliveryWorker::delivered);
        drain(w);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().at(0).toString(), QStringLiteral("influx"));
        QCOMPARE(delivered.size(), 2);
        QCOMPARE(m_hook->received.size(), 1);
        QVERIFY(QFile::exists(csvPath));

        const OutboxEntry row = onlyRow(QStringLiteral("influx"));
        QCOMPARE(row.state, OutboxState::Failed);
        QCOMPARE(row.lastError, QStringLiteral("HTTP 401: unauthorized access (unauthorized)"));

        const auto events = m_history->events(runId);
        KPI_VERIFY_OK(events);
        int errors = 0;
        for (const auto &event : *events) {
            QVERIFY(!event.message.contains(wrongToken));
            if (event.destinationId != QLatin1String("influx"))
                continue;
            ++errors;
            QCOMPARE(event.level, store::EventLevel::Error);
            QCOMPARE(event.step, QStringLiteral("deliver"));
            QCOMPARE(event.httpStatus, 401);
            QVERIFY2(event.message.contains(QStringLiteral("unauthorized access")),
                     qPrintable(event.message));
        }
        QCOMPARE(errors, 1);

        // Permanent: never tried again.
        m_clock.advance(6 * 60 * Minute);
        drain(w);
        QCOMPARE(m_influx->requestCount(), 1);
    }

    void twoWorkersOnOneHistory_deliverEachRowExactlyOnce()
    {
        const auto ws = workspace({webhook()});
        for (int i = 0; i < 5; ++i) {
            QVERIFY(commitRun(ws, {{QStringLiteral("STARS"), 100.0 + i}}) > 0);
            m_clock.advance(Minute);
        }
        auto other = openHistory();
        QVERIFY(other);
        DeliveryWorker::Policy eager;
        eager.maxIdleWait = std::chrono::milliseconds(5);
        DeliveryWorker *a = worker(ws);
        DeliveryWorker *b = worker(ws, other.get());
        for (DeliveryWorker *w : {a, b}) {
            w->setPolicy(eager);
            w->setWaitForDue(true); // both keep looking, so they race for every row
        }
        QSignalSpy byA(a, &DeliveryWorker::delivered);
        QSignalSpy byB(b, &DeliveryWorker::delivered);
        a->poke();
        b->poke();
        QTRY_COMPARE_WITH_TIMEOUT(byA.size() + byB.size(), 5, 30000);
        QTest::qWait(100); // time for a duplicate to show, if there were one
        QCOMPARE(byA.size() + byB.size(), 5);
        QCOMPARE(m_hook->requestCount(), 5);
        QSet<QString> ids;
        for (const QJsonObject &body : std::as_const(m_hook->received))
            ids.insert(body.value(QLatin1String("deliveryId")).toString());
        QCOMPARE(ids.size(), 5);
        m_workers.clear(); // before `other` goes
    }

    // InfluxDB is keyed by day: a second run the same day updates the day's points (the
    // whole day so far), while the webhook gets each run on its own.
    void secondRunSameDay_upsertsTheDayAndAppendsTheRun()
    {
        const auto ws = workspace({influx(), webhook()});
        QVERIFY(commitRun(ws, {{QStringLiteral("STARS"), 120}}) > 0);
        DeliveryWorker *w = worker(ws);
        drain(w);
        QCOMPARE(m_influx->lines.size(), 1);
        m_clock.advance(60 * Minute);
        QVERIFY(commitRun(ws, {{QStringLiteral("WAU"), 31}}) > 0);
        drain(w);

        // Midnight in Berlin on 2026-11-28 is 23:00 UTC the day before.
        const QByteArray dayStart = QByteArray::number(
            QDateTime(QDate(2026, 11, 27), QTime(23, 0), Qt::UTC).toSecsSinceEpoch());
        QCOMPARE(m_influx->lines,
                 (QList<QByteArray>{"kpi,key=STARS,unit=stars value=120 " + dayStart,
                                    "kpi,key=STARS,unit=stars value=120 " + dayStart,
                                    "kpi,key=WAU value=31 " + dayStart}));
        const auto influxRows = m_history->outboxEntries(QStringLiteral("influx"));
        QCOMPARE(influxRows->size(), 1);
        QCOMPARE(influxRows->first().period, QStringLiteral("2026-11-28"));
        QCOMPARE(influxRows->first().state, OutboxState::Delivered);
        QCOMPARE(m_hook->received.size(), 2);
        QCOMPARE(m_hook->received.at(1).value(QLatin1String("period")).toString(),
                 QStringLiteral("run:2"));
    }

    void backfill_queuesOnePeriodEachAndNeverTwice()
    {
        // Four runs over three days, before the destinations existed.
        const auto none = workspace({});
        for (const auto &[day, hour] : {std::pair{26, 6}, {27, 6}, {27, 18}, {28, 6}}) {
            m_clock.set(QDateTime(QDate(2026, 11, day), QTime(hour, 0), Qt::UTC));
            QVERIFY(commitRun(none, {{QStringLiteral("STARS"), 100.0 + day}}) > 0);
        }
        const auto ws = workspace({influx(), webhook()});
        const qint64 since =
            QDateTime(QDate(2026, 11, 27), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        const auto days =
            PayloadBuilder::backfill(*m_history, ws, ws.destinations.at(0), since, m_clock.nowMs());
        KPI_VERIFY_OK(days);
        QStringList periods;
        for (const auto &entry : *days)
            periods.append(entry.period);
        QCOMPARE(periods,
                 (QStringList{QStringLiteral("2026-11-27"), QStringLiteral("2026-11-28")}));
        const auto runs =
            PayloadBuilder::backfill(*m_history, ws, ws.destinations.at(1), since, m_clock.nowMs());
        periods.clear();
        for (const auto &entry : *runs)
            periods.append(entry.period);
        QCOMPARE(periods, (QStringList{QStringLiteral("run:2"), QStringLiteral("run:3"),
                                       QStringLiteral("run:4")}));

        QCOMPARE(*m_history->enqueue(*runs), 3);
        DeliveryWorker *w = worker(ws);
        w->setDestinationFilter(QStringLiteral("hook"));
        drain(w);
        QCOMPARE(m_hook->received.size(), 3);
        // In period order, through the outbox; a second back-fill queues nothing.
        QCOMPARE(m_hook->received.at(0).value(QLatin1String("runId")).toInt(), 2);
        QCOMPARE(m_hook->received.at(2).value(QLatin1String("runId")).toInt(), 4);
        QCOMPARE(*m_history->enqueue(*runs), 0);
        drain(w);
        QCOMPARE(m_hook->requestCount(), 3);
    }

    void missingSecret_failsForGoodWithWhereItLooked()
    {
        const auto ws = workspace({webhook()});
        m_secrets->values.remove(QStringLiteral("hook"));
        QVERIFY(commitRun(ws, {{QStringLiteral("STARS"), 1}}) > 0);
        DeliveryWorker *w = worker(ws);
        QSignalSpy failed(w, &DeliveryWorker::failed);
        drain(w);
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.first().at(2).toString().startsWith(QStringLiteral("secret \"hook\"")),
                 qPrintable(failed.first().at(2).toString()));
        QCOMPARE(m_hook->requestCount(), 0);
    }

    // A scheduled destination: its slot is claimed, the digest built and sent once, with
    // each metric's change against compareDays before.
    void digest_scheduledSlotIsQueuedAndSentOnce()
    {
        const auto none = workspace({});
        m_clock.set(QDateTime(QDate(2026, 11, 14), QTime(8, 0), Qt::UTC));
        QVERIFY(commitRun(none, {{QStringLiteral("STARS"), 100}}) > 0);
        m_clock.set(QDateTime(QDate(2026, 11, 28), QTime(6, 0), Qt::UTC));
        QVERIFY(commitRun(none, {{QStringLiteral("STARS"), 120}}) > 0);

        auto weekly = webhook();
        weekly.schedule = QStringLiteral("0 9 * * 1"); // Mondays 09:00 in Berlin
        weekly.settings.insert(QStringLiteral("compareDays"), 14);
        const auto ws = workspace({weekly});
        const QString job = schedule::DeliverySchedule::jobFor(QStringLiteral("hook"));
        QVERIFY(*m_history->claimSlot(
            job, QDateTime(QDate(2026, 11, 23), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch(),
            m_clock.nowMs(), QStringLiteral("test")));
        m_clock.set(QDateTime(QDate(2026, 11, 30), QTime(8, 0, 30), Qt::UTC));

        DeliveryWorker *w = worker(ws);
        QSignalSpy delivered(w, &DeliveryWorker::delivered);
        schedule::DeliverySchedule digests(m_history.get(), w, m_clock, QStringLiteral("window"));
        KPI_VERIFY_OK(digests.start());
        QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, 20000);
        QCOMPARE(delivered.first().at(1).toString(), QStringLiteral("2026-11-30T08:00:00Z"));
        const QJsonObject body = m_hook->received.first();
        QCOMPARE(body.value(QLatin1String("event")).toString(), QStringLiteral("kpi.digest"));
        const QJsonObject stars = body.value(QLatin1String("values")).toArray().first().toObject();
        QCOMPARE(stars.value(QLatin1String("value")).toDouble(), 120.0);
        QCOMPARE(stars.value(QLatin1String("previous")).toDouble(), 100.0);
        QCOMPARE(stars.value(QLatin1String("change")).toDouble(), 20.0);
        QCOMPARE(stars.value(QLatin1String("changePercent")).toDouble(), 20.0);

        const auto rows = m_history->outboxEntries(QStringLiteral("hook"));
        QCOMPARE(rows->first().runId, qint64(2)); // the newest run it reports

        // Another process on the same history finds the slot claimed.
        DeliveryWorker *other = worker(ws);
        schedule::DeliverySchedule late(m_history.get(), other, m_clock, QStringLiteral("daemon"));
        KPI_VERIFY_OK(late.start());
        QTest::qWait(50);
        QCOMPARE(m_history->outboxEntries(QStringLiteral("hook"))->size(), 1);
        QCOMPARE(m_hook->requestCount(), 1);
    }

private:
    static workspace::Workspace workspace(const QList<workspace::DestinationConfig> &destinations)
    {
        workspace::Workspace ws;
        ws.timezone = QStringLiteral("Europe/Berlin");
        workspace::SourceConfig source;
        source.id = QStringLiteral("s");
        source.type = QStringLiteral("http-json");
        for (const auto &[key, unit] : {std::pair{"STARS", "stars"}, {"WAU", ""}, {"MRR", "EUR"}}) {
            workspace::MetricConfig metric;
            metric.key = QString::fromLatin1(key);
            metric.unit = QString::fromLatin1(unit);
            source.metrics.append(metric);
        }
        ws.sources = {source};
        ws.destinations = destinations;
        return ws;
    }

    static workspace::DestinationConfig webhook(int perRequest = 0)
    {
        workspace::DestinationConfig config{
            QStringLiteral("hook"),
            QStringLiteral("webhook"),
            QStringLiteral("on-collect"),
            QJsonObject{{QStringLiteral("url"),
                         QJsonObject{{QStringLiteral("secret"), QStringLiteral("hook")}}},
                        {QStringLiteral("signingSecret"),
                         QJsonObject{{QStringLiteral("secret"), QStringLiteral("sign")}}}},
            {QStringLiteral("hook"), QStringLiteral("sign")}};
        if (perRequest > 0)
            config.settings.insert(QStringLiteral("maxValuesPerRequest"), perRequest);
        return config;
    }

    workspace::DestinationConfig influx() const
    {
        return {QStringLiteral("influx"),
                QStringLiteral("influxdb"),
                QStringLiteral("on-collect"),
                QJsonObject{{QStringLiteral("url"), m_influx->url().toString()},
                            {QStringLiteral("org"), QStringLiteral("acme")},
                            {QStringLiteral("bucket"), QStringLiteral("kpi")},
                            {QStringLiteral("token"),
                             QJsonObject{{QStringLiteral("secret"), QStringLiteral("influx")}}}},
                {QStringLiteral("influx")}};
    }

    static workspace::DestinationConfig csv(const QString &path)
    {
        return {QStringLiteral("csv"),
                QStringLiteral("csv"),
                QStringLiteral("on-collect"),
                QJsonObject{{QStringLiteral("path"), path}},
                {}};
    }

    static QList<std::pair<QString, double>> threeValues()
    {
        return {{QStringLiteral("STARS"), 120},
                {QStringLiteral("WAU"), 31},
                {QStringLiteral("MRR"), 990.5}};
    }

    // Commits a run with its payloads, as CollectRun does; the run's id, or 0.
    qint64 commitRun(const workspace::Workspace &ws,
                     const QList<std::pair<QString, double>> &values)
    {
        const qint64 now = m_clock.nowMs();
        const auto runId = m_history->beginRun(now, QStringLiteral("test"));
        if (!runId)
            return 0;
        QList<store::Sample> samples;
        for (const auto &[key, value] : values)
            samples.append(
                {key, now, value, store::SampleOrigin::Collected, QStringLiteral("s"), 0});
        const QTimeZone zone = ws.zone();
        store::SampleQuery day;
        day.sinceMs =
            QDateTime(at(now).toTimeZone(zone).date(), QTime(0, 0), zone).toMSecsSinceEpoch();
        day.untilMs = now;
        const auto earlier = m_history->samples(day);
        const store::Run run{*runId, now, now, store::RunStatus::Ok, QStringLiteral("test"), 1, 0};
        const auto stored = m_history->completeRun(
            run, samples, {},
            PayloadBuilder::forRun(ws, *runId, now, samples,
                                   earlier.isOk() ? *earlier : QList<store::Sample>{}, now));
        if (!stored) {
            qWarning() << stored.error().toString();
            return 0;
        }
        return *runId;
    }

    QList<int> partIndexes() const
    {
        QList<int> indexes;
        for (const QJsonObject &body : std::as_const(m_hook->received))
            indexes.append(
                body.value(QLatin1String("part")).toObject().value(QLatin1String("index")).toInt());
        return indexes;
    }

    std::unique_ptr<FakeWebhookReceiver> m_hook;
    std::unique_ptr<FakeInfluxDb> m_influx;
};

QTEST_GUILESS_MAIN(TestDeliveryWorker)
#include "TestDeliveryWorker.moc"
