// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "workspace/WorkspaceLoader.h"

#include "cron/CronExpression.h"
#include "extract/html/HtmlSelector.h"
#include "secrets/SecretStore.h"
#include "settings/AppSettings.h"
#include "workspace/JsonObjectReader.h"
#include "workspace/PresetCatalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimeZone>
#include <QUrlQuery>

#include <cmath>

namespace kpi::workspace {

namespace {

using Need = JsonObjectReader::Need;

constexpr int SupportedVersion = 1;
// A program's report is a few numbers; more than this is a runaway program.
constexpr qint64 CommandMaxOutputBytes = 1024 * 1024;

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::workspace::WorkspaceLoader", text);
}

bool matches(const QString &text, const char *pattern)
{
    // Compiled once per pattern: compiling (PCRE2 JIT) costs far more than matching, and a
    // workspace of 200 sources asks hundreds of times.
    thread_local QHash<const char *, QRegularExpression> compiled;
    auto it = compiled.find(pattern);
    if (it == compiled.end())
        it = compiled.insert(pattern, QRegularExpression(QString::fromLatin1(pattern)));
    return it->match(text).hasMatch();
}

// Query parameters and header names that carry credentials in practice: a literal value
// for one of them means a secret is about to be committed to git.
bool looksLikeCredential(const QString &name)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(authorization|proxy-authorization|cookie|key|api[-_]?key|x-api[-_]?key|"
                       "access[-_]?key|access[-_]?token|"
                       "token|auth|auth[-_]?token|x-auth-token|client[-_]?secret|secret|password|"
                       "private[-_]?token|"
                       "sig|signature)$"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(name).hasMatch();
}

// The expression parsed for real, so a typo is caught when the file is loaded rather than
// when the scheduler starts. A word or phrase ("daily", "every morning") is no attempt at
// cron syntax, so it gets an example instead of a count of fields.
std::optional<QString> checkSchedule(const QString &schedule, bool allowOnCollect)
{
    if (allowOnCollect && schedule == QLatin1String("on-collect"))
        return std::nullopt;
    const auto parsed = cron::CronExpression::parse(schedule);
    if (parsed)
        return std::nullopt;
    if (schedule.startsWith(QLatin1Char('@')) || matches(schedule, "[0-9*]"))
        return parsed.error().message;
    return allowOnCollect
               ? tr("expected \"on-collect\" or a cron expression such as \"0 9 * * 1\", got "
                    "\"%1\"")
                     .arg(schedule)
               : tr("expected a cron expression such as \"0 6 * * *\" or @daily, got \"%1\"")
                     .arg(schedule);
}

// {"secret": "name"}: the only way a credential may appear in the file.
std::optional<QString> readSecretRef(JsonObjectReader &parent, const QString &key, Need need,
                                     QList<Error> *errors)
{
    const QJsonValue value = parent.value(key);
    if (value.isUndefined()) {
        if (need == Need::Required)
            parent.error(key, tr("required, expected {\"secret\": \"NAME\"}"));
        return std::nullopt;
    }
    if (value.isString()) {
        parent.error(
            key,
            tr("expected {\"secret\": \"NAME\"}: secrets never go in the workspace file; store the "
               "value with \"kpi-collector secret set NAME\""));
        return std::nullopt;
    }
    if (!value.isObject()) {
        parent.error(
            key,
            tr("expected {\"secret\": \"NAME\"}, got %1").arg(parent.describeValue(key, value)));
        return std::nullopt;
    }
    JsonObjectReader ref(value.toObject(), parent.locationOf(key), errors);
    const auto name = ref.string(QStringLiteral("secret"), Need::Required);
    ref.finish();
    if (const auto problem = name ? secrets::SecretStore::nameProblem(*name) : std::nullopt) {
        ref.error(QStringLiteral("secret"), *problem);
        return std::nullopt;
    }
    return name;
}

std::optional<QString> readSecretName(JsonObjectReader &reader, const QString &key)
{
    const auto name = reader.string(key, Need::Required);
    if (const auto problem = name ? secrets::SecretStore::nameProblem(*name) : std::nullopt) {
        reader.error(key, *problem);
        return std::nullopt;
    }
    return name;
}

std::optional<QUrl> readHttpUrl(JsonObjectReader &reader, const QString &key, Need need)
{
    const auto text = reader.string(key, need);
    if (!text)
        return std::nullopt;
    // Looked for in the text itself: an invalid URL has no userInfo() to ask.
    static const QRegularExpression userInfo(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*@"));
    if (userInfo.match(*text).hasMatch()) {
        reader.error(key, tr("credentials in the URL would end up in files and logs; use \"auth\" "
                             "with a secret instead"));
        return std::nullopt;
    }
    const QUrl url(*text, QUrl::StrictMode);
    if (!url.isValid() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty()) {
        // The query is left out: it may hold a key.
        const qsizetype query = text->indexOf(u'?');
        const QString shown = query < 0 ? *text : text->left(query) + QStringLiteral("?\u2026");
        reader.error(key, tr("expected an http or https URL, got \"%1\"").arg(shown));
        return std::nullopt;
    }
    const auto items = QUrlQuery(url).queryItems();
    for (const auto &item : items) {
        if (looksLikeCredential(item.first)) {
            reader.error(key, tr("the query parameter \"%1\" looks like a credential; use "
                                 "\"auth\": {\"type\": \"query\", "
                                 "\"name\": \"%1\", \"secret\": \"NAME\"} instead")
                                  .arg(item.first));
            return std::nullopt;
        }
    }
    return url;
}

void readAuth(const QJsonObject &object, const QString &location, AuthConfig &auth,
              QList<Error> *errors)
{
    JsonObjectReader reader(object, location, errors, JsonObjectReader::Echo::Hidden);
    // Without a known type there is no telling which keys belong (as for sources): report
    // just the type, not "secret" or "username" as unknown keys.
    const auto type = reader.string(QStringLiteral("type"), Need::Required);
    if (!type)
        return;
    static const QHash<QString, AuthConfig::Type> types{
        {QStringLiteral("none"), AuthConfig::Type::None},
        {QStringLiteral("bearer"), AuthConfig::Type::Bearer},
        {QStringLiteral("basic"), AuthConfig::Type::Basic},
        {QStringLiteral("header"), AuthConfig::Type::Header},
        {QStringLiteral("query"), AuthConfig::Type::Query},
    };
    if (!types.contains(*type)) {
        reader.error(
            QStringLiteral("type"),
            // A short word is echoed ("oauth"); anything else may be a pasted token.
            matches(*type, "^[A-Za-z_-]{1,16}$")
                ? tr("expected one of none, bearer, basic, header, query, got \"%1\"").arg(*type)
                : tr("expected one of none, bearer, basic, header, query"));
        return;
    }
    auth.type = types.value(*type);
    if (auth.type != AuthConfig::Type::None)
        auth.secret = readSecretName(reader, QStringLiteral("secret")).value_or(QString());
    if (auth.type == AuthConfig::Type::Basic)
        auth.username =
            reader.string(QStringLiteral("username"), Need::Required).value_or(QString());
    if (auth.type == AuthConfig::Type::Header || auth.type == AuthConfig::Type::Query) {
        const auto name = reader.string(QStringLiteral("name"), Need::Required);
        if (name && !matches(*name, "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"))
            reader.error(QStringLiteral("name"), tr("expected a header or parameter name"));
        else
            auth.name = name.value_or(QString());
    }
    reader.finish();
}

void readHttp(JsonObjectReader &reader, HttpConfig &http, QList<Error> *errors)
{
    http.url = readHttpUrl(reader, QStringLiteral("url"), Need::Required).value_or(QUrl());

    if (const auto method = reader.string(QStringLiteral("method"))) {
        if (*method != QLatin1String("GET") && *method != QLatin1String("POST"))
            reader.error(QStringLiteral("method"),
                         tr("expected \"GET\" or \"POST\", got \"%1\"").arg(*method));
        else
            http.method = method->toLatin1();
    }

    if (const auto headers = reader.object(QStringLiteral("headers"))) {
        const QString headersAt = reader.locationOf(QStringLiteral("headers"));
        JsonObjectReader headerReader(*headers, headersAt, errors, JsonObjectReader::Echo::Hidden);
        for (auto it = headers->constBegin(); it != headers->constEnd(); ++it) {
            const QString name = it.key();
            if (!matches(name, "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")) {
                headerReader.error(name, tr("not a valid HTTP header name"));
                headerReader.value(name);
                continue;
            }
            static const QStringList reserved{
                QStringLiteral("User-Agent"),        QStringLiteral("Host"),
                QStringLiteral("Content-Length"),    QStringLiteral("Connection"),
                QStringLiteral("Transfer-Encoding"), QStringLiteral("Accept-Encoding")};
            if (reserved.contains(name, Qt::CaseInsensitive)) {
                headerReader.error(name, tr("this header is set by KPI Collector itself"));
                headerReader.value(name);
                continue;
            }
            ValueOrSecret value;
            if (it->isString()) {
                headerReader.value(name);
                if (looksLikeCredential(name)) {
                    headerReader.error(
                        name,
                        tr("a credential in plain text would be committed with the workspace; "
                           "use {\"secret\": \"NAME\"} or \"auth\" instead"));
                    continue;
                }
                value.value = it->toString();
            } else if (!it->isObject()) {
                headerReader.value(name);
                headerReader.error(name, tr("expected a string or {\"secret\": \"NAME\"}, got %1")
                                             .arg(headerReader.describeValue(name, *it)));
                continue;
            } else {
                const auto secret = readSecretRef(headerReader, name, Need::Required, errors);
                if (!secret)
                    continue;
                value.secret = *secret;
            }
            http.headers.append({name, value});
        }
    }

    const QJsonValue body = reader.value(QStringLiteral("body"));
    if (!body.isUndefined()) {
        if (http.method != "POST")
            reader.error(QStringLiteral("body"), tr("a body needs \"method\": \"POST\""));
        else if (body.isString())
            http.body = body.toString().toUtf8();
        else if (body.isObject())
            http.body = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
        else if (body.isArray())
            http.body = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
        else
            reader.error(QStringLiteral("body"),
                         tr("expected a string, an object or an array, got %1")
                             .arg(reader.describeValue(QStringLiteral("body"), body)));
        if (http.body && !body.isString())
            http.bodyContentType = "application/json";
    }

    if (const auto auth = reader.object(QStringLiteral("auth")))
        readAuth(*auth, reader.locationOf(QStringLiteral("auth")), http.auth, errors);
}

// A time span such as "7d", "24h" or "4w", in seconds.
std::optional<qint64> parseWindow(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^([1-9][0-9]{0,4})([hdw])$"));
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 count = match.captured(1).toLongLong();
    const QChar unit = match.captured(2).at(0);
    const qint64 unitSeconds = unit == u'h' ? 3600 : unit == u'd' ? 86400 : 7 * 86400;
    return count * unitSeconds;
}

void readSql(JsonObjectReader &reader, SqlConfig &sql, QList<Error> *errors)
{
    if (const auto driver = reader.string(QStringLiteral("driver"), Need::Required)) {
        if (*driver != QLatin1String("sqlite") && *driver != QLatin1String("postgres") &&
            *driver != QLatin1String("mysql"))
            reader.error(QStringLiteral("driver"),
                         tr("expected one of sqlite, postgres, mysql, got \"%1\"").arg(*driver));
        else
            sql.driver = *driver;
    }
    sql.database = reader.string(QStringLiteral("database"), Need::Required).value_or(QString());
    const bool server =
        sql.driver == QLatin1String("postgres") || sql.driver == QLatin1String("mysql");
    if (sql.driver == QLatin1String("sqlite")) {
        // A server's keys on a file database are a mistake worth naming; the reader's
        // finish() reports them as unknown keys.
    } else if (server) {
        sql.host = reader.string(QStringLiteral("host")).value_or(QString());
        sql.port = int(reader.integer(QStringLiteral("port"), 1, 65535).value_or(0));
        sql.user = reader.string(QStringLiteral("user")).value_or(QString());
        sql.passwordSecret =
            readSecretRef(reader, QStringLiteral("password"), Need::Optional, errors)
                .value_or(QString());
    }
    if (const auto query = reader.string(QStringLiteral("query"), Need::Required)) {
        if (query->trimmed().isEmpty())
            reader.error(QStringLiteral("query"), tr("expected a SELECT statement"));
        sql.query = *query;
    }
    if (const auto window = reader.string(QStringLiteral("window"))) {
        if (const auto seconds = parseWindow(*window))
            sql.windowSeconds = *seconds;
        else
            reader.error(QStringLiteral("window"),
                         tr("expected a number and a unit h, d or w, such as \"7d\", got \"%1\"")
                             .arg(*window));
    } else if (sql.query.contains(QLatin1String(":windowStart"))) {
        reader.error(QStringLiteral("query"),
                     tr("the query uses :windowStart; set \"window\", such as \"7d\""));
    }
}

void readCommand(JsonObjectReader &reader, CommandConfig &command, QList<Error> *errors)
{
    if (const auto program = reader.string(QStringLiteral("program"), Need::Required)) {
        // No shell and no PATH lookup: the file that runs is the one the workspace names.
        if (!QDir::isAbsolutePath(*program))
            reader.error(QStringLiteral("program"),
                         tr("expected an absolute path to a program, got \"%1\"").arg(*program));
        command.program = *program;
    }
    if (const auto args = reader.array(QStringLiteral("args"))) {
        for (qsizetype i = 0; i < args->size(); ++i) {
            if (!args->at(i).isString()) {
                errors->append(
                    {Error::Code::InvalidInput,
                     tr("expected a string, got %1").arg(JsonObjectReader::describe(args->at(i))),
                     JsonObjectReader::indexed(reader.locationOf(QStringLiteral("args")), i)});
                continue;
            }
            command.args.append(args->at(i).toString());
        }
    }
}

std::optional<MetricConfig> readMetric(const QJsonValue &value, const QString &location,
                                       QList<Error> *errors, const QString &type)
{
    const bool usesPath = type == QLatin1String("http-json");
    if (!value.isObject()) {
        errors->append({Error::Code::InvalidInput,
                        (usesPath ? tr("expected an object with \"key\" and \"path\", got %1")
                                  : tr("expected an object with \"key\", got %1"))
                            .arg(JsonObjectReader::describe(value)),
                        location});
        return std::nullopt;
    }
    JsonObjectReader reader(value.toObject(), location, errors);
    MetricConfig metric;
    bool ok = true;
    if (const auto key = reader.string(QStringLiteral("key"), Need::Required)) {
        if (!matches(*key, "^[A-Za-z][A-Za-z0-9_]{0,63}$")) {
            reader.error(
                QStringLiteral("key"),
                tr("expected a metric key of letters, digits and \"_\" starting with a letter "
                   "(such as GITHUB_STARS), got \"%1\"")
                    .arg(*key));
            ok = false;
        }
        metric.key = *key;
    } else {
        ok = false;
    }
    if (!usesPath) {
        // sql: the result column; command: the key of the printed object.
        const QString fieldKey =
            type == QLatin1String("sql") ? QStringLiteral("column") : QStringLiteral("field");
        if (type != QLatin1String("manual"))
            metric.field = reader.string(fieldKey).value_or(metric.key);
        if (metric.field.isEmpty() && type != QLatin1String("manual")) {
            reader.error(fieldKey, tr("expected a non-empty name"));
            ok = false;
        }
    } else if (const auto path = reader.string(QStringLiteral("path"), Need::Required)) {
        auto compiled = extract::JsonPath::compile(*path);
        if (compiled)
            metric.path = *compiled;
        else {
            reader.error(QStringLiteral("path"), compiled.error().message);
            ok = false;
        }
    } else {
        ok = false;
    }
    metric.label = reader.string(QStringLiteral("label")).value_or(QString());
    metric.unit = reader.string(QStringLiteral("unit")).value_or(QString());
    if (const auto scale = type == QLatin1String("manual")
                               ? std::nullopt
                               : reader.number(QStringLiteral("scale"))) {
        if (*scale == 0 || !std::isfinite(*scale))
            reader.error(QStringLiteral("scale"), tr("expected a number other than 0"));
        else
            metric.scale = *scale;
    }
    // Plausibility bounds (docs/history-repair.md).
    const auto finite = [&](const QString &key) -> std::optional<double> {
        const auto number = reader.number(key);
        if (number && !std::isfinite(*number)) {
            reader.error(key, tr("expected a finite number"));
            return std::nullopt;
        }
        return number;
    };
    metric.min = finite(QStringLiteral("min"));
    metric.max = finite(QStringLiteral("max"));
    if (metric.min && metric.max && *metric.min > *metric.max)
        reader.error(QStringLiteral("max"), tr("expected a number not below \"min\" (%1), got %2")
                                                .arg(*metric.min)
                                                .arg(*metric.max));
    metric.maxChangePercent = finite(QStringLiteral("maxChangePercent"));
    if (metric.maxChangePercent && *metric.maxChangePercent <= 0)
        reader.error(QStringLiteral("maxChangePercent"),
                     tr("expected a percentage above 0, got %1").arg(*metric.maxChangePercent));
    metric.allowDropToZero = reader.boolean(QStringLiteral("allowDropToZero")).value_or(false);
    if (const auto better = reader.string(QStringLiteral("better"))) {
        if (*better == QLatin1String("lower"))
            metric.lowerIsBetter = true;
        else if (*better != QLatin1String("higher"))
            reader.error(QStringLiteral("better"),
                         tr("expected \"higher\" or \"lower\", got \"%1\"").arg(*better));
    }
    reader.finish();
    return ok ? std::optional(metric) : std::nullopt;
}

// ---- html sources (docs/sources.md) ----

// A CSS selector or an XPath expression compiled for real: an error names the position.
bool checkSelector(JsonObjectReader &reader, const QString &key, const QString &text, bool css)
{
    const auto compiled =
        css ? extract::HtmlSelector::css(text) : extract::HtmlSelector::xpath(text);
    if (!compiled)
        reader.error(key, compiled.error().message);
    return bool(compiled);
}

// Form fields whose value is a credential: a literal one would be committed with the file.
bool looksLikePasswordField(const QString &name)
{
    static const QRegularExpression pattern(
        QStringLiteral("pass|pwd|secret|token|api[-_]?key|otp|totp|pin$|2fa|mfa"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(name).hasMatch();
}

std::optional<MetricConfig> readHtmlMetric(const QJsonValue &value, const QString &location,
                                           QList<Error> *errors)
{
    if (!value.isObject()) {
        errors->append({Error::Code::InvalidInput,
                        tr("expected an object with \"key\" and \"css\" or \"xpath\", got %1")
                            .arg(JsonObjectReader::describe(value)),
                        location});
        return std::nullopt;
    }
    const qsizetype errorsBefore = errors->size();
    JsonObjectReader reader(value.toObject(), location, errors);
    MetricConfig metric;
    HtmlMetricConfig &html = metric.html;
    if (const auto key = reader.string(QStringLiteral("key"), Need::Required)) {
        if (!matches(*key, "^[A-Za-z][A-Za-z0-9_]{0,63}$"))
            reader.error(
                QStringLiteral("key"),
                tr("expected a metric key of letters, digits and \"_\" starting with a letter "
                   "(such as GITHUB_STARS), got \"%1\"")
                    .arg(*key));
        metric.key = *key;
    }
    const auto css = reader.string(QStringLiteral("css"));
    const auto xpath = reader.string(QStringLiteral("xpath"));
    if (css && xpath) {
        reader.error(QStringLiteral("xpath"), tr("give either \"css\" or \"xpath\", not both"));
    } else if (!css && !xpath) {
        if (!reader.contains(QStringLiteral("css")) && !reader.contains(QStringLiteral("xpath")))
            errors->append({Error::Code::InvalidInput,
                            tr("expected \"css\" (a CSS selector) or \"xpath\" (an XPath 1.0 "
                               "expression)"),
                            location});
    } else if (css) {
        if (checkSelector(reader, QStringLiteral("css"), *css, true))
            html.css = *css;
    } else if (checkSelector(reader, QStringLiteral("xpath"), *xpath, false)) {
        html.xpath = *xpath;
    }
    if (const auto extract = reader.string(QStringLiteral("extract"))) {
        using Extract = HtmlMetricConfig::Extract;
        static const QHash<QString, Extract> modes{
            {QStringLiteral("count"), Extract::Count},
            {QStringLiteral("text"), Extract::Text},
            {QStringLiteral("number"), Extract::Number},
            {QStringLiteral("sum"), Extract::Sum},
        };
        if (modes.contains(*extract)) {
            html.extract = modes.value(*extract);
        } else if (extract->startsWith(QLatin1String("attr:")) &&
                   matches(extract->mid(5), "^[^\\s\"'>/=]+$")) {
            html.extract = Extract::Attribute;
            html.attribute = extract->mid(5);
        } else {
            reader.error(
                QStringLiteral("extract"),
                tr("expected count, text, number, sum or attr:NAME, got \"%1\"").arg(*extract));
        }
    }
    if (const auto regex = reader.string(QStringLiteral("regex"))) {
        const QRegularExpression compiled(*regex);
        if (!compiled.isValid())
            reader.error(QStringLiteral("regex"),
                         tr("not a valid regular expression: %1 at position %2")
                             .arg(compiled.errorString())
                             .arg(compiled.patternErrorOffset() + 1));
        else if (compiled.captureCount() > 1)
            reader.error(QStringLiteral("regex"),
                         tr("expected at most one capture group, got %1; use (?:…) for the "
                            "others")
                             .arg(compiled.captureCount()));
        else
            html.regex = *regex;
    }
    if (const auto separator = reader.string(QStringLiteral("decimalSeparator"))) {
        if (*separator != QLatin1String(".") && *separator != QLatin1String(","))
            reader.error(QStringLiteral("decimalSeparator"),
                         tr("expected \".\" or \",\", got \"%1\"").arg(*separator));
        else
            html.decimalSeparator = separator->at(0);
    }
    metric.label = reader.string(QStringLiteral("label")).value_or(QString());
    metric.unit = reader.string(QStringLiteral("unit")).value_or(QString());
    if (const auto scale = reader.number(QStringLiteral("scale"))) {
        if (*scale == 0 || !std::isfinite(*scale))
            reader.error(QStringLiteral("scale"), tr("expected a number other than 0"));
        else
            metric.scale = *scale;
    }
    reader.finish();
    return errors->size() == errorsBefore ? std::optional(metric) : std::nullopt;
}

void readLogin(const QJsonObject &object, const QString &location, LoginConfig &login,
               QList<Error> *errors)
{
    JsonObjectReader reader(object, location, errors);
    login.url = readHttpUrl(reader, QStringLiteral("url"), Need::Required).value_or(QUrl());
    if (const auto form = reader.string(QStringLiteral("form"))) {
        if (checkSelector(reader, QStringLiteral("form"), *form, true))
            login.formCss = *form;
    }
    login.keepSession = reader.boolean(QStringLiteral("keepSession")).value_or(true);
    const auto fields = reader.object(QStringLiteral("fields"), Need::Required);
    if (fields) {
        if (fields->isEmpty())
            reader.error(QStringLiteral("fields"), tr("expected at least one field to fill"));
        JsonObjectReader fieldReader(*fields, reader.locationOf(QStringLiteral("fields")), errors,
                                     JsonObjectReader::Echo::Hidden);
        for (auto it = fields->constBegin(); it != fields->constEnd(); ++it) {
            const QString name = it.key();
            ValueOrSecret value;
            if (it->isString()) {
                fieldReader.value(name);
                if (looksLikePasswordField(name)) {
                    fieldReader.error(
                        name, tr("a password in plain text would be committed with the "
                                 "workspace; use {\"secret\": \"NAME\"} and store the value with "
                                 "\"kpi-collector secret set NAME\""));
                    continue;
                }
                value.value = it->toString();
            } else if (it->isObject()) {
                const auto secret = readSecretRef(fieldReader, name, Need::Required, errors);
                if (!secret)
                    continue;
                value.secret = *secret;
            } else {
                fieldReader.value(name);
                fieldReader.error(name, tr("expected a string or {\"secret\": \"NAME\"}, got %1")
                                            .arg(fieldReader.describeValue(name, *it)));
                continue;
            }
            login.fields.append({name, value});
        }
    }
    reader.finish();
}

void readHtmlSource(JsonObjectReader &reader, SourceConfig &source, QList<Error> *errors)
{
    if (const auto next = reader.object(QStringLiteral("nextPage"))) {
        JsonObjectReader nextReader(*next, reader.locationOf(QStringLiteral("nextPage")), errors);
        PaginationConfig pagination;
        if (const auto css = nextReader.string(QStringLiteral("css"), Need::Required)) {
            if (checkSelector(nextReader, QStringLiteral("css"), *css, true))
                pagination.css = *css;
        }
        pagination.maxPages = int(
            nextReader.integer(QStringLiteral("maxPages"), 1, 1000).value_or(pagination.maxPages));
        nextReader.finish();
        source.nextPage = pagination;
    }
    if (const auto login = reader.object(QStringLiteral("login"))) {
        LoginConfig config;
        readLogin(*login, reader.locationOf(QStringLiteral("login")), config, errors);
        source.login = config;
    }
}

// The id of a source or a destination: what --source and --destination name.
QString readId(JsonObjectReader &reader)
{
    const auto id = reader.string(QStringLiteral("id"), Need::Required);
    if (id && !matches(*id, "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"))
        reader.error(QStringLiteral("id"),
                     tr("expected up to 64 letters, digits, \".\", \"_\" or \"-\", starting "
                        "with a letter or digit, got \"%1\"")
                         .arg(*id));
    return id.value_or(QString());
}

std::optional<SourceConfig> readSource(const QJsonValue &value, const QString &location,
                                       QList<Error> *errors)
{
    if (!value.isObject()) {
        errors->append(
            {Error::Code::InvalidInput,
             tr("expected a source object, got %1").arg(JsonObjectReader::describe(value)),
             location});
        return std::nullopt;
    }
    const qsizetype errorsBefore = errors->size();
    JsonObjectReader reader(value.toObject(), location, errors);
    SourceConfig source;
    source.id = readId(reader);
    const auto type = reader.string(QStringLiteral("type"), Need::Required);
    if (!type)
        return std::nullopt;
    if (!WorkspaceLoader::sourceTypes().contains(*type)) {
        // Without a known type there is no telling which keys belong: report just this.
        reader.error(QStringLiteral("type"),
                     tr("unsupported source type \"%1\"; this version collects: %2")
                         .arg(*type, WorkspaceLoader::sourceTypes().join(QStringLiteral(", "))));
        return std::nullopt;
    }
    source.type = *type;
    source.label = reader.string(QStringLiteral("label")).value_or(QString());
    source.enabled = reader.boolean(QStringLiteral("enabled")).value_or(true);
    if (*type == QLatin1String("command"))
        source.maxResponseBytes = CommandMaxOutputBytes;
    if (*type != QLatin1String("manual")) {
        source.timeoutSeconds = int(reader.integer(QStringLiteral("timeoutSeconds"), 1, 600)
                                        .value_or(source.timeoutSeconds));
    }
    // html fetches over HTTP as http-json does: the same request keys.
    const bool overHttp = *type == QLatin1String("http-json") || *type == QLatin1String("html");
    if (overHttp || *type == QLatin1String("command")) {
        source.maxResponseBytes =
            reader.integer(QStringLiteral("maxResponseBytes"), 1024, qint64(1) << 30)
                .value_or(source.maxResponseBytes);
    }
    if (overHttp) {
        source.attempts =
            int(reader.integer(QStringLiteral("attempts"), 1, 10).value_or(source.attempts));
        readHttp(reader, source.http, errors);
    } else if (*type == QLatin1String("sql")) {
        readSql(reader, source.sql, errors);
    } else if (*type == QLatin1String("command")) {
        readCommand(reader, source.command, errors);
    }

    if (const auto metrics = reader.array(QStringLiteral("metrics"), Need::Required)) {
        if (metrics->isEmpty())
            reader.error(QStringLiteral("metrics"), tr("expected at least one metric"));
        const QString metricsAt = reader.locationOf(QStringLiteral("metrics"));
        for (qsizetype i = 0; i < metrics->size(); ++i) {
            const QString at = JsonObjectReader::indexed(metricsAt, i);
            if (auto metric = source.type == QLatin1String("html")
                                  ? readHtmlMetric(metrics->at(i), at, errors)
                                  : readMetric(metrics->at(i), at, errors, source.type))
                source.metrics.append(*metric);
        }
    }
    if (source.type == QLatin1String("html"))
        readHtmlSource(reader, source, errors);
    reader.finish();
    if (errors->size() != errorsBefore)
        return std::nullopt;
    return source;
}

// The keys each destination type takes besides id, type and schedule. Delivery itself
// comes with the destinations; the file is validated now so it never needs rewriting.
void readDestinationSettings(JsonObjectReader &reader, DestinationConfig &destination,
                             QList<Error> *errors)
{
    QJsonObject settings;
    const auto keepString = [&](const QString &key, Need need) {
        if (const auto v = reader.string(key, need))
            settings.insert(key, *v);
    };
    const auto keepSecret = [&](const QString &key, Need need) {
        if (const auto name = readSecretRef(reader, key, need, errors)) {
            settings.insert(key, QJsonObject{{QStringLiteral("secret"), *name}});
            destination.secretNames.append(*name);
        }
    };
    const auto keepInteger = [&](const QString &key, qint64 min, qint64 max) {
        if (const auto v = reader.integer(key, min, max))
            settings.insert(key, double(*v));
    };
    const QString &type = destination.type;
    if (type == QLatin1String("notion")) {
        keepString(QStringLiteral("databaseId"), Need::Required);
        keepSecret(QStringLiteral("token"), Need::Required);
        if (const auto url = readHttpUrl(reader, QStringLiteral("baseUrl"), Need::Optional))
            settings.insert(QStringLiteral("baseUrl"), url->toString());
        keepString(QStringLiteral("titleProperty"), Need::Optional);
        keepString(QStringLiteral("dateProperty"), Need::Optional);
        if (const auto map = reader.object(QStringLiteral("properties")))
            settings.insert(QStringLiteral("properties"), *map);
        if (const auto create = reader.boolean(QStringLiteral("createMissingProperties")))
            settings.insert(QStringLiteral("createMissingProperties"), *create);
    } else if (type == QLatin1String("discord") || type == QLatin1String("slack")) {
        keepSecret(QStringLiteral("webhook"), Need::Required);
        keepString(QStringLiteral("username"), Need::Optional);
        const QString username = settings.value(QLatin1String("username")).toString();
        if (type == QLatin1String("discord") && settings.contains(QLatin1String("username"))) {
            if (const QString problem = WorkspaceLoader::discordUsernameProblem(username);
                !problem.isEmpty())
                reader.error(QStringLiteral("username"), problem);
        }
        keepInteger(QStringLiteral("compareDays"), 1, 3660);
    } else if (type == QLatin1String("csv")) {
        // A relative path is made absolute by loadFile(), from the workspace file's folder.
        keepString(QStringLiteral("path"), Need::Required);
    } else if (type == QLatin1String("webhook")) {
        keepSecret(QStringLiteral("url"), Need::Required);
        keepSecret(QStringLiteral("signingSecret"), Need::Optional);
        keepInteger(QStringLiteral("maxValuesPerRequest"), 1, 10000);
    } else if (type == QLatin1String("influxdb")) {
        if (const auto url = readHttpUrl(reader, QStringLiteral("url"), Need::Required))
            settings.insert(QStringLiteral("url"), url->toString());
        keepString(QStringLiteral("org"), Need::Required);
        keepString(QStringLiteral("bucket"), Need::Required);
        keepSecret(QStringLiteral("token"), Need::Required);
        keepString(QStringLiteral("measurement"), Need::Optional);
        if (const auto tags = reader.object(QStringLiteral("tags"))) {
            for (auto it = tags->constBegin(); it != tags->constEnd(); ++it) {
                if (!it.value().isString() || it.value().toString().isEmpty())
                    reader.error(
                        QStringLiteral("tags"),
                        tr("expected a non-empty string for the tag \"%1\"").arg(it.key()));
            }
            settings.insert(QStringLiteral("tags"), *tags);
        }
    }
    destination.settings = settings;
}

std::optional<DestinationConfig> readDestination(const QJsonValue &value, const QString &location,
                                                 QList<Error> *errors)
{
    if (!value.isObject()) {
        errors->append(
            {Error::Code::InvalidInput,
             tr("expected a destination object, got %1").arg(JsonObjectReader::describe(value)),
             location});
        return std::nullopt;
    }
    const qsizetype errorsBefore = errors->size();
    JsonObjectReader reader(value.toObject(), location, errors);
    DestinationConfig destination;
    destination.id = readId(reader);
    const auto type = reader.string(QStringLiteral("type"), Need::Required);
    if (!type)
        return std::nullopt;
    if (!WorkspaceLoader::destinationTypes().contains(*type)) {
        reader.error(
            QStringLiteral("type"),
            tr("unsupported destination type \"%1\"; expected one of: %2")
                .arg(*type, WorkspaceLoader::destinationTypes().join(QStringLiteral(", "))));
        return std::nullopt;
    }
    destination.type = *type;
    destination.schedule =
        reader.string(QStringLiteral("schedule")).value_or(QStringLiteral("on-collect"));
    if (const auto problem = checkSchedule(destination.schedule, true))
        reader.error(QStringLiteral("schedule"), *problem);
    readDestinationSettings(reader, destination, errors);
    reader.finish();
    if (errors->size() != errorsBefore)
        return std::nullopt;
    return destination;
}

QString lineAndColumn(const QByteArray &json, qsizetype offset)
{
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < offset && i < json.size(); ++i) {
        if (json[i] == '\n') {
            ++line;
            column = 1;
        } else if ((json[i] & 0xC0) != 0x80) { // count characters, not UTF-8 continuation bytes
            ++column;
        }
    }
    return tr("line %1, column %2").arg(line).arg(column);
}

} // namespace

QString WorkspaceLoader::resolvePath(const QString &explicitPath)
{
    if (!explicitPath.isEmpty())
        return explicitPath;
    const QString fromEnvironment = qEnvironmentVariable("KPI_COLLECTOR_WORKSPACE");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString fromSettings = settings::AppSettings::workspacePath();
    return fromSettings.isEmpty() ? defaultPath() : fromSettings;
}

QString WorkspaceLoader::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/workspace.json");
}

QStringList WorkspaceLoader::sourceTypes()
{
    return {QStringLiteral("http-json"), QStringLiteral("html"), QStringLiteral("sql"),
            QStringLiteral("command"), QStringLiteral("manual")};
}

QStringList WorkspaceLoader::destinationTypes()
{
    return {QStringLiteral("notion"), QStringLiteral("discord"), QStringLiteral("slack"),
            QStringLiteral("csv"),    QStringLiteral("webhook"), QStringLiteral("influxdb")};
}

WorkspaceLoader::Outcome WorkspaceLoader::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return {{},
                {{Error::Code::NotFound,
                  tr("no workspace file here; create one (docs/workspace.md) or pass --workspace"),
                  path}}};
    if (!file.open(QIODevice::ReadOnly))
        return {{},
                {{Error::Code::NotFound,
                  tr("cannot read the workspace file: %1").arg(file.errorString()), path}}};
    constexpr qint64 MaxWorkspaceBytes = 16 * 1024 * 1024;
    if (file.size() > MaxWorkspaceBytes)
        return {
            {},
            {{Error::Code::InvalidInput, tr("the workspace file is larger than 16 MiB"), path}}};
    Outcome outcome = parse(file.readAll());
    // The daemon's working folder is not the user's: a relative CSV path means beside the
    // workspace file, wherever the app was started.
    const QDir folder = QFileInfo(path).absoluteDir();
    for (auto &destination : outcome.workspace.destinations) {
        const QString csvPath = destination.settings.value(QLatin1String("path")).toString();
        if (destination.type == QLatin1String("csv") && !csvPath.isEmpty() &&
            QDir::isRelativePath(csvPath) && !csvPath.startsWith(QLatin1String("~/")))
            destination.settings.insert(QStringLiteral("path"), folder.absoluteFilePath(csvPath));
    }
    return outcome;
}

