// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "store/DatabaseLocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QUrl>

namespace kpi::store {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::store::DatabaseLocation", text);
}
} // namespace

Result<DatabaseLocation> DatabaseLocation::parse(const QString &pathOrUrl)
{
    const QString text = pathOrUrl.trimmed();
    if (text.isEmpty())
        return Result<DatabaseLocation>::error(Error::Code::InvalidInput,
                                               tr("empty database location"));

    DatabaseLocation location;
    if (text.startsWith(QLatin1String("postgresql://")) ||
        text.startsWith(QLatin1String("postgres://"))) {
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || url.path().size() < 2)
            return Result<DatabaseLocation>::error(
                Error::Code::InvalidInput,
                tr("expected postgresql://user@host[:port]/database, got \"%1\"")
                    .arg(url.toDisplayString(QUrl::RemovePassword)));
        if (!url.password().isEmpty())
            return Result<DatabaseLocation>::error(
                Error::Code::InvalidInput,
                tr("a password in the database URL would show in the process list and shell "
                   "history; use PGPASSWORD or ~/.pgpass instead"));
        location.kind = Kind::Postgres;
        location.host = url.host();
        location.port = url.port(5432);
        location.databaseName = url.path().mid(1);
        location.userName = url.userName();
        return Result<DatabaseLocation>::ok(location);
    }
    if (text.startsWith(QLatin1String("sqlite://"))) {
        const QUrl url(text);
        location.path = url.path();
    } else if (text.contains(QLatin1String("://"))) {
        return Result<DatabaseLocation>::error(
            Error::Code::InvalidInput,
            tr("unsupported database URL \"%1\": expected a file path, sqlite:///path or "
               "postgresql://user@host/database")
                .arg(QUrl(text).toDisplayString(QUrl::RemovePassword)));
    } else {
        location.path = text;
    }
    location.path = QDir::cleanPath(QDir::current().absoluteFilePath(location.path));
    return Result<DatabaseLocation>::ok(location);
}

Result<DatabaseLocation> DatabaseLocation::resolve(const QString &explicitSpec)
{
    const QString spec =
        explicitSpec.isEmpty() ? qEnvironmentVariable("KPI_COLLECTOR_DATABASE") : explicitSpec;
    if (spec.isEmpty())
        return Result<DatabaseLocation>::ok(defaultLocation());
    auto location = parse(spec);
    if (!location)
        return Result<DatabaseLocation>::error(location.error().code, location.error().message,
                                               explicitSpec.isEmpty()
                                                   ? QStringLiteral("KPI_COLLECTOR_DATABASE")
                                                   : QStringLiteral("--database"));
    return location;
}

DatabaseLocation DatabaseLocation::defaultLocation()
{
    DatabaseLocation location;
    location.path = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                    QStringLiteral("/history.sqlite");
    return location;
}

QString DatabaseLocation::display() const
{
    if (kind == Kind::Sqlite)
        return path;
    QString shown = QStringLiteral("postgresql://");
    if (!userName.isEmpty())
        shown += userName + QLatin1Char('@');
    return shown + host + QLatin1Char(':') + QString::number(port) + QLatin1Char('/') +
           databaseName;
}

} // namespace kpi::store
