// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QByteArray>
#include <QDateTime>

#include <chrono>
#include <optional>

namespace kpi::net {

// When and how often a transient failure (a connection error, 408, 429, 500, 502, 503, 504)
// is tried again: exponential backoff with jitter, or exactly what `Retry-After` asks for.
struct RetryPolicy
{
    int maxAttempts = 3; // 1 = no retry
    std::chrono::milliseconds initialDelay{1000};
    std::chrono::milliseconds maxDelay{30000};
    // A server asking to wait longer than this makes the request fail instead of waiting.
    std::chrono::milliseconds maxRetryAfter{120000};

    // Backoff before the attempt after `failedAttempt` (1-based): initialDelay * 2^(n-1),
    // capped at maxDelay, then scaled into [50 %, 100 %] by `jitter` in [0, 1] ("equal
    // jitter", so retries from many clients spread out but never collapse to zero).
    std::chrono::milliseconds backoffDelay(int failedAttempt, double jitter) const;

    static bool isRetryableStatus(int httpStatus);

    // `Retry-After` as delta-seconds or an HTTP-date (RFC 9110 §10.2.3), relative to `now`.
    // A date in the past gives zero; anything unparsable gives nullopt.
    static std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value,
                                                                    const QDateTime &now);
};

} // namespace kpi::net
