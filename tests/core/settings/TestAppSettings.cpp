// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "settings/AppSettings.h"
#include "store/DatabaseLocation.h"
#include "workspace/WorkspaceLoader.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using kpi::settings::AppSettings;
using kpi::store::DatabaseLocation;
using kpi::workspace::WorkspaceLoader;

// The window's preferences, and the order in which a workspace and a history are chosen:
// --workspace / --database, then the environment, then the setting, then the default.
class TestAppSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        kpi::settings::AppSettings::open()->clear();
        qunsetenv("KPI_COLLECTOR_WORKSPACE");
        qunsetenv("KPI_COLLECTOR_DATABASE");
    }

    void cleanupTestCase()
    {
        kpi::settings::AppSettings::open()->clear();
        qunsetenv("KPI_COLLECTOR_WORKSPACE");
        qunsetenv("KPI_COLLECTOR_DATABASE");
    }

    void defaults_areUnsetAndOn()
    {
        QCOMPARE(AppSettings::workspacePath(), QString());
        QCOMPARE(AppSettings::databaseSpec(), QString());
        QVERIFY(AppSettings::closeToTray());
        QVERIFY(AppSettings::notifyFailures());
        QCOMPARE(WorkspaceLoader::resolvePath({}), WorkspaceLoader::defaultPath());
        const auto location = DatabaseLocation::resolve({});
        KPI_VERIFY_OK(location);
        QCOMPARE(location->path, DatabaseLocation::defaultLocation().path);
    }

    // One INI file in the app's config folder, beside the workspace: not a folder named
    // after a missing organisation.
    void theFile_isBesideTheWorkspace()
    {
        const auto settings = kpi::settings::AppSettings::open();
        QCOMPARE(settings->fileName(),
                 QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
                     QStringLiteral("/settings.conf"));
        QCOMPARE(settings->format(), QSettings::IniFormat);
        kpi::settings::AppSettings::setCloseToTray(false);
        QVERIFY(QFile::exists(settings->fileName()));
        kpi::settings::AppSettings::setCloseToTray(true);
    }

    // A path written by hand with ~ is the home folder's, from any folder.
    void tilde_isTheHomeFolder()
    {
        kpi::settings::AppSettings::open()->setValue(QStringLiteral("files/database"),
                                                     QStringLiteral("~/kpi/h.sqlite"));
        kpi::settings::AppSettings::open()->setValue(QStringLiteral("files/workspace"),
                                                     QStringLiteral("~/kpi/workspace.json"));
        QCOMPARE(kpi::settings::AppSettings::databaseSpec(),
                 QDir::homePath() + QStringLiteral("/kpi/h.sqlite"));
        QCOMPARE(kpi::settings::AppSettings::workspacePath(),
                 QDir::homePath() + QStringLiteral("/kpi/workspace.json"));
        QCOMPARE(kpi::settings::AppSettings::expandHome(QStringLiteral("postgresql://db/m")),
                 QStringLiteral("postgresql://db/m"));
        kpi::settings::AppSettings::open()->clear();
    }

    void setters_keepTheValues()
    {
        AppSettings::setWorkspacePath(QStringLiteral("/srv/kpi/workspace.json"));
        AppSettings::setDatabaseSpec(QStringLiteral("postgresql://kpi@db/metrics"));
        AppSettings::setCloseToTray(false);
        AppSettings::setNotifyFailures(false);
        QCOMPARE(AppSettings::workspacePath(), QStringLiteral("/srv/kpi/workspace.json"));
        QCOMPARE(AppSettings::databaseSpec(), QStringLiteral("postgresql://kpi@db/metrics"));
        QVERIFY(!AppSettings::closeToTray());
        QVERIFY(!AppSettings::notifyFailures());
        // An empty string removes the key, so the next in line (the default) applies again.
        AppSettings::setWorkspacePath(QStringLiteral("  "));
        AppSettings::setDatabaseSpec({});
        QVERIFY(!kpi::settings::AppSettings::open()->contains(QStringLiteral("files/workspace")));
        QVERIFY(!kpi::settings::AppSettings::open()->contains(QStringLiteral("files/database")));
        QCOMPARE(WorkspaceLoader::resolvePath({}), WorkspaceLoader::defaultPath());
    }

    void workspace_explicitThenEnvironmentThenSettingThenDefault()
    {
        const QString explicitPath = QStringLiteral("/tmp/explicit.json");
        const QString fromEnvironment = QStringLiteral("/tmp/environment.json");
        const QString fromSetting = QStringLiteral("/tmp/setting.json");
        AppSettings::setWorkspacePath(fromSetting);
        QCOMPARE(WorkspaceLoader::resolvePath({}), fromSetting);
        qputenv("KPI_COLLECTOR_WORKSPACE", fromEnvironment.toLocal8Bit());
        QCOMPARE(WorkspaceLoader::resolvePath({}), fromEnvironment);
        QCOMPARE(WorkspaceLoader::resolvePath(explicitPath), explicitPath);
        qunsetenv("KPI_COLLECTOR_WORKSPACE");
        QCOMPARE(WorkspaceLoader::resolvePath(explicitPath), explicitPath);
        QCOMPARE(WorkspaceLoader::resolvePath({}), fromSetting);
    }

    void database_explicitThenEnvironmentThenSettingThenDefault()
    {
        AppSettings::setDatabaseSpec(QStringLiteral("/tmp/setting.sqlite"));
        auto location = DatabaseLocation::resolve({});
        KPI_VERIFY_OK(location);
        QCOMPARE(location->path, QStringLiteral("/tmp/setting.sqlite"));
        qputenv("KPI_COLLECTOR_DATABASE", "postgresql://kpi@db.example.com/metrics");
        location = DatabaseLocation::resolve({});
        KPI_VERIFY_OK(location);
        QCOMPARE(location->kind, DatabaseLocation::Kind::Postgres);
        QCOMPARE(location->host, QStringLiteral("db.example.com"));
        location = DatabaseLocation::resolve(QStringLiteral("/tmp/explicit.sqlite"));
        KPI_VERIFY_OK(location);
        QCOMPARE(location->kind, DatabaseLocation::Kind::Sqlite);
        QCOMPARE(location->path, QStringLiteral("/tmp/explicit.sqlite"));
        qunsetenv("KPI_COLLECTOR_DATABASE");
        location = DatabaseLocation::resolve({});
        KPI_VERIFY_OK(location);
        QCOMPARE(location->path, QStringLiteral("/tmp/setting.sqlite"));
    }

    // A bad spec names where it came from, so the user knows which one to fix.
    void database_badSpecNamesItsPlace()
    {
        AppSettings::setDatabaseSpec(QStringLiteral("sqlite://host/x.sqlite"));
        auto location = DatabaseLocation::resolve({});
        QVERIFY(!location);
        QCOMPARE(location.error().where, QStringLiteral("settings: database"));
        QVERIFY(location.error().message.contains(QStringLiteral("names a host")));

        qputenv("KPI_COLLECTOR_DATABASE", "mysql://db/x");
        location = DatabaseLocation::resolve({});
        QVERIFY(!location);
        QCOMPARE(location.error().where, QStringLiteral("KPI_COLLECTOR_DATABASE"));

        location = DatabaseLocation::resolve(QStringLiteral("sqlite://other/x"));
        QVERIFY(!location);
        QCOMPARE(location.error().where, QStringLiteral("--database"));

        // A good explicit spec is used even though both others are bad.
        location = DatabaseLocation::resolve(QStringLiteral("/tmp/explicit.sqlite"));
        KPI_VERIFY_OK(location);
    }
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "TestAppSettings.moc"
