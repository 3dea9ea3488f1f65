// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeDiscordWebhook.h"
#include "FakeSlackWebhook.h"
#include "OutboxHarness.h"
#include "TestSupport.h"
#include "destinations/DiscordDestination.h"
#include "destinations/PayloadBuilder.h"
#include "destinations/SlackDestination.h"
#include "workspace/WorkspaceLoader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace kpi;
using kpi::delivery::DeliveryWorker;
using kpi::destinations::DiscordDestination;
using kpi::destinations::PayloadBuilder;
using kpi::destinations::SlackDestination;
using kpi::store::OutboxEntry;
using kpi::store::OutboxState;
using kpi::test::FakeDiscordWebhook;
using kpi::test::FakeResponse;
using kpi::test::FakeSlackWebhook;

namespace {

constexpr qint64 DayMs = 24 * 60 * 60 * 1000;
// Monday 2026-11-30, 09:00 in Berlin: the weekly digest's slot.
const QDateTime Slot(QDate(2026, 11, 30), QTime(8, 0), Qt::UTC);

QDateTime at(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

// The North Star's headline and every field of every embed of a Discord message, in order.
QStringList discordTexts(const QJsonObject &message)
{
    QStringList texts;
    for (const QJsonValue &embed : message.value(QLatin1String("embeds")).toArray()) {
        const QJsonObject e = embed.toObject();
        if (e.value(QLatin1String("title")).toString().startsWith(QStringLiteral("★")))
            texts.append(e.value(QLatin1String("title")).toString() + QLatin1Char('|') +
                         e.value(QLatin1String("description")).toString());
        for (const QJsonValue &field : e.value(QLatin1String("fields")).toArray())
            texts.append(field.toObject().value(QLatin1String("name")).toString() +
                         QLatin1Char('|') +
                         field.toObject().value(QLatin1String("value")).toString());
    }
    return texts;
}

QStringList slackFields(const QJsonObject &message)
{
    QStringList texts;
    for (const QJsonValue &block : message.value(QLatin1String("blocks")).toArray()) {
        const QJsonObject b = block.toObject();
        if (b.value(QLatin1String("type")).toString() != QLatin1String("section"))
            continue;
        if (b.contains(QLatin1String("text")))
            texts.append(
                b.value(QLatin1String("text")).toObject().value(QLatin1String("text")).toString());
        for (const QJsonValue &field : b.value(QLatin1String("fields")).toArray())
            texts.append(field.toObject().value(QLatin1String("text")).toString());
    }
    return texts;
}

} // namespace

class TestChatDestinations : public QObject, protected test::OutboxHarness
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_clock.set(Slot.addSecs(30));
        setUpOutbox();
        m_discord = std::make_unique<FakeDiscordWebhook>();
        m_slack = std::make_unique<FakeSlackWebhook>();
        m_secrets->values = {{QStringLiteral("discord-hook"), m_discord->url().toString()},
                             {QStringLiteral("slack-hook"), m_slack->url().toString()}};
    }

    void cleanup()
    {
        tearDownOutbox();
        m_discord.reset();
        m_slack.reset();
    }

    // The Monday digest reaches Discord with each metric's change against 14 days ago, the
    // North Star first, confirmed with ?wait=true, under the configured name.
    void discord_mondayDigestWithCorrectChanges()
    {
        const auto ws = workspace(3, {discord()});
        addHistory({{QStringLiteral("M0"), 14, 1166},
                    {QStringLiteral("M0"), 0.5, 1204},
                    {QStringLiteral("M1"), 14, 2400},
                    {QStringLiteral("M1"), 0.5, 2345},
                    {QStringLiteral("M2"), 0.5, 12}});
        enqueueDigest(ws, QStringLiteral("discord"));
        drain(worker(ws));

        QVERIFY2(m_discord->rejections.isEmpty(), m_discord->rejections.join('\n').constData());
        QCOMPARE(m_discord->posted.size(), 1);
        QVERIFY(m_discord->lastWaited);
        const QJsonObject message = m_discord->posted.first();
        QCOMPARE(message.value(QLatin1String("username")).toString(), QStringLiteral("KPI Bot"));
        QCOMPARE(message.value(QLatin1String("allowed_mentions")).toObject(),
                 QJsonObject({{QStringLiteral("parse"), QJsonArray{}}}));
        QCOMPARE(discordTexts(message),
                 (QStringList{QStringLiteral("★ Metric 0|# 1,204 users\n▲ +38 (+3.3 %)"),
                              QStringLiteral("Metric 1|**2,345 users**\n▼ -55 (-2.3 %)"),
                              QStringLiteral("Metric 2|**12 users**\n✦ new")}));
        const QJsonObject headline =
            message.value(QLatin1String("embeds")).toArray().first().toObject();
        QCOMPARE(headline.value(QLatin1String("author"))
                     .toObject()
                     .value(QLatin1String("name"))
                     .toString(),
                 QStringLiteral("KPI digest · 2026-11-30"));
        QCOMPARE(onlyRow(QStringLiteral("discord")).state, OutboxState::Delivered);
    }

    // The North Star's embed is coloured by whether its change is good news: a rise is
    // green, unless the metric says lower is better.
    void discord_northStarColour_followsWhichWayIsBetter()
    {
        for (const bool lowerIsBetter : {false, true}) {
            init();
            auto ws = workspace(1, {discord()});
            ws.sources[0].metrics[0].lowerIsBetter = lowerIsBetter;
            addHistory({{QStringLiteral("M0"), 14, 1166}, {QStringLiteral("M0"), 0.5, 1204}});
            enqueueDigest(ws, QStringLiteral("discord"));
            drain(worker(ws));
            QCOMPARE(m_discord->posted.size(), 1);
            const QJsonArray embeds =
                m_discord->posted.first().value(QLatin1String("embeds")).toArray();
            QCOMPARE(embeds.first().toObject().value(QLatin1String("color")).toInt(),
                     lowerIsBetter ? 0xda3633 : 0x2ea043);
            cleanup();
        }
    }

    // 60 metrics with long labels: several messages, each within every Discord limit (the
    // fake refuses anything over), every metric exactly once and in order.
    void discord_sixtyMetrics_splitWithinLimits()
    {
        const auto ws = workspace(60, {discord()}, 180);
        QList<std::tuple<QString, double, double>> samples;
        for (int i = 0; i < 60; ++i) {
            samples.append({QStringLiteral("M%1").arg(i), 14, 1000.0 + i});
            samples.append({QStringLiteral("M%1").arg(i), 0.5, 1234567.89 + i});
        }
        addHistory(samples);
        enqueueDigest(ws, QStringLiteral("discord"));
        const QList<QJsonObject> planned =
            DiscordDestination::messages(payloadOf(QStringLiteral("discord")), QString());
        QVERIFY2(planned.size() > 1, "60 long metrics must not fit one message");
        drain(worker(ws));

        QVERIFY2(m_discord->rejections.isEmpty(), m_discord->rejections.join('\n').constData());
        QCOMPARE(m_discord->posted.size(), planned.size());
        QStringList seen;
        for (qsizetype m = 0; m < m_discord->posted.size(); ++m) {
            const QJsonObject &message = m_discord->posted.at(m);
            int total = 0;
            for (const QJsonValue &embed : message.value(QLatin1String("embeds")).toArray()) {
                QVERIFY(embed.toObject().value(QLatin1String("fields")).toArray().size() <= 25);
                total += DiscordDestination::embedCharacters(embed.toObject());
            }
            QVERIFY(total <= 6000);
            QVERIFY(message.value(QLatin1String("embeds")).toArray().size() <= 10);
            // The first message opens with the North Star, its title in the author line.
            const QJsonObject opening =
                message.value(QLatin1String("embeds")).toArray().first().toObject();
            const QString title = m == 0 ? opening.value(QLatin1String("author"))
                                               .toObject()
                                               .value(QLatin1String("name"))
                                               .toString()
                                         : opening.value(QLatin1String("title")).toString();
            QVERIFY2(title.endsWith(QStringLiteral("(%1/%2)").arg(m + 1).arg(planned.size())),
                     qPrintable(title));
            for (const QString &text : discordTexts(message))
                seen.append(text.section(QLatin1Char('|'), 0, 0).section(QLatin1Char(' '), -1));
        }
        QStringList expected;
        for (int i = 0; i < 60; ++i)
            expected.append(QString::number(i));
        QCOMPARE(seen, expected); // "Metric …long label… 17" ends in its number
        QCOMPARE(onlyRow(QStringLiteral("discord")).partsDone, int(planned.size()));
    }

    // An outage of five 503s, then success: delivered once.
    void discord_outageThenSuccess_deliversOnce()
    {
        const auto ws = workspace(2, {discord()});
        addHistory({{QStringLiteral("M0"), 0.5, 5}});
        enqueueDigest(ws, QStringLiteral("discord"));
        for (int i = 0; i < 5; ++i)
            m_discord->script.append(FakeResponse::text("upstream connect error", 503));
        DeliveryWorker *w = worker(ws);
        for (int attempt = 1; attempt <= 5; ++attempt) {
            drain(w);
            const OutboxEntry row = onlyRow(QStringLiteral("discord"));
            QCOMPARE(row.state, OutboxState::Pending);
            QCOMPARE(row.attempts, attempt);
            m_clock.set(at(row.nextAttemptMs));
        }
        drain(w);
        QCOMPARE(m_discord->posted.size(), 1);
        QCOMPARE(m_discord->requestCount(), 6);
        QCOMPARE(onlyRow(QStringLiteral("discord")).state, OutboxState::Delivered);
        m_clock.advance(3 * DayMs);
        drain(w);
        QCOMPARE(m_discord->requestCount(), 6);
    }

    // Discord says how long to wait twice: 2.5 in the body, rounded up to 3 in Retry-After.
    // The row waits the header's whole seconds (never less than asked), then goes.
    void discord_rateLimited_waitsAsTold()
    {
        const auto ws = workspace(2, {discord()});
        addHistory({{QStringLiteral("M0"), 0.5, 5}});
        enqueueDigest(ws, QStringLiteral("discord"));
        m_discord->rateLimitNext(2.5);
        DeliveryWorker *w = worker(ws);
        drain(w);
        const qint64 next = onlyRow(QStringLiteral("discord")).nextAttemptMs;
        QCOMPARE(next, m_clock.nowMs() + 3000);
        m_clock.set(at(next - 1));
        drain(w);
        QCOMPARE(m_discord->requestCount(), 1);
        m_clock.set(at(next));
        drain(w);
        QCOMPARE(m_discord->posted.size(), 1);
    }

    // A digest of three messages is cut off after the first by a crash; the next start
    // sends the other two only.
    void discord_crashAfterFirstMessage_resumesWithoutDuplicate()
    {
        const auto ws = workspace(60, {discord()}, 180);
        QList<std::tuple<QString, double, double>> samples;
        for (int i = 0; i < 60; ++i)
            samples.append({QStringLiteral("M%1").arg(i), 0.5, 1000.0 + i});
        addHistory(samples);
        enqueueDigest(ws, QStringLiteral("discord"));
        const int parts =
            int(DiscordDestination::messages(payloadOf(QStringLiteral("discord")), {}).size());
        QVERIFY(parts >= 2);

        auto first = std::make_unique<DeliveryWorker>(
            m_history.get(), m_client.get(), m_secrets.get(), m_clock, QStringLiteral("window"));
        first->setWorkspace(ws);
        connect(
            first.get(), &DeliveryWorker::progressRecorded, this,
            [&first](const QString &, const QString &, int done) {
                if (done == 1)
                    first.reset();
            },
            Qt::QueuedConnection);
        first->poke();
        QTRY_VERIFY_WITH_TIMEOUT(!first, 20000);
        QCOMPARE(m_discord->posted.size(), 1);

        // The dead process's lease runs out; the next worker resumes after part 1.
        m_clock.advance(11 * 60 * 1000);
        drain(worker(ws));
        QCOMPARE(m_discord->posted.size(), parts);
        QStringList titles;
        for (const QJsonObject &message : std::as_const(m_discord->posted))
            titles.append(message.value(QLatin1String("embeds"))
                              .toArray()
                              .first()
                              .toObject()
                              .value(QLatin1String("title"))
                              .toString());
        QCOMPARE(titles.removeDuplicates(), 0);
        QCOMPARE(onlyRow(QStringLiteral("discord")).state, OutboxState::Delivered);
    }

    // A wrong token fails for good with Discord's own words, while Slack delivers.
    void invalidToken_failsPermanentlyWhileSlackDelivers()
    {
        m_secrets->values.insert(QStringLiteral("discord-hook"),
                                 m_discord->wrongTokenUrl().toString());
        const auto ws = workspace(2, {discord(), slack()});
        addHistory({{QStringLiteral("M0"), 0.5, 5}});
        enqueueDigest(ws, QStringLiteral("discord"));
        enqueueDigest(ws, QStringLiteral("slack"));
        DeliveryWorker *w = worker(ws);
        QSignalSpy failed(w, &DeliveryWorker::failed);
        drain(w);
        QCOMPARE(failed.size(), 1);
        const OutboxEntry row = onlyRow(QStringLiteral("discord"));
        QCOMPARE(row.state, OutboxState::Failed);
        QVERIFY2(row.lastError.contains(QStringLiteral("Invalid Webhook Token")),
                 qPrintable(row.lastError));
        QVERIFY(!row.lastError.contains(QStringLiteral("wrong-token")));
        QCOMPARE(m_slack->posted.size(), 1);
        QCOMPARE(onlyRow(QStringLiteral("slack")).state, OutboxState::Delivered);
        m_clock.advance(DayMs);
        drain(w);
        QCOMPARE(m_discord->requestCount(), 1);
    }

    void discord_usernameDiscordRefuses_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("reserved word") << QStringLiteral("My Discord bot");
        QTest::newRow("clyde") << QStringLiteral("clyde");
        QTest::newRow("at sign") << QStringLiteral("kpi@acme");
        QTest::newRow("too long") << QString(81, QLatin1Char('k'));
        QTest::newRow("blank") << QStringLiteral("  ");
    }

    void discord_usernameDiscordRefuses()
    {
        QFETCH(QString, name);
        QVERIFY(!workspace::WorkspaceLoader::discordUsernameProblem(name).isEmpty());
        QVERIFY(workspace::WorkspaceLoader::discordUsernameProblem(QStringLiteral("KPI Bot"))
                    .isEmpty());
        // Refused already when the workspace is read, at its place.
        const QString json =
            QStringLiteral(
                "{\"version\": 1, \"destinations\": [{\"id\": \"d\", \"type\": \"discord\", "
                "\"webhook\": {\"secret\": \"hook\"}, \"username\": %1}]}")
                .arg(QString::fromUtf8(
                         QJsonDocument(QJsonArray{name}).toJson(QJsonDocument::Compact))
                         .mid(1)
                         .chopped(1));
        const auto loaded = workspace::WorkspaceLoader::parse(json.toUtf8());
        QStringList places;
        for (const Error &error : loaded.errors)
            places.append(error.where);
        QVERIFY2(places.contains(QStringLiteral("destinations[0].username")),
                 qPrintable(places.join(u',')));
    }

    // The preview shows the bodies without the webhook's token.
    void discord_preview_redactsTheWebhook()
    {
        const auto ws = workspace(2, {discord()});
        addHistory({{QStringLiteral("M0"), 0.5, 5}});
        enqueueDigest(ws, QStringLiteral("discord"));
        DiscordDestination destination(discord(), m_client.get());
        const OutboxEntry row = onlyRow(QStringLiteral("discord"));
        destinations::DeliveryItem item{
            row.id, row.destinationId, row.period, row.runId, payloadOf(QStringLiteral("discord")),
            0};
        destinations::SecretValues secrets{
            {QStringLiteral("discord-hook"), secrets::Secret(m_discord->url().toString())}};
        const auto shown = destination.preview(item, secrets);
        KPI_VERIFY_OK(shown);
        QCOMPARE(shown->size(), 1);
        QVERIFY(!shown->first().target.contains(QStringLiteral("fake-discord-token")));
        QVERIFY(QJsonDocument::fromJson(shown->first().body).isObject());
        QCOMPARE(m_discord->requestCount(), 0);
    }

    // The same digest in Block Kit: changes right, every Slack limit kept, 60 metrics in
    // sections of ten.
    void slack_digestWithinBlockKitLimits()
    {
        const auto ws = workspace(60, {slack()});
        QList<std::tuple<QString, double, double>> samples{{QStringLiteral("M0"), 14, 1166},
                                                           {QStringLiteral("M0"), 0.5, 1204}};
        for (int i = 1; i < 60; ++i)
            samples.append({QStringLiteral("M%1").arg(i), 0.5, double(i)});
        addHistory(samples);
        enqueueDigest(ws, QStringLiteral("slack"));
        drain(worker(ws));
        QVERIFY2(m_slack->rejections.isEmpty(), m_slack->rejections.join('\n').constData());
        QCOMPARE(m_slack->posted.size(), 1);
        const QJsonObject message = m_slack->posted.first();
        QVERIFY(message.value(QLatin1String("text"))
                    .toString()
                    .startsWith(QStringLiteral(
                        "KPI digest · 2026-11-30: Metric 0: 1,204 users ▲ +38 (+3.3 %)")));
        const QStringList fields = slackFields(message);
        QCOMPARE(fields.size(), 60);
        QCOMPARE(fields.first(), QStringLiteral("★ *Metric 0*\n*1,204 users*   ▲ +38 (+3.3 %)"));
        QCOMPARE(fields.at(1), QStringLiteral("*Metric 1*\n1 users   ✦ new"));
        QCOMPARE(onlyRow(QStringLiteral("slack")).state, OutboxState::Delivered);
    }

    void slack_revokedWebhook_failsWithSlacksCode()
    {
        m_secrets->values.insert(QStringLiteral("slack-hook"), m_slack->revokedUrl().toString());
        const auto ws = workspace(1, {slack()});
        addHistory({{QStringLiteral("M0"), 0.5, 5}});
        enqueueDigest(ws, QStringLiteral("slack"));
        drain(worker(ws));
        const OutboxEntry row = onlyRow(QStringLiteral("slack"));
        QCOMPARE(row.state, OutboxState::Failed);
        QVERIFY2(row.lastError.contains(QStringLiteral("invalid_token")),
                 qPrintable(row.lastError));
    }

    void slack_rateLimited_waitsForRetryAfter()
    {
        const auto ws = workspace(1, {slack()});
        addHistory({{QStringLiteral("M0"), 0.5, 5}});
        enqueueDigest(ws, QStringLiteral("slack"));
        FakeResponse limited = FakeResponse::text("rate_limited", 429);
        limited.headers.append(std::pair{QByteArray("Retry-After"), QByteArray("30")});
        m_slack->script.append(limited);
        DeliveryWorker *w = worker(ws);
        drain(w);
        const qint64 next = onlyRow(QStringLiteral("slack")).nextAttemptMs;
        QCOMPARE(next, m_clock.nowMs() + 30000);
        m_clock.set(at(next));
        drain(w);
        QCOMPARE(m_slack->posted.size(), 1);
    }

