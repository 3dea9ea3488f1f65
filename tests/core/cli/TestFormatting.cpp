// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "cli/Formatting.h"
#include "cli/TextTable.h"

#include <QDateTime>
#include <QTest>
#include <QTextStream>

#include <cmath>

using namespace kpi::cli;

class TestFormatting : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatValue_isShortAndExact_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("integer") << 1523.0 << "1523";
        QTest::newRow("negative") << -42.0 << "-42";
        QTest::newRow("zero") << 0.0 << "0";
        QTest::newRow("fraction") << 0.1 << "0.1";
        QTest::newRow("thirds") << 1.0 / 3.0 << "0.3333333333333333";
        QTest::newRow("large") << 1.5e20 << "1.5e+20";
        QTest::newRow("big integer") << 123456789012.0 << "123456789012";
    }
    void formatValue_isShortAndExact()
    {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(formatValue(value), text);
    }

    void formatChange_absoluteAndPercent_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("previous");
        QTest::addColumn<bool>("hasPrevious");
        QTest::addColumn<QString>("text");
        QTest::newRow("up") << 1600.0 << 1523.0 << true << "+77 (+5.1 %)";
        QTest::newRow("down") << 400.0 << 412.0 << true << "-12 (-2.9 %)";
        QTest::newRow("same") << 5.0 << 5.0 << true << "0";
        QTest::newRow("from zero") << 5.0 << 0.0 << true << "+5";
        QTest::newRow("from negative") << 0.0 << -10.0 << true << "+10 (+100.0 %)";
        QTest::newRow("new") << 5.0 << 0.0 << false << "new";
    }
    void formatChange_absoluteAndPercent()
    {
        QFETCH(double, value);
        QFETCH(double, previous);
        QFETCH(bool, hasPrevious);
        QFETCH(QString, text);
        QCOMPARE(formatChange(value, hasPrevious ? std::optional(previous) : std::nullopt), text);
    }

    void formatUtc_isIsoWithZ()
    {
        const qint64 at = QDateTime(QDate(2026, 11, 28), QTime(6, 0), Qt::UTC).toMSecsSinceEpoch();
        QCOMPARE(formatUtc(at), QStringLiteral("2026-11-28T06:00:00Z"));
        QCOMPARE(formatUtc(at + 135), QStringLiteral("2026-11-28T06:00:00.135Z"));
    }

    void csvField_quotesOnlyWhenNeeded()
    {
        QCOMPARE(csvField(QStringLiteral("github")), QStringLiteral("github"));
        QCOMPARE(csvField(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
        QCOMPARE(csvField(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
        QCOMPARE(csvField(QStringLiteral("two\nlines")), QStringLiteral("\"two\nlines\""));
    }

    void parseDateArgument_acceptsDatesAndTimes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("endOfDay");
        QTest::addColumn<QString>("expected"); // UTC ISO, or empty for invalid
        QTest::newRow("date starts the Berlin day")
            << "2026-11-28" << false << "2026-11-27T23:00:00.000Z";
        QTest::newRow("date ends the Berlin day")
            << "2026-11-28" << true << "2026-11-28T22:59:59.999Z";
        QTest::newRow("summer date") << "2026-07-01" << false << "2026-06-30T22:00:00.000Z";
        QTest::newRow("UTC time") << "2026-11-28T06:00:00Z" << false << "2026-11-28T06:00:00.000Z";
        QTest::newRow("offset time")
            << "2026-11-28T06:00:00+05:00" << false << "2026-11-28T01:00:00.000Z";
        QTest::newRow("zone-less time is Berlin's")
            << "2026-11-28T06:00:00" << false << "2026-11-28T05:00:00.000Z";
        QTest::newRow("no such day") << "2026-02-30" << false << "";
        QTest::newRow("words") << "yesterday" << false << "";
        QTest::newRow("empty") << "" << false << "";
    }
    void parseDateArgument_acceptsDatesAndTimes()
    {
        QFETCH(QString, text);
        QFETCH(bool, endOfDay);
        QFETCH(QString, expected);
        const auto parsed =
            parseDateArgument(text, QTimeZone(QByteArrayLiteral("Europe/Berlin")), endOfDay);
        QCOMPARE(parsed.has_value(), !expected.isEmpty());
        if (parsed)
            QCOMPARE(QDateTime::fromMSecsSinceEpoch(*parsed, Qt::UTC).toString(Qt::ISODateWithMs),
                     expected);
    }

    void textTable_padsAndAligns()
    {
        TextTable table;
        table.addColumn(QStringLiteral("NAME"));
        table.addColumn(QStringLiteral("VALUE"), TextTable::Align::Right);
        table.addColumn(QStringLiteral("NOTE"));
        table.addRow({QStringLiteral("stars"), QStringLiteral("1523"), QStringLiteral("ok")});
        table.addRow({QStringLiteral("weekly users"), QStringLiteral("7"), QString()});
        QString text;
        QTextStream out(&text);
        table.print(out);
        out.flush();
        QCOMPARE(text, QStringLiteral("NAME          VALUE  NOTE\n"
                                      "stars          1523  ok\n"
                                      "weekly users      7\n"));
    }
};

QTEST_GUILESS_MAIN(TestFormatting)
#include "TestFormatting.moc"
