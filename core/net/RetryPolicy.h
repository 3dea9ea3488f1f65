// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QByteArray>
#include <QDateTime>

#include <chrono>
#include <optional>

namespace kpi::net {

// The longest wait parseRetryAfter() reports. A day is past anything a run or the outbox
// would wait for, and it keeps absurd values ("99999999999999999999", the year 9999) from
// overflowing into a negative delay; it also fits a timer's int of milliseconds.
inline constexpr std::chrono::milliseconds MaxRetryAfterValue = std::chrono::hours(24);

// When and how often a transient failure (a connection error, 408, 429, 500, 502, 503, 504)
// is tried again: exponential backoff with jitter, or exactly what `Retry-After` asks for.
struct RetryPolicy
{
    int maxAttempts = 3; // 1 = no retry
    std::chrono::milliseconds initialDelay{1000};
    std::chrono::milliseconds maxDelay{30000};
    // A server asking to wait longer than this makes the request fail instead of waiting.
    std::chrono::milliseconds maxRetryAfter{120000};
    // Whether a non-idempotent request (POST, PATCH) is sent again after a failure that
    // leaves open whether the server acted on it: a connection lost after sending, a 500,
    // 502 or 504. Off by default, because repeating a POST the server did process (only its
    // answer was lost) would, say, post a message twice. Failures by which the server says
    // it did not act (a refused connection, 408, 429, 503) are retried regardless.
    bool retryNonIdempotent = false;

    // Backoff before the attempt after `failedAttempt` (1-based): initialDelay * 2^(n-1),
    // capped at maxDelay, then scaled into [50 %, 100 %] by `jitter` in [0, 1] ("equal
    // jitter", so retries from many clients spread out but never collapse to zero).
    std::chrono::milliseconds backoffDelay(int failedAttempt, double jitter) const;

    static bool isRetryableStatus(int httpStatus);
    // 408, 429, 503: the server did not act on the request, so repeating it is always safe.
    static bool isNotProcessedStatus(int httpStatus);
    // GET, HEAD, PUT, DELETE, OPTIONS, TRACE (RFC 9110 §9.2.2); case-sensitive, as methods are.
    static bool isIdempotent(const QByteArray &method);

    // `Retry-After` as delta-seconds or an HTTP-date (RFC 9110 §10.2.3), relative to `now`.
    // A date in the past gives zero; anything unparsable gives nullopt; anything longer than
    // MaxRetryAfterValue gives MaxRetryAfterValue.
    static std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value,
                                                                    const QDateTime &now);
};

} // namespace kpi::net
