// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "destinations/CsvDestination.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kpi;
using kpi::destinations::CsvDestination;
using kpi::destinations::DeliveryItem;
using kpi::destinations::DeliveryOutcome;

namespace QTest {
template<>
inline char *toString(const DeliveryOutcome::Kind &kind)
{
    return qstrdup(QByteArray::number(int(kind)).constData());
}
} // namespace QTest

class TestCsvDestination : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("exports/kpi.csv"));
    }

    void deliver_createsTheFileWithTheHeader()
    {
        QCOMPARE(deliver(item(QStringLiteral("run:1"), 120)), DeliveryOutcome::Kind::Delivered);
        QCOMPARE(read(), QByteArray("period,collected_at,key,label,unit,value\n"
                                    "run:1,2026-11-28T06:00:00Z,STARS,GitHub stars,stars,120\n"
                                    "run:1,2026-11-28T06:00:00Z,MRR,\"MRR, net\",EUR,990.5\n"));
    }

    void deliver_appendsAndNeverRepeatsAPeriod()
    {
        QCOMPARE(deliver(item(QStringLiteral("run:1"), 120)), DeliveryOutcome::Kind::Delivered);
        QCOMPARE(deliver(item(QStringLiteral("run:2"), 121)), DeliveryOutcome::Kind::Delivered);
        // A retry after a crash between the file's rename and the outbox's commit.
        QCOMPARE(deliver(item(QStringLiteral("run:2"), 121)), DeliveryOutcome::Kind::Delivered);
        const QList<QByteArray> lines = read().split('\n');
        QCOMPARE(lines.size(), 6); // header, 2 + 2 rows, and the empty end
        QCOMPARE(lines.at(0), CsvDestination::Header);
        QVERIFY(lines.at(1).startsWith("run:1,"));
        QVERIFY(lines.at(3).startsWith("run:2,"));
        QVERIFY(lines.at(4).startsWith("run:2,"));
        QVERIFY(lines.at(5).isEmpty());
        // Nothing left beside it: the temporary copy was renamed over the file.
        QCOMPARE(QDir(QFileInfo(m_path).absolutePath()).entryList(QDir::Files),
                 QStringList{QStringLiteral("kpi.csv")});
    }

    void deliver_refusesAFileWithAnotherHeader()
    {
        QVERIFY(QDir().mkpath(QFileInfo(m_path).absolutePath()));
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("date,metric,value\n2026-11-01,STARS,1\n");
        file.close();
        DeliveryOutcome outcome;
        QCOMPARE(deliver(item(QStringLiteral("run:1"), 120), &outcome),
                 DeliveryOutcome::Kind::Permanent);
        QVERIFY2(outcome.message.contains(QStringLiteral("has the header \"date,metric,value\"")),
                 qPrintable(outcome.message));
        QCOMPARE(read(), QByteArray("date,metric,value\n2026-11-01,STARS,1\n")); // untouched
    }

    void field_quotesWhatNeedsQuoting_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plain") << QStringLiteral("stars") << QByteArray("stars");
        QTest::newRow("comma") << QStringLiteral("a,b") << QByteArray("\"a,b\"");
        QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
        QTest::newRow("line break") << QStringLiteral("two\nlines") << QByteArray("two lines");
        QTest::newRow("umlaut") << QStringLiteral("Größe")
                                << QByteArray("Gr\xc3\xb6\xc3\x9f"
                                              "e");
    }

    void field_quotesWhatNeedsQuoting()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, expected);
        QCOMPARE(CsvDestination::field(text), expected);
    }

    void preview_showsTheRowsAndWritesNothing()
    {
        CsvDestination csv(config());
        const auto shown = csv.preview(item(QStringLiteral("run:1"), 120), {});
        KPI_VERIFY_OK(shown);
        QCOMPARE(shown->size(), 1);
        QCOMPARE(shown->first().method, QByteArray("APPEND"));
        QCOMPARE(shown->first().target, m_path);
        QVERIFY(shown->first().body.startsWith(QByteArray(CsvDestination::Header + "\n")));
        QVERIFY(!QFile::exists(m_path));
    }

private:
    workspace::DestinationConfig config() const
    {
        return {QStringLiteral("csv"),
                QStringLiteral("csv"),
                QStringLiteral("on-collect"),
                QJsonObject{{QStringLiteral("path"), m_path}},
                {}};
    }

    static DeliveryItem item(const QString &period, double stars)
    {
        DeliveryItem item;
        item.destinationId = QStringLiteral("csv");
        item.period = period;
        const QString at = QStringLiteral("2026-11-28T06:00:00Z");
        item.payload = QJsonObject{
            {QStringLiteral("period"), period},
            {QStringLiteral("collectedAt"), at},
            {QStringLiteral("values"),
             QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("STARS")},
                                    {QStringLiteral("label"), QStringLiteral("GitHub stars")},
                                    {QStringLiteral("unit"), QStringLiteral("stars")},
                                    {QStringLiteral("value"), stars},
                                    {QStringLiteral("at"), at}},
                        QJsonObject{{QStringLiteral("key"), QStringLiteral("MRR")},
                                    {QStringLiteral("label"), QStringLiteral("MRR, net")},
                                    {QStringLiteral("unit"), QStringLiteral("EUR")},
                                    {QStringLiteral("value"), 990.5},
                                    {QStringLiteral("at"), at}}}}};
        return item;
    }

    DeliveryOutcome::Kind deliver(const DeliveryItem &item, DeliveryOutcome *outcome = nullptr)
    {
        CsvDestination csv(config());
        QSignalSpy finished(&csv, &CsvDestination::finished);
        csv.deliver(item, {});
        if (!finished.wait(5000))
            return DeliveryOutcome::Kind::Retry;
        const auto result = finished.first().first().value<DeliveryOutcome>();
        if (outcome)
            *outcome = result;
        return result.kind;
    }

    QByteArray read() const
    {
        QFile file(m_path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(TestCsvDestination)
#include "TestCsvDestination.moc"
