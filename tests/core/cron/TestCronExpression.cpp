// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
//
// Every expected time below is worked out by hand or by plain calendar arithmetic on
// QDate in the row generators, never by asking CronExpression. Calendar facts used:
// 2026-01-01 is a Thursday, 2026-05-13 a Wednesday, 2026-02-01 a Sunday, 2026-05-01 a
// Friday. The 2026 transitions (checked with QTimeZone::transitions):
//   Europe/Berlin       2026-03-29 01:00Z  02:00+01:00 → 03:00+02:00
//                       2026-10-25 01:00Z  03:00+02:00 → 02:00+01:00
//   America/New_York    2026-03-08 07:00Z  02:00-05:00 → 03:00-04:00
//                       2026-11-01 06:00Z  02:00-04:00 → 01:00-05:00
//   Australia/Lord_Howe 2026-04-04 15:00Z  02:00+11:00 → 01:30+10:30
//                       2026-10-03 15:30Z  02:00+10:30 → 02:30+11:00
#include "TestSupport.h"
#include "cron/CronExpression.h"

#include <QDateTime>
#include <QSet>
#include <QTest>
#include <QTimeZone>

using kpi::cron::CronExpression;

namespace {

// ISO 8601 with the offset always spelled out (never "Z"), so a row says which side of a
// transition it means.
QString iso(const QDateTime &time)
{
    if (!time.isValid())
        return QString();
    const int offset = time.offsetFromUtc();
    const int minutes = qAbs(offset) / 60;
    return time.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss")) +
           (offset < 0 ? QLatin1Char('-') : QLatin1Char('+')) +
           QStringLiteral("%1:%2")
               .arg(minutes / 60, 2, 10, QLatin1Char('0'))
               .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QDateTime at(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        qFatal("bad time in a test row: %s", qPrintable(text));
    return time;
}

QString utcText(const QDate &date, int hour, int minute)
{
    return iso(QDateTime(date, QTime(hour, minute), Qt::UTC));
}

const QStringList MonthNames{QStringLiteral("JAN"), QStringLiteral("FEB"), QStringLiteral("MAR"),
                             QStringLiteral("APR"), QStringLiteral("MAY"), QStringLiteral("JUN"),
                             QStringLiteral("JUL"), QStringLiteral("AUG"), QStringLiteral("SEP"),
                             QStringLiteral("OCT"), QStringLiteral("NOV"), QStringLiteral("DEC")};
const QStringList DayNames{QStringLiteral("SUN"), QStringLiteral("MON"), QStringLiteral("TUE"),
                           QStringLiteral("WED"), QStringLiteral("THU"), QStringLiteral("FRI"),
                           QStringLiteral("SAT")};

struct FieldInfo
{
    const char *name;
    int position;
    int min;
    int max;
    int steps; // the largest step: the number of distinct values
};

const FieldInfo Fields[] = {
    {"minute", 0, 0, 59, 60}, {"hour", 1, 0, 23, 24},      {"day-of-month", 2, 1, 31, 31},
    {"month", 3, 1, 12, 12},  {"day-of-week", 4, 0, 7, 7},
};

// "*" everywhere but `token` at `position`.
QString withField(int position, const QString &token)
{
    QStringList fields(5, QStringLiteral("*"));
    fields[position] = token;
    return fields.join(QLatin1Char(' '));
}

} // namespace

class TestCronExpression : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_acceptsValidExpressions_data();
    void parse_acceptsValidExpressions();
    void parse_rejectsWithFieldAndToken_data();
    void parse_rejectsWithFieldAndToken();
    void defaultConstructed_neverMatches();
    void next_findsTheFirstTimeStrictlyAfter_data();
    void next_findsTheFirstTimeStrictlyAfter();
    void next_repeatedGivesTheSequence_data();
    void next_repeatedGivesTheSequence();
    void next_acrossADstDayHasNoDuplicatesAndNoGaps_data();
    void next_acrossADstDayHasNoDuplicatesAndNoGaps();
};

void TestCronExpression::parse_acceptsValidExpressions_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expectedText");

    const QStringList valid{
        QStringLiteral("* * * * *"),
        QStringLiteral("0 6 * * *"),
        QStringLiteral("*/15 * * * *"),
        QStringLiteral("0 9 * * MON-FRI"),
        QStringLiteral("0 6 * JAN-JUN MON-FRI"),
        QStringLiteral("0,30 6,18 1 * *"),
        QStringLiteral("0 0 1,15 * *"),
        QStringLiteral("5-10/2 * * * *"),
        QStringLiteral("5/20 * * * *"),
        QStringLiteral("59 23 31 12 7"),
        QStringLiteral("0 0 * * 0-7"),
        QStringLiteral("0 0 * * 7"),
        QStringLiteral("0 0 * * sun"),
        QStringLiteral("0 0 * * Sat-7"),
        QStringLiteral("0 0 * jan,Feb,MAR *"),
        QStringLiteral("0 0 * dec *"),
        QStringLiteral("00 06 01 01 00"),
        QStringLiteral("*/60 */24 */31 */12 */7"),
        QStringLiteral("*/1 */1 */1 */1 */1"),
        QStringLiteral("0-59 0-23 1-31 1-12 0-7"),
        QStringLiteral("1,2,3,4,5 1-2,4-5 1/10 JAN/3 MON/2"),
        QStringLiteral("0 0 30 2 *"),
        QStringLiteral("0 0 29 2 *"),
        QStringLiteral("@hourly"),
        QStringLiteral("@daily"),
        QStringLiteral("@midnight"),
        QStringLiteral("@weekly"),
        QStringLiteral("@monthly"),
        QStringLiteral("@yearly"),
        QStringLiteral("@annually"),
        QStringLiteral("@DAILY"),
    };
    for (const QString &text : valid)
        QTest::newRow(qPrintable(text)) << text << text;
    QTest::newRow("surrounding blanks trimmed")
        << QStringLiteral("  0 6 * * *\t") << QStringLiteral("0 6 * * *");
    QTest::newRow("tabs and runs of blanks between fields")
        << QStringLiteral("0\t6  *   * *") << QStringLiteral("0\t6  *   * *");

    // Every single value of every field, and every name.
    for (const FieldInfo &field : Fields) {
        for (int value = field.min; value <= field.max; ++value) {
            const QString text = withField(field.position, QString::number(value));
            QTest::newRow(
                qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(field.name)).arg(value)))
                << text << text;
        }
    }
    for (const QString &name : MonthNames) {
        for (const QString &spelled : {name, name.toLower()}) {
            const QString text = withField(3, spelled);
            QTest::newRow(qPrintable(text)) << text << text;
        }
    }
    for (const QString &name : DayNames) {
        for (const QString &spelled : {name, name.toLower()}) {
            const QString text = withField(4, spelled);
            QTest::newRow(qPrintable(text)) << text << text;
        }
    }
}

