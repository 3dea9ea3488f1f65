// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "sources/Source.h"
#include "workspace/Workspace.h"

#include <memory>

namespace kpi {
class Clock;
}
namespace kpi::net {
class HttpClient;
}
namespace kpi::secrets {
class SecretStore;
}

namespace kpi::pipeline {

// Turns a workspace entry into the source that collects it. It sits in pipeline/, above
// sources/, so sources never reach up to know about each other.
class SourceFactory
{
public:
    // `secretStore` keeps the html sources' login sessions; may be null (no session kept).
    // `clock` gives the sql sources their :now; the system clock when null.
    explicit SourceFactory(net::HttpClient *client, secrets::SecretStore *secretStore = nullptr,
                           const Clock *clock = nullptr)
        : m_client(client), m_secretStore(secretStore), m_clock(clock)
    { }

    // Null for a type this build does not know (the loader has refused it already).
    std::unique_ptr<sources::Source> create(const workspace::SourceConfig &config) const;

private:
    net::HttpClient *m_client;
    secrets::SecretStore *m_secretStore;
    const Clock *m_clock;
};

} // namespace kpi::pipeline
