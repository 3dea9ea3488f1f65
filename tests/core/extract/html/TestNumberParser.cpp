// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "extract/html/NumberParser.h"

#include <QTest>

using kpi::extract::NumberParser;

class TestNumberParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QChar>("decimal");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<double>("expected");
        auto ok = [](const char *text, double value, QChar decimal = u'.') {
            QTest::newRow(text) << QString::fromUtf8(text) << decimal << true << value;
        };
        auto bad = [](const char *text, QChar decimal = u'.') {
            QTest::newRow(text) << QString::fromUtf8(text) << decimal << false << 0.0;
        };
        ok("42", 42);
        ok("  42\n", 42);
        ok("3.25", 3.25);
        ok(".5", 0.5);
        ok("1,234", 1234);
        ok("1,234,567.89", 1234567.89);
        ok("1 234", 1234);
        ok("1\u00a0234", 1234); // no-break space
        ok("1\u202f234", 1234); // narrow no-break space
        ok("1'234", 1234);      // Swiss
        ok("1,23,456", 123456); // Indian lakh grouping
        ok("1.2k", 1200);
        ok("1.2K", 1200);
        ok("3.4M", 3400000);
        ok("3.4 m", 3400000);
        ok("2bn", 2e9);
        ok("1.5B", 1.5e9);
        ok("1T", 1e12);
        ok("12 %", 12);
        ok("12%", 12);
        ok("\u22125", -5); // minus sign
        ok("-5", -5);
        ok("+3", 3);
        ok("- 7", -7);
        ok("$1,234.50", 1234.5);
        ok("-$3", -3);
        ok("1.5e3", 1500);
        ok("2E-2", 0.02);
        ok("12\u20ac", 12);
        ok("1 234,5", 1234.5, u',');
        ok("1.234,5", 1234.5, u',');
        ok("0,75", 0.75, u',');
        ok("1.234", 1234, u',');
        ok("1,2k", 1200, u',');
        ok("12,5 %", 12.5, u',');
        ok("1.234", 1.234);
        ok("007", 7);
        bad("");
        bad("   ");
        bad("abc");
        bad("12 apples");
        bad("1,23"); // a decimal comma where '.' was configured
        bad("1,2345");
        bad("12,34,5");
        bad("1.2.3");
        bad("3 4");
        ok("1,234", 1.234, u','); // as configured
        bad("k");
        bad("-");
        bad("1.2kk");
        bad("$$5");
        bad("5 %%");
        bad("1e");
        bad("1,234", QChar(u';')); // only '.' and ',' are decimal separators
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(QChar, decimal);
        QFETCH(bool, valid);
        QFETCH(double, expected);
        const std::optional<double> value = NumberParser::parse(text, decimal);
        QCOMPARE(value.has_value(), valid);
        if (valid)
            QCOMPARE(*value, expected);
    }
};

QTEST_GUILESS_MAIN(TestNumberParser)
#include "TestNumberParser.moc"
