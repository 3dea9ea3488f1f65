// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "store/DatabaseLocation.h"

#include <QDir>
#include <QTest>

using kpi::store::DatabaseLocation;

class TestDatabaseLocation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_acceptsPathsAndUrls_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("isSqlite");
        QTest::addColumn<QString>("display");
        QTest::newRow("absolute path")
            << "/var/lib/kpi/history.sqlite" << true << "/var/lib/kpi/history.sqlite";
        QTest::newRow("relative path")
            << "data/h.sqlite" << true
            << QDir::current().absoluteFilePath(QStringLiteral("data/h.sqlite"));
        QTest::newRow("sqlite url") << "sqlite:///srv/h.db" << true << "/srv/h.db";
        QTest::newRow("postgresql url") << "postgresql://kpi@db.example.com:6543/metrics" << false
                                        << "postgresql://kpi@db.example.com:6543/metrics";
        QTest::newRow("postgres default port") << "postgres://db.example.com/metrics" << false
                                               << "postgresql://db.example.com:5432/metrics";
    }
    void parse_acceptsPathsAndUrls()
    {
        QFETCH(QString, text);
        QFETCH(bool, isSqlite);
        QFETCH(QString, display);
        const auto location = DatabaseLocation::parse(text);
        KPI_VERIFY_OK(location);
        QCOMPARE(location->kind == DatabaseLocation::Kind::Sqlite, isSqlite);
        QCOMPARE(location->display(), display);
    }

    void parse_rejectsWithAReason_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << "  "
                               << "empty database location";
        QTest::newRow("password in url")
            << "postgresql://kpi:hunter22@db/metrics"
            << "a password in the database URL would show in the process list and "
               "shell history; use PGPASSWORD or ~/.pgpass instead";
        QTest::newRow("no database name")
            << "postgresql://kpi@db"
            << "expected postgresql://user@host[:port]/database, got \"postgresql://kpi@db\"";
        QTest::newRow("mysql")
            << "mysql://kpi:pw@db/metrics"
            << "unsupported database URL \"mysql://kpi@db/metrics\": expected a file path, "
               "sqlite:///path or postgresql://user@host/database";
    }
    void parse_rejectsWithAReason()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        const auto location = DatabaseLocation::parse(text);
        QVERIFY(!location);
        QCOMPARE(location.error().message, message);
        QVERIFY(!location.error().message.contains(QStringLiteral("hunter22")));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseLocation)
#include "TestDatabaseLocation.moc"
