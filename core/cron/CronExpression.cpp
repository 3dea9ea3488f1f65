// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "cron/CronExpression.h"

#include <QCoreApplication>
#include <QList>

#include <algorithm>
#include <bit>

namespace kpi::cron {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::cron::CronExpression", text);
}

enum class Names { None, Months, Days };

struct Field
{
    const char *name;
    int min;
    int max;     // the highest value written
    int openMax; // where `*` and `a/n` end: day-of-week's 7 is only another Sunday
    Names names;
    int size() const { return openMax - min + 1; }
};

constexpr Field Minute{"minute", 0, 59, 59, Names::None};
constexpr Field Hour{"hour", 0, 23, 23, Names::None};
constexpr Field DayOfMonth{"day-of-month", 1, 31, 31, Names::None};
constexpr Field Month{"month", 1, 12, 12, Names::Months};
constexpr Field DayOfWeek{"day-of-week", 0, 7, 6, Names::Days};

constexpr qint64 MsPerDay = 24 * 60 * 60 * 1000;

Error fieldError(const Field &field, const QString &message)
{
    return {Error::Code::InvalidInput,
            QString::fromLatin1(field.name) + QStringLiteral(": ") + message, QString()};
}

bool isDigits(const QString &text)
{
    // ASCII only: QChar::isDigit() would let "٣" through, which toInt() does not read.
    return !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return c >= QLatin1Char('0') && c <= QLatin1Char('9');
    });
}

Result<int> parseValue(const Field &field, const QString &token)
{
    if (isDigits(token)) {
        bool ok = false;
        const int value = token.toInt(&ok);
        if (!ok || value < field.min || value > field.max)
            return Result<int>::error(fieldError(
                field, tr("%1 is out of range %2-%3").arg(token).arg(field.min).arg(field.max)));
        return Result<int>::ok(value);
    }
    static const QStringList months{
        QStringLiteral("JAN"), QStringLiteral("FEB"), QStringLiteral("MAR"), QStringLiteral("APR"),
        QStringLiteral("MAY"), QStringLiteral("JUN"), QStringLiteral("JUL"), QStringLiteral("AUG"),
        QStringLiteral("SEP"), QStringLiteral("OCT"), QStringLiteral("NOV"), QStringLiteral("DEC")};
    static const QStringList days{
        QStringLiteral("SUN"), QStringLiteral("MON"), QStringLiteral("TUE"), QStringLiteral("WED"),
        QStringLiteral("THU"), QStringLiteral("FRI"), QStringLiteral("SAT")};
    switch (field.names) {
    case Names::Months:
        if (const qsizetype i = months.indexOf(token.toUpper()); i >= 0)
            return Result<int>::ok(int(i) + 1);
        return Result<int>::error(
            fieldError(field, tr("\"%1\" is not a number or a month name").arg(token)));
    case Names::Days:
        if (const qsizetype i = days.indexOf(token.toUpper()); i >= 0)
            return Result<int>::ok(int(i));
        return Result<int>::error(
            fieldError(field, tr("\"%1\" is not a number or a day name").arg(token)));
    case Names::None:
        break;
    }
    return Result<int>::error(fieldError(field, tr("\"%1\" is not a number").arg(token)));
}

// One item of a list: `*`, `a`, `a-b`, each optionally with `/n`.
Result<quint64> parseItem(const Field &field, const QString &item)
{
    const auto malformed = [&] {
        return Result<quint64>::error(fieldError(
            field, tr("\"%1\" is not a number, a range (a-b) or a step (*/n)").arg(item)));
    };
    const QStringList parts = item.split(QLatin1Char('/'));
    if (parts.size() > 2 || parts.first().isEmpty())
        return malformed();
    const QString &range = parts.first();
    const bool stepped = parts.size() == 2;

    int step = 1;
    if (stepped) {
        const QString &stepText = parts.at(1);
        if (stepText.isEmpty())
            return malformed();
        if (!isDigits(stepText))
            return Result<quint64>::error(
                fieldError(field, tr("step \"%1\" is not a number").arg(stepText)));
        bool ok = false;
        step = stepText.toInt(&ok);
        if (!ok || step < 1 || step > field.size())
            return Result<quint64>::error(fieldError(
                field, tr("step %1 is out of range 1-%2").arg(stepText).arg(field.size())));
    }

    int low = field.min;
    int high = field.openMax;
    if (range != QLatin1String("*")) {
        if (range.contains(QLatin1Char('*')))
            return malformed();
        const QStringList ends = range.split(QLatin1Char('-'));
        if (ends.size() > 2 || ends.first().isEmpty() || ends.last().isEmpty())
            return malformed();
        const auto first = parseValue(field, ends.first());
        if (!first)
            return first.forward<quint64>();
        low = *first;
        if (ends.size() == 2) {
            const auto last = parseValue(field, ends.last());
            if (!last)
                return last.forward<quint64>();
            high = *last;
            // Vixie cron refuses these too; wrapping around ("22-2") is written as a list.
            if (low > high)
                return Result<quint64>::error(fieldError(
                    field,
                    tr("range \"%1\" runs backwards; write it as a list, such as \"%2-%3,%4-%5\"")
                        .arg(range)
                        .arg(ends.first())
                        .arg(field.openMax)
                        .arg(field.min)
                        .arg(ends.last())));
        } else {
            // "a/n" runs to the field's end; day-of-week's "7/n" is just Sunday.
            high = stepped ? std::max(field.openMax, low) : low;
        }
    }
    quint64 bits = 0;
    for (int value = low; value <= high; value += step)
        bits |= quint64(1) << (field.names == Names::Days && value == 7 ? 0 : value);
    return Result<quint64>::ok(bits);
}