void TestCronExpression::parse_acceptsValidExpressions()
{
    QFETCH(QString, text);
    QFETCH(QString, expectedText);
    const auto parsed = CronExpression::parse(text);
    KPI_VERIFY_OK(parsed);
    QCOMPARE(parsed->text(), expectedText);
    QVERIFY(parsed->isValid());
}

void TestCronExpression::parse_rejectsWithFieldAndToken_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    const QString fieldCount = QStringLiteral(
        "expected 5 fields (minute hour day-of-month month day-of-week) or a macro such as "
        "@daily, got %1");
    QTest::newRow("empty") << QString() << fieldCount.arg(0);
    QTest::newRow("blank") << QStringLiteral("   ") << fieldCount.arg(0);
    QTest::newRow("a word") << QStringLiteral("daily") << fieldCount.arg(1);
    QTest::newRow("four fields") << QStringLiteral("0 6 * *") << fieldCount.arg(4);
    QTest::newRow("six fields (seconds)") << QStringLiteral("0 0 6 * * *") << fieldCount.arg(6);
    QTest::newRow("seven fields") << QStringLiteral("0 0 6 * * * 2026") << fieldCount.arg(7);

    const QString macro = QStringLiteral(
        "unknown macro \"%1\"; expected @hourly, @daily, @midnight, @weekly, @monthly, @yearly "
        "or @annually");
    for (const char *name : {"@sometimes", "@reboot", "@", "@day", "@every 5m"})
        QTest::newRow(name) << QString::fromLatin1(name) << macro.arg(QLatin1String(name));

    for (const FieldInfo &field : Fields) {
        const QString name = QLatin1String(field.name);
        const auto row = [&](const QString &token, const QString &message) {
            QTest::newRow(qPrintable(name + QStringLiteral(": ") + token))
                << withField(field.position, token) << name + QStringLiteral(": ") + message;
        };
        const QString outOfRange = QStringLiteral("%1 is out of range %2-%3");
        row(QString::number(field.max + 1),
            outOfRange.arg(field.max + 1).arg(field.min).arg(field.max));
        row(QStringLiteral("99"), outOfRange.arg(99).arg(field.min).arg(field.max));
        row(QStringLiteral("99999999999"),
            outOfRange.arg(QStringLiteral("99999999999")).arg(field.min).arg(field.max));
        if (field.min > 0)
            row(QStringLiteral("0"), outOfRange.arg(0).arg(field.min).arg(field.max));
        // Out of range anywhere in a range, a list or before a step.
        row(QStringLiteral("%1-%2").arg(field.min).arg(field.max + 1),
            outOfRange.arg(field.max + 1).arg(field.min).arg(field.max));
        row(QStringLiteral("%1,%2").arg(field.min).arg(field.max + 1),
            outOfRange.arg(field.max + 1).arg(field.min).arg(field.max));
        row(QStringLiteral("%1/2").arg(field.max + 1),
            outOfRange.arg(field.max + 1).arg(field.min).arg(field.max));

        const QString steps = QStringLiteral("step %1 is out of range 1-%2");
        row(QStringLiteral("*/0"), steps.arg(0).arg(field.steps));
        row(QStringLiteral("*/%1").arg(field.steps + 1),
            steps.arg(field.steps + 1).arg(field.steps));
        row(QStringLiteral("%1-%2/0").arg(field.min).arg(field.min + 1),
            steps.arg(0).arg(field.steps));
        row(QStringLiteral("*/x"), QStringLiteral("step \"x\" is not a number"));
        row(QStringLiteral("*/-1"), QStringLiteral("step \"-1\" is not a number"));

        const QString malformed =
            QStringLiteral("\"%1\" is not a number, a range (a-b) or a step (*/n)");
        for (const char *token : {"1-2-3", "-5", "5-", "*-5", "**", "1/2/3", "*/", "/5", "-"})
            row(QLatin1String(token), malformed.arg(QLatin1String(token)));

        const QString empty = QStringLiteral("empty item in the list \"%1\"");
        for (const char *token : {"1,,2", ",1", "1,", ","})
            row(QLatin1String(token), empty.arg(QLatin1String(token)));

        const QString notNumber =
            field.position == 3   ? QStringLiteral("\"%1\" is not a number or a month name")
            : field.position == 4 ? QStringLiteral("\"%1\" is not a number or a day name")
                                  : QStringLiteral("\"%1\" is not a number");
        for (const char *token : {"x", "1x", "1.5", "+1", "\u0663", "MOM", "JANU", "?", "L"})
            row(QString::fromUtf8(token), notNumber.arg(QString::fromUtf8(token)));
        if (field.position != 3)
            row(QStringLiteral("JAN"), notNumber.arg(QStringLiteral("JAN")));
        if (field.position != 4)
            row(QStringLiteral("MON"), notNumber.arg(QStringLiteral("MON")));
    }

    // Backwards ranges: Vixie cron refuses them, and so do we, suggesting the list.
    const auto backwards = [](const char *name, const QString &text, const QString &message) {
        QTest::newRow(name) << text << message;
    };
    backwards("minute 30-10", QStringLiteral("30-10 * * * *"),
              QStringLiteral("minute: range \"30-10\" runs backwards; write it as a list, such as "
                             "\"30-59,0-10\""));
    backwards("hour 22-2", QStringLiteral("0 22-2 * * *"),
              QStringLiteral("hour: range \"22-2\" runs backwards; write it as a list, such as "
                             "\"22-23,0-2\""));
    backwards("day-of-month 20-10", QStringLiteral("0 0 20-10 * *"),
              QStringLiteral("day-of-month: range \"20-10\" runs backwards; write it as a list, "
                             "such as \"20-31,1-10\""));
    backwards("month 10-2", QStringLiteral("0 0 1 10-2 *"),
              QStringLiteral("month: range \"10-2\" runs backwards; write it as a list, such as "
                             "\"10-12,1-2\""));
    backwards("month NOV-FEB", QStringLiteral("0 0 1 NOV-FEB *"),
              QStringLiteral("month: range \"NOV-FEB\" runs backwards; write it as a list, such "
                             "as \"NOV-12,1-FEB\""));
    backwards("day-of-week 5-1", QStringLiteral("0 0 * * 5-1"),
              QStringLiteral("day-of-week: range \"5-1\" runs backwards; write it as a list, such "
                             "as \"5-6,0-1\""));
    backwards("day-of-week SAT-SUN", QStringLiteral("0 0 * * SAT-SUN"),
              QStringLiteral("day-of-week: range \"SAT-SUN\" runs backwards; write it as a list, "
                             "such as \"SAT-6,0-SUN\""));
    backwards("backwards range with a step", QStringLiteral("50-10/5 * * * *"),
              QStringLiteral("minute: range \"50-10\" runs backwards; write it as a list, such as "
                             "\"50-59,0-10\""));

    // The first bad field is the one reported.
    QTest::newRow("first bad field wins")
        << QStringLiteral("0 24 * * MOM") << QStringLiteral("hour: 24 is out of range 0-23");
    QTest::newRow("brief example: day-of-week name")
        << QStringLiteral("0 9 * * MOM")
        << QStringLiteral("day-of-week: \"MOM\" is not a number or a day name");
    QTest::newRow("names are three letters")
        << QStringLiteral("0 9 * * MONDAY")
        << QStringLiteral("day-of-week: \"MONDAY\" is not a number or a day name");
    QTest::newRow("month names in a range with a bad end")
        << QStringLiteral("0 9 1 JAN-JUNE *")
        << QStringLiteral("month: \"JUNE\" is not a number or a month name");
}

