// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <memory>

class QNetworkAccessManager;

namespace kpi::net {
class HttpClient;
}
namespace kpi::secrets {
class SecretStore;
}

namespace kpi::pipeline {

// The long-lived services a collection needs, made once per process by the window or the
// command line: the one QNetworkAccessManager and its HttpClient, and the secret stores
// (the OS keychain first, then KPI_SECRET_* environment variables).
class Services
{
public:
    Services();
    ~Services();

    net::HttpClient *httpClient() const { return m_httpClient.get(); }
    // Where secrets are read from: the keychain, then the environment.
    secrets::SecretStore *secretStore() const { return m_chain.get(); }
    // Where secrets are written to.
    secrets::SecretStore *keychain() const { return m_keychain.get(); }

private:
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<net::HttpClient> m_httpClient;
    std::unique_ptr<secrets::SecretStore> m_keychain;
    std::unique_ptr<secrets::SecretStore> m_environment;
    std::unique_ptr<secrets::SecretStore> m_chain;
};

} // namespace kpi::pipeline
