// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeSecretStore.h"

#include <QMetaObject>

namespace kpi::test {

namespace {
const Error Unreachable{
    Error::Code::Secret, QStringLiteral("the fake keychain is unreachable"), {}};

template<typename F>
void later(QObject *context, F f)
{
    QMetaObject::invokeMethod(context, std::move(f), Qt::QueuedConnection);
}
} // namespace

void FakeSecretStore::read(const QString &name, QObject *context, ReadCallback done)
{
    ++reads;
    if (hanging.contains(name))
        return;
    Result<secrets::Secret> result =
        unreachable             ? Result<secrets::Secret>::error(Unreachable)
        : values.contains(name) ? Result<secrets::Secret>::ok(secrets::Secret(values.value(name)))
                                : Result<secrets::Secret>::error(
                                      Error::Code::NotFound,
                                      QStringLiteral("the fake keychain has no \"%1\"").arg(name));
    later(context, [done, result] { done(result); });
}

void FakeSecretStore::write(const QString &name, const secrets::Secret &value, QObject *context,
                            DoneCallback done)
{
    if (!unreachable)
        values.insert(name, value.reveal());
    const auto result = unreachable ? Result<void>::error(Unreachable) : Result<void>::ok();
    later(context, [done, result] { done(result); });
}

void FakeSecretStore::remove(const QString &name, QObject *context, DoneCallback done)
{
    const bool existed = values.remove(name) > 0;
    const auto result =
        unreachable ? Result<void>::error(Unreachable)
        : existed   ? Result<void>::ok()
                    : Result<void>::error(Error::Code::NotFound, QStringLiteral("no such entry"));
    later(context, [done, result] { done(result); });
}

void FakeSecretStore::list(QObject *context, ListCallback done)
{
    QStringList names = values.keys();
    names.sort();
    const auto result =
        unreachable ? Result<QStringList>::error(Unreachable) : Result<QStringList>::ok(names);
    later(context, [done, result] { done(result); });
}

} // namespace kpi::test
