// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "secrets/SecretStore.h"

namespace kpi::secrets {

// Secrets from `KPI_SECRET_<NAME>` environment variables: the way in on a server or in CI,
// where no keychain answers. Read-only: writing means changing the service's environment.
class EnvSecretStore : public SecretStore
{
    Q_OBJECT

public:
    using SecretStore::SecretStore;

    void read(const QString &name, QObject *context, ReadCallback done) override;
    void write(const QString &name, const Secret &value, QObject *context,
               DoneCallback done) override;
    void remove(const QString &name, QObject *context, DoneCallback done) override;
    // The names of the set KPI_SECRET_* variables, as variable names (the original spelling
    // of a secret's name cannot be recovered from them).
    void list(QObject *context, ListCallback done) override;
};

} // namespace kpi::secrets
