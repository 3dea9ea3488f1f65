// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "secrets/SecretStore.h"

#include <QList>

namespace kpi::secrets {

// Asks each store in turn until one has the secret (the app chains the OS keychain, then
// the environment). When none has it, the error lists every place it looked and why it
// was not there. Writes and removals go to the first store only.
class ChainedSecretStore : public SecretStore
{
    Q_OBJECT

public:
    // The stores are not owned.
    explicit ChainedSecretStore(QList<SecretStore *> stores, QObject *parent = nullptr);

    void read(const QString &name, QObject *context, ReadCallback done) override;
    void write(const QString &name, const Secret &value, QObject *context,
               DoneCallback done) override;
    void remove(const QString &name, QObject *context, DoneCallback done) override;
    // The union of every store's names; a store that cannot be reached adds none.
    void list(QObject *context, ListCallback done) override;

private:
    void readFrom(qsizetype index, const QString &name, QStringList misses, QObject *context,
                  ReadCallback done);
    void listFrom(qsizetype index, QStringList names, QObject *context, ListCallback done);

    QList<SecretStore *> m_stores;
};

} // namespace kpi::secrets
