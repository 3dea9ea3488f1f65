// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "pipeline/Services.h"

#include "net/HttpClient.h"
#include "secrets/ChainedSecretStore.h"
#include "secrets/EnvSecretStore.h"
#include "secrets/KeychainSecretStore.h"

#include <QNetworkAccessManager>

namespace kpi::pipeline {

Services::Services()
    : m_network(std::make_unique<QNetworkAccessManager>()),
      m_httpClient(std::make_unique<net::HttpClient>(m_network.get())),
      m_keychain(std::make_unique<secrets::KeychainSecretStore>()),
      m_environment(std::make_unique<secrets::EnvSecretStore>()),
      m_chain(std::make_unique<secrets::ChainedSecretStore>(
          QList<secrets::SecretStore *>{m_keychain.get(), m_environment.get()}))
{ }

Services::~Services()
{
    // Jobs still running use the network manager while they die: the client goes first.
    m_httpClient.reset();
}

} // namespace kpi::pipeline
