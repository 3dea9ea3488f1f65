// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "util/Result.h"

#include <QDateTime>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace kpi::cron {

// A classic five-field cron expression (Vixie cron): "minute hour day-of-month month
// day-of-week", each field `*`, a number, a name (JAN–DEC, SUN–SAT, any case), a range
// `a-b`, a step `*/n`, `a-b/n` or `a/n` (a to the field's end), or a list of those.
// Day-of-week takes 0–7, where both 0 and 7 are Sunday. A range must not run backwards
// (`5-1` is an error, as in Vixie cron) and a step is 1 up to the field's size. The macros
// @hourly, @daily (= @midnight), @weekly, @monthly and @yearly (= @annually) stand for
// "0 * * * *", "0 0 * * *", "0 0 * * 0", "0 0 1 * *" and "0 0 1 1 *".
//
// Days: when day-of-month and day-of-week are both restricted (neither field starts with
// `*`), a day matches if EITHER does ("0 0 1 * MON": the 1st and every Monday); otherwise
// both must ("0 0 */2 * MON": odd days that are Mondays).
//
// Time zones: the expression is matched against the zone's local wall-clock time, and
// each matching wall-clock time runs exactly once:
//  - A wall-clock time skipped by a spring-forward change (02:30 on the day Europe/Berlin
//    goes from 02:00 to 03:00) runs at the first instant after the gap, 03:00 local, rather
//    than never. Every skipped time maps to that one instant, and so does 03:00 itself, so
//    "*/15 2 * * *" runs once at 03:00 that day, and "*/15 * * * *" runs at 01:45, 03:00
//    (one run for 02:00–03:00) and 03:15.
//  - A wall-clock time repeated by a fall-back change (02:30 twice in Europe/Berlin on the
//    last Sunday of October) runs once, at its first occurrence; during the repeated hour
//    nothing runs, so "0 * * * *" runs at 02:00+02:00 and next at 03:00+01:00.
//  - Shifts that are not whole hours (Australia/Lord_Howe's 30 minutes) follow the same rules.
class CronExpression
{
public:
    // Matches nothing: next() is always invalid. Use parse() to get a real one.
    CronExpression() = default;

    // The expression, or an InvalidInput error whose message names the field and the bad
    // token: `day-of-week: "MOM" is not a number or a day name`.
    static Result<CronExpression> parse(const QString &text);

    // The first matching time strictly after `after` (any time spec), as a QDateTime in
    // `zone`. Invalid when nothing matches within SearchYears (e.g. "0 0 30 2 *"), or for a
    // default-constructed expression, an invalid `after` or an invalid zone. Skips whole
    // months, days and hours that cannot match, so a rare expression costs a few thousand
    // steps at most.
    QDateTime next(const QDateTime &after, const QTimeZone &zone) const;

    // The text as given to parse(), without surrounding blanks.
    QString text() const { return m_text; }
    bool isValid() const { return m_minutes != 0; }

    // How far next() looks: long enough to find 29 February across a century that is not a
    // leap year (2096 → 2104).
    static constexpr int SearchYears = 8;

private:
    struct WallTime;
    std::optional<WallTime> nextWallTime(WallTime from, const QDate &horizon) const;
    bool dayMatches(const QDate &date) const;

    QString m_text;
    quint64 m_minutes = 0;     // bit n: minute n
    quint32 m_hours = 0;       // bit n: hour n
    quint32 m_daysOfMonth = 0; // bit n: day n, 1–31
    quint32 m_months = 0;      // bit n: month n, 1–12
    quint32 m_daysOfWeek = 0;  // bit n: day n, 0 = Sunday … 6 = Saturday
    bool m_eitherDay = false;  // both day fields restricted: Vixie's OR rule
};

} // namespace kpi::cron
