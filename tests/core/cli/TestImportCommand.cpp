// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
// `kpi-collector import notion`, in process, against the strict fake Notion.
#include "FakeNotion.h"
#include "FakeSecretStore.h"
#include "OutboxHarness.h"
#include "TestSupport.h"
#include "cli/CliContext.h"
#include "cli/ImportCommand.h"
#include "net/HttpClient.h"
#include "store/HistoryStore.h"
#include "util/Translations.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTimeZone>

using namespace kpi;
using kpi::cli::ImportCommand;
using kpi::test::FakeNotion;

namespace {

const QByteArray Token = "ntn_fake_token_0009";
const QString DatabaseId = QStringLiteral("0f3c5a1e-db00-4000-8000-000000000011");
const QString DataSourceId = QStringLiteral("0f3c5a1e-d500-4000-8000-000000000012");
constexpr int Pages = 150;

struct Ran
{
    int exitCode = -1;
    QString out;
    QString err;
};

QString dayOf(int i)
{
    return QDate(2026, 6, 1).addDays(i).toString(Qt::ISODate);
}

qint64 startOf(const QString &day)
{
    const QTimeZone berlin("Europe/Berlin");
    return QDateTime(QDate::fromString(day, Qt::ISODate), QTime(0, 0), berlin).toMSecsSinceEpoch();
}

} // namespace

class TestImportCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The English plural forms, as main() loads them ("2 values", not "2 value(s)").
    void initTestCase() { QVERIFY(kpi::installTranslations(*QCoreApplication::instance())); }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_client = std::make_unique<net::HttpClient>(&m_network);
        m_notion = std::make_unique<FakeNotion>(Token, DatabaseId, DataSourceId);
        m_notion->addProperty(QStringLiteral("Name"), QStringLiteral("title"));
        m_notion->addProperty(QStringLiteral("Date"), QStringLiteral("date"));
        m_notion->addProperty(QStringLiteral("GitHub stars"), QStringLiteral("number"));
        m_notion->addProperty(QStringLiteral("Monthly revenue"), QStringLiteral("number"));
        // 150 days: more than one query page of 100. Every tenth day has no revenue.
        for (int i = 0; i < Pages; ++i) {
            QHash<QString, double> numbers{{QStringLiteral("GitHub stars"), double(i)}};
            if (i % 10 != 0)
                numbers.insert(QStringLiteral("Monthly revenue"), i * 10.0);
            m_notion->seedPage(dayOf(i), numbers);
        }
        m_secrets.values = {{QStringLiteral("notion"), QString::fromLatin1(Token)}};
        writeWorkspace();
    }

    void cleanup()
    {
        m_notion.reset();
        m_client.reset();
        m_dir.reset();
    }

    void import_readsEveryPageAndSkipsDaysTheHistoryHas()
    {
        // A value collected on day 5 stays; Notion's for that day is skipped.
        {
            auto history = test::openHistoryIn(*m_dir);
            QVERIFY(history);
            KPI_VERIFY_OK(history->addSamples(
                {{QStringLiteral("STARS"), startOf(dayOf(5)) + 6 * 3600 * 1000, 4242,
                  store::SampleOrigin::Collected, QStringLiteral("s"), 0}}));
        }
        const Ran first = run(Token);
        QVERIFY2(first.exitCode == 0, qPrintable(first.out + first.err));
        QVERIFY2(first.out.contains(QStringLiteral("Read 150 pages from Notion.")),
                 qPrintable(first.out));
        // STARS: 150 - 1 (day 5); MRR: 150 - 15 without a value.
        QVERIFY2(first.out.contains(QStringLiteral(
                     "Imported 284 values; skipped 1 for days the history already has.")),
                 qPrintable(first.out));
        // WAU has no property in the database: said, not imported.
        QVERIFY2(first.err.contains(QStringLiteral("WAU: no number property \"WAU\"")),
                 qPrintable(first.err));

        // Paginated: two queries, the second from the first's cursor, 100 at most.
        QList<QJsonObject> queries;
        for (const auto &request : m_notion->server().requests()) {
            if (request.path() == "/v1/data_sources/" + DataSourceId.toUtf8() + "/query")
                queries.append(QJsonDocument::fromJson(request.body).object());
        }
        QCOMPARE(queries.size(), 2);
        QCOMPARE(queries.at(0).value(QLatin1String("page_size")).toInt(), 100);
        QVERIFY(!queries.at(0).contains(QLatin1String("start_cursor")));
        QCOMPARE(queries.at(1).value(QLatin1String("start_cursor")).toString(),
                 m_notion->pages.at(100).id);
        QVERIFY2(m_notion->rejections.isEmpty(), qPrintable(m_notion->rejections.join(u'\n')));
        QCOMPARE(m_notion->rateLimitedCount, 0);

        auto history = test::openHistoryIn(*m_dir);
        QVERIFY(history);
        store::SampleQuery stars;
        stars.metricKeys = {QStringLiteral("STARS")};
        const auto starSamples = history->samples(stars);
        KPI_VERIFY_OK(starSamples);
        QCOMPARE(starSamples->size(), Pages);
        for (const store::Sample &sample : *starSamples) {
            if (sample.timestampMs >= startOf(dayOf(5)) && sample.timestampMs < startOf(dayOf(6))) {
                QCOMPARE(sample.value, 4242.0);
                QCOMPARE(sample.origin, store::SampleOrigin::Collected);
            }
        }
        const auto day9 =
            std::find_if(starSamples->cbegin(), starSamples->cend(),
                         [](const store::Sample &s) { return s.timestampMs == startOf(dayOf(9)); });
        QVERIFY(day9 != starSamples->cend());
        QCOMPARE(day9->value, 9.0);
        QCOMPARE(day9->origin, store::SampleOrigin::Imported);
        store::SampleQuery mrr;
        mrr.metricKeys = {QStringLiteral("MRR")};
        QCOMPARE(history->samples(mrr)->size(), 135);
        history.reset();

        // Again: nothing new.
        const Ran second = run(Token);
        QVERIFY2(second.exitCode == 0, qPrintable(second.out + second.err));
        QVERIFY2(second.out.contains(QStringLiteral(
                     "Imported 0 values; skipped 285 for days the history already has.")),
                 qPrintable(second.out));
    }

    void import_invalidTokenFailsWithNotionsMessage()
    {
        const Ran ran = run("ntn_wrong_token_0010");
        QCOMPARE(ran.exitCode, 1);
        QVERIFY2(ran.err.contains(QStringLiteral("API token is invalid. (unauthorized)")),
                 qPrintable(ran.err));
        QVERIFY(!ran.err.contains(QStringLiteral("ntn_wrong_token_0010")));
    }

    void import_unknownDestinationIsAUsageError()
    {
        const Ran ran = run(Token, QStringLiteral("nope"));
        QCOMPARE(ran.exitCode, 2);
        QVERIFY2(ran.err.contains(QStringLiteral("its Notion destinations: notion")),
                 qPrintable(ran.err));
        QCOMPARE(m_notion->requestCount(), 0);
    }

