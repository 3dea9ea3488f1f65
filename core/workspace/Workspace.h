// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "extract/JsonPath.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <QUrl>

#include <optional>
#include <utility>

namespace kpi::workspace {

// The workspace file as plain values, already validated by WorkspaceLoader (every JSON
// path compiled, every URL parsed). Secrets appear only by name. docs/workspace.md is the
// user-facing description of every field.

// html: one metric's selector and what to take from its matches, as text. The loader
// compiles it to check it; HtmlSource compiles it again (Workspace.h stays free of libxml2).
struct HtmlMetricConfig
{
    enum class Extract { Count, Text, Number, Sum, Attribute };
    QString css; // exactly one of css and xpath is set
    QString xpath;
    Extract extract = Extract::Number;
    QString attribute; // "attr:NAME"
    QString regex;     // empty: none; at most one capture group
    QChar decimalSeparator = u'.';
};

struct MetricConfig
{
    QString key;   // e.g. GITHUB_STARS; unique across the workspace
    QString label; // for people; the key when empty
    QString unit;
    double scale = 1.0;     // multiplies the extracted number (cents to euros: 0.01)
    extract::JsonPath path; // http-json
    HtmlMetricConfig html;  // html
    // Plausibility (docs/history-repair.md): a value outside these, a change beyond
    // maxChangePercent of the previous value, or a fall to 0 from a positive value (unless
    // allowDropToZero) is stored as suspect and not delivered.
    std::optional<double> min = {};
    std::optional<double> max = {};
    std::optional<double> maxChangePercent = {};
    bool allowDropToZero = false;
    // "better": "lower" (churn, response time, open bugs): a fall is good news, coloured
    // as such on the cards and in the digests.
    bool lowerIsBetter = false;
    // sql: the result column (matched without regard to case); command: the key of the
    // program's JSON object. Both default to the metric key.
    QString field;
};

// A value sent as is, or the name of a secret to send in its place.
struct ValueOrSecret
{
    QString value;
    QString secret;
    bool isSecret() const { return !secret.isEmpty(); }
};

struct AuthConfig
{
    enum class Type { None, Bearer, Basic, Header, Query };
    Type type = Type::None;
    QString secret;   // the credential's secret name
    QString username; // Basic
    QString name;     // the header (Header) or query parameter (Query) carrying it
};

struct HttpConfig
{
    QUrl url;
    QByteArray method = "GET";
    QList<std::pair<QString, ValueOrSecret>> headers;
    std::optional<QByteArray> body;
    QByteArray bodyContentType; // set when the body was given as JSON
    AuthConfig auth;
};

// A `sql` source: one read-only query whose one row's columns are the metrics.
struct SqlConfig
{
    QString driver;   // "sqlite", "postgres" or "mysql"
    QString database; // the SQLite file, or the server's database name
    QString host;
    int port = 0; // 0: the driver's default
    QString user;
    QString passwordSecret; // the password's secret name, or empty
    QString query;
    qint64 windowSeconds = 0; // ":windowStart" is now minus this; 0 when no window
};

// A `command` source: a program run without a shell that prints {"KEY": number, ...}.
struct CommandConfig
{
    QString program;
    QStringList args;
};

// html: follow a "next page" link, adding up count and sum across pages.
struct PaginationConfig
{
    QString css; // the link (its href) to the next page
    int maxPages = 10;
};

// html: log in through the site's own form before fetching (docs/sources.md).
struct LoginConfig
{
    QUrl url;        // the page with the form
    QString formCss; // empty: the first form with a password input
    QList<std::pair<QString, ValueOrSecret>> fields;
    bool keepSession = true; // the session's cookies kept between runs in the secret store
};

struct SourceConfig
{
    QString id;
    QString type; // "http-json", "html"
    QString label;
    QString preset; // the preset it was made from (docs/sources.md), if any
    bool enabled = true;
    int timeoutSeconds = 30;
    qint64 maxResponseBytes = 10 * 1024 * 1024;
    int attempts = 3;
    HttpConfig http;
    SqlConfig sql;         // type "sql"
    CommandConfig command; // type "command"
    QList<MetricConfig> metrics;
    std::optional<PaginationConfig> nextPage; // html
    std::optional<LoginConfig> login;         // html

    // A "manual" source only names metrics someone records (kpi-collector record);
    // collect never runs it.
    bool isManual() const { return type == QLatin1String("manual"); }

    // Every secret the source needs before it can run, without duplicates.
    QStringList secretNames() const;
};

struct DestinationConfig
{
    QString id;
    QString type;         // "notion", "discord", "slack", "csv", "webhook"
    QString schedule;     // "on-collect" or a cron expression
    QJsonObject settings; // the type's own keys, validated by the loader
    QStringList secretNames;
};

// How long each fetch's raw response is kept for `reextract` (docs/history-repair.md);
// either limit at 0 keeps none.
struct RawResponseRetention
{
    int days = 30;
    qint64 megabytes = 50;
    bool enabled() const { return days > 0 && megabytes > 0; }
};

struct Workspace
{
    int version = 1;
    QString timezone; // IANA id; the system's when the file names none
    QString schedule; // cron expression for collecting; empty: only on demand
    // A scheduled time missed while the app was not running or the machine slept: run it
    // once at start or wake (true), or wait for the next one.
    bool catchUpMissedRuns = true;
    QString northStar; // a metric key, or empty
    // Qt 6.4's QNetworkAccessManager opens at most six connections to a host; a request
    // allowed beyond that would wait inside Qt while its deadline runs.
    static constexpr int MaxPerHostConnections = 6;
    int perHostConnections = MaxPerHostConnections;
    QList<SourceConfig> sources;
    QList<DestinationConfig> destinations;
    RawResponseRetention rawResponses = {};

    const SourceConfig *source(const QString &id) const;
    const DestinationConfig *destination(const QString &id) const;
    // Every metric key, in the order the sources define them.
    QStringList metricKeys() const;
    const MetricConfig *metric(const QString &key) const;
    // The zone dates and schedules are read in: `timezone`, or the system's when the file
    // names none (the loader refuses an unknown name).
    QTimeZone zone() const;
};

} // namespace kpi::workspace
