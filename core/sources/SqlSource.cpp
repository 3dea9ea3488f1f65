// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "sources/SqlSource.h"

#include "util/Clock.h"
#include "util/Logging.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThread>

#include <cmath>
#include <memory>

namespace kpi::sources {

namespace {

// What the worker needs, copied: it must not touch the source, which may be gone.
struct Job
{
    QString connectionName;
    QString qtDriver;
    workspace::SqlConfig sql;
    QString password;
    QDateTime now;
    QDateTime windowStart;
    int timeoutSeconds = 30;
};

QAtomicInt running;

bool usesParameter(const QString &query, const QString &name)
{
    const QRegularExpression pattern(QStringLiteral(":%1\\b").arg(name));
    return pattern.match(query).hasMatch();
}

QString errorText(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    return text.simplified();
}

SqlSource::Answer runQuery(const Job &job)
{
    SqlSource::Answer answer;
    const auto failAt = [&](const QString &step, const QString &message) {
        answer.error = Error{Error::Code::Storage, message, {}};
        answer.step = step;
        return answer;
    };
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(job.qtDriver, job.connectionName);
        const bool sqlite = job.sql.driver == QLatin1String("sqlite");
        const bool postgres = job.sql.driver == QLatin1String("postgres");
        db.setDatabaseName(job.sql.database);
        if (sqlite) {
            // Read-only at the file level: no statement can write, and no file is created.
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1")
                                     .arg(job.timeoutSeconds * 1000));
        } else {
            if (!job.sql.host.isEmpty())
                db.setHostName(job.sql.host);
            if (job.sql.port > 0)
                db.setPort(job.sql.port);
            if (!job.sql.user.isEmpty())
                db.setUserName(job.sql.user);
            if (!job.password.isEmpty())
                db.setPassword(job.password);
            if (postgres)
                db.setConnectOptions(
                    QStringLiteral("connect_timeout=%1").arg(std::max(2, job.timeoutSeconds)));
            else
                db.setConnectOptions(
                    QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=%1").arg(job.timeoutSeconds));
        }
        if (!db.open()) {
            failAt(QStringLiteral("fetch"),
                   QCoreApplication::translate("kpi::sources::SqlSource",
                                               "cannot open the database: %1")
                       .arg(errorText(db.lastError())));
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(job.connectionName);
            return answer;
        }
        // The read-only statement must succeed; a server without the time limit (MariaDB
        // has no MAX_EXECUTION_TIME) still runs the query, bounded by the source's deadline.
        QList<std::pair<QString, bool>> setup; // statement, required
        if (postgres)
            setup
                << std::pair{QStringLiteral("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"),
                             true}
                << std::pair{
                       QStringLiteral("SET statement_timeout = %1").arg(job.timeoutSeconds * 1000),
                       false};
        else if (!sqlite)
            setup << std::pair{QStringLiteral("SET SESSION TRANSACTION READ ONLY"), true}
                  << std::pair{QStringLiteral("SET SESSION MAX_EXECUTION_TIME = %1")
                                   .arg(job.timeoutSeconds * 1000),
                               false};
        for (const auto &[statement, required] : std::as_const(setup)) {
            QSqlQuery q(db);
            if (!q.exec(statement) && required && !answer.error)
                failAt(QStringLiteral("fetch"),
                       QCoreApplication::translate("kpi::sources::SqlSource",
                                                   "cannot make the session read-only: %1")
                           .arg(errorText(q.lastError())));
        }
        if (!answer.error) {
            QSqlQuery query(db);
            query.setForwardOnly(true);
            query.setNumericalPrecisionPolicy(QSql::LowPrecisionDouble);
            // Always prepared: a prepared statement is one statement, so "…; DELETE …"
            // cannot ride along.
            if (!query.prepare(job.sql.query)) {
                failAt(QStringLiteral("fetch"),
                       QCoreApplication::translate("kpi::sources::SqlSource",
                                                   "the query was refused: %1")
                           .arg(errorText(query.lastError())));
            } else {
                const auto bindTime = [&](const QString &name, const QDateTime &time) {
                    if (!usesParameter(job.sql.query, name))
                        return;
                    // SQLite has no time type: ISO 8601 UTC text, which sorts and which
                    // datetime() reads. The servers get a timestamp with time zone.
                    if (sqlite || !time.isValid())
                        query.bindValue(QLatin1Char(':') + name,
                                        time.toUTC().toString(Qt::ISODateWithMs));
                    else
                        query.bindValue(QLatin1Char(':') + name, time.toUTC());
                };
                bindTime(QStringLiteral("now"), job.now);
                bindTime(QStringLiteral("windowStart"), job.windowStart);
                if (!query.exec()) {
                    failAt(QStringLiteral("fetch"),
                           QCoreApplication::translate("kpi::sources::SqlSource",
                                                       "the query failed: %1")
                               .arg(errorText(query.lastError())));
                } else if (!query.isSelect()) {
                    failAt(QStringLiteral("parse"),
                           QCoreApplication::translate("kpi::sources::SqlSource",
                                                       "the statement returned no rows; expected "
                                                       "a SELECT returning one row"));
                } else if (!query.next()) {
                    failAt(QStringLiteral("parse"),
                           QCoreApplication::translate("kpi::sources::SqlSource",
                                                       "the query returned no row; expected one"));
                } else {
                    const QSqlRecord record = query.record();
                    for (int i = 0; i < record.count(); ++i)
                        answer.columns.append({record.fieldName(i), query.value(i)});
                    if (query.next()) {
                        answer.columns.clear();
                        failAt(QStringLiteral("parse"),
                               QCoreApplication::translate(
                                   "kpi::sources::SqlSource",
                                   "the query returned more than one row; expected one (add an "
                                   "aggregate or LIMIT 1)"));
                    }
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(job.connectionName);
    return answer;
}

std::optional<double> toNumber(const QVariant &value)
{
    bool ok = false;
    double number = 0;
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
    case QMetaType::Float:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::Short:
    case QMetaType::UShort:
        number = value.toDouble(&ok);
        break;
    case QMetaType::QString:
    case QMetaType::QByteArray:
        // Exact decimals (NUMERIC) arrive as text; a word does not pass.
        number = value.toString().trimmed().toDouble(&ok);
        break;
    default:
        break;
    }
    if (!ok || !std::isfinite(number))
        return std::nullopt;
    return number;
}

} // namespace

SqlSource::SqlSource(workspace::SourceConfig config, const Clock &clock, QObject *parent)
    : Source(parent), m_config(std::move(config)), m_clock(clock)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        fail(QStringLiteral("fetch"),
             {Error::Code::Timeout,
              tr("no answer from the database within %n s", nullptr, m_config.timeoutSeconds),
              {}});
    });
}

