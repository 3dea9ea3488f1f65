// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "secrets/Secret.h"
#include "util/Result.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace kpi::secrets {

// Where secrets live (KeePassXC's interface + implementations). Every call is
// asynchronous: a keychain may have to ask the user to unlock it. Callbacks run on the
// store's thread, and never after `context` has been destroyed.
//
// read() fails with Error::Code::NotFound when the store works but has no such entry, and
// Error::Code::Secret when the store itself cannot be reached; messages say where it looked.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    using ReadCallback = std::function<void(const Result<Secret> &)>;
    using DoneCallback = std::function<void(const Result<void> &)>;
    using ListCallback = std::function<void(const Result<QStringList> &)>;

    using QObject::QObject;

    virtual void read(const QString &name, QObject *context, ReadCallback done) = 0;
    virtual void write(const QString &name, const Secret &value, QObject *context,
                       DoneCallback done) = 0;
    virtual void remove(const QString &name, QObject *context, DoneCallback done) = 0;
    // Names this store holds, sorted; never values.
    virtual void list(QObject *context, ListCallback done) = 0;

    // Names are what the workspace file refers to: `github-token`, `notion.main`.
    static bool isValidName(const QString &name);
    // Why `name` cannot name a secret, for a message that never repeats it (it may be a
    // pasted token); nullopt when it can.
    static std::optional<QString> nameProblem(const QString &name);
    // `KPI_SECRET_<NAME>`: upper-cased, every character other than A-Z and 0-9 as `_`.
    static QString environmentVariableFor(const QString &name);
};

} // namespace kpi::secrets
