// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "secrets/EnvSecretStore.h"

#include <QMetaObject>
#include <QPointer>
#include <QProcessEnvironment>

namespace kpi::secrets {

namespace {

// Answers on the next turn of the event loop, like every other store, so callers never
// see a callback run before the call returned.
template<typename R>
void answerLater(QObject *context, std::function<void(const R &)> done, R result)
{
    QMetaObject::invokeMethod(
        context, [done = std::move(done), result = std::move(result)] { done(result); },
        Qt::QueuedConnection);
}

} // namespace

void EnvSecretStore::read(const QString &name, QObject *context, ReadCallback done)
{
    const QString variable = environmentVariableFor(name);
    const QString value = qEnvironmentVariable(qPrintable(variable));
    answerLater<Result<Secret>>(
        context, std::move(done),
        value.isEmpty()
            ? Result<Secret>::error(Error::Code::NotFound,
                                    tr("the environment variable %1 is not set").arg(variable))
            : Result<Secret>::ok(Secret(value)));
}

void EnvSecretStore::write(const QString &name, const Secret &, QObject *context, DoneCallback done)
{
    answerLater<Result<void>>(
        context, std::move(done),
        Result<void>::error(Error::Code::Secret,
                            tr("environment variables are read-only here; set %1 in the "
                               "environment of the process instead")
                                .arg(environmentVariableFor(name))));
}

void EnvSecretStore::remove(const QString &name, QObject *context, DoneCallback done)
{
    answerLater<Result<void>>(
        context, std::move(done),
        Result<void>::error(Error::Code::Secret,
                            tr("environment variables are read-only here; unset %1 in the "
                               "environment of the process instead")
                                .arg(environmentVariableFor(name))));
}

void EnvSecretStore::list(QObject *context, ListCallback done)
{
    QStringList names;
    const auto keys = QProcessEnvironment::systemEnvironment().keys();
    for (const QString &key : keys) {
        if (key.startsWith(QLatin1String("KPI_SECRET_")) &&
            !qEnvironmentVariableIsEmpty(qPrintable(key)))
            names.append(key);
    }
    names.sort();
    answerLater<Result<QStringList>>(context, std::move(done), Result<QStringList>::ok(names));
}

} // namespace kpi::secrets