private:
    void writeWorkspace()
    {
        QJsonArray metrics;
        for (const auto &[key, label] :
             {std::pair{"STARS", "GitHub stars"}, {"MRR", "MRR"}, {"WAU", ""}}) {
            QJsonObject metric{{QStringLiteral("key"), QString::fromLatin1(key)},
                               {QStringLiteral("path"), QStringLiteral("$.v")}};
            if (*label)
                metric.insert(QStringLiteral("label"), QString::fromLatin1(label));
            metrics.append(metric);
        }
        const QJsonObject workspace{
            {QStringLiteral("version"), 1},
            {QStringLiteral("timezone"), QStringLiteral("Europe/Berlin")},
            {QStringLiteral("sources"),
             QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("s")},
                                    {QStringLiteral("type"), QStringLiteral("http-json")},
                                    {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/")},
                                    {QStringLiteral("metrics"), metrics}}}},
            {QStringLiteral("destinations"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("id"), QStringLiteral("notion")},
                 {QStringLiteral("type"), QStringLiteral("notion")},
                 {QStringLiteral("databaseId"), DatabaseId},
                 {QStringLiteral("token"),
                  QJsonObject{{QStringLiteral("secret"), QStringLiteral("notion")}}},
                 {QStringLiteral("baseUrl"), m_notion->url().toString()},
                 {QStringLiteral("properties"),
                  QJsonObject{{QStringLiteral("MRR"), QStringLiteral("Monthly revenue")}}}}}}};
        QFile file(m_dir->filePath(QStringLiteral("workspace.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(workspace).toJson());
    }

    Ran run(const QByteArray &token, const QString &destination = QStringLiteral("notion"))
    {
        m_secrets.values.insert(QStringLiteral("notion"), QString::fromLatin1(token));
        Ran ran;
        QTextStream out(&ran.out);
        QTextStream err(&ran.err);
        cli::CliContext context(out, err, m_dir->filePath(QStringLiteral("workspace.json")),
                                m_dir->filePath(QStringLiteral("history.sqlite")));
        ImportCommand command(context, {QStringLiteral("notion"), destination}, &m_secrets,
                              m_client.get());
        QSignalSpy done(&command, &ImportCommand::done);
        command.start();
        if (done.isEmpty() && !done.wait(60000))
            return ran;
        ran.exitCode = done.first().first().toInt();
        out.flush();
        err.flush();
        return ran;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QNetworkAccessManager m_network;
    std::unique_ptr<net::HttpClient> m_client;
    std::unique_ptr<FakeNotion> m_notion;
    test::FakeSecretStore m_secrets;
};

QTEST_GUILESS_MAIN(TestImportCommand)
#include "TestImportCommand.moc"