void TestCronExpression::parse_rejectsWithFieldAndToken()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    const auto parsed = CronExpression::parse(text);
    QVERIFY2(!parsed, qPrintable(text));
    QCOMPARE(parsed.error().message, message);
    QCOMPARE(parsed.error().code, kpi::Error::Code::InvalidInput);
}

void TestCronExpression::defaultConstructed_neverMatches()
{
    const CronExpression none;
    QVERIFY(!none.isValid());
    QVERIFY(none.text().isEmpty());
    QVERIFY(!none.next(at(QStringLiteral("2026-01-01T00:00:00Z")), QTimeZone::utc()).isValid());

    const auto every = CronExpression::parse(QStringLiteral("* * * * *"));
    KPI_VERIFY_OK(every);
    QVERIFY(!every->next(QDateTime(), QTimeZone::utc()).isValid());
    QVERIFY(!every->next(at(QStringLiteral("2026-01-01T00:00:00Z")), QTimeZone()).isValid());
}

void TestCronExpression::next_findsTheFirstTimeStrictlyAfter_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("expected"); // empty: no time (an invalid QDateTime)

    const QString utc = QStringLiteral("UTC");
    const auto row = [](const QString &name, const QString &expression, const QString &zone,
                        const QString &after, const QString &expected) {
        QTest::newRow(qPrintable(name)) << expression << zone << after << expected;
    };
    const auto simple = [&](const char *expression, const char *after, const char *expected) {
        row(QStringLiteral("%1 after %2").arg(QLatin1String(expression), QLatin1String(after)),
            QLatin1String(expression), utc, QLatin1String(after), QLatin1String(expected));
    };

    // --- Generated: one field at a time, in UTC, from fixed instants. ---
    const QDate may10(2026, 5, 10);
    // "m * * * *" from 10:30:00 and from 10:30:45: later this hour if m > 30, else next hour.
    for (int m = 0; m < 60; ++m) {
        const QString expected = m > 30 ? utcText(may10, 10, m) : utcText(may10, 11, m);
        for (const char *after : {"2026-05-10T10:30:00Z", "2026-05-10T10:30:45.500Z"})
            row(QStringLiteral("minute %1 after %2").arg(m).arg(QLatin1String(after)),
                QStringLiteral("%1 * * * *").arg(m), utc, QLatin1String(after), expected);
    }
    // "m h * * *" from 10:30: today if (h, m) is later than (10, 30), else tomorrow.
    for (int h = 0; h < 24; ++h) {
        for (int m : {0, 29, 30, 31, 59}) {
            const bool today = h > 10 || (h == 10 && m > 30);
            row(QStringLiteral("%1 %2 * * * after 10:30").arg(m).arg(h),
                QStringLiteral("%1 %2 * * *").arg(m).arg(h), utc,
                QStringLiteral("2026-05-10T10:30:00Z"),
                utcText(today ? may10 : may10.addDays(1), h, m));
        }
    }
    // "0 0 d * *" from 2026-01-15 12:00: this January if d > 15, else February (28 days in
    // 2026), else March for 29–31.
    for (int d = 1; d <= 31; ++d) {
        const QDate expected = d > 15    ? QDate(2026, 1, d)
                               : d <= 28 ? QDate(2026, 2, d)
                                         : QDate(2026, 3, d);
        row(QStringLiteral("day %1").arg(d), QStringLiteral("0 0 %1 * *").arg(d), utc,
            QStringLiteral("2026-01-15T12:00:00Z"), utcText(expected, 0, 0));
    }
    // "0 0 1 m *" from 2026-06-15: this year if m > 6, else next year; names alike.
    for (int m = 1; m <= 12; ++m) {
        const QString expected = utcText(QDate(m > 6 ? 2026 : 2027, m, 1), 0, 0);
        for (const QString &token :
             {QString::number(m), MonthNames.at(m - 1), MonthNames.at(m - 1).toLower()})
            row(QStringLiteral("month %1").arg(token), QStringLiteral("0 0 1 %1 *").arg(token), utc,
                QStringLiteral("2026-06-15T12:00:00Z"), expected);
    }
    // "0 0 * * w" from Wednesday 2026-05-13 12:00 (w = 3): the next such weekday, a week
    // on for Wednesday itself; 7 is Sunday like 0.
    for (int w = 0; w <= 7; ++w) {
        int ahead = (w % 7 - 3 + 7) % 7;
        if (ahead == 0)
            ahead = 7;
        const QString expected = utcText(QDate(2026, 5, 13).addDays(ahead), 0, 0);
        QStringList tokens{QString::number(w)};
        if (w < 7)
            tokens << DayNames.at(w) << DayNames.at(w).toLower();
        for (const QString &token : tokens)
            row(QStringLiteral("weekday %1").arg(token), QStringLiteral("0 0 * * %1").arg(token),
                utc, QStringLiteral("2026-05-13T12:00:00Z"), expected);
    }
    // "*/n * * * *" from 10:30: the first multiple of n above 30, or 11:00 when it passes 59.
    for (int n = 1; n <= 60; ++n) {
        const int v = (30 / n + 1) * n;
        row(QStringLiteral("every %1 minutes").arg(n), QStringLiteral("*/%1 * * * *").arg(n), utc,
            QStringLiteral("2026-05-10T10:30:00Z"),
            v <= 59 ? utcText(may10, 10, v) : utcText(may10, 11, 0));
    }
    // "0 */n * * *" from 10:30: the first multiple of n above 10, or tomorrow 00:00.
    for (int n = 1; n <= 24; ++n) {
        const int h = (10 / n + 1) * n;
        row(QStringLiteral("every %1 hours").arg(n), QStringLiteral("0 */%1 * * *").arg(n), utc,
            QStringLiteral("2026-05-10T10:30:00Z"),
            h <= 23 ? utcText(may10, h, 0) : utcText(may10.addDays(1), 0, 0));
    }
    // "a-b * * * *" from 10:30: the first minute of a..b above 30, else a at 11.
    for (int a : {0, 10, 28, 30, 31, 45, 59}) {
        for (int b : {a, a + 1, a + 5, 59}) {
            if (b > 59)
                continue;
            int v = -1;
            for (int m = a; m <= b && v < 0; ++m)
                v = m > 30 ? m : -1;
            row(QStringLiteral("range %1-%2").arg(a).arg(b),
                QStringLiteral("%1-%2 * * * *").arg(a).arg(b), utc,
                QStringLiteral("2026-05-10T10:30:00Z"),
                v >= 0 ? utcText(may10, 10, v) : utcText(may10, 11, a));
        }
    }

    // --- Written out: lists, steps, names, macros, calendars. ---
    simple("* * * * *", "2026-05-10T10:00:30Z", "2026-05-10T10:01:00+00:00");
    simple("* * * * *", "2026-05-10T10:00:00Z", "2026-05-10T10:01:00+00:00");
    simple("31 * * * *", "2026-05-10T10:30:59.999Z", "2026-05-10T10:31:00+00:00");
    simple("0,15,45 * * * *", "2026-05-10T10:15:00Z", "2026-05-10T10:45:00+00:00");
    simple("0,15,45 * * * *", "2026-05-10T10:45:00Z", "2026-05-10T11:00:00+00:00");
    simple("*/7 * * * *", "2026-05-10T10:56:00Z", "2026-05-10T11:00:00+00:00");
    simple("5/20 * * * *", "2026-05-10T10:25:00Z", "2026-05-10T10:45:00+00:00");
    simple("5/20 * * * *", "2026-05-10T10:45:00Z", "2026-05-10T11:05:00+00:00");
    simple("10-30/10 * * * *", "2026-05-10T10:20:00Z", "2026-05-10T10:30:00+00:00");
    simple("10-30/10 * * * *", "2026-05-10T10:30:00Z", "2026-05-10T11:10:00+00:00");
    simple("0 0 */10 * *", "2026-01-21T00:00:00Z", "2026-01-31T00:00:00+00:00");
    simple("0 0 */10 * *", "2026-01-31T00:00:00Z", "2026-02-01T00:00:00+00:00");
    simple("0 0 1 */4 *", "2026-01-01T00:00:00Z", "2026-05-01T00:00:00+00:00");
    simple("0 0 1 */4 *", "2026-09-01T00:00:00Z", "2027-01-01T00:00:00+00:00");
    simple("0 0 1 JAN/3 *", "2026-05-01T00:00:00Z", "2026-07-01T00:00:00+00:00");
    // */2 on day-of-week: 0, 2, 4, 6 — Sunday, Tuesday, Thursday, Saturday. From Wednesday.
    simple("0 0 * * */2", "2026-05-13T00:00:00Z", "2026-05-14T00:00:00+00:00");
    simple("0 0 * * */2", "2026-05-14T00:00:00Z", "2026-05-16T00:00:00+00:00");
    simple("0 0 * * */2", "2026-05-16T00:00:00Z", "2026-05-17T00:00:00+00:00");
    // 1-7/2: 1, 3, 5, 7 — Monday, Wednesday, Friday, Sunday.
    simple("0 0 * * 1-7/2", "2026-05-15T00:00:00Z", "2026-05-17T00:00:00+00:00");
    simple("0 0 * * 1-7/2", "2026-05-17T00:00:00Z", "2026-05-18T00:00:00+00:00");
    simple("0 9 * * MON-FRI", "2026-05-15T09:00:00Z", "2026-05-18T09:00:00+00:00");
    simple("0 9 * * mon-fri", "2026-05-15T08:59:59Z", "2026-05-15T09:00:00+00:00");
    simple("0 0 * * 7/2", "2026-05-13T00:00:00Z", "2026-05-17T00:00:00+00:00");
    simple("0 0 * * 7/2", "2026-05-17T00:00:00Z", "2026-05-24T00:00:00+00:00");
    simple("0 0 * * 5/1", "2026-05-16T00:00:00Z", "2026-05-22T00:00:00+00:00");
    simple("0 0 * * SAT-7", "2026-05-13T00:00:00Z", "2026-05-16T00:00:00+00:00");
    simple("0 0 * * SAT-7", "2026-05-16T00:00:00Z", "2026-05-17T00:00:00+00:00");
    simple("0 0 * * SAT-7", "2026-05-17T00:00:00Z", "2026-05-23T00:00:00+00:00");
    simple("0 6 * JAN-JUN MON-FRI", "2026-06-30T06:00:00Z", "2027-01-01T06:00:00+00:00");
    simple("0 0 1 1 *", "2026-12-31T23:59:59Z", "2027-01-01T00:00:00+00:00");
    simple("59 23 31 12 *", "2026-12-31T23:59:00Z", "2027-12-31T23:59:00+00:00");
    simple("0 12 * * *", "2026-05-10T12:00:00Z", "2026-05-11T12:00:00+00:00");
    simple("@hourly", "2026-05-10T10:30:00Z", "2026-05-10T11:00:00+00:00");
    simple("@daily", "2026-05-10T10:30:00Z", "2026-05-11T00:00:00+00:00");
    simple("@midnight", "2026-05-10T00:00:00Z", "2026-05-11T00:00:00+00:00");
    simple("@DAILY", "2026-05-10T23:59:59Z", "2026-05-11T00:00:00+00:00");
    simple("@weekly", "2026-05-13T12:00:00Z", "2026-05-17T00:00:00+00:00");
    simple("@monthly", "2026-05-13T12:00:00Z", "2026-06-01T00:00:00+00:00");
    simple("@yearly", "2026-05-13T12:00:00Z", "2027-01-01T00:00:00+00:00");
    simple("@annually", "2026-12-31T23:59:59Z", "2027-01-01T00:00:00+00:00");

    // The OR rule: both day fields restricted, so the 13th OR a Friday.
    simple("0 0 13 * 5", "2026-02-01T00:00:00Z", "2026-02-06T00:00:00+00:00");
    simple("0 0 13 * FRI", "2026-02-06T00:00:00Z", "2026-02-13T00:00:00+00:00");
    simple("0 0 13 * 5", "2026-03-07T00:00:00Z", "2026-03-13T00:00:00+00:00");
    simple("0 0 1 * MON", "2026-04-28T00:00:00Z", "2026-05-01T00:00:00+00:00");
    simple("0 0 1 * MON", "2026-05-01T00:00:00Z", "2026-05-04T00:00:00+00:00");
    simple("0 0 1,15 * 3", "2026-05-13T00:00:00Z", "2026-05-15T00:00:00+00:00");
    // 2026-05-31 is a Sunday: "31 OR Sunday" in May meets both on one day, once.
    simple("0 0 31 5 0", "2026-05-30T00:00:00Z", "2026-05-31T00:00:00+00:00");
    simple("0 0 31 5 0", "2026-05-31T00:00:00Z", "2027-05-02T00:00:00+00:00");
    // "0 0 30 2 *" never; "0 0 30 2 MON" runs on February's Mondays (OR), the first in 2027
    // being 2027-02-01 (2027-01-01 is a Friday).
    simple("0 0 30 2 MON", "2026-03-01T00:00:00Z", "2027-02-01T00:00:00+00:00");
    // One of them starting with "*": AND. Odd days (*/2 from 1) that are Mondays: May
    // 2026's Mondays are 4, 11, 18, 25.
    simple("0 0 */2 * 1", "2026-05-01T00:00:00Z", "2026-05-11T00:00:00+00:00");
    simple("0 0 */2 * 1", "2026-05-11T00:00:00Z", "2026-05-25T00:00:00+00:00");
    // The first Sunday of a month: 1-7 AND */7 (which is just 0).
    simple("0 0 1-7 * */7", "2026-05-01T00:00:00Z", "2026-05-03T00:00:00+00:00");
    simple("0 0 1-7 * */7", "2026-05-03T00:00:00Z", "2026-06-07T00:00:00+00:00");
    simple("0 0 * * 1", "2026-05-01T00:00:00Z", "2026-05-04T00:00:00+00:00");
    simple("0 0 1 * *", "2026-05-01T00:00:00Z", "2026-06-01T00:00:00+00:00");
    simple("0 0 */31 2 1", "2026-01-01T00:00:00Z", "2027-02-01T00:00:00+00:00");

    // Leap years, the 31st, and days that never come.
    simple("0 0 29 2 *", "2025-01-01T00:00:00Z", "2028-02-29T00:00:00+00:00");
    simple("0 0 29 2 *", "2028-02-29T00:00:00Z", "2032-02-29T00:00:00+00:00");
    simple("0 0 29 2 *", "2028-02-28T23:59:59Z", "2028-02-29T00:00:00+00:00");
    simple("0 0 29 2 *", "2096-03-01T00:00:00Z", "2104-02-29T00:00:00+00:00"); // 2100: no
    simple("0 0 29 FEB *", "2099-01-01T00:00:00Z", "2104-02-29T00:00:00+00:00");
    simple("0 0 31 * *", "2026-01-31T00:00:00Z", "2026-03-31T00:00:00+00:00");
    simple("0 0 31 * *", "2026-03-31T00:00:00Z", "2026-05-31T00:00:00+00:00");
    simple("0 0 31 * *", "2026-05-31T00:00:00Z", "2026-07-31T00:00:00+00:00");
    simple("0 0 31 * *", "2026-07-31T00:00:00Z", "2026-08-31T00:00:00+00:00");
    simple("0 0 31 * *", "2026-08-31T00:00:00Z", "2026-10-31T00:00:00+00:00");
    simple("0 0 31 * *", "2026-10-31T00:00:00Z", "2026-12-31T00:00:00+00:00");
    simple("0 0 31 * *", "2026-12-31T00:00:00Z", "2027-01-31T00:00:00+00:00");
    simple("0 0 30 2 *", "2026-01-01T00:00:00Z", "");
    simple("0 0 31 2 *", "2026-01-01T00:00:00Z", "");
    simple("0 0 31 4,6,9,11 *", "2026-01-01T00:00:00Z", "");
    simple("0 0 31 APR *", "2026-01-01T00:00:00Z", "");
    simple("0 0 30 FEB *", "2028-01-01T00:00:00Z", "");

    // `after` in another zone or offset is the same instant.
    row(QStringLiteral("after given with an offset"), QStringLiteral("0 11 * * *"), utc,
        QStringLiteral("2026-05-10T16:00:00+05:30"), QStringLiteral("2026-05-10T11:00:00+00:00"));
    row(QStringLiteral("the zone's calendar day, not UTC's"), QStringLiteral("0 0 * * *"),
        QStringLiteral("America/New_York"), QStringLiteral("2026-05-10T02:00:00Z"),
        QStringLiteral("2026-05-10T00:00:00-04:00"));
    row(QStringLiteral("Asia/Kolkata, a half-hour offset"), QStringLiteral("30 9 * * *"),
        QStringLiteral("Asia/Kolkata"), QStringLiteral("2026-05-10T03:59:00Z"),
        QStringLiteral("2026-05-10T09:30:00+05:30"));

    // --- Daylight saving time. ---
    const QString berlin = QStringLiteral("Europe/Berlin");
    const QString newYork = QStringLiteral("America/New_York");
    const QString lordHowe = QStringLiteral("Australia/Lord_Howe");
    const auto dst = [&](const char *name, const char *expression, const QString &zone,
                         const char *after, const char *expected) {
        row(QLatin1String(name), QLatin1String(expression), zone, QLatin1String(after),
            QLatin1String(expected));
    };
    // Berlin, spring: 02:00–02:59 is skipped; skipped times run at 03:00+02:00.
    dst("berlin spring 02:30 runs at 03:00", "30 2 * * *", berlin, "2026-03-28T12:00:00+01:00",
        "2026-03-29T03:00:00+02:00");
    dst("berlin spring 02:00 runs at 03:00", "0 2 * * *", berlin, "2026-03-28T12:00:00+01:00",
        "2026-03-29T03:00:00+02:00");
    dst("berlin spring 02:59 runs at 03:00", "59 2 * * *", berlin, "2026-03-29T00:00:00+01:00",
        "2026-03-29T03:00:00+02:00");
    dst("berlin spring after given in UTC", "30 2 * * *", berlin, "2026-03-29T00:30:00Z",
        "2026-03-29T03:00:00+02:00");
    dst("berlin spring just before the gap", "30 2 * * *", berlin, "2026-03-29T01:59:30+01:00",
        "2026-03-29T03:00:00+02:00");
    dst("berlin spring skipped time does not run twice", "30 2 * * *", berlin,
        "2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00");
    dst("berlin spring 03:00 itself", "0 3 * * *", berlin, "2026-03-29T00:00:00+01:00",
        "2026-03-29T03:00:00+02:00");
    dst("berlin spring 01:59 unaffected", "59 1 * * *", berlin, "2026-03-29T00:00:00+01:00",
        "2026-03-29T01:59:00+01:00");
    dst("berlin spring */15 in hour 2 collapses", "*/15 2 * * *", berlin,
        "2026-03-29T00:00:00+01:00", "2026-03-29T03:00:00+02:00");
    dst("berlin spring */15 in hour 2, after the collapsed run", "*/15 2 * * *", berlin,
        "2026-03-29T03:00:00+02:00", "2026-03-30T02:00:00+02:00");
    dst("berlin spring every minute over the gap", "* * * * *", berlin, "2026-03-29T01:59:00+01:00",
        "2026-03-29T03:00:00+02:00");
    dst("berlin spring every minute after the gap", "* * * * *", berlin,
        "2026-03-29T03:00:00+02:00", "2026-03-29T03:01:00+02:00");
    // Berlin, autumn: 02:00–02:59 comes twice; it runs at the first (+02:00) only.
    dst("berlin autumn 02:30 first occurrence", "30 2 * * *", berlin, "2026-10-24T12:00:00+02:00",
        "2026-10-25T02:30:00+02:00");
    dst("berlin autumn 02:30 not again", "30 2 * * *", berlin, "2026-10-25T02:30:00+02:00",
        "2026-10-26T02:30:00+01:00");
    dst("berlin autumn from inside the repeated hour", "30 2 * * *", berlin,
        "2026-10-25T02:00:00+01:00", "2026-10-26T02:30:00+01:00");
    dst("berlin autumn from the second 02:10", "*/15 * * * *", berlin, "2026-10-25T02:10:00+01:00",
        "2026-10-25T03:00:00+01:00");
    dst("berlin autumn 03:00 after the repeat", "0 3 * * *", berlin, "2026-10-25T02:59:00+01:00",
        "2026-10-25T03:00:00+01:00");
    dst("berlin autumn hourly skips the repeat", "0 * * * *", berlin, "2026-10-25T02:00:00+02:00",
        "2026-10-25T03:00:00+01:00");
    dst("berlin autumn 01:00 unaffected", "0 1 * * *", berlin, "2026-10-24T12:00:00+02:00",
        "2026-10-25T01:00:00+02:00");
    // New York, spring: 02:00–02:59 is skipped, 03:00-04:00 is the first instant after.
    dst("new york spring 02:30 runs at 03:00", "30 2 * * *", newYork, "2026-03-07T12:00:00-05:00",
        "2026-03-08T03:00:00-04:00");
    dst("new york spring next day", "30 2 * * *", newYork, "2026-03-08T03:00:00-04:00",
        "2026-03-09T02:30:00-04:00");
    dst("new york spring 01:30 unaffected", "30 1 * * *", newYork, "2026-03-07T12:00:00-05:00",
        "2026-03-08T01:30:00-05:00");
    // New York, autumn: 01:00–01:59 comes twice.
    dst("new york autumn 01:30 first occurrence", "30 1 * * *", newYork,
        "2026-10-31T12:00:00-04:00", "2026-11-01T01:30:00-04:00");
    dst("new york autumn 01:30 not again", "30 1 * * *", newYork, "2026-11-01T01:30:00-04:00",
        "2026-11-02T01:30:00-05:00");
    dst("new york autumn 02:00 once", "0 2 * * *", newYork, "2026-10-31T12:00:00-04:00",
        "2026-11-01T02:00:00-05:00");
    dst("new york autumn from the second 01:00", "*/30 * * * *", newYork,
        "2026-11-01T01:00:00-05:00", "2026-11-01T02:00:00-05:00");
    // Lord Howe, spring: 02:00–02:29 is skipped (a 30-minute change), 02:30+11:00 after it.
    dst("lord howe spring 02:15 runs at 02:30", "15 2 * * *", lordHowe, "2026-10-03T12:00:00+10:30",
        "2026-10-04T02:30:00+11:00");
    dst("lord howe spring 02:00 runs at 02:30", "0 2 * * *", lordHowe, "2026-10-03T12:00:00+10:30",
        "2026-10-04T02:30:00+11:00");
    dst("lord howe spring 02:30 exists", "30 2 * * *", lordHowe, "2026-10-03T12:00:00+10:30",
        "2026-10-04T02:30:00+11:00");
    dst("lord howe spring 02:30 not twice", "30 2 * * *", lordHowe, "2026-10-04T02:30:00+11:00",
        "2026-10-05T02:30:00+11:00");
    dst("lord howe spring 02:15 next day", "15 2 * * *", lordHowe, "2026-10-04T02:30:00+11:00",
        "2026-10-05T02:15:00+11:00");
    dst("lord howe spring 02:45 after the gap", "45 2 * * *", lordHowe, "2026-10-03T12:00:00+10:30",
        "2026-10-04T02:45:00+11:00");
    // Lord Howe, autumn: 01:30–01:59 comes twice.
    dst("lord howe autumn 01:45 first occurrence", "45 1 * * *", lordHowe,
        "2026-04-04T12:00:00+11:00", "2026-04-05T01:45:00+11:00");
    dst("lord howe autumn 01:45 not again", "45 1 * * *", lordHowe, "2026-04-05T01:45:00+11:00",
        "2026-04-06T01:45:00+10:30");
    dst("lord howe autumn 01:15 unaffected", "15 1 * * *", lordHowe, "2026-04-04T12:00:00+11:00",
        "2026-04-05T01:15:00+11:00");
    dst("lord howe autumn 02:00 once", "0 2 * * *", lordHowe, "2026-04-04T12:00:00+11:00",
        "2026-04-05T02:00:00+10:30");
    dst("lord howe autumn from the second 01:40", "*/15 * * * *", lordHowe,
        "2026-04-05T01:40:00+10:30", "2026-04-05T02:00:00+10:30");
}

