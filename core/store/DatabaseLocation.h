// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "util/Result.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace kpi::store {

// Where the history lives: an SQLite file (the default, embedded) or a PostgreSQL
// database a team shares. Parsed from `--database` / `KPI_COLLECTOR_DATABASE`:
//   /path/to/history.sqlite, sqlite:///path/to/history.sqlite,
//   postgresql://user@host:5432/dbname?sslmode=require (the password comes the libpq way:
//   PGPASSWORD or ~/.pgpass, so it never appears on a command line).
struct DatabaseLocation
{
    enum class Kind { Sqlite, Postgres };

    Kind kind = Kind::Sqlite;
    QString path; // SQLite
    QString host; // PostgreSQL
    int port = 5432;
    QString databaseName;
    QString userName;
    // libpq parameters from the URL's query (sslmode=require, …), checked by parse();
    // SqlDialect hands them to the driver.
    QMap<QString, QString> connectOptions;

    // The query parameters a postgresql:// URL may carry; anything else is refused rather
    // than dropped, so a mistyped sslmode never silently connects without TLS.
    static QStringList postgresParameters();

    static Result<DatabaseLocation> parse(const QString &pathOrUrl);
    // `explicitSpec` (--database) if given, else KPI_COLLECTOR_DATABASE, else the window's
    // setting (settings::AppSettings), else the default. A bad spec is an error whose place
    // says where it came from: "--database", "KPI_COLLECTOR_DATABASE", "settings: database".
    static Result<DatabaseLocation> resolve(const QString &explicitSpec);
    // history.sqlite in QStandardPaths::AppDataLocation.
    static DatabaseLocation defaultLocation();

    // For messages: the path, or the URL without any password.
    QString display() const;
};

} // namespace kpi::store
