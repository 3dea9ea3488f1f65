// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "net/RetryPolicy.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace kpi::net {

std::chrono::milliseconds RetryPolicy::backoffDelay(int failedAttempt, double jitter) const
{
    const int exponent = std::clamp(failedAttempt - 1, 0, 30);
    const double raw = double(initialDelay.count()) * std::pow(2.0, exponent);
    const double capped = std::min(raw, double(maxDelay.count()));
    const double scaled = capped * (0.5 + 0.5 * std::clamp(jitter, 0.0, 1.0));
    return std::chrono::milliseconds(qint64(std::llround(scaled)));
}

bool RetryPolicy::isRetryableStatus(int httpStatus)
{
    switch (httpStatus) {
    case 408: // Request Timeout
    case 429: // Too Many Requests
    case 500:
    case 502:
    case 503:
    case 504:
        return true;
    default:
        return false;
    }
}

bool RetryPolicy::isNotProcessedStatus(int httpStatus)
{
    return httpStatus == 408 || httpStatus == 429 || httpStatus == 503;
}

bool RetryPolicy::isIdempotent(const QByteArray &method)
{
    return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" ||
           method == "OPTIONS" || method == "TRACE";
}

std::optional<std::chrono::milliseconds> RetryPolicy::parseRetryAfter(const QByteArray &value,
                                                                      const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;

    constexpr qint64 maxSeconds = MaxRetryAfterValue.count() / 1000;
    // delta-seconds is 1*DIGIT: no sign, no fraction, and no upper bound in the grammar.
    if (std::all_of(trimmed.cbegin(), trimmed.cend(),
                    [](char c) { return c >= '0' && c <= '9'; })) {
        bool fits = false;
        const qulonglong seconds = trimmed.toULongLong(&fits);
        // Too many digits for 64 bits is still "a very long time", not garbage.
        if (!fits || seconds > qulonglong(maxSeconds))
            return MaxRetryAfterValue;
        return std::chrono::milliseconds(qint64(seconds) * 1000);
    }

    // HTTP-date in its preferred IMF-fixdate form: "Sun, 06 Nov 1994 08:49:37 GMT".
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(trimmed),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeZone(QTimeZone::utc());
    return std::chrono::milliseconds(
        std::clamp<qint64>(now.msecsTo(when), 0, MaxRetryAfterValue.count()));
}

} // namespace kpi::net
