// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "forms/PendingSecretStore.h"

#include <QMetaObject>

namespace kpi::ui {

namespace {
const Error NoStore{Error::Code::Secret, QStringLiteral("no secret store"), {}};
}

PendingSecretStore::PendingSecretStore(secrets::SecretStore *base, QHash<QString, QString> pending,
                                       QObject *parent)
    : SecretStore(parent), m_base(base), m_pending(std::move(pending))
{ }

void PendingSecretStore::read(const QString &name, QObject *context, ReadCallback done)
{
    if (m_pending.contains(name) || !m_base) {
        // Answered later, as every store does: callers may not expect an answer inside read().
        const auto result =
            m_pending.contains(name)
                ? Result<secrets::Secret>::ok(secrets::Secret(m_pending.value(name)))
                : Result<secrets::Secret>::error(NoStore);
        QMetaObject::invokeMethod(
            context, [done, result] { done(result); }, Qt::QueuedConnection);
        return;
    }
    m_base->read(name, context, std::move(done));
}

void PendingSecretStore::write(const QString &name, const secrets::Secret &value, QObject *context,
                               DoneCallback done)
{
    if (!m_base) {
        QMetaObject::invokeMethod(
            context, [done] { done(Result<void>::error(NoStore)); }, Qt::QueuedConnection);
        return;
    }
    m_base->write(name, value, context, std::move(done));
}

void PendingSecretStore::remove(const QString &name, QObject *context, DoneCallback done)
{
    if (!m_base) {
        QMetaObject::invokeMethod(
            context, [done] { done(Result<void>::error(NoStore)); }, Qt::QueuedConnection);
        return;
    }
    m_base->remove(name, context, std::move(done));
}

void PendingSecretStore::list(QObject *context, ListCallback done)
{
    if (!m_base) {
        QMetaObject::invokeMethod(
            context, [done] { done(Result<QStringList>::error(NoStore)); }, Qt::QueuedConnection);
        return;
    }
    m_base->list(context, std::move(done));
}

} // namespace kpi::ui
