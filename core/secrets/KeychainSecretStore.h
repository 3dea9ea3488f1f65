// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "secrets/SecretStore.h"

namespace kpi::secrets {

// Secrets in the OS keychain through QtKeychain (the Secret Service on Linux, Keychain on
// macOS, Credential Manager on Windows), under the service name `kpi-collector`.
// Never falls back to a plain file: QtKeychain's insecure fallback is off.
//
// The keychain cannot list its entries, so the names written here are also kept in one
// entry of their own (`.index`, a name no secret can have): list() reads it.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT

public:
    explicit KeychainSecretStore(QString service = QStringLiteral("kpi-collector"),
                                 QObject *parent = nullptr);

    void read(const QString &name, QObject *context, ReadCallback done) override;
    void write(const QString &name, const Secret &value, QObject *context,
               DoneCallback done) override;
    void remove(const QString &name, QObject *context, DoneCallback done) override;
    void list(QObject *context, ListCallback done) override;

    QString service() const { return m_service; }

private:
    void readRaw(const QString &key, QObject *context, ReadCallback done);
    void writeRaw(const QString &key, const QString &value, QObject *context, DoneCallback done);
    void updateIndex(const QString &name, bool present, QObject *context, DoneCallback done);
    Error keychainError(int code, const QString &detail, const QString &name) const;

    QString m_service;
};

} // namespace kpi::secrets