private:
    // `count` metrics M0…, labelled "Metric N" (padded to `labelLength`), M0 the North Star.
    static workspace::Workspace workspace(int count,
                                          const QList<workspace::DestinationConfig> &destinations,
                                          int labelLength = 0)
    {
        workspace::Workspace ws;
        ws.timezone = QStringLiteral("Europe/Berlin");
        ws.northStar = QStringLiteral("M0");
        workspace::SourceConfig source;
        source.id = QStringLiteral("s");
        source.type = QStringLiteral("http-json");
        for (int i = 0; i < count; ++i) {
            workspace::MetricConfig metric;
            metric.key = QStringLiteral("M%1").arg(i);
            const QString number = QString::number(i);
            metric.label = QStringLiteral("Metric ") + number;
            if (labelLength > 0)
                metric.label = QStringLiteral("Metric ") +
                               QString(labelLength - 8 - number.size(), QLatin1Char('x')) +
                               QLatin1Char(' ') + number;
            metric.unit = QStringLiteral("users");
            source.metrics.append(metric);
        }
        ws.sources = {source};
        ws.destinations = destinations;
        return ws;
    }

    static workspace::DestinationConfig discord()
    {
        return {
            QStringLiteral("discord"),
            QStringLiteral("discord"),
            QStringLiteral("0 9 * * 1"),
            QJsonObject{{QStringLiteral("webhook"),
                         QJsonObject{{QStringLiteral("secret"), QStringLiteral("discord-hook")}}},
                        {QStringLiteral("username"), QStringLiteral("KPI Bot")},
                        {QStringLiteral("compareDays"), 14}},
            {QStringLiteral("discord-hook")}};
    }

    static workspace::DestinationConfig slack()
    {
        return {
            QStringLiteral("slack"),
            QStringLiteral("slack"),
            QStringLiteral("0 9 * * 1"),
            QJsonObject{{QStringLiteral("webhook"),
                         QJsonObject{{QStringLiteral("secret"), QStringLiteral("slack-hook")}}}},
            {QStringLiteral("slack-hook")}};
    }

    // Samples as (key, days before the slot, value).
    void addHistory(const QList<std::tuple<QString, double, double>> &values)
    {
        QList<store::Sample> samples;
        for (const auto &[key, daysAgo, value] : values)
            samples.append(store::Sample{key, Slot.toMSecsSinceEpoch() - qint64(daysAgo * DayMs),
                                         value, store::SampleOrigin::Manual, QString(), 0});
        KPI_VERIFY_OK(m_history->addSamples(samples));
    }

    void enqueueDigest(const workspace::Workspace &ws, const QString &destinationId)
    {
        const auto entry = PayloadBuilder::digest(*m_history, ws, *ws.destination(destinationId),
                                                  Slot, m_clock.nowMs());
        KPI_VERIFY_OK(entry);
        KPI_VERIFY_OK(m_history->enqueue({*entry}));
    }

    QJsonObject payloadOf(const QString &destinationId) const
    {
        return QJsonDocument::fromJson(onlyRow(destinationId).payload).object();
    }

    std::unique_ptr<FakeDiscordWebhook> m_discord;
    std::unique_ptr<FakeSlackWebhook> m_slack;
};

QTEST_GUILESS_MAIN(TestChatDestinations)
#include "TestChatDestinations.moc"
