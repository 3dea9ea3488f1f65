// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeClock.h"
#include "sources/SqlSource.h"
#include "workspace/WorkspaceLoader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace kpi;
using kpi::sources::SecretValues;
using kpi::sources::SourceOutcome;
using kpi::sources::SqlSource;

namespace {

// An app's own events table: who was active when. The clock stands at 2026-11-28 06:00 UTC.
// Users 1-2 were active in the last day, 3-4 in the last week, 5-7 in the last 30 days,
// 8 only before that: 2 daily, 4 weekly, 7 monthly active users.
struct Event
{
    int user;
    const char *at;
};
const Event Events[] = {
    {1, "2026-11-28T05:00:00.000Z"},
    {2, "2026-11-27T07:00:00.000Z"},
    {1, "2026-11-25T10:00:00.000Z"},
    {3, "2026-11-25T10:00:00.000Z"},
    {4, "2026-11-21T07:00:00.000Z"},
    {5, "2026-11-20T12:00:00.000Z"},
    {6, "2026-11-01T00:00:00.000Z"},
    {7, "2026-10-30T06:00:01.000Z"},
    {8, "2026-10-29T05:59:59.000Z"},
    // After "now": a clock skewed on the app's server must not count.
    {9, "2026-11-28T06:30:00.000Z"},
};

const char ActiveUsers[] = "SELECT COUNT(DISTINCT user_id) AS active FROM events "
                           "WHERE at >= :windowStart AND at < :now";

QByteArray sqlSourceJson(const QString &id, const QString &driver, const QString &database,
                         const QString &query, const QString &window, const QString &key,
                         const QString &extra = {})
{
    QJsonObject source{
        {QStringLiteral("id"), id},
        {QStringLiteral("type"), QStringLiteral("sql")},
        {QStringLiteral("driver"), driver},
        {QStringLiteral("database"), database},
        {QStringLiteral("query"), query},
        {QStringLiteral("metrics"),
         QJsonArray{QJsonObject{{QStringLiteral("key"), key},
                                {QStringLiteral("column"), QStringLiteral("active")}}}}};
    if (!window.isEmpty())
        source.insert(QStringLiteral("window"), window);
    QByteArray json = QJsonDocument(source).toJson(QJsonDocument::Compact);
    if (!extra.isEmpty())
        json.insert(json.size() - 1, ", " + extra.toUtf8());
    return json;
}

} // namespace

class TestSqlSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath(QStringLiteral("app.sqlite"));
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fixture"));
            db.setDatabaseName(m_file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral(
                "CREATE TABLE events (user_id INTEGER, at TEXT, amount REAL, note TEXT)")));
            for (const Event &event : Events) {
                QVERIFY(q.prepare(QStringLiteral(
                    "INSERT INTO events (user_id, at, amount, note) VALUES (?, ?, 2.5, 'x')")));
                q.addBindValue(event.user);
                q.addBindValue(QString::fromLatin1(event.at));
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("fixture"));
    }

    void sqlite_dailyWeeklyMonthlyActiveUsersFromOneQuery_data()
    {
        QTest::addColumn<QString>("window");
        QTest::addColumn<double>("expected");
        QTest::newRow("daily") << QStringLiteral("1d") << 2.0;
        QTest::newRow("weekly") << QStringLiteral("7d") << 4.0;
        QTest::newRow("weekly in weeks") << QStringLiteral("1w") << 4.0;
        QTest::newRow("monthly") << QStringLiteral("30d") << 7.0;
        QTest::newRow("last 24 hours") << QStringLiteral("24h") << 2.0;
    }
    void sqlite_dailyWeeklyMonthlyActiveUsersFromOneQuery()
    {
        QFETCH(QString, window);
        QFETCH(double, expected);
        const SourceOutcome outcome = collect(sqlSourceJson(
            QStringLiteral("active"), QStringLiteral("sqlite"), m_file,
            QString::fromLatin1(ActiveUsers), window, QStringLiteral("ACTIVE_USERS")));
        QVERIFY2(outcome.isComplete(), qPrintable(describe(outcome)));
        QCOMPARE(outcome.values.size(), 1);
        QCOMPARE(outcome.values[0].key, QStringLiteral("ACTIVE_USERS"));
        QCOMPARE(outcome.values[0].value, expected);
    }

    void sqlite_datetimeReadsTheBoundTimes()
    {
        // The bound text is ISO 8601 with a Z, which SQLite's own functions read too.
        const SourceOutcome outcome = collect(sqlSourceJson(
            QStringLiteral("s"), QStringLiteral("sqlite"), m_file,
            QStringLiteral("SELECT COUNT(*) AS active FROM events WHERE datetime(at) >= "
                           "datetime(:windowStart) AND julianday(at) < julianday(:now)"),
            QStringLiteral("7d"), QStringLiteral("K")));
        QVERIFY2(outcome.isComplete(), qPrintable(describe(outcome)));
        QCOMPARE(outcome.values[0].value, 5.0);
    }

    void sqlite_eachColumnIsAMetricAndUnmappedOnesAreIgnored()
    {
        const QByteArray json = sqliteSource(
            QStringLiteral("SELECT COUNT(*) AS events, SUM(amount) AS Revenue, MAX(user_id) AS "
                           "top, 'x' AS ignored FROM events"),
            {QJsonObject{{QStringLiteral("key"), QStringLiteral("EVENTS")}},
             QJsonObject{{QStringLiteral("key"), QStringLiteral("REVENUE")},
                         {QStringLiteral("column"), QStringLiteral("revenue")},
                         {QStringLiteral("scale"), 2}},
             QJsonObject{{QStringLiteral("key"), QStringLiteral("TOP")},
                         {QStringLiteral("column"), QStringLiteral("TOP")}}});
        const SourceOutcome outcome = collect(json);
        QVERIFY2(outcome.isComplete(), qPrintable(describe(outcome)));
        QCOMPARE(outcome.values.size(), 3);
        QCOMPARE(outcome.values[0].value, 10.0);
        QCOMPARE(outcome.values[1].value, 50.0);
        QCOMPARE(outcome.values[2].value, 9.0);
    }

    void sqlite_nullOrTextOrMissingColumnSpoilsOnlyItsMetric()
    {
        const auto column = [](const char *key, const char *name) {
            return QJsonObject{{QStringLiteral("key"), QLatin1String(key)},
                               {QStringLiteral("column"), QLatin1String(name)}};
        };
        const QByteArray json = sqliteSource(
            QStringLiteral("SELECT COUNT(*) AS n, NULL AS empty, 'abc' AS word, '12.5' AS "
                           "numeric_text FROM events"),
            {column("N", "n"), column("EMPTY", "empty"), column("WORD", "word"),
             column("MISSING", "nope"), column("TEXT", "numeric_text")});
        const SourceOutcome outcome = collect(json);
        QVERIFY2(!outcome.error, qPrintable(describe(outcome)));
        QCOMPARE(outcome.values.size(), 2);
        QCOMPARE(outcome.values[0].key, QStringLiteral("N"));
        QCOMPARE(outcome.values[1].value, 12.5);
        QCOMPARE(outcome.metricErrors.size(), 3);
        QCOMPARE(outcome.metricErrors[0].key, QStringLiteral("EMPTY"));
        QCOMPARE(outcome.metricErrors[0].error.message,
                 QStringLiteral("the column \"empty\" is NULL"));
        QCOMPARE(outcome.metricErrors[1].error.message,
                 QStringLiteral("the column \"word\" is not a number: abc"));
        QCOMPARE(outcome.metricErrors[2].error.message,
                 QStringLiteral("no column \"nope\" in the result; the columns are: n, empty, "
                                "word, numeric_text"));
    }

    void sqlite_syntaxErrorIsAClearError()
    {
        const SourceOutcome outcome = collect(sqlSourceJson(
            QStringLiteral("s"), QStringLiteral("sqlite"), m_file,
            QStringLiteral("SELEC COUNT(*) AS active FROM events"), {}, QStringLiteral("K")));
        QVERIFY(outcome.error);
        QCOMPARE(outcome.step, QStringLiteral("fetch"));
        QVERIFY2(outcome.error->message.startsWith(QStringLiteral("the query was refused: ")),
                 qPrintable(outcome.error->message));
        QVERIFY2(outcome.error->message.contains(QStringLiteral("syntax error")),
                 qPrintable(outcome.error->message));
    }

    void sqlite_writesAreRefused_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::newRow("delete") << QStringLiteral("DELETE FROM events");
        QTest::newRow("insert returning") << QStringLiteral(
            "INSERT INTO events (user_id) VALUES (99) RETURNING user_id AS active");
        QTest::newRow("create") << QStringLiteral("CREATE TABLE evil (x)");
        QTest::newRow("two statements") << QStringLiteral("SELECT 1 AS active; DELETE FROM events");
    }
    void sqlite_writesAreRefused()
    {
        QFETCH(QString, statement);
        const SourceOutcome outcome =
            collect(sqlSourceJson(QStringLiteral("s"), QStringLiteral("sqlite"), m_file, statement,
                                  {}, QStringLiteral("K")));
        QVERIFY(outcome.values.isEmpty());
        QVERIFY(outcome.hasFailure());
        QCOMPARE(countEvents(), 10);
    }

    void sqlite_missingFileIsNotCreated()
    {
        const QString missing = m_dir.filePath(QStringLiteral("nope.sqlite"));
        const SourceOutcome outcome =
            collect(sqlSourceJson(QStringLiteral("s"), QStringLiteral("sqlite"), missing,
                                  QStringLiteral("SELECT 1 AS active"), {}, QStringLiteral("K")));
        QVERIFY(outcome.error);
        QVERIFY2(outcome.error->message.startsWith(QStringLiteral("cannot open the database")),
                 qPrintable(outcome.error->message));
        QVERIFY(!QFile::exists(missing));
    }

    void sqlite_noRowOrManyRowsIsAnError()
    {
        SourceOutcome outcome = collect(sqlSourceJson(
            QStringLiteral("s"), QStringLiteral("sqlite"), m_file,
            QStringLiteral("SELECT user_id AS active FROM events WHERE user_id > 100"), {},
            QStringLiteral("K")));
        QVERIFY(outcome.error);
        QCOMPARE(outcome.error->message, QStringLiteral("the query returned no row; expected one"));
        outcome = collect(sqlSourceJson(QStringLiteral("s"), QStringLiteral("sqlite"), m_file,
                                        QStringLiteral("SELECT user_id AS active FROM events"), {},
                                        QStringLiteral("K")));
        QVERIFY(outcome.error);
        QVERIFY(outcome.error->message.startsWith(
            QStringLiteral("the query returned more than one row")));
    }

    void missingDriverIsNamed()
    {
        if (QSqlDatabase::isDriverAvailable(QStringLiteral("QMYSQL")))
            QSKIP("this Qt has the MySQL driver");
        const SourceOutcome outcome = collect(
            sqlSourceJson(QStringLiteral("s"), QStringLiteral("mysql"), QStringLiteral("app"),
                          QStringLiteral("SELECT 1 AS active"), {}, QStringLiteral("K")));
        QVERIFY(outcome.error);
        QVERIFY2(outcome.error->message.startsWith(
                     QStringLiteral("the Qt SQL driver QMYSQL for \"mysql\" is not installed")),
                 qPrintable(outcome.error->message));
    }

    void abort_answersAtOnce()
    {
        // A query SQLite takes long over: a recursive count to a large number.
        const auto loaded = workspace::WorkspaceLoader::parse(
            "{\"version\": 1, \"sources\": [" +
            sqlSourceJson(QStringLiteral("s"), QStringLiteral("sqlite"), m_file,
                          QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
                                         "FROM c WHERE x < 3000000) SELECT COUNT(*) AS active "
                                         "FROM c"),
                          {}, QStringLiteral("K")) +
            "]}");
        QVERIFY(loaded.isOk());
        SqlSource source(loaded.workspace.sources.constFirst(), m_clock);
        QSignalSpy finished(&source, &SqlSource::finished);
        source.start({});
        source.abort();
        QCOMPARE(finished.size(), 1);
        const auto outcome = finished.constFirst().constFirst().value<SourceOutcome>();
        QCOMPARE(outcome.error->code, Error::Code::Canceled);
        // The thread ends on its own; the test waits for it so the process ends cleanly.
        QTRY_COMPARE_WITH_TIMEOUT(SqlSource::runningQueries(), 0, 60000);
    }

    void postgres_activeUsersAndReadOnly()
    {
        const QString url = qEnvironmentVariable("KPI_TEST_POSTGRES_URL");
        if (url.isEmpty())
            QSKIP("no PostgreSQL (ctest runs this under scripts/with-postgres.sh)");
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
            QSKIP("no QPSQL driver");
        const QUrl server(url);
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("pgfixture"));
            db.setHostName(server.host());
            db.setPort(server.port());
            db.setUserName(server.userName());
            db.setDatabaseName(server.path().mid(1));
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("DROP TABLE IF EXISTS app_events")));
            QVERIFY(q.exec(
                QStringLiteral("CREATE TABLE app_events (user_id INTEGER, at TIMESTAMPTZ)")));
            for (const Event &event : Events)
                QVERIFY2(q.exec(QStringLiteral("INSERT INTO app_events VALUES (%1, '%2')")
                                    .arg(event.user)
                                    .arg(QString::fromLatin1(event.at))),
                         qPrintable(q.lastError().text()));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("pgfixture"));

        const QString connection =
            QStringLiteral("\"host\": \"%1\", \"port\": %2, \"user\": \"%3\"")
                .arg(server.host())
                .arg(server.port())
                .arg(server.userName());
        const QString database = server.path().mid(1);
        const QString query = QStringLiteral(
            "SELECT COUNT(DISTINCT user_id) AS active FROM app_events WHERE at >= :windowStart "
            "AND at < :now");
        for (const auto &[window, expected] :
             {std::pair{QStringLiteral("1d"), 2.0}, std::pair{QStringLiteral("7d"), 4.0},
              std::pair{QStringLiteral("30d"), 7.0}}) {
            const SourceOutcome outcome =
                collect(sqlSourceJson(QStringLiteral("pg"), QStringLiteral("postgres"), database,
                                      query, window, QStringLiteral("ACTIVE"), connection));
            QVERIFY2(outcome.isComplete(), qPrintable(describe(outcome)));
            QCOMPARE(outcome.values[0].value, expected);
        }

        // A NUMERIC arrives as text and still counts; a cast with :: is not a parameter.
        SourceOutcome outcome =
            collect(sqlSourceJson(QStringLiteral("pg"), QStringLiteral("postgres"), database,
                                  QStringLiteral("SELECT 12.50::numeric AS active"), {},
                                  QStringLiteral("K"), connection));
        QVERIFY2(outcome.isComplete(), qPrintable(describe(outcome)));
        QCOMPARE(outcome.values[0].value, 12.5);

        outcome = collect(
            sqlSourceJson(QStringLiteral("pg"), QStringLiteral("postgres"), database,
                          QStringLiteral("DELETE FROM app_events RETURNING user_id AS active"), {},
                          QStringLiteral("K"), connection));
        QVERIFY(outcome.error);
        QVERIFY2(outcome.error->message.contains(QStringLiteral("read-only")),
                 qPrintable(outcome.error->message));

        outcome = collect(sqlSourceJson(QStringLiteral("pg"), QStringLiteral("postgres"), database,
                                        QStringLiteral("SELEC 1 AS active"), {},
                                        QStringLiteral("K"), connection));
        QVERIFY(outcome.error);
        QVERIFY2(outcome.error->message.contains(QStringLiteral("syntax error")),
                 qPrintable(outcome.error->message));

        outcome = collect(sqlSourceJson(QStringLiteral("pg"), QStringLiteral("postgres"), database,
                                        QStringLiteral("SELECT COUNT(*) AS active FROM app_events"),
                                        {}, QStringLiteral("K"), connection));
        QVERIFY2(outcome.isComplete(), qPrintable(describe(outcome)));
        QCOMPARE(outcome.values[0].value, 10.0);

        // The server names the database it cannot find: with the password in that name,
        // the message must show <redacted> instead.
        const QString password = QStringLiteral("pw-not-a-real-secret-5678");
        outcome =
            collect(sqlSourceJson(QStringLiteral("pg"), QStringLiteral("postgres"),
                                  QStringLiteral("nodb-") + password,
                                  QStringLiteral("SELECT 1 AS active"), {}, QStringLiteral("K"),
                                  connection + QStringLiteral(", \"password\": {\"secret\": "
                                                              "\"pg-password\"}")),
                    {{QStringLiteral("pg-password"), secrets::Secret(password)}});
        QVERIFY(outcome.error);
        QVERIFY2(!outcome.error->message.contains(password), qPrintable(outcome.error->message));
        QVERIFY2(outcome.error->message.contains(QStringLiteral("<redacted>")),
                 qPrintable(outcome.error->message));
    }