Result<quint64> parseField(const Field &field, const QString &text)
{
    quint64 bits = 0;
    const QStringList items = text.split(QLatin1Char(','));
    for (const QString &item : items) {
        if (item.isEmpty())
            return Result<quint64>::error(
                fieldError(field, tr("empty item in the list \"%1\"").arg(text)));
        const auto parsed = parseItem(field, item);
        if (!parsed)
            return parsed;
        bits |= *parsed;
    }
    return Result<quint64>::ok(bits);
}

// The lowest set bit at or above `from`, or -1.
int nextBit(quint64 bits, int from)
{
    if (from >= 64)
        return -1;
    const quint64 remaining = bits & (~quint64(0) << from);
    return remaining ? std::countr_zero(remaining) : -1;
}

qint64 offsetMsAt(const QTimeZone &zone, qint64 utcMs)
{
    return qint64(zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC))) * 1000;
}

// The instant a wall-clock time (given as milliseconds, read as if it were UTC) runs at in
// `zone`: the earliest instant showing it, or for a time skipped by a transition, the
// transition itself (the first instant after the gap). QDateTime cannot be asked: Qt 6.4
// takes the second of two repeated times and makes a skipped one invalid.
qint64 instantOf(qint64 wallMs, const QTimeZone &zone)
{
    // Offsets stay within ±14 h, so every instant that can show this wall time lies in
    // this window, and the offsets in force in it are all that can reach it.
    const QDateTime windowStart = QDateTime::fromMSecsSinceEpoch(wallMs - MsPerDay, Qt::UTC);
    const QDateTime windowEnd = QDateTime::fromMSecsSinceEpoch(wallMs + MsPerDay, Qt::UTC);
    const qint64 firstOffset = offsetMsAt(zone, windowStart.toMSecsSinceEpoch());
    if (!zone.hasTransitions())
        return wallMs - firstOffset;
    const QTimeZone::OffsetData following = zone.nextTransition(windowStart);
    if (!following.atUtc.isValid() || following.atUtc > windowEnd)
        return wallMs - firstOffset; // the common case: no change near this time

    const QTimeZone::OffsetDataList transitions = zone.transitions(windowStart, windowEnd);
    QList<qint64> offsets{firstOffset};
    for (const auto &transition : transitions)
        offsets.append(qint64(transition.offsetFromUtc) * 1000);
    std::optional<qint64> earliest;
    for (const qint64 offset : std::as_const(offsets)) {
        const qint64 instant = wallMs - offset;
        if (offsetMsAt(zone, instant) == offset && (!earliest || instant < *earliest))
            earliest = instant;
    }
    if (earliest)
        return *earliest;

    // In a gap: find the transition that jumps over the wall time.
    qint64 before = firstOffset;
    for (const auto &transition : transitions) {
        const qint64 at = transition.atUtc.toMSecsSinceEpoch();
        const qint64 after = qint64(transition.offsetFromUtc) * 1000;
        if (at + before <= wallMs && wallMs < at + after)
            return at;
        before = after;
    }
    return wallMs - firstOffset; // unreachable with consistent time-zone data
}

} // namespace

struct CronExpression::WallTime
{
    QDate date;
    int hour = 0;
    int minute = 0;
};

