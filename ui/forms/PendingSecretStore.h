// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "secrets/SecretStore.h"

#include <QHash>
#include <QPointer>

namespace kpi::ui {

// The app's store with the values typed into a form but not saved yet laid over it, so
// Test can run a source with a token the user just pasted, before anything is written.
class PendingSecretStore : public secrets::SecretStore
{
    Q_OBJECT

public:
    PendingSecretStore(secrets::SecretStore *base, QHash<QString, QString> pending,
                       QObject *parent = nullptr);

    void read(const QString &name, QObject *context, ReadCallback done) override;
    void write(const QString &name, const secrets::Secret &value, QObject *context,
               DoneCallback done) override;
    void remove(const QString &name, QObject *context, DoneCallback done) override;
    void list(QObject *context, ListCallback done) override;

private:
    QPointer<secrets::SecretStore> m_base;
    QHash<QString, QString> m_pending;
};

} // namespace kpi::ui
