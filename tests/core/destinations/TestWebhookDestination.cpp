// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeClock.h"
#include "FakeWebhookReceiver.h"
#include "TestSupport.h"
#include "destinations/WebhookDestination.h"
#include "net/HttpClient.h"

#include <QJsonArray>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace kpi;
using kpi::destinations::DeliveryItem;
using kpi::destinations::DeliveryOutcome;
using kpi::destinations::SecretValues;
using kpi::destinations::WebhookDestination;
using kpi::test::FakeHttpServer;
using kpi::test::FakeResponse;
using kpi::test::FakeWebhookReceiver;
using kpi::test::RecordedRequest;

namespace {
const QByteArray SigningKey = "signing-fake-key-0004";
} // namespace

class TestWebhookDestination : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_client = std::make_unique<net::HttpClient>(&m_network);
        m_receiver = std::make_unique<FakeWebhookReceiver>(SigningKey);
    }

    void cleanup()
    {
        m_receiver.reset();
        m_client.reset();
    }

    void deliver_postsTheDocumentedBodyWithAValidSignature()
    {
        const DeliveryOutcome outcome = deliver(item(), secretsFor(m_receiver->url()));
        QCOMPARE(int(outcome.kind), int(DeliveryOutcome::Kind::Delivered));
        QVERIFY(m_receiver->rejections.isEmpty());
        QCOMPARE(m_receiver->received.size(), 1);
        const QJsonObject body = m_receiver->received.first();
        QCOMPARE(body.value(QLatin1String("event")).toString(), QStringLiteral("kpi.values"));
        QCOMPARE(body.value(QLatin1String("destination")).toString(), QStringLiteral("hook"));
        QCOMPARE(body.value(QLatin1String("deliveryId")).toString(),
                 QStringLiteral("hook/run:7/1"));
        QCOMPARE(body.value(QLatin1String("period")).toString(), QStringLiteral("run:7"));
        QCOMPARE(body.value(QLatin1String("values")).toArray().size(), 3);
        const RecordedRequest &request = m_receiver->server().requests().first();
        QCOMPARE(request.header("X-KPI-Timestamp"), QByteArray::number(m_clock.nowMs() / 1000));
    }

    void deliver_aWrongKeyIsRefusedByTheReceiver()
    {
        FakeWebhookReceiver strict("another-key-entirely");
        SecretValues secrets = secretsFor(strict.url());
        const DeliveryOutcome outcome = deliver(item(), secrets);
        QCOMPARE(int(outcome.kind), int(DeliveryOutcome::Kind::Permanent));
        QCOMPARE(outcome.httpStatus, 401);
        QCOMPARE(outcome.message, QStringLiteral("HTTP 401: invalid signature"));
        QVERIFY(strict.received.isEmpty());
    }

    void deliver_splitsIntoParts()
    {
        auto config = webhookConfig();
        config.settings.insert(QStringLiteral("maxValuesPerRequest"), 2);
        WebhookDestination hook(config, m_client.get(), m_clock);
        QSignalSpy parts(&hook, &WebhookDestination::partDelivered);
        QSignalSpy finished(&hook, &WebhookDestination::finished);
        hook.deliver(item(), secretsFor(m_receiver->url()));
        QVERIFY(finished.wait(20000));
        QCOMPARE(parts.size(), 2);
        QCOMPARE(m_receiver->received.size(), 2);
        QCOMPARE(m_receiver->received.at(1).value(QLatin1String("part")).toObject(),
                 (QJsonObject{{QStringLiteral("index"), 2}, {QStringLiteral("count"), 2}}));
        QCOMPARE(m_receiver->received.at(1).value(QLatin1String("values")).toArray().size(), 1);
    }

    void preview_sendsNothingAndRedactsTheUrl()
    {
        WebhookDestination hook(webhookConfig(), m_client.get(), m_clock);
        const auto shown = hook.preview(item(), secretsFor(m_receiver->url()));
        KPI_VERIFY_OK(shown);
        QCOMPARE(shown->size(), 1);
        const auto &request = shown->first();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.target, QStringLiteral("http://127.0.0.1:%1/\u2026(redacted)")
                                     .arg(m_receiver->server().port()));
        QVERIFY(!request.target.contains(QStringLiteral("fake-webhook-token")));
        QVERIFY(request.body.contains("\"deliveryId\":\"hook/run:7/1\""));
        QTest::qWait(50);
        QCOMPARE(m_receiver->server().requests().size(), 0);
    }

    // A service that echoes the URL in its error shows <redacted>, never the token.
    void deliver_scrubsTheUrlFromTheServicesMessage()
    {
        FakeHttpServer echo;
        const QByteArray path = "/api/webhooks/99/echoed-fake-token-value-88";
        echo.route(path, [](const RecordedRequest &request) {
            return FakeResponse::json("{\"message\": \"Unknown Webhook " + request.target + "\"}",
                                      404);
        });
        const DeliveryOutcome outcome =
            deliver(item(), secretsFor(echo.url(QString::fromLatin1(path))));
        QCOMPARE(int(outcome.kind), int(DeliveryOutcome::Kind::Permanent));
        QVERIFY2(!outcome.message.contains(QStringLiteral("echoed-fake-token")),
                 qPrintable(outcome.message));
        QVERIFY2(outcome.message.contains(QStringLiteral("<redacted>")),
                 qPrintable(outcome.message));
    }

    void signature_isTheDocumentedHmac()
    {
        // The example in docs/destinations.md.
        QCOMPARE(WebhookDestination::signature("key", "1795845600", "{}"),
                 "sha256=" + QMessageAuthenticationCode::hash("1795845600.{}", "key",
                                                              QCryptographicHash::Sha256)
                                 .toHex());
    }

