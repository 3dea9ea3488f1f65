// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "util/SingleInstance.h"

#include "util/Logging.h"

#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>

#include <unistd.h>

namespace kpi {

namespace {
constexpr int ConnectTimeoutMs = 1000;
constexpr int LockTimeoutMs = 3000;
} // namespace

SingleInstance::SingleInstance(const QString &role, QObject *parent)
    : QObject(parent), m_serverName(QStringLiteral("kpi-collector-%1-%2").arg(role).arg(::getuid()))
{ }

SingleInstance::~SingleInstance() = default;

SingleInstance::Role SingleInstance::claim(const QByteArray &message)
{
    // Two launches at the same moment would both find no server and both listen, the second
    // removing the first's socket; the lock makes them take turns.
    QLockFile lock(QDir::temp().filePath(m_serverName + QStringLiteral(".lock")));
    if (!lock.tryLock(LockTimeoutMs))
        qCWarning(lcCli) << "could not lock" << lock.error() << "; going on without";

    QLocalSocket socket;
    socket.connectToServer(m_serverName);
    if (socket.waitForConnected(ConnectTimeoutMs)) {
        socket.write(message + '\n');
        socket.waitForBytesWritten(ConnectTimeoutMs);
        socket.disconnectFromServer();
        return Role::Secondary;
    }
    // Nobody answers: a socket file left by a crash is in the way, if anything.
    QLocalServer::removeServer(m_serverName);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    if (!m_server->listen(m_serverName))
        qCWarning(lcCli) << "cannot listen on" << m_serverName << ":" << m_server->errorString();
    return Role::Primary;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            while (socket->canReadLine())
                Q_EMIT messageReceived(socket->readLine().trimmed());
        });
    }
}

} // namespace kpi