WorkspaceLoader::Outcome WorkspaceLoader::parse(const QByteArray &json)
{
    Outcome outcome;
    QList<Error> &errors = outcome.errors;
    Workspace &workspace = outcome.workspace;

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Qt reports most syntax errors just past the character it stopped at (for a
        // trailing comma, one past the "}"); only garbage after the document and a bad
        // number are reported at the character itself.
        qsizetype offset = parseError.offset;
        if (offset > 0 && parseError.error != QJsonParseError::GarbageAtEnd &&
            parseError.error != QJsonParseError::IllegalNumber)
            --offset;
        errors.append({Error::Code::InvalidInput,
                       tr("not valid JSON: %1").arg(parseError.errorString()),
                       lineAndColumn(json, offset)});
        return outcome;
    }
    if (!document.isObject()) {
        errors.append(
            {Error::Code::InvalidInput, tr("expected a JSON object at the top level"), {}});
        return outcome;
    }

    JsonObjectReader root(document.object(), QString(), &errors);
    if (const auto version = root.integer(QStringLiteral("version"), 1, 1000, Need::Required)) {
        if (*version != SupportedVersion)
            root.error(
                QStringLiteral("version"),
                tr("this KPI Collector reads workspace version %1, got %2; upgrade KPI Collector")
                    .arg(SupportedVersion)
                    .arg(*version));
    }
    if (const auto zone = root.string(QStringLiteral("timezone"))) {
        if (!QTimeZone::isTimeZoneIdAvailable(zone->toUtf8()))
            root.error(
                QStringLiteral("timezone"),
                tr("unknown time zone \"%1\"; expected an IANA name such as \"Europe/Berlin\"")
                    .arg(*zone));
        workspace.timezone = *zone;
    } else {
        workspace.timezone = QString::fromUtf8(QTimeZone::systemTimeZoneId());
    }
    if (const auto schedule = root.string(QStringLiteral("schedule"))) {
        if (const auto problem = checkSchedule(*schedule, false))
            root.error(QStringLiteral("schedule"), *problem);
        workspace.schedule = *schedule;
    }
    workspace.catchUpMissedRuns =
        root.boolean(QStringLiteral("catchUp")).value_or(workspace.catchUpMissedRuns);
    if (const auto network = root.object(QStringLiteral("network"))) {
        JsonObjectReader reader(*network, root.locationOf(QStringLiteral("network")), &errors);
        workspace.perHostConnections = int(
            reader
                .integer(QStringLiteral("perHostConnections"), 1, Workspace::MaxPerHostConnections)
                .value_or(workspace.perHostConnections));
        reader.finish();
    }

    if (const auto raw = root.object(QStringLiteral("rawResponses"))) {
        // Raw responses for `reextract` (docs/history-repair.md); 0 keeps none.
        JsonObjectReader reader(*raw, root.locationOf(QStringLiteral("rawResponses")), &errors);
        workspace.rawResponses.days = int(
            reader.integer(QStringLiteral("days"), 0, 3660).value_or(workspace.rawResponses.days));
        workspace.rawResponses.megabytes = reader.integer(QStringLiteral("megabytes"), 0, 100000)
                                               .value_or(workspace.rawResponses.megabytes);
        reader.finish();
    }

    QHash<QString, QString> sourceIdAt;
    QHash<QString, QString> metricKeyAt;
    if (const auto sources = root.array(QStringLiteral("sources"), Need::Required)) {
        for (qsizetype i = 0; i < sources->size(); ++i) {
            const QString at = JsonObjectReader::indexed(QStringLiteral("sources"), i);
            // A preset source becomes an ordinary one first, checked like any other.
            QJsonValue entry = sources->at(i);
            const bool fromPreset = PresetCatalog::isPresetSource(entry);
            if (fromPreset) {
                const auto expanded =
                    PresetCatalog::builtIn().expand(entry.toObject(), at, &errors);
                if (!expanded)
                    continue;
                entry = *expanded;
            }
            const QJsonObject raw = entry.toObject();
            // Duplicates are checked on the raw ids and keys, so they are reported even
            // when something else in the same source is wrong.
            const QString id = raw.value(QStringLiteral("id")).toString();
            if (!id.isEmpty()) {
                if (sourceIdAt.contains(id))
                    errors.append(
                        {Error::Code::InvalidInput,
                         tr("duplicate source id \"%1\" (also %2)").arg(id, sourceIdAt.value(id)),
                         at + QStringLiteral(".id")});
                else
                    sourceIdAt.insert(id, at);
            }
            const QJsonArray metrics = raw.value(QStringLiteral("metrics")).toArray();
            for (qsizetype j = 0; j < metrics.size(); ++j) {
                const QString key =
                    metrics.at(j).toObject().value(QStringLiteral("key")).toString();
                const QString keyAt =
                    fromPreset ? at + QStringLiteral(".params.keyPrefix")
                               : JsonObjectReader::indexed(at + QStringLiteral(".metrics"), j) +
                                     QStringLiteral(".key");
                if (key.isEmpty())
                    continue;
                if (metricKeyAt.contains(key))
                    errors.append({Error::Code::InvalidInput,
                                   tr("duplicate metric key \"%1\" (also %2)")
                                           .arg(key, metricKeyAt.value(key)) +
                                       (fromPreset ? tr("; give each source of this preset its "
                                                        "own \"keyPrefix\" in \"params\"")
                                                   : QString()),
                                   keyAt});
                else
                    metricKeyAt.insert(key, keyAt);
            }
            if (auto source = readSource(entry, at, &errors)) {
                if (fromPreset)
                    source->preset =
                        sources->at(i).toObject().value(QLatin1String("preset")).toString();
                workspace.sources.append(*source);
            }
        }
    }

    QHash<QString, QString> destinationIdAt;
    if (const auto destinations = root.array(QStringLiteral("destinations"))) {
        for (qsizetype i = 0; i < destinations->size(); ++i) {
            const QString at = JsonObjectReader::indexed(QStringLiteral("destinations"), i);
            const QString id =
                destinations->at(i).toObject().value(QStringLiteral("id")).toString();
            if (!id.isEmpty()) {
                if (destinationIdAt.contains(id))
                    errors.append({Error::Code::InvalidInput,
                                   tr("duplicate destination id \"%1\" (also %2)")
                                       .arg(id, destinationIdAt.value(id)),
                                   at + QStringLiteral(".id")});
                else
                    destinationIdAt.insert(id, at);
            }
            if (auto destination = readDestination(destinations->at(i), at, &errors))
                workspace.destinations.append(*destination);
        }
    }

    if (const auto northStar = root.string(QStringLiteral("northStar"))) {
        if (!metricKeyAt.contains(*northStar)) {
            QStringList known = metricKeyAt.keys();
            known.sort();
            root.error(QStringLiteral("northStar"),
                       known.isEmpty()
                           ? tr("\"%1\" is not a metric of any source").arg(*northStar)
                           : tr("\"%1\" is not a metric of any source; the metrics are: %2")
                                 .arg(*northStar, known.join(QStringLiteral(", "))));
        }
        workspace.northStar = *northStar;
    }
    root.finish();
    return outcome;
}

QString WorkspaceLoader::discordUsernameProblem(const QString &name)
{
    constexpr int MaxLength = 80;
    if (name.trimmed().isEmpty())
        return tr("expected a name of 1 to %1 characters").arg(MaxLength);
    if (name.toUcs4().size() > MaxLength)
        return tr("Discord allows at most %1 characters in a name").arg(MaxLength);
    for (const QString &forbidden :
         {QStringLiteral("@"), QStringLiteral("#"), QStringLiteral(":"), QStringLiteral("```")}) {
        if (name.contains(forbidden))
            return tr("Discord does not allow \"%1\" in a name").arg(forbidden);
    }
    for (const QString &reserved : {QStringLiteral("discord"), QStringLiteral("clyde")}) {
        if (name.contains(reserved, Qt::CaseInsensitive))
            return tr("Discord does not allow \"%1\" in a webhook's name").arg(reserved);
    }
    return {};
}

} // namespace kpi::workspace
