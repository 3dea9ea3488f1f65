// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "store/SqlDialect.h"
#include "util/Result.h"

class QSqlDatabase;

namespace kpi::store {

// Brings a database schema up to date with the ordered migration files compiled in as
// resources (:/store/migrations/0001_history.sql, …), each step in its own transaction
// together with the schema_version row (qBittorrent's ordered upgrade steps).
//
// Two processes may open a new or old database at the same moment (the daemon and a
// `collect`). Each step's transaction therefore takes the write lock first and reads the
// version again inside it: the second process waits, then finds the step applied.
class SchemaMigrator
{
public:
    explicit SchemaMigrator(SqlDialect dialect) : m_dialect(dialect) { }

    // The version this build creates: the number of migration files.
    static int latestVersion();

    // 0 for an empty database. An error for a database with tables of some other program.
    Result<int> currentVersion(QSqlDatabase &db) const;

    // Applies the steps still missing up to and including `to`, whatever version another
    // connection has reached meanwhile; returns the version the database is at afterwards
    // (higher than `to` when a newer KPI Collector got there first).
    Result<int> migrate(QSqlDatabase &db, int to) const;

private:
    SqlDialect m_dialect;
};

} // namespace kpi::store