private:
    static workspace::DestinationConfig webhookConfig()
    {
        return {QStringLiteral("hook"),
                QStringLiteral("webhook"),
                QStringLiteral("on-collect"),
                QJsonObject{{QStringLiteral("url"),
                             QJsonObject{{QStringLiteral("secret"), QStringLiteral("hook")}}},
                            {QStringLiteral("signingSecret"),
                             QJsonObject{{QStringLiteral("secret"), QStringLiteral("sign")}}}},
                {QStringLiteral("hook"), QStringLiteral("sign")}};
    }

    static SecretValues secretsFor(const QUrl &url)
    {
        return {{QStringLiteral("hook"), secrets::Secret(url.toString())},
                {QStringLiteral("sign"), secrets::Secret(QString::fromLatin1(SigningKey))}};
    }

    static DeliveryItem item()
    {
        DeliveryItem item;
        item.destinationId = QStringLiteral("hook");
        item.period = QStringLiteral("run:7");
        item.runId = 7;
        QJsonArray values;
        for (const char *key : {"STARS", "WAU", "MRR"})
            values.append(QJsonObject{{QStringLiteral("key"), QString::fromLatin1(key)},
                                      {QStringLiteral("value"), 1.5}});
        item.payload = QJsonObject{{QStringLiteral("kind"), QStringLiteral("values")},
                                   {QStringLiteral("period"), item.period},
                                   {QStringLiteral("runId"), 7},
                                   {QStringLiteral("values"), values}};
        return item;
    }

    DeliveryOutcome deliver(const DeliveryItem &item, const SecretValues &secrets)
    {
        WebhookDestination hook(webhookConfig(), m_client.get(), m_clock);
        QSignalSpy finished(&hook, &WebhookDestination::finished);
        hook.deliver(item, secrets);
        if (!finished.wait(20000))
            return DeliveryOutcome::retry(QStringLiteral("no answer"));
        return finished.first().first().value<DeliveryOutcome>();
    }

    test::FakeClock m_clock;
    QNetworkAccessManager m_network;
    std::unique_ptr<net::HttpClient> m_client;
    std::unique_ptr<FakeWebhookReceiver> m_receiver;
};

QTEST_GUILESS_MAIN(TestWebhookDestination)
#include "TestWebhookDestination.moc"
