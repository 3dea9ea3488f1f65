// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "sources/Source.h"
#include "util/Result.h"

namespace kpi::net {
struct HttpRequest;
}
namespace kpi::secrets {
class SecretScrubber;
}
namespace kpi::workspace {
struct HttpConfig;
}

namespace kpi::sources {

// A source's configured headers and authentication, put on its request: the one place the
// HTTP source types (http-json, html) do it (docs/workspace.md, "Headers" and
// "Authentication"). Every secret used is added to `scrubber`, and marked on the request
// as a credential, so no message or log shows it and no redirect to another origin
// carries it.
namespace RequestCredentials {

// Fills `request`. A credential sent in the query is returned, not added: a paginated
// source adds it to each page's URL with addToQuery(); empty when there is none.
Result<QString> apply(const workspace::HttpConfig &http, const SecretValues &secrets,
                      net::HttpRequest &request, secrets::SecretScrubber &scrubber);

// Sets the query parameter `name` of `url` to `value`, replacing any of that name.
void addToQuery(QUrl &url, const QString &name, const QString &value);

} // namespace RequestCredentials

} // namespace kpi::sources
