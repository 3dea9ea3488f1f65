// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
// Runs against a real Secret Service: scripts/with-keyring.sh starts a private D-Bus session
// with a fresh, unlocked gnome-keyring around this test (label "keychain").
#include "TestSupport.h"
#include "secrets/KeychainSecretStore.h"

#include <QSignalSpy>
#include <QTest>

using namespace kpi;
using namespace kpi::secrets;

class TestKeychainSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
                 "run through scripts/with-keyring.sh (ctest does): it needs a D-Bus session");
    }

    void write_thenReadGivesTheValueBack()
    {
        KeychainSecretStore store(QStringLiteral("kpi-collector-test"));
        const QString value =
            QStringLiteral("tøken with spaces, ünïcode and = signs %1").arg(QLatin1Char('\t'));
        const auto written = test::awaitAnswer<Result<void>>([&](QObject *c, auto done) {
            store.write(QStringLiteral("github-token"), Secret(value), c, done);
        });
        KPI_VERIFY_OK(written);
        const auto read = test::awaitAnswer<Result<Secret>>(
            [&](QObject *c, auto done) { store.read(QStringLiteral("github-token"), c, done); });
        KPI_VERIFY_OK(read);
        QCOMPARE(read->reveal(), value);
    }

    void write_overwrites()
    {
        KeychainSecretStore store(QStringLiteral("kpi-collector-test"));
        for (const QString &value : {QStringLiteral("first-value"), QStringLiteral("second-value")})
            KPI_VERIFY_OK(test::awaitAnswer<Result<void>>([&](QObject *c, auto done) {
                store.write(QStringLiteral("rotated"), Secret(value), c, done);
            }));
        const auto read = test::awaitAnswer<Result<Secret>>(
            [&](QObject *c, auto done) { store.read(QStringLiteral("rotated"), c, done); });
        QCOMPARE(read->reveal(), QStringLiteral("second-value"));
    }

    void read_missingEntryIsNotFound()
    {
        KeychainSecretStore store(QStringLiteral("kpi-collector-test"));
        const auto read = test::awaitAnswer<Result<Secret>>(
            [&](QObject *c, auto done) { store.read(QStringLiteral("never-stored"), c, done); });
        QVERIFY(!read);
        QCOMPARE(read.error().code, Error::Code::NotFound);
        QCOMPARE(
            read.error().message,
            QStringLiteral(
                "the OS keychain has no entry \"never-stored\" for service kpi-collector-test"));
    }

    void services_areSeparate()
    {
        KeychainSecretStore one(QStringLiteral("kpi-collector-test-a"));
        KeychainSecretStore other(QStringLiteral("kpi-collector-test-b"));
        KPI_VERIFY_OK(test::awaitAnswer<Result<void>>([&](QObject *c, auto done) {
            one.write(QStringLiteral("shared-name"), Secret(QStringLiteral("in-a")), c, done);
        }));
        const auto read = test::awaitAnswer<Result<Secret>>(
            [&](QObject *c, auto done) { other.read(QStringLiteral("shared-name"), c, done); });
        QCOMPARE(read.error().code, Error::Code::NotFound);
    }

    void remove_deletesAndUpdatesTheList()
    {
        KeychainSecretStore store(QStringLiteral("kpi-collector-test-list"));
        for (const QString &name :
             {QStringLiteral("b-token"), QStringLiteral("a-token"), QStringLiteral("c-token")})
            KPI_VERIFY_OK(test::awaitAnswer<Result<void>>([&](QObject *c, auto done) {
                store.write(name, Secret(QStringLiteral("value-") + name), c, done);
            }));
        auto listed = test::awaitAnswer<Result<QStringList>>(
            [&](QObject *c, auto done) { store.list(c, done); });
        KPI_VERIFY_OK(listed);
        QCOMPARE(*listed, (QStringList{QStringLiteral("a-token"), QStringLiteral("b-token"),
                                       QStringLiteral("c-token")}));

        KPI_VERIFY_OK(test::awaitAnswer<Result<void>>(
            [&](QObject *c, auto done) { store.remove(QStringLiteral("b-token"), c, done); }));
        const auto gone = test::awaitAnswer<Result<Secret>>(
            [&](QObject *c, auto done) { store.read(QStringLiteral("b-token"), c, done); });
        QCOMPARE(gone.error().code, Error::Code::NotFound);
        listed = test::awaitAnswer<Result<QStringList>>(
            [&](QObject *c, auto done) { store.list(c, done); });
        QCOMPARE(*listed, (QStringList{QStringLiteral("a-token"), QStringLiteral("c-token")}));
    }

    void list_isEmptyForANewService()
    {
        KeychainSecretStore store(QStringLiteral("kpi-collector-test-empty"));
        const auto listed = test::awaitAnswer<Result<QStringList>>(
            [&](QObject *c, auto done) { store.list(c, done); });
        KPI_VERIFY_OK(listed);
        QVERIFY(listed->isEmpty());
    }

    void callbacks_areDroppedWithTheirContext()
    {
        KeychainSecretStore store(QStringLiteral("kpi-collector-test"));
        bool called = false;
        {
            QObject context;
            store.read(QStringLiteral("github-token"), &context,
                       [&called](const Result<Secret> &) { called = true; });
        }
        QTest::qWait(300);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestKeychainSecretStore)
#include "TestKeychainSecretStore.moc"
