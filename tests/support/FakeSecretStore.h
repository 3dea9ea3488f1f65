// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "secrets/SecretStore.h"

#include <QHash>
#include <QSet>

namespace kpi::test {

// Secrets in memory, answering asynchronously like the real stores. `unreachable` makes
// every call fail as a keychain without a backend does; `hanging` makes reads never answer.
class FakeSecretStore : public secrets::SecretStore
{
    Q_OBJECT

public:
    using SecretStore::SecretStore;

    QHash<QString, QString> values;
    bool unreachable = false;
    // Reads of these names never answer, as a keychain waiting on a prompt nobody sees.
    QSet<QString> hanging;
    int reads = 0;

    void read(const QString &name, QObject *context, ReadCallback done) override;
    void write(const QString &name, const secrets::Secret &value, QObject *context,
               DoneCallback done) override;
    void remove(const QString &name, QObject *context, DoneCallback done) override;
    void list(QObject *context, ListCallback done) override;
};

} // namespace kpi::test