private:
    QByteArray sqliteSource(const QString &query, const QJsonArray &metrics) const
    {
        const QJsonObject source{{QStringLiteral("id"), QStringLiteral("s")},
                                 {QStringLiteral("type"), QStringLiteral("sql")},
                                 {QStringLiteral("driver"), QStringLiteral("sqlite")},
                                 {QStringLiteral("database"), m_file},
                                 {QStringLiteral("query"), query},
                                 {QStringLiteral("metrics"), metrics}};
        return QJsonDocument(source).toJson(QJsonDocument::Compact);
    }

    SourceOutcome collect(const QByteArray &sourceJson, const SecretValues &secrets = {})
    {
        const QByteArray workspace = "{\"version\": 1, \"sources\": [" + sourceJson + "]}";
        const auto loaded = workspace::WorkspaceLoader::parse(workspace);
        if (!loaded.isOk()) {
            qWarning() << loaded.errors.constFirst().toString();
            return {};
        }
        SqlSource source(loaded.workspace.sources.constFirst(), m_clock);
        QSignalSpy finished(&source, &SqlSource::finished);
        source.start(secrets);
        if (!finished.wait(30000))
            return {};
        return finished.constFirst().constFirst().value<SourceOutcome>();
    }

    static QString describe(const SourceOutcome &outcome)
    {
        QStringList parts;
        if (outcome.error)
            parts << outcome.step + QStringLiteral(": ") + outcome.error->message;
        for (const auto &failure : outcome.metricErrors)
            parts << failure.key + QStringLiteral(": ") + failure.error.message;
        return parts.join(QStringLiteral("; "));
    }

    int countEvents()
    {
        int count = -1;
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("count"));
            db.setDatabaseName(m_file);
            if (db.open()) {
                QSqlQuery q(QStringLiteral("SELECT COUNT(*) FROM events"), db);
                if (q.next())
                    count = q.value(0).toInt();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("count"));
        return count;
    }

    QTemporaryDir m_dir;
    QString m_file;
    test::FakeClock m_clock;
};

QTEST_GUILESS_MAIN(TestSqlSource)
#include "TestSqlSource.moc"
