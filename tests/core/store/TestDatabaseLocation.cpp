// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "store/DatabaseLocation.h"
#include "store/SqlDialect.h"

#include <QDir>
#include <QSqlDatabase>
#include <QTest>

using kpi::store::DatabaseLocation;
using kpi::store::SqlDialect;

using Parameters = QMap<QString, QString>;

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
        QTest::newRow("sqlite url, encoded")
            << "sqlite:///srv/my%20history.db" << true << "/srv/my history.db";
        QTest::newRow("postgresql url") << "postgresql://kpi@db.example.com:6543/metrics" << false
                                        << "postgresql://kpi@db.example.com:6543/metrics";
        QTest::newRow("postgres default port") << "postgres://db.example.com/metrics" << false
                                               << "postgresql://db.example.com:5432/metrics";
        QTest::newRow("postgresql url with parameters")
            << "postgresql://kpi@db/metrics?sslmode=require" << false
            << "postgresql://kpi@db:5432/metrics";
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
        QTest::newRow("unknown parameter")
            << "postgresql://kpi@db/metrics?sslmod=require"
            << "unknown parameter \"sslmod\" in the database URL; it takes sslmode, sslrootcert, "
               "sslcert, sslkey, connect_timeout, application_name, options";
        QTest::newRow("password parameter")
            << "postgresql://kpi@db/metrics?sslmode=require&password=hunter22"
            << "a password in the database URL would show in the process list and "
               "shell history; use PGPASSWORD or ~/.pgpass instead";
        QTest::newRow("password in a bad url")
            << "postgresql://kpi@db?password=hunter22"
            << "expected postgresql://user@host[:port]/database, got \"postgresql://kpi@db\"";
        QTest::newRow("parameter twice")
            << "postgresql://kpi@db/metrics?sslmode=require&sslmode=disable"
            << "parameter \"sslmode\" appears twice in the database URL";
        QTest::newRow("parameter without value")
            << "postgresql://kpi@db/metrics?sslrootcert"
            << "parameter \"sslrootcert\" in the database URL needs a value";
        QTest::newRow("semicolon in value")
            << "postgresql://kpi@db/metrics?options=-c%20a%3D1%3Bhunter22"
            << "the value of parameter \"options\" in the database URL cannot contain \";\"";
        QTest::newRow("bad sslmode") << "postgresql://kpi@db/metrics?sslmode=always"
                                     << "sslmode must be one of disable, allow, prefer, require, "
                                        "verify-ca, verify-full, got "
                                        "\"always\"";
        QTest::newRow("bad connect_timeout")
            << "postgresql://kpi@db/metrics?connect_timeout=soon"
            << "connect_timeout must be a whole number of seconds, got \"soon\"";
        QTest::newRow("sqlite url with a host")
            << "sqlite://relative/path.db"
            << "\"sqlite://relative/path.db\" names a host (\"relative\"), which an SQLite file "
               "cannot have; write sqlite:///absolute/path (three slashes) or a plain file path";
        QTest::newRow("sqlite url with a password")
            << "sqlite://kpi:hunter22@host/h.db"
            << "\"sqlite://kpi@host/h.db\" names a host (\"kpi@host\"), which an SQLite file "
               "cannot have; write sqlite:///absolute/path (three slashes) or a plain file path";
        QTest::newRow("sqlite url with parameters")
            << "sqlite:///srv/h.db?mode=ro"
            << "an sqlite:/// URL takes no parameters; percent-encode a '?' or '#' in the file "
               "name, or give a plain file path";
        QTest::newRow("sqlite url without a path")
            << "sqlite:///"
            << "expected sqlite:///absolute/path, got \"sqlite:///\"";
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

    void parse_keepsTheLibpqParameters()
    {
        const auto location = DatabaseLocation::parse(
            QStringLiteral("postgresql://kpi@db/metrics?sslmode=verify-full&sslrootcert=/etc/ca.pem"
                           "&sslcert=/k/c.pem&sslkey=/k/k.pem&connect_timeout=5"
                           "&application_name=kpi%20daemon&options=-c%20search_path%3Dkpi"));
        KPI_VERIFY_OK(location);
        QCOMPARE(location->connectOptions,
                 (Parameters{{QStringLiteral("sslmode"), QStringLiteral("verify-full")},
                             {QStringLiteral("sslrootcert"), QStringLiteral("/etc/ca.pem")},
                             {QStringLiteral("sslcert"), QStringLiteral("/k/c.pem")},
                             {QStringLiteral("sslkey"), QStringLiteral("/k/k.pem")},
                             {QStringLiteral("connect_timeout"), QStringLiteral("5")},
                             {QStringLiteral("application_name"), QStringLiteral("kpi daemon")},
                             {QStringLiteral("options"), QStringLiteral("-c search_path=kpi")}}));
        QVERIFY(DatabaseLocation::parse(QStringLiteral("postgresql://kpi@db/metrics"))
                    ->connectOptions.isEmpty());
    }

    void dialect_passesTheParametersToTheDriverQuoted()
    {
        // QPSQL appends its options to the libpq conninfo string, ';' turned into ' ': each
        // value must be quoted, and the URL's values replace our defaults.
        auto location = DatabaseLocation::parse(QStringLiteral(
            "postgresql://kpi@db/metrics?connect_timeout=3&options=-c%20search_path%3Dkpi"
            "&sslkey=/k/o'brien%5Ckey.pem"));
        KPI_VERIFY_OK(location);
        const QString name = QStringLiteral("dialect-test");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            SqlDialect(location->kind).configure(db, *location);
            QCOMPARE(
                db.connectOptions(),
                QStringLiteral("application_name='kpi-collector';connect_timeout='3';"
                               "options='-c search_path=kpi';sslkey='/k/o\\'brien\\\\key.pem'"));
        }
        QSqlDatabase::removeDatabase(name);
    }
};

QTEST_GUILESS_MAIN(TestDatabaseLocation)
#include "TestDatabaseLocation.moc"
