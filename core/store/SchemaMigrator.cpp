// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "store/SchemaMigrator.h"

#include "util/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace kpi::store {

namespace {

const QString MigrationDir = QStringLiteral(":/store/migrations");

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::store::SchemaMigrator", text);
}

QStringList migrationFiles()
{
    QStringList files =
        QDir(MigrationDir).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    return files;
}

// One statement per `;` that ends a line; `--` comment lines are dropped. Migrations are
// ours, so this simple rule is enough (no triggers with inner semicolons).
QStringList splitStatements(const QString &sql)
{
    QStringList statements;
    QString current;
    const auto lines = sql.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1String("--")))
            continue;
        current += line + QLatin1Char('\n');
        if (trimmed.endsWith(QLatin1Char(';'))) {
            current = current.trimmed();
            current.chop(1);
            statements.append(current);
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        statements.append(current.trimmed());
    return statements;
}

} // namespace

int SchemaMigrator::latestVersion()
{
    return int(migrationFiles().size());
}

Result<int> SchemaMigrator::currentVersion(QSqlDatabase &db) const
{
    QSqlQuery tables(db);
    if (!tables.exec(m_dialect.listTablesQuery()))
        return Result<int>::error(
            Error::Code::Storage,
            tr("cannot read the list of tables: %1").arg(tables.lastError().text()));
    bool hasVersionTable = false;
    QStringList others;
    while (tables.next()) {
        const QString name = tables.value(0).toString();
        if (name == QLatin1String("schema_version"))
            hasVersionTable = true;
        else
            others.append(name);
    }
    if (!hasVersionTable) {
        if (!others.isEmpty())
            return Result<int>::error(Error::Code::Storage,
                                      tr("this is not a KPI Collector history database (it has "
                                         "tables %1 and no schema_version)")
                                          .arg(others.join(QStringLiteral(", "))));
        return Result<int>::ok(0);
    }
    QSqlQuery version(db);
    if (!version.exec(QStringLiteral("SELECT version FROM schema_version")) || !version.next())
        return Result<int>::error(Error::Code::Storage,
                                  tr("the schema_version table is empty or unreadable"));
    return Result<int>::ok(version.value(0).toInt());
}

Result<int> SchemaMigrator::migrate(QSqlDatabase &db, int to) const
{
    const QStringList files = migrationFiles();
    const auto fail = [&db](const QString &message) {
        db.rollback();
        return Result<int>::error(Error::Code::Storage, message);
    };
    for (;;) {
        {
            QSqlQuery begin(db);
            if (!begin.exec(m_dialect.beginWriteStatement()))
                return Result<int>::error(
                    Error::Code::Storage,
                    tr("cannot start a transaction: %1").arg(begin.lastError().text()));
        }
        if (const QString lock = m_dialect.migrationLockStatement(); !lock.isEmpty()) {
            QSqlQuery query(db);
            if (!query.exec(lock))
                return fail(tr("cannot lock the database for an upgrade: %1")
                                .arg(query.lastError().text()));
        }
        // Only now, holding the lock, is the version the one to build on.
        const auto current = currentVersion(db);
        if (!current) {
            db.rollback();
            return current;
        }
        if (*current >= to) {
            db.rollback(); // nothing was written; this ends the transaction and its lock
            return Result<int>::ok(*current);
        }

        const int version = *current + 1;
        const QString fileName = files.value(version - 1);
        QFile file(MigrationDir + QLatin1Char('/') + fileName);
        if (fileName.isEmpty() ||
            !fileName.startsWith(QStringLiteral("%1_").arg(version, 4, 10, QLatin1Char('0'))) ||
            !file.open(QIODevice::ReadOnly)) {
            db.rollback();
            return Result<int>::error(Error::Code::Internal,
                                      tr("migration %1 is missing from this build").arg(version));
        }

        qCInfo(lcStore).noquote() << "migrating the history to schema version" << version << "with"
                                  << fileName;
        QStringList statements =
            splitStatements(m_dialect.expandMigration(QString::fromUtf8(file.readAll())));
        if (version == 1)
            statements.prepend(
                QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)"));
        statements.append(
            version == 1 ? QStringLiteral("INSERT INTO schema_version (version) VALUES (1)")
                         : QStringLiteral("UPDATE schema_version SET version = %1").arg(version));
        for (const QString &statement : std::as_const(statements)) {
            QSqlQuery query(db);
            if (!query.exec(statement))
                return fail(tr("migration %1 failed, nothing was changed: %2 (in: %3)")
                                .arg(fileName, query.lastError().text(), statement.left(120)));
        }
        if (!db.commit()) {
            const QString error = db.lastError().text();
            if (m_dialect.failedCommitLeavesTransactionOpen())
                db.rollback();
            return Result<int>::error(
                Error::Code::Storage,
                tr("migration %1 could not be committed: %2").arg(fileName, error));
        }
    }
}

} // namespace kpi::store