SqlSource::~SqlSource() = default;

int SqlSource::runningQueries()
{
    return running.loadAcquire();
}

QString SqlSource::qtDriverName(const QString &driver)
{
    if (driver == QLatin1String("sqlite"))
        return QStringLiteral("QSQLITE");
    if (driver == QLatin1String("postgres"))
        return QStringLiteral("QPSQL");
    if (driver == QLatin1String("mysql"))
        return QStringLiteral("QMYSQL");
    return {};
}

void SqlSource::start(const SecretValues &secrets)
{
    startClock();
    Job job;
    job.sql = m_config.sql;
    job.qtDriver = qtDriverName(m_config.sql.driver);
    job.timeoutSeconds = m_config.timeoutSeconds;
    if (!m_config.sql.passwordSecret.isEmpty()) {
        const auto it = secrets.constFind(m_config.sql.passwordSecret);
        if (it == secrets.cend()) {
            QMetaObject::invokeMethod(
                this,
                [this] {
                    fail(QStringLiteral("secret"),
                         {Error::Code::Secret,
                          tr("secret \"%1\" was not resolved").arg(m_config.sql.passwordSecret),
                          {}});
                },
                Qt::QueuedConnection);
            return;
        }
        job.password = it->reveal();
        m_scrubber.add(job.password);
    }
    if (!QSqlDatabase::isDriverAvailable(job.qtDriver)) {
        QMetaObject::invokeMethod(
            this,
            [this, driver = job.qtDriver] {
                fail(QStringLiteral("fetch"),
                     {Error::Code::NotFound,
                      tr("the Qt SQL driver %1 for \"%2\" is not installed (installed: %3)")
                          .arg(driver, m_config.sql.driver,
                               QSqlDatabase::drivers().join(QStringLiteral(", "))),
                      {}});
            },
            Qt::QueuedConnection);
        return;
    }
    job.now = m_clock.nowUtc();
    if (m_config.sql.windowSeconds > 0)
        job.windowStart = job.now.addSecs(-m_config.sql.windowSeconds);
    static QAtomicInteger<quint64> counter;
    job.connectionName =
        QStringLiteral("kpi-sql-source-%1-%2").arg(m_config.id).arg(counter.fetchAndAddRelaxed(1));

    // The thread owns nothing of ours and deletes itself; its answer comes back queued
    // to this object, and is dropped by Qt if this object is gone by then.
    auto answer = std::make_shared<Answer>();
    running.ref();
    QThread *thread = QThread::create([job, answer] {
        *answer = runQuery(job);
        running.deref();
    });
    thread->setObjectName(QStringLiteral("sql:") + m_config.id);
    connect(thread, &QThread::finished, this, [this, answer] { onAnswer(*answer); });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_deadline.start(std::chrono::seconds(m_config.timeoutSeconds));
    thread->start();
}

void SqlSource::abort()
{
    // The thread is left to end on its own (the server's statement_timeout bounds it);
    // its answer is then ignored.
    if (!isFinished())
        fail(QStringLiteral("fetch"), {Error::Code::Canceled, tr("canceled"), {}});
}

void SqlSource::onAnswer(const Answer &answer)
{
    if (isFinished())
        return;
    if (answer.error) {
        fail(answer.step, *answer.error);
        return;
    }
    for (const workspace::MetricConfig &metric : std::as_const(m_config.metrics)) {
        const QString column = metric.field.isEmpty() ? metric.key : metric.field;
        const QVariant *value = nullptr;
        QStringList names;
        for (const auto &[name, cell] : answer.columns) {
            names.append(name);
            if (!value && name.compare(column, Qt::CaseInsensitive) == 0)
                value = &cell;
        }
        QString problem;
        std::optional<double> number;
        if (!value)
            problem = tr("no column \"%1\" in the result; the columns are: %2")
                          .arg(column, names.join(QStringLiteral(", ")));
        else if (value->isNull())
            problem = tr("the column \"%1\" is NULL").arg(column);
        else if (!(number = toNumber(*value)))
            problem = tr("the column \"%1\" is not a number: %2")
                          .arg(column, m_scrubber.scrub(value->toString().left(80)));
        if (!problem.isEmpty()) {
            m_outcome.metricErrors.append({metric.key, {Error::Code::Extract, problem, {}}});
            continue;
        }
        m_outcome.values.append({metric.key, *number * metric.scale});
    }
    finish();
}

} // namespace kpi::sources
