// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "secrets/ReadOnlySecretStore.h"

#include "util/Logging.h"

namespace kpi::secrets {

namespace {

// Answered from the event loop, as every store answers: never inside the call.
template<typename R, typename Callback>
void answerLater(QObject *context, Callback done, R result)
{
    QMetaObject::invokeMethod(
        context, [done = std::move(done), result = std::move(result)] { done(result); },
        Qt::QueuedConnection);
}

Error noStore()
{
    return Error{Error::Code::Secret, QObject::tr("no secret store"), {}};
}

} // namespace

ReadOnlySecretStore::ReadOnlySecretStore(SecretStore *base, QObject *parent)
    : SecretStore(parent), m_base(base)
{ }

void ReadOnlySecretStore::read(const QString &name, QObject *context, ReadCallback done)
{
    if (!m_base)
        return answerLater(context, std::move(done), Result<Secret>::error(noStore()));
    m_base->read(name, context, std::move(done));
}

void ReadOnlySecretStore::write(const QString &name, const Secret &, QObject *context,
                                DoneCallback done)
{
    qCDebug(lcSecrets) << "dry run: not writing" << name;
    answerLater(context, std::move(done), Result<void>::ok());
}

void ReadOnlySecretStore::remove(const QString &name, QObject *context, DoneCallback done)
{
    qCDebug(lcSecrets) << "dry run: not removing" << name;
    answerLater(context, std::move(done), Result<void>::ok());
}

void ReadOnlySecretStore::list(QObject *context, ListCallback done)
{
    if (!m_base)
        return answerLater(context, std::move(done), Result<QStringList>::error(noStore()));
    m_base->list(context, std::move(done));
}

} // namespace kpi::secrets
