// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeInfluxDb.h"
#include "TestSupport.h"
#include "destinations/InfluxDbDestination.h"
#include "net/HttpClient.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace kpi;
using kpi::destinations::DeliveryItem;
using kpi::destinations::DeliveryOutcome;
using kpi::destinations::InfluxDbDestination;
using kpi::test::FakeInfluxDb;
using kpi::test::FakeResponse;

namespace {
const QByteArray Token = "influx-fake-token-0003";
// 2026-11-28T00:00:00+01:00, the day's start in Berlin.
const QString DayStart = QStringLiteral("2026-11-27T23:00:00Z");
const QByteArray DayStartSeconds = "1795820400";
} // namespace

class TestInfluxDbDestination : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_client = std::make_unique<net::HttpClient>(&m_network);
        m_influx = std::make_unique<FakeInfluxDb>(Token, QStringLiteral("acme corp"),
                                                  QStringLiteral("kpi"));
    }

    void cleanup()
    {
        m_influx.reset();
        m_client.reset();
    }

    void lines_escapeEverySpecialCharacter_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("plain") << QStringLiteral("STARS") << QStringLiteral("stars")
                               << QByteArray("kpi,key=STARS,unit=stars value=1.5 " +
                                             DayStartSeconds);
        QTest::newRow("no unit") << QStringLiteral("WAU") << QString()
                                 << QByteArray("kpi,key=WAU value=1.5 " + DayStartSeconds);
        QTest::newRow("space comma equals")
            << QStringLiteral("A B,C=D") << QStringLiteral("per user")
            << QByteArray("kpi,key=A\\ B\\,C\\=D,unit=per\\ user value=1.5 " + DayStartSeconds);
        QTest::newRow("line break") << QStringLiteral("A\nB") << QString()
                                    << QByteArray("kpi,key=A\\ B value=1.5 " + DayStartSeconds);
    }

    void lines_escapeEverySpecialCharacter()
    {
        QFETCH(QString, key);
        QFETCH(QString, unit);
        QFETCH(QByteArray, line);
        const QByteArray written =
            InfluxDbDestination::lines(payload({{key, unit, 1.5}}), QStringLiteral("kpi"), {});
        QCOMPARE(written, line + '\n');
        QCOMPARE(FakeInfluxDb::checkLine(line), QString()); // the fake reads it back
    }

    void lines_measurementAndExtraTags()
    {
        const QByteArray written = InfluxDbDestination::lines(
            payload({{QStringLiteral("MRR"), QStringLiteral("EUR"), 990.5}}),
            QStringLiteral("business kpis"),
            QJsonObject{{QStringLiteral("env"), QStringLiteral("prod")}});
        QCOMPARE(written,
                 "business\\ kpis,env=prod,key=MRR,unit=EUR value=990.5 " + DayStartSeconds + '\n');
    }

    void deliver_writesEveryValueWithTheToken()
    {
        const DeliveryOutcome outcome = deliver(Token);
        QCOMPARE(int(outcome.kind), int(DeliveryOutcome::Kind::Delivered));
        QCOMPARE(m_influx->lines,
                 (QList<QByteArray>{"kpi,key=STARS,unit=stars value=1523 " + DayStartSeconds,
                                    "kpi,key=TINY value=1e-07 " + DayStartSeconds}));
        const auto &request = m_influx->server().requests().first();
        QCOMPARE(request.header("Content-Type"), QByteArray("text/plain; charset=utf-8"));
    }

    void deliver_answersMeanWhatTheyMean_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<int>("scripted");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("401 wrong token")
            << QByteArray("wrong-fake-token") << 0 << int(DeliveryOutcome::Kind::Permanent)
            << QStringLiteral("HTTP 401: unauthorized access (unauthorized)");
        QTest::newRow("503") << Token << 503 << int(DeliveryOutcome::Kind::Retry)
                             << QStringLiteral("HTTP 503: service unavailable (unavailable)");
        QTest::newRow("413") << Token << 413 << int(DeliveryOutcome::Kind::Permanent)
                             << QStringLiteral("HTTP 413: too large (request too large)");
    }

    void deliver_answersMeanWhatTheyMean()
    {
        QFETCH(QByteArray, token);
        QFETCH(int, scripted);
        QFETCH(int, kind);
        QFETCH(QString, message);
        if (scripted == 503)
            m_influx->script.append(FakeResponse::json(
                "{\"code\":\"unavailable\",\"message\":\"service unavailable\"}", 503));
        if (scripted == 413)
            m_influx->script.append(FakeResponse::json(
                "{\"code\":\"request too large\",\"message\":\"too large\"}", 413));
        const DeliveryOutcome outcome = deliver(token);
        QCOMPARE(int(outcome.kind), kind);
        QCOMPARE(outcome.message, message);
        QVERIFY(!outcome.message.contains(QString::fromLatin1(token)));
    }

    void preview_redactsTheToken()
    {
        InfluxDbDestination influx(config(), m_client.get());
        const auto shown = influx.preview(
            item(), {{QStringLiteral("influx"), secrets::Secret(QString::fromLatin1(Token))}});
        KPI_VERIFY_OK(shown);
        QCOMPARE(shown->size(), 1);
        QVERIFY(shown->first().target.endsWith(
            QStringLiteral("/api/v2/write?org=acme corp&bucket=kpi&precision=s")));
        bool redacted = false;
        for (const auto &[name, value] : shown->first().headers) {
            QVERIFY(!value.contains(Token));
            redacted = redacted || (name == "Authorization" && value == "<redacted>");
        }
        QVERIFY(redacted);
        QCOMPARE(m_influx->requestCount(), 0);
    }

