// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QObject>

class QLocalServer;

namespace kpi {

// One running instance per user and role (KeePassXC, qBittorrent): the first launch
// listens on a local socket; a later launch finds it, hands over a message ("activate":
// bring the window forward) and ends, instead of starting a second scheduler.
class SingleInstance : public QObject
{
    Q_OBJECT

public:
    enum class Role { Primary, Secondary };

    // `role` names the kind of instance ("window", "daemon"); the user id is added.
    explicit SingleInstance(const QString &role, QObject *parent = nullptr);
    ~SingleInstance() override;

    // Becomes the primary instance, or sends `message` to the one running and returns
    // Secondary. Waits at most a second or two, once, at start.
    Role claim(const QByteArray &message);
    const QString &serverName() const { return m_serverName; }

Q_SIGNALS:
    // From a later launch, on the primary.
    void messageReceived(const QByteArray &message);

private:
    void onNewConnection();

    QString m_serverName;
    QLocalServer *m_server = nullptr;
};

} // namespace kpi
