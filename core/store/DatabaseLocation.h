// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "util/Result.h"

#include <QString>

namespace kpi::store {

// Where the history lives: an SQLite file (the default, embedded) or a PostgreSQL
// database a team shares. Parsed from `--database` / `KPI_COLLECTOR_DATABASE`:
//   /path/to/history.sqlite, sqlite:///path/to/history.sqlite,
//   postgresql://user@host:5432/dbname (the password comes the libpq way: PGPASSWORD or
//   ~/.pgpass, so it never appears on a command line).
struct DatabaseLocation
{
    enum class Kind { Sqlite, Postgres };

    Kind kind = Kind::Sqlite;
    QString path; // SQLite
    QString host; // PostgreSQL
    int port = 5432;
    QString databaseName;
    QString userName;

    static Result<DatabaseLocation> parse(const QString &pathOrUrl);
    // `explicitSpec` (--database) if given, else KPI_COLLECTOR_DATABASE, else the default.
    static Result<DatabaseLocation> resolve(const QString &explicitSpec);
    // history.sqlite in QStandardPaths::AppDataLocation.
    static DatabaseLocation defaultLocation();

    // For messages: the path, or the URL without any password.
    QString display() const;
};

} // namespace kpi::store
