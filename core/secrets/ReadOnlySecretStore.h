// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "secrets/SecretStore.h"

#include <QPointer>

namespace kpi::secrets {

// Another store, read through, whose writes and removals are answered "done" and dropped:
// what a dry run (`collect --dry-run`, the window's Test) hands its sources, so that
// trying a source changes nothing, not even the session an html login would keep.
class ReadOnlySecretStore : public SecretStore
{
    Q_OBJECT

public:
    explicit ReadOnlySecretStore(SecretStore *base, QObject *parent = nullptr);

    void read(const QString &name, QObject *context, ReadCallback done) override;
    void write(const QString &name, const Secret &value, QObject *context,
               DoneCallback done) override;
    void remove(const QString &name, QObject *context, DoneCallback done) override;
    void list(QObject *context, ListCallback done) override;

private:
    QPointer<SecretStore> m_base;
};

} // namespace kpi::secrets
