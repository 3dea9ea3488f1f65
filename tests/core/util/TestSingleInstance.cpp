// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "util/SingleInstance.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using kpi::SingleInstance;

class TestSingleInstance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secondLaunch_handsItsMessageToTheFirst()
    {
        SingleInstance first(role());
        QCOMPARE(first.claim("activate"), SingleInstance::Role::Primary);
        QSignalSpy received(&first, &SingleInstance::messageReceived);

        SingleInstance second(role());
        QCOMPARE(second.claim("activate"), SingleInstance::Role::Secondary);
        QVERIFY(received.wait(5000));
        QCOMPARE(received.constFirst().constFirst().toByteArray(), QByteArray("activate"));
    }

    void afterTheFirstEnds_theNextLaunchIsPrimary()
    {
        {
            SingleInstance first(role());
            QCOMPARE(first.claim("activate"), SingleInstance::Role::Primary);
        }
        SingleInstance next(role());
        QCOMPARE(next.claim("activate"), SingleInstance::Role::Primary);
    }

    // A crash leaves the socket file behind; nobody answers on it, so it is taken over.
    void staleSocketFromACrash_isTakenOver()
    {
        SingleInstance next(role());
        QFile leftover(QDir::temp().filePath(next.serverName()));
        QVERIFY(leftover.open(QIODevice::WriteOnly));
        leftover.close();
        QCOMPARE(next.claim("activate"), SingleInstance::Role::Primary);
        SingleInstance after(role());
        QCOMPARE(after.claim("activate"), SingleInstance::Role::Secondary);
    }

    void differentRoles_doNotMeet()
    {
        SingleInstance window(role() + QStringLiteral("-window"));
        SingleInstance daemon(role() + QStringLiteral("-daemon"));
        QCOMPARE(window.claim("activate"), SingleInstance::Role::Primary);
        QCOMPARE(daemon.claim("status"), SingleInstance::Role::Primary);
    }

private:
    // Never the role a real KPI Collector on this machine uses.
    static QString role()
    {
        return QStringLiteral("test-%1").arg(QCoreApplication::applicationPid());
    }
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "TestSingleInstance.moc"
