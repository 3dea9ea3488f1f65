// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "secrets/KeychainSecretStore.h"

#include "util/Logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <qt6keychain/keychain.h>

namespace kpi::secrets {

namespace {

const QString IndexKey = QStringLiteral(".index");

QStringList parseIndex(const QString &text)
{
    QStringList names;
    const auto array = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const auto &value : array) {
        if (SecretStore::isValidName(value.toString()))
            names.append(value.toString());
    }
    return names;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, QObject *parent)
    : SecretStore(parent), m_service(std::move(service))
{ }

void KeychainSecretStore::read(const QString &name, QObject *context, ReadCallback done)
{
    readRaw(name, context, std::move(done));
}

void KeychainSecretStore::readRaw(const QString &key, QObject *context, ReadCallback done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, context,
            [this, key, done = std::move(done)](QKeychain::Job *finished) {
                auto *readJob = static_cast<QKeychain::ReadPasswordJob *>(finished);
                if (readJob->error() != QKeychain::NoError) {
                    qCDebug(lcSecrets)
                        << "keychain read of" << key << "failed with code" << readJob->error();
                    done(Result<Secret>::error(
                        keychainError(readJob->error(), readJob->errorString(), key)));
                    return;
                }
                done(Result<Secret>::ok(Secret(readJob->textData())));
            });
    job->start();
}

void KeychainSecretStore::write(const QString &name, const Secret &value, QObject *context,
                                DoneCallback done)
{
    QPointer<QObject> guard(context);
    writeRaw(name, value.reveal(), context,
             [this, name, guard, done = std::move(done)](const Result<void> &written) {
                 if (!written || !guard) {
                     done(written);
                     return;
                 }
                 updateIndex(name, true, guard, done);
             });
}

void KeychainSecretStore::writeRaw(const QString &key, const QString &value, QObject *context,
                                   DoneCallback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setTextData(value);
    connect(job, &QKeychain::Job::finished, context,
            [this, key, done = std::move(done)](QKeychain::Job *finished) {
                if (finished->error() != QKeychain::NoError) {
                    done(Result<void>::error(
                        keychainError(finished->error(), finished->errorString(), key)));
                    return;
                }
                done(Result<void>::ok());
            });
    job->start();
}

void KeychainSecretStore::remove(const QString &name, QObject *context, DoneCallback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(name);
    QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, context,
            [this, name, guard, done = std::move(done)](QKeychain::Job *finished) {
                if (finished->error() != QKeychain::NoError) {
                    done(Result<void>::error(
                        keychainError(finished->error(), finished->errorString(), name)));
                    return;
                }
                updateIndex(name, false, guard, done);
            });
    job->start();
}

void KeychainSecretStore::list(QObject *context, ListCallback done)
{
    readRaw(IndexKey, context, [done = std::move(done)](const Result<Secret> &index) {
        if (!index && index.error().code == Error::Code::NotFound) {
            done(Result<QStringList>::ok({}));
            return;
        }
        if (!index) {
            done(index.forward<QStringList>());
            return;
        }
        done(Result<QStringList>::ok(parseIndex(index->reveal())));
    });
}

void KeychainSecretStore::updateIndex(const QString &name, bool present, QObject *context,
                                      DoneCallback done)
{
    QPointer<QObject> guard(context);
    readRaw(IndexKey, context, [this, name, present, guard, done](const Result<Secret> &index) {
        // An index that could not be read (a locked keychain, a denied prompt) is left
        // alone: rewriting it from nothing would forget every other name.
        if (!index && index.error().code != Error::Code::NotFound) {
            qCWarning(lcSecrets).noquote()
                << "could not read the keychain's list of names:" << index.error().message;
            done(Result<void>::ok());
            return;
        }
        QStringList names = index ? parseIndex(index->reveal()) : QStringList();
        if (present == names.contains(name)) {
            done(Result<void>::ok());
            return;
        }
        if (present)
            names.append(name);
        else
            names.removeAll(name);
        names.sort();
        const QString text = QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(names)).toJson(QJsonDocument::Compact));
        if (!guard)
            return;
        // The secret itself is stored; a failure to update the index only affects list().
        writeRaw(IndexKey, text, guard, [done](const Result<void> &written) {
            if (!written)
                qCWarning(lcSecrets).noquote()
                    << "could not update the keychain's list of names:" << written.error().message;
            done(Result<void>::ok());
        });
    });
}

Error KeychainSecretStore::keychainError(int code, const QString &detail, const QString &name) const
{
    switch (code) {
    case QKeychain::EntryNotFound:
        return {Error::Code::NotFound,
                tr("the OS keychain has no entry \"%1\" for service %2").arg(name, m_service),
                {}};
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return {Error::Code::Secret,
                tr("the OS keychain denied access to \"%1\": %2").arg(name, detail),
                {}};
    case QKeychain::NoBackendAvailable:
        return {Error::Code::Secret, tr("no OS keychain is reachable (%1)").arg(detail), {}};
    default:
        return {Error::Code::Secret, tr("the OS keychain could not be used (%1)").arg(detail), {}};
    }
}

} // namespace kpi::secrets