Result<CronExpression> CronExpression::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    QString expanded = trimmed;
    if (trimmed.startsWith(QLatin1Char('@'))) {
        static const QList<std::pair<QString, QString>> macros{
            {QStringLiteral("@hourly"), QStringLiteral("0 * * * *")},
            {QStringLiteral("@daily"), QStringLiteral("0 0 * * *")},
            {QStringLiteral("@midnight"), QStringLiteral("0 0 * * *")},
            {QStringLiteral("@weekly"), QStringLiteral("0 0 * * 0")},
            {QStringLiteral("@monthly"), QStringLiteral("0 0 1 * *")},
            {QStringLiteral("@yearly"), QStringLiteral("0 0 1 1 *")},
            {QStringLiteral("@annually"), QStringLiteral("0 0 1 1 *")},
        };
        const auto macro = std::find_if(macros.cbegin(), macros.cend(), [&](const auto &m) {
            return m.first.compare(trimmed, Qt::CaseInsensitive) == 0;
        });
        if (macro == macros.cend())
            return Result<CronExpression>::error(
                Error::Code::InvalidInput,
                tr("unknown macro \"%1\"; expected @hourly, @daily, @midnight, @weekly, "
                   "@monthly, @yearly or @annually")
                    .arg(trimmed));
        expanded = macro->second;
    }

    const QStringList fields = expanded.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (fields.size() != 5)
        return Result<CronExpression>::error(
            Error::Code::InvalidInput,
            tr("expected 5 fields (minute hour day-of-month month day-of-week) or a macro such "
               "as @daily, got %1")
                .arg(fields.size()));

    CronExpression cron;
    cron.m_text = trimmed;
    const Field *specs[] = {&Minute, &Hour, &DayOfMonth, &Month, &DayOfWeek};
    quint64 bits[5] = {};
    for (int i = 0; i < 5; ++i) {
        const auto parsed = parseField(*specs[i], fields.at(i));
        if (!parsed)
            return parsed.forward<CronExpression>();
        bits[i] = *parsed;
    }
    cron.m_minutes = bits[0];
    cron.m_hours = quint32(bits[1]);
    cron.m_daysOfMonth = quint32(bits[2]);
    cron.m_months = quint32(bits[3]);
    cron.m_daysOfWeek = quint32(bits[4]);
    // Vixie cron decides by the first character, so "*/2" counts as unrestricted too.
    cron.m_eitherDay =
        !fields.at(2).startsWith(QLatin1Char('*')) && !fields.at(4).startsWith(QLatin1Char('*'));
    return Result<CronExpression>::ok(cron);
}

bool CronExpression::dayMatches(const QDate &date) const
{
    const bool dayOfMonth = m_daysOfMonth & (quint32(1) << date.day());
    const bool dayOfWeek = m_daysOfWeek & (quint32(1) << (date.dayOfWeek() % 7)); // Sunday: 7 → 0
    return m_eitherDay ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
}

// The first matching wall-clock time at or after `from`, skipping whole months, days and
// hours that cannot match.
std::optional<CronExpression::WallTime> CronExpression::nextWallTime(WallTime from,
                                                                     const QDate &horizon) const
{
    QDate date = from.date;
    int hour = from.hour;
    int minute = from.minute;
    const auto nextDay = [&] {
        date = date.addDays(1);
        hour = 0;
        minute = 0;
    };
    while (date.isValid() && date <= horizon) {
        if (!(m_months & (quint32(1) << date.month()))) {
            date = QDate(date.year(), date.month(), 1).addMonths(1);
            hour = 0;
            minute = 0;
            continue;
        }
        if (!dayMatches(date)) {
            nextDay();
            continue;
        }
        const int matchingHour = nextBit(m_hours, hour);
        if (matchingHour < 0) {
            nextDay();
            continue;
        }
        if (matchingHour != hour)
            minute = 0;
        const int matchingMinute = nextBit(m_minutes, minute);
        if (matchingMinute < 0) {
            hour = matchingHour + 1;
            minute = 0;
            if (hour > 23)
                nextDay();
            continue;
        }
        return WallTime{date, matchingHour, matchingMinute};
    }
    return std::nullopt;
}

QDateTime CronExpression::next(const QDateTime &after, const QTimeZone &zone) const
{
    if (!isValid() || !after.isValid() || !zone.isValid())
        return {};
    const qint64 afterMs = after.toMSecsSinceEpoch();
    const QDateTime local = after.toTimeZone(zone);
    const QDate horizon = local.date().addYears(SearchYears);

    // Wall-clock times map to instants in order (a skipped time to the end of its gap, a
    // repeated one to its first occurrence), so walking the wall clock from the local time
    // of `after` and taking the first instant past `after` finds the answer. The few
    // candidates that map to `after` or before it (in a gap, or the repeated hour) are what
    // keeps a skipped or repeated time from running twice.
    WallTime candidate{local.date(), local.time().hour(), local.time().minute()};
    while (const auto wall = nextWallTime(candidate, horizon)) {
        const qint64 wallMs =
            QDateTime(wall->date, QTime(wall->hour, wall->minute), Qt::UTC).toMSecsSinceEpoch();
        const qint64 instant = instantOf(wallMs, zone);
        if (instant > afterMs)
            return QDateTime::fromMSecsSinceEpoch(instant, zone);
        candidate = *wall;
        if (++candidate.minute == 60) {
            candidate.minute = 0;
            if (++candidate.hour == 24) {
                candidate.hour = 0;
                candidate.date = candidate.date.addDays(1);
            }
        }
    }
    return {};
}

} // namespace kpi::cron