private:
    struct Value
    {
        QString key;
        QString unit;
        double value;
    };

    static QJsonObject payload(const QList<Value> &values)
    {
        QJsonArray array;
        for (const Value &v : values)
            array.append(QJsonObject{{QStringLiteral("key"), v.key},
                                     {QStringLiteral("unit"), v.unit},
                                     {QStringLiteral("value"), v.value}});
        return {{QStringLiteral("period"), QStringLiteral("2026-11-28")},
                {QStringLiteral("periodStart"), DayStart},
                {QStringLiteral("collectedAt"), QStringLiteral("2026-11-28T06:00:00Z")},
                {QStringLiteral("values"), array}};
    }

    static DeliveryItem item()
    {
        DeliveryItem item;
        item.destinationId = QStringLiteral("influx");
        item.period = QStringLiteral("2026-11-28");
        item.payload = payload({{QStringLiteral("STARS"), QStringLiteral("stars"), 1523},
                                {QStringLiteral("TINY"), QString(), 1e-7}});
        return item;
    }

    workspace::DestinationConfig config() const
    {
        return {QStringLiteral("influx"),
                QStringLiteral("influxdb"),
                QStringLiteral("on-collect"),
                QJsonObject{{QStringLiteral("url"), m_influx->url().toString()},
                            {QStringLiteral("org"), QStringLiteral("acme corp")},
                            {QStringLiteral("bucket"), QStringLiteral("kpi")},
                            {QStringLiteral("token"),
                             QJsonObject{{QStringLiteral("secret"), QStringLiteral("influx")}}}},
                {QStringLiteral("influx")}};
    }

    DeliveryOutcome deliver(const QByteArray &token)
    {
        InfluxDbDestination influx(config(), m_client.get());
        QSignalSpy finished(&influx, &InfluxDbDestination::finished);
        influx.deliver(item(),
                       {{QStringLiteral("influx"), secrets::Secret(QString::fromLatin1(token))}});
        if (!finished.wait(20000))
            return DeliveryOutcome::retry(QStringLiteral("no answer"));
        return finished.first().first().value<DeliveryOutcome>();
    }

    QNetworkAccessManager m_network;
    std::unique_ptr<net::HttpClient> m_client;
    std::unique_ptr<FakeInfluxDb> m_influx;
};

QTEST_GUILESS_MAIN(TestInfluxDbDestination)
#include "TestInfluxDbDestination.moc"