void TestCronExpression::next_findsTheFirstTimeStrictlyAfter()
{
    QFETCH(QString, expression);
    QFETCH(QString, zone);
    QFETCH(QString, after);
    QFETCH(QString, expected);
    const auto cron = CronExpression::parse(expression);
    KPI_VERIFY_OK(cron);
    const QTimeZone timeZone(zone.toUtf8());
    QVERIFY(timeZone.isValid());
    const QDateTime next = cron->next(at(after), timeZone);
    QCOMPARE(iso(next), expected);
    if (next.isValid()) {
        QCOMPARE(next.timeZone().id(), timeZone.id());
        QVERIFY(next > at(after));
    }
}

void TestCronExpression::next_repeatedGivesTheSequence_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QStringList>("expected");

    const auto row = [](const char *name, const char *expression, const char *zone,
                        const char *from, std::initializer_list<const char *> expected) {
        QStringList times;
        for (const char *time : expected)
            times.append(QString::fromLatin1(time));
        QTest::newRow(name) << QString::fromLatin1(expression) << QString::fromLatin1(zone)
                            << QString::fromLatin1(from) << times;
    };
    row("berlin spring every 15 minutes", "*/15 * * * *", "Europe/Berlin",
        "2026-03-29T01:30:00+01:00",
        {"2026-03-29T01:45:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-29T03:15:00+02:00",
         "2026-03-29T03:30:00+02:00", "2026-03-29T03:45:00+02:00"});
    row("berlin spring hourly", "0 * * * *", "Europe/Berlin", "2026-03-29T00:30:00+01:00",
        {"2026-03-29T01:00:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-29T04:00:00+02:00"});
    row("berlin spring daily 02:30", "30 2 * * *", "Europe/Berlin", "2026-03-27T12:00:00+01:00",
        {"2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00"});
    row("berlin spring 2 and 3 o'clock", "0,30 2,3 * * *", "Europe/Berlin",
        "2026-03-29T00:00:00+01:00",
        {"2026-03-29T03:00:00+02:00", "2026-03-29T03:30:00+02:00", "2026-03-30T02:00:00+02:00",
         "2026-03-30T02:30:00+02:00", "2026-03-30T03:00:00+02:00"});
    row("berlin autumn every 30 minutes", "*/30 * * * *", "Europe/Berlin",
        "2026-10-25T01:00:00+02:00",
        {"2026-10-25T01:30:00+02:00", "2026-10-25T02:00:00+02:00", "2026-10-25T02:30:00+02:00",
         "2026-10-25T03:00:00+01:00", "2026-10-25T03:30:00+01:00"});
    row("berlin autumn daily 02:30", "30 2 * * *", "Europe/Berlin", "2026-10-24T00:00:00+02:00",
        {"2026-10-24T02:30:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00"});
    row("new york spring every 20 minutes", "*/20 * * * *", "America/New_York",
        "2026-03-08T01:30:00-05:00",
        {"2026-03-08T01:40:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-08T03:20:00-04:00",
         "2026-03-08T03:40:00-04:00"});
    row("new york autumn hourly", "0 * * * *", "America/New_York", "2026-11-01T00:00:00-04:00",
        {"2026-11-01T01:00:00-04:00", "2026-11-01T02:00:00-05:00", "2026-11-01T03:00:00-05:00"});
    row("new york autumn daily 01:30", "30 1 * * *", "America/New_York",
        "2026-10-31T12:00:00-04:00", {"2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"});
    row("lord howe spring every 15 minutes", "*/15 * * * *", "Australia/Lord_Howe",
        "2026-10-04T01:50:00+10:30",
        {"2026-10-04T02:30:00+11:00", "2026-10-04T02:45:00+11:00", "2026-10-04T03:00:00+11:00"});
    row("lord howe autumn every 15 minutes", "*/15 * * * *", "Australia/Lord_Howe",
        "2026-04-05T01:20:00+11:00",
        {"2026-04-05T01:30:00+11:00", "2026-04-05T01:45:00+11:00", "2026-04-05T02:00:00+10:30",
         "2026-04-05T02:15:00+10:30"});
    row("lord howe daily 02:15 across spring", "15 2 * * *", "Australia/Lord_Howe",
        "2026-10-02T12:00:00+10:30",
        {"2026-10-03T02:15:00+10:30", "2026-10-04T02:30:00+11:00", "2026-10-05T02:15:00+11:00"});
    row("leap days", "0 0 29 2 *", "UTC", "2023-06-01T00:00:00Z",
        {"2024-02-29T00:00:00+00:00", "2028-02-29T00:00:00+00:00", "2032-02-29T00:00:00+00:00"});
    row("month ends", "0 0 31 * *", "UTC", "2026-01-01T00:00:00Z",
        {"2026-01-31T00:00:00+00:00", "2026-03-31T00:00:00+00:00", "2026-05-31T00:00:00+00:00",
         "2026-07-31T00:00:00+00:00", "2026-08-31T00:00:00+00:00", "2026-10-31T00:00:00+00:00",
         "2026-12-31T00:00:00+00:00"});
    row("13th or Friday", "0 0 13 * FRI", "UTC", "2026-02-01T00:00:00Z",
        {"2026-02-06T00:00:00+00:00", "2026-02-13T00:00:00+00:00", "2026-02-20T00:00:00+00:00",
         "2026-02-27T00:00:00+00:00", "2026-03-06T00:00:00+00:00", "2026-03-13T00:00:00+00:00"});
    row("weekdays at 9", "0 9 * * MON-FRI", "UTC", "2026-05-14T10:00:00Z",
        {"2026-05-15T09:00:00+00:00", "2026-05-18T09:00:00+00:00", "2026-05-19T09:00:00+00:00"});
}

