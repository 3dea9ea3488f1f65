// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "store/DatabaseLocation.h"

#include <QString>
#include <QStringList>

class QSqlDatabase;

namespace kpi::store {

// Whether a connection may write. A read-only one never migrates, never switches the
// journal mode and never creates a file: `history` and `collect --dry-run` only look.
enum class AccessMode { ReadWrite, ReadOnly };

// Every difference between SQLite and PostgreSQL the store has to know about, in one
// place (RSS Guard's DatabaseDriver), so callers write one SQL for both. The rest of the
// SQL sticks to what both accept: BIGINT UTC milliseconds for time, DOUBLE PRECISION for
// values, INSERT … RETURNING id, INSERT … ON CONFLICT.
class SqlDialect
{
public:
    explicit SqlDialect(DatabaseLocation::Kind kind) : m_kind(kind) { }

    DatabaseLocation::Kind kind() const { return m_kind; }
    QString driverName() const;

    // Configures `db` (not yet open) for `location`, with the URL's connection parameters.
    void configure(QSqlDatabase &db, const DatabaseLocation &location,
                   AccessMode mode = AccessMode::ReadWrite) const;
    // Statements run on every new connection before anything else (after the schema check,
    // because switching SQLite to WAL writes to the file).
    QStringList sessionSetup(AccessMode mode = AccessMode::ReadWrite) const;

    // Starts a transaction that will write. SQLite's BEGIN IMMEDIATE takes the write lock
    // up front, waiting out another writer in the busy timeout; after a plain (deferred)
    // BEGIN, the first write of a transaction that has read fails with SQLITE_BUSY at once.
    QString beginWriteStatement() const;
    // Run after beginWriteStatement() by the migrator, so that two processes opening a new
    // database do not both apply a step: a transaction-scoped advisory lock on PostgreSQL,
    // empty on SQLite (where BEGIN IMMEDIATE already serialises writers).
    QString migrationLockStatement() const;
    // Whether a transaction whose COMMIT failed is still open and needs a ROLLBACK: SQLite
    // keeps it (a deferred constraint, SQLITE_BUSY); PostgreSQL has already ended it, and
    // a ROLLBACK there prints a warning on stderr.
    bool failedCommitLeavesTransactionOpen() const;

    // Replaces the placeholders of a migration file: {{ID}} is the auto-increment key,
    // {{BLOB}} the binary type.
    QString expandMigration(const QString &sql) const;

    // A query returning one row per user table (the name in column 0).
    QString listTablesQuery() const;

    // A statement that writes a consistent copy of the database to `path`, or an empty
    // string where the server's own backups are the way (PostgreSQL).
    QString backupStatement(const QString &path) const;

private:
    DatabaseLocation::Kind m_kind;
};

} // namespace kpi::store
