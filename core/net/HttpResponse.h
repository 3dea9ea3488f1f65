// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "net/HttpRequest.h"

#include <QMetaType>

#include <optional>

namespace kpi::net {

// A completed HTTP exchange, whatever its status: deciding what a 404 or a 429 means is the
// caller's business (a source fails, a destination parses the service's error message).
struct HttpResponse
{
    int status = 0;
    QByteArray reasonPhrase;
    HeaderList headers;
    QByteArray body;
    QUrl url; // after redirects
    int attempts = 1;
    int redirects = 0;
    std::optional<std::chrono::milliseconds> retryAfter;

    bool isSuccess() const { return status >= 200 && status < 300; }
    // Case-insensitive; the first value when the header repeats.
    QByteArray header(const QByteArray &name) const;
};

} // namespace kpi::net

Q_DECLARE_METATYPE(kpi::net::HttpResponse)