void TestCronExpression::next_repeatedGivesTheSequence()
{
    QFETCH(QString, expression);
    QFETCH(QString, zone);
    QFETCH(QString, from);
    QFETCH(QStringList, expected);
    const auto cron = CronExpression::parse(expression);
    KPI_VERIFY_OK(cron);
    const QTimeZone timeZone(zone.toUtf8());
    QStringList actual;
    QDateTime time = at(from);
    for (qsizetype i = 0; i < expected.size(); ++i) {
        time = cron->next(time, timeZone);
        actual.append(iso(time));
    }
    QCOMPARE(actual, expected);
}

void TestCronExpression::next_acrossADstDayHasNoDuplicatesAndNoGaps_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QDate>("day");
    QTest::addColumn<int>("everyMinutes");
    // Wall-clock times [gapStart, gapEnd) that do not exist that day; gapEnd is the time
    // they all run at, once, and gapEnd itself is one of the slots.
    QTest::addColumn<QTime>("gapStart");
    QTest::addColumn<QTime>("gapEnd");
    QTest::addColumn<int>("runs");

    // A day of N-minute slots has 1440 / N wall times; each runs once, except that the
    // skipped ones run as one with the first time after the gap.
    for (int every : {1, 5, 15, 30, 60}) {
        const int slotCount = 1440 / every;
        const auto row = [&](const char *name, const char *zone, QDate day, QTime start,
                             QTime end) {
            const int skipped = start.isValid() ? start.secsTo(end) / 60 / every : 0;
            QTest::newRow(
                qPrintable(QStringLiteral("%1, every %2 min").arg(QLatin1String(name)).arg(every)))
                << QString::fromLatin1(zone) << day << every << start << end << slotCount - skipped;
        };
        row("berlin spring", "Europe/Berlin", QDate(2026, 3, 29), QTime(2, 0), QTime(3, 0));
        row("berlin autumn", "Europe/Berlin", QDate(2026, 10, 25), QTime(), QTime());
        row("new york spring", "America/New_York", QDate(2026, 3, 8), QTime(2, 0), QTime(3, 0));
        row("new york autumn", "America/New_York", QDate(2026, 11, 1), QTime(), QTime());
        if (every <= 30)
            row("lord howe spring", "Australia/Lord_Howe", QDate(2026, 10, 4), QTime(2, 0),
                QTime(2, 30));
        row("lord howe autumn", "Australia/Lord_Howe", QDate(2026, 4, 5), QTime(), QTime());
        row("utc, no change", "UTC", QDate(2026, 3, 29), QTime(), QTime());
    }
}

