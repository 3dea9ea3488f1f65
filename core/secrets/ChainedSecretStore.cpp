// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "secrets/ChainedSecretStore.h"

#include <QPointer>

namespace kpi::secrets {

ChainedSecretStore::ChainedSecretStore(QList<SecretStore *> stores, QObject *parent)
    : SecretStore(parent), m_stores(std::move(stores))
{ }

void ChainedSecretStore::read(const QString &name, QObject *context, ReadCallback done)
{
    readFrom(0, name, {}, context, std::move(done));
}

void ChainedSecretStore::readFrom(qsizetype index, const QString &name, QStringList misses,
                                  QObject *context, ReadCallback done)
{
    if (index >= m_stores.size()) {
        done(Result<Secret>::error(
            Error::Code::NotFound,
            tr("secret \"%1\" not found: %2").arg(name, misses.join(QStringLiteral("; ")))));
        return;
    }
    // The chain may go away while a store answers; so may the caller's context.
    QPointer<QObject> guard(context);
    QPointer<ChainedSecretStore> self(this);
    m_stores[index]->read(
        name, context,
        [self, index, name, misses, guard, done](const Result<Secret> &result) mutable {
            if (result) {
                done(result);
                return;
            }
            misses.append(result.error().message);
            if (guard && self)
                self->readFrom(index + 1, name, misses, guard, done);
        });
}

void ChainedSecretStore::write(const QString &name, const Secret &value, QObject *context,
                               DoneCallback done)
{
    m_stores.constFirst()->write(name, value, context, std::move(done));
}

void ChainedSecretStore::remove(const QString &name, QObject *context, DoneCallback done)
{
    m_stores.constFirst()->remove(name, context, std::move(done));
}

void ChainedSecretStore::list(QObject *context, ListCallback done)
{
    listFrom(0, {}, context, std::move(done));
}

void ChainedSecretStore::listFrom(qsizetype index, QStringList names, QObject *context,
                                  ListCallback done)
{
    if (index >= m_stores.size()) {
        names.removeDuplicates();
        names.sort();
        done(Result<QStringList>::ok(names));
        return;
    }
    QPointer<QObject> guard(context);
    QPointer<ChainedSecretStore> self(this);
    m_stores[index]->list(
        context, [self, index, names, guard, done](const Result<QStringList> &result) mutable {
            if (result)
                names += *result;
            if (guard && self)
                self->listFrom(index + 1, names, guard, done);
        });
}

} // namespace kpi::secrets
