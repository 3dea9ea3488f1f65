// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "store/DatabaseLocation.h"

#include "settings/AppSettings.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

namespace kpi::store {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::store::DatabaseLocation", text);
}

const QStringList SslModes{QStringLiteral("disable"),   QStringLiteral("allow"),
                           QStringLiteral("prefer"),    QStringLiteral("require"),
                           QStringLiteral("verify-ca"), QStringLiteral("verify-full")};

Result<DatabaseLocation> invalid(const QString &message)
{
    return Result<DatabaseLocation>::error(Error::Code::InvalidInput, message);
}

QString passwordInUrlMessage()
{
    return tr("a password in the database URL would show in the process list and shell "
              "history; use PGPASSWORD or ~/.pgpass instead");
}

// The URL's query as libpq parameters. Messages name a parameter but never quote a value
// that could be a secret.
Result<DatabaseLocation> addPostgresParameters(DatabaseLocation location, const QUrl &url)
{
    const QStringList known = DatabaseLocation::postgresParameters();
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (key == QLatin1String("password"))
            return invalid(passwordInUrlMessage());
        if (!known.contains(key))
            return invalid(tr("unknown parameter \"%1\" in the database URL; it takes %2")
                               .arg(key, known.join(QStringLiteral(", "))));
        if (location.connectOptions.contains(key))
            return invalid(tr("parameter \"%1\" appears twice in the database URL").arg(key));
        if (value.isEmpty())
            return invalid(tr("parameter \"%1\" in the database URL needs a value").arg(key));
        // The Qt driver turns every ';' of its options into a space before libpq sees them.
        if (value.contains(QLatin1Char(';')))
            return invalid(
                tr("the value of parameter \"%1\" in the database URL cannot contain \";\"")
                    .arg(key));
        if (key == QLatin1String("sslmode") && !SslModes.contains(value))
            return invalid(tr("sslmode must be one of %1, got \"%2\"")
                               .arg(SslModes.join(QStringLiteral(", ")), value));
        if (key == QLatin1String("connect_timeout")) {
            bool isNumber = false;
            if (value.toInt(&isNumber) < 0 || !isNumber)
                return invalid(
                    tr("connect_timeout must be a whole number of seconds, got \"%1\"").arg(value));
        }
        location.connectOptions.insert(key, value);
    }
    return Result<DatabaseLocation>::ok(location);
}

Result<DatabaseLocation> parsePostgres(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || url.path().size() < 2)
        return invalid(tr("expected postgresql://user@host[:port]/database, got \"%1\"")
                           .arg(url.toDisplayString(QUrl::RemovePassword | QUrl::RemoveQuery)));
    if (!url.password().isEmpty())
        return invalid(passwordInUrlMessage());
    DatabaseLocation location;
    location.kind = DatabaseLocation::Kind::Postgres;
    location.host = url.host();
    location.port = url.port(5432);
    location.databaseName = url.path(QUrl::FullyDecoded).mid(1);
    location.userName = url.userName(QUrl::FullyDecoded);
    return addPostgresParameters(location, url);
}

// sqlite:///abs/path only: in sqlite://relative/path, "relative" is the URL's host, and
// quietly dropping it would open some other file.
Result<QString> parseSqliteUrl(const QString &text)
{
    const QUrl url(text);
    if (!url.isValid())
        return Result<QString>::error(
            Error::Code::InvalidInput,
            tr("not a valid sqlite:/// URL")); // errorString() quotes it whole
    // Quoted without a password or parameters, in case someone put one there.
    const QUrl shown = url.adjusted(QUrl::RemovePassword | QUrl::RemoveQuery);
    if (!url.authority().isEmpty())
        return Result<QString>::error(
            Error::Code::InvalidInput,
            tr("\"%1\" names a host (\"%2\"), which an SQLite file cannot have; write "
               "sqlite:///absolute/path (three slashes) or a plain file path")
                .arg(shown.toDisplayString(), shown.authority()));
    if (url.hasQuery() || url.hasFragment())
        return Result<QString>::error(
            Error::Code::InvalidInput,
            tr("an sqlite:/// URL takes no parameters; percent-encode a '?' or '#' in the file "
               "name, or give a plain file path"));
    const QString path = url.path(QUrl::FullyDecoded);
    if (path.isEmpty() || path == QLatin1String("/"))
        return Result<QString>::error(
            Error::Code::InvalidInput,
            tr("expected sqlite:///absolute/path, got \"%1\"").arg(shown.toDisplayString()));
    return Result<QString>::ok(path);
}

} // namespace

QStringList DatabaseLocation::postgresParameters()
{
    // The connection settings of libpq a shared history plausibly needs, as far as Qt's
    // QPSQL driver passes them through (it appends its options to the conninfo string).
    return {QStringLiteral("sslmode"),         QStringLiteral("sslrootcert"),
            QStringLiteral("sslcert"),         QStringLiteral("sslkey"),
            QStringLiteral("connect_timeout"), QStringLiteral("application_name"),
            QStringLiteral("options")};
}

Result<DatabaseLocation> DatabaseLocation::parse(const QString &pathOrUrl)
{
    const QString text = pathOrUrl.trimmed();
    if (text.isEmpty())
        return invalid(tr("empty database location"));

    if (text.startsWith(QLatin1String("postgresql://")) ||
        text.startsWith(QLatin1String("postgres://")))
        return parsePostgres(text);

    DatabaseLocation location;
    if (text.startsWith(QLatin1String("sqlite://"))) {
        const auto path = parseSqliteUrl(text);
        if (!path)
            return path.forward<DatabaseLocation>();
        location.path = *path;
    } else if (text.contains(QLatin1String("://"))) {
        return invalid(
            tr("unsupported database URL \"%1\": expected a file path, sqlite:///path or "
               "postgresql://user@host/database")
                .arg(QUrl(text).toDisplayString(QUrl::RemovePassword | QUrl::RemoveQuery)));
    } else {
        location.path = text;
    }
    location.path = QDir::cleanPath(QDir::current().absoluteFilePath(location.path));
    return Result<DatabaseLocation>::ok(location);
}

Result<DatabaseLocation> DatabaseLocation::resolve(const QString &explicitSpec)
{
    QString spec = explicitSpec;
    QString where = QStringLiteral("--database");
    if (spec.isEmpty()) {
        spec = qEnvironmentVariable("KPI_COLLECTOR_DATABASE");
        where = QStringLiteral("KPI_COLLECTOR_DATABASE");
    }
    if (spec.isEmpty()) {
        spec = settings::AppSettings::databaseSpec();
        where = settings::AppSettings::databaseWhere();
    }
    if (spec.isEmpty())
        return Result<DatabaseLocation>::ok(defaultLocation());
    auto location = parse(spec);
    if (!location)
        return Result<DatabaseLocation>::error(location.error().code, location.error().message,
                                               where);
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