void TestCronExpression::next_acrossADstDayHasNoDuplicatesAndNoGaps()
{
    QFETCH(QString, zone);
    QFETCH(QDate, day);
    QFETCH(int, everyMinutes);
    QFETCH(QTime, gapStart);
    QFETCH(QTime, gapEnd);
    QFETCH(int, runs);

    const QTimeZone timeZone(zone.toUtf8());
    const auto cron = CronExpression::parse(everyMinutes == 60
                                                ? QStringLiteral("0 * * * *")
                                                : QStringLiteral("*/%1 * * * *").arg(everyMinutes));
    KPI_VERIFY_OK(cron);

    // Midnight exists on all these days; start just before it.
    QDateTime time = QDateTime(day, QTime(0, 0), timeZone).addMSecs(-1);
    QStringList wallTimes;
    QDateTime previous;
    for (;;) {
        time = cron->next(time, timeZone);
        QVERIFY(time.isValid());
        if (time.date() != day)
            break;
        if (previous.isValid())
            QVERIFY2(time > previous, qPrintable(iso(time)));
        previous = time;
        wallTimes.append(time.time().toString(QStringLiteral("HH:mm")));
    }
    QCOMPARE(wallTimes.size(), runs);
    QCOMPARE(QSet<QString>(wallTimes.cbegin(), wallTimes.cend()).size(), wallTimes.size());

    // Every slot of the day's wall clock is there, except the ones in the gap.
    QStringList expected;
    for (QTime slot(0, 0); expected.size() < 1440 / everyMinutes;
         slot = slot.addSecs(everyMinutes * 60)) {
        const bool skipped = gapStart.isValid() && slot >= gapStart && slot < gapEnd;
        expected.append(skipped ? QString() : slot.toString(QStringLiteral("HH:mm")));
    }
    expected.removeAll(QString());
    QCOMPARE(wallTimes, expected);
}

QTEST_GUILESS_MAIN(TestCronExpression)
#include "TestCronExpression.moc"
