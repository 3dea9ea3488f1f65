// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeSecretStore.h"
#include "TestSupport.h"
#include "secrets/ChainedSecretStore.h"
#include "secrets/EnvSecretStore.h"
#include "secrets/SecretScrubber.h"

#include <QTest>

using namespace kpi;
using namespace kpi::secrets;

// The secret stores that need no keychain: names, the environment, the chain, the scrubber.
class TestSecretStores : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void environmentVariableFor_upperCasesAndReplaces_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("variable");
        QTest::newRow("dashes") << "github-token"
                                << "KPI_SECRET_GITHUB_TOKEN";
        QTest::newRow("dots") << "notion.main"
                              << "KPI_SECRET_NOTION_MAIN";
        QTest::newRow("digits") << "db2_password"
                                << "KPI_SECRET_DB2_PASSWORD";
        QTest::newRow("already upper") << "API"
                                       << "KPI_SECRET_API";
    }
    void environmentVariableFor_upperCasesAndReplaces()
    {
        QFETCH(QString, name);
        QFETCH(QString, variable);
        QCOMPARE(SecretStore::environmentVariableFor(name), variable);
    }

    void isValidName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("simple") << "github-token" << true;
        QTest::newRow("dotted") << "notion.main" << true;
        QTest::newRow("leading dot") << ".index" << false;
        QTest::newRow("space") << "my token" << false;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("slash") << "a/b" << false;
        QTest::newRow("64 chars") << QString(64, QLatin1Char('a')) << true;
        QTest::newRow("65 chars") << QString(65, QLatin1Char('a')) << false;
    }
    void isValidName()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(SecretStore::isValidName(name), valid);
    }

    void env_readsTheVariable()
    {
        qputenv("KPI_SECRET_TEST_ENV_TOKEN", "from-the-environment");
        EnvSecretStore store;
        const auto read = test::awaitAnswer<Result<Secret>>(
            [&](QObject *c, auto done) { store.read(QStringLiteral("test-env.token"), c, done); });
        KPI_VERIFY_OK(read);
        QCOMPARE(read->reveal(), QStringLiteral("from-the-environment"));
        const auto listed = test::awaitAnswer<Result<QStringList>>(
            [&](QObject *c, auto done) { store.list(c, done); });
        QVERIFY(listed->contains(QStringLiteral("KPI_SECRET_TEST_ENV_TOKEN")));
        qunsetenv("KPI_SECRET_TEST_ENV_TOKEN");
    }

    void env_missingAndEmptyAreNotFound()
    {
        qputenv("KPI_SECRET_EMPTY_ONE", "");
        EnvSecretStore store;
        for (const QString &name : {QStringLiteral("empty-one"), QStringLiteral("absent")}) {
            const auto read = test::awaitAnswer<Result<Secret>>(
                [&](QObject *c, auto done) { store.read(name, c, done); });
            QCOMPARE(read.error().code, Error::Code::NotFound);
            QCOMPARE(read.error().message, QStringLiteral("the environment variable %1 is not set")
                                               .arg(SecretStore::environmentVariableFor(name)));
        }
    }

    void env_isReadOnly()
    {
        EnvSecretStore store;
        const auto written = test::awaitAnswer<Result<void>>([&](QObject *c, auto done) {
            store.write(QStringLiteral("x-y"), Secret(QStringLiteral("v")), c, done);
        });
        QVERIFY(!written);
        QCOMPARE(written.error().message,
                 QStringLiteral("environment variables are read-only here; set KPI_SECRET_X_Y in "
                                "the environment of the "
                                "process instead"));
    }

    void chain_fallsBackAndSaysWhereItLooked()
    {
        test::FakeSecretStore keychain;
        keychain.unreachable = true;
        EnvSecretStore environment;
        ChainedSecretStore chain({&keychain, &environment});
        qputenv("KPI_SECRET_SERVER_TOKEN", "env-value");
        const auto found = test::awaitAnswer<Result<Secret>>(
            [&](QObject *c, auto done) { chain.read(QStringLiteral("server-token"), c, done); });
        KPI_VERIFY_OK(found);
        QCOMPARE(found->reveal(), QStringLiteral("env-value"));
        qunsetenv("KPI_SECRET_SERVER_TOKEN");

        const auto missing = test::awaitAnswer<Result<Secret>>(
            [&](QObject *c, auto done) { chain.read(QStringLiteral("server-token"), c, done); });
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, Error::Code::NotFound);
        QCOMPARE(missing.error().message,
                 QStringLiteral("secret \"server-token\" not found: the fake keychain is "
                                "unreachable; the environment "
                                "variable KPI_SECRET_SERVER_TOKEN is not set"));
    }

    void chain_prefersTheFirstStore()
    {
        test::FakeSecretStore keychain;
        keychain.values.insert(QStringLiteral("both"), QStringLiteral("from-keychain"));
        EnvSecretStore environment;
        qputenv("KPI_SECRET_BOTH", "from-env");
        ChainedSecretStore chain({&keychain, &environment});
        const auto found = test::awaitAnswer<Result<Secret>>(
            [&](QObject *c, auto done) { chain.read(QStringLiteral("both"), c, done); });
        QCOMPARE(found->reveal(), QStringLiteral("from-keychain"));
        qunsetenv("KPI_SECRET_BOTH");

        KPI_VERIFY_OK(test::awaitAnswer<Result<void>>([&](QObject *c, auto done) {
            chain.write(QStringLiteral("new"), Secret(QStringLiteral("n")), c, done);
        }));
        QCOMPARE(keychain.values.value(QStringLiteral("new")), QStringLiteral("n"));
    }

    void secret_printsRedacted()
    {
        QString printed;
        QDebug(&printed) << Secret(QStringLiteral("hunter2-hunter2"));
        QCOMPARE(printed.trimmed(), QStringLiteral("<redacted>"));
    }

    void scrubber_redactsValuesAndTheirEncodings()
    {
        SecretScrubber scrubber;
        scrubber.add(QStringLiteral("p@ss word/1"));
        scrubber.add(QStringLiteral("abc")); // too short to scrub
        scrubber.addEncoded(QStringLiteral("dXNlcjpwQHNz"));
        const QString text = QStringLiteral(
            "got p@ss word/1 and p%40ss%20word%2F1 and Basic dXNlcjpwQHNz; abc stays");
        QCOMPARE(scrubber.scrub(text),
                 QStringLiteral("got <redacted> and <redacted> and Basic <redacted>; abc stays"));
        QCOMPARE(scrubber.scrub(QByteArray("x p@ss word/1 y")), QByteArray("x <redacted> y"));
    }

    void scrubber_longestFirst()
    {
        SecretScrubber scrubber;
        scrubber.add(QStringLiteral("token"));
        scrubber.add(QStringLiteral("token-extended"));
        QCOMPARE(scrubber.scrub(QStringLiteral("token-extended")), QStringLiteral("<redacted>"));
    }

    // Servers echo request fields inside JSON error bodies, escaped the JSON way.
    void scrubber_redactsJsonEscapedForms()
    {
        SecretScrubber scrubber;
        scrubber.add(QStringLiteral("se\"cr/et\\1"));
        QCOMPARE(scrubber.scrub(QStringLiteral("{\"token\":\"se\\\"cr/et\\\\1\"}")),
                 QStringLiteral("{\"token\":\"<redacted>\"}"));
        QCOMPARE(scrubber.scrub(QStringLiteral("{\"token\":\"se\\\"cr\\/et\\\\1\"}")),
                 QStringLiteral("{\"token\":\"<redacted>\"}"));
        QCOMPARE(scrubber.scrub(QStringLiteral("key=se%22cr%2Fet%5C1")),
                 QStringLiteral("key=<redacted>"));
    }

    // A message cut short for display can cut through a secret: its start goes too.
    void scrubber_redactsASecretCutByAnEllipsis()
    {
        SecretScrubber scrubber;
        scrubber.add(QStringLiteral("sk_live_0123456789abcdef"));
        const QString cut = QStringLiteral("found a string \"user sk_live_01234\u2026\"");
        QCOMPARE(scrubber.scrub(cut), QStringLiteral("found a string \"user <redacted>\u2026\""));
        // Text that merely ends in an ellipsis is left alone.
        QCOMPARE(scrubber.scrub(QStringLiteral("loading sk_\u2026 and more\u2026")),
                 QStringLiteral("loading sk_\u2026 and more\u2026"));
    }
};

QTEST_GUILESS_MAIN(TestSecretStores)
#include "TestSecretStores.moc"
