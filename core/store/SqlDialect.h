// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "store/DatabaseLocation.h"

#include <QString>
#include <QStringList>

class QSqlDatabase;

namespace kpi::store {

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

    // Configures `db` (not yet open) for `location`.
    void configure(QSqlDatabase &db, const DatabaseLocation &location) const;
    // Statements run on every new connection before anything else (after the schema check,
    // because switching SQLite to WAL writes to the file).
    QStringList sessionSetup() const;

    // Replaces the placeholders of a migration file: {{ID}} is the auto-increment key.
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
