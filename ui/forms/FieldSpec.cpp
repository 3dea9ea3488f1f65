// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "forms/FieldSpec.h"

#include <QCoreApplication>

namespace kpi::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::ui::FormSpecs", text);
}

using Kind = FieldSpec::Kind;

FieldSpec field(const QString &key, const QString &label, Kind kind, bool required = false,
                const QString &help = {}, const QString &placeholder = {})
{
    FieldSpec spec;
    spec.key = key;
    spec.label = label;
    spec.kind = kind;
    spec.required = required;
    spec.help = help;
    spec.placeholder = placeholder;
    return spec;
}

FieldSpec integer(const QString &key, const QString &label, int minimum, int maximum,
                  const QString &help, const QString &placeholder)
{
    FieldSpec spec = field(key, label, Kind::Integer, false, help, placeholder);
    spec.minimum = minimum;
    spec.maximum = maximum;
    return spec;
}

FieldSpec secret(const QString &key, const QString &label, bool required, const QString &suffix,
                 const QString &help)
{
    FieldSpec spec = field(key, label, Kind::Secret, required, help);
    spec.secretSuffix = suffix;
    return spec;
}

FieldSpec visibleWhen(FieldSpec spec, const QString &key, const QStringList &values)
{
    spec.visibleWhenKey = key;
    spec.visibleWhenValues = values;
    return spec;
}

FieldSpec idField(bool source)
{
    return field(QStringLiteral("id"), tr("&Id"), Kind::Text, true,
                 source ? tr("Names the source in commands and the history: letters, digits, "
                             "\".\", \"_\", \"-\".")
                        : tr("Names the destination in commands and the run log."),
                 source ? QStringLiteral("github") : QStringLiteral("team-discord"));
}

FieldSpec scheduleField()
{
    return field(QStringLiteral("schedule"), tr("Sc&hedule"), Kind::Text, false,
                 tr("\"on-collect\" after every collection, or a cron expression for a digest "
                    "(\"0 9 * * 1\": Mondays at 09:00)."),
                 QStringLiteral("on-collect"));
}

FieldSpec enabledField()
{
    FieldSpec spec = field(QStringLiteral("enabled"), tr("&Enabled"), Kind::Bool, false,
                           tr("A disabled source is skipped by Collect now and the schedule."));
    spec.boolDefault = true;
    return spec;
}

// How a credential is sent, and extra headers: http-json and html alike.
QList<FieldSpec> authFields()
{
    QList<FieldSpec> fields;
    FieldSpec auth = field(QStringLiteral("auth.type"), tr("&Authentication"), Kind::Choice, false,
                           tr("How the credential is sent. It is kept in the keychain."));
    auth.choices = {QStringLiteral("none"), QStringLiteral("bearer"), QStringLiteral("basic"),
                    QStringLiteral("header"), QStringLiteral("query")};
    auth.choiceLabels = {tr("None"), tr("Bearer token"), tr("User name and password"), tr("Header"),
                         tr("Query parameter")};
    fields.append(auth);
    const QStringList withSecret{QStringLiteral("bearer"), QStringLiteral("basic"),
                                 QStringLiteral("header"), QStringLiteral("query")};
    fields.append(
        visibleWhen(field(QStringLiteral("auth.username"), tr("User &name"), Kind::Text, true),
                    QStringLiteral("auth.type"), {QStringLiteral("basic")}));
    fields.append(visibleWhen(
        field(QStringLiteral("auth.name"), tr("Header or &parameter"), Kind::Text, true,
              tr("The header or query parameter that carries the credential."),
              QStringLiteral("X-Api-Key")),
        QStringLiteral("auth.type"), {QStringLiteral("header"), QStringLiteral("query")}));
    FieldSpec credential =
        secret(QStringLiteral("auth.secret"), tr("&Credential"), true, QStringLiteral("token"),
               tr("The token, key or password, stored in the keychain."));
    credential.plainSecretName = true;
    fields.append(visibleWhen(credential, QStringLiteral("auth.type"), withSecret));
    fields.append(field(QStringLiteral("headers"), tr("&Headers"), Kind::Json, false,
                        tr("Extra request headers as a JSON object; a credential as "
                           "{\"secret\": \"NAME\"}."),
                        QStringLiteral("{\"Accept\": \"application/vnd.github+json\"}")));
    return fields;
}

// What every source type shares after its own fields.
QList<FieldSpec> commonSourceTail()
{
    return {
        integer(QStringLiteral("timeoutSeconds"), tr("&Timeout (s)"), 1, 600,
                tr("Each attempt must finish within this many seconds."), QStringLiteral("30")),
        integer(QStringLiteral("attempts"), tr("Atte&mpts"), 1, 10,
                tr("Tries in total when the failure is transient."), QStringLiteral("3")),
        enabledField(),
    };
}

} // namespace

QStringList FormSpecs::sourceTypes()
{
    return {QStringLiteral("http-json"), QStringLiteral("html")};
}

QStringList FormSpecs::destinationTypes()
{
    return {QStringLiteral("discord"), QStringLiteral("slack"),    QStringLiteral("csv"),
            QStringLiteral("webhook"), QStringLiteral("influxdb"), QStringLiteral("notion")};
}

QString FormSpecs::typeLabel(const QString &type)
{
    if (type == QLatin1String("http-json"))
        return tr("JSON API");
    if (type == QLatin1String("html"))
        return tr("Web page (HTML)");
    if (type == QLatin1String("discord"))
        return tr("Discord");
    if (type == QLatin1String("slack"))
        return tr("Slack");
    if (type == QLatin1String("csv"))
        return tr("CSV file");
    if (type == QLatin1String("webhook"))
        return tr("Webhook");
    if (type == QLatin1String("influxdb"))
        return tr("InfluxDB");
    if (type == QLatin1String("notion"))
        return tr("Notion");
    return type;
}

QList<FieldSpec> FormSpecs::source(const QString &type)
{
    QList<FieldSpec> fields{
        idField(true),
        field(QStringLiteral("label"), tr("&Label"), Kind::Text, false,
              tr("A name for people; the id is shown when empty.")),
    };
    if (type == QLatin1String("http-json")) {
        fields.append(field(QStringLiteral("url"), tr("&URL"), Kind::Url, true,
                            tr("The address that answers JSON. Credentials go under "
                               "Authentication, never in the URL."),
                            QStringLiteral("https://api.example.com/v1/stats")));
        FieldSpec method = field(QStringLiteral("method"), tr("Me&thod"), Kind::Choice);
        method.choices = {QStringLiteral("GET"), QStringLiteral("POST")};
        fields.append(method);
        fields.append(authFields());
        fields.append(visibleWhen(field(QStringLiteral("body"), tr("&Body"), Kind::Json, false,
                                        tr("The request body: JSON, or a \"string\"."),
                                        QStringLiteral("{\"query\": \"…\"}")),
                                  QStringLiteral("method"), {QStringLiteral("POST")}));
    } else if (type == QLatin1String("html")) {
        fields.append(field(QStringLiteral("url"), tr("&URL"), Kind::Url, true,
                            tr("The page to read the numbers from."),
                            QStringLiteral("https://blog.example.com/")));
        fields.append(field(QStringLiteral("nextPage.css"), tr("&Next page link"), Kind::Text,
                            false,
                            tr("A CSS selector for the link to the next page; counts and sums "
                               "add up across pages."),
                            QStringLiteral("a.next")));
        fields.append(
            visibleWhen(integer(QStringLiteral("nextPage.maxPages"), tr("Most pa&ges"), 1, 1000,
                                tr("Stop after this many pages."), QStringLiteral("10")),
                        QStringLiteral("nextPage.css"), {}));
        fields.append(field(QStringLiteral("login.url"), tr("Log&in page"), Kind::Url, false,
                            tr("For a page behind a login: the page with the login form."),
                            QStringLiteral("https://example.com/login")));
        fields.append(visibleWhen(
            field(QStringLiteral("login.fields"), tr("Login &fields"), Kind::Json, true,
                  tr("The form's fields as JSON; the password as {\"secret\": \"NAME\"}."),
                  QStringLiteral("{\"email\": \"me@example.com\", \"password\": {\"secret\": "
                                 "\"site-password\"}}")),
            QStringLiteral("login.url"), {}));
        fields.append(authFields());
    }
    fields.append(commonSourceTail());
    return fields;
}

QList<FieldSpec> FormSpecs::destination(const QString &type)
{
    QList<FieldSpec> fields{idField(false)};
    if (type == QLatin1String("discord") || type == QLatin1String("slack")) {
        const bool discord = type == QLatin1String("discord");
        fields.append(secret(QStringLiteral("webhook"), tr("&Webhook URL"), true,
                             QStringLiteral("webhook"),
                             discord ? tr("Server Settings → Integrations → Webhooks → Copy "
                                          "Webhook URL. Kept in the keychain, never in the file.")
                                     : tr("From the Slack app's Incoming Webhooks page. Kept in "
                                          "the keychain, never in the file.")));
        fields.append(scheduleField());
        fields.append(field(QStringLiteral("username"), tr("Post as &name"), Kind::Text, false,
                            tr("The name the messages are posted under."),
                            QStringLiteral("KPI Collector")));
        fields.append(integer(QStringLiteral("compareDays"), tr("&Compare with (days)"), 1, 3660,
                              tr("Each value is compared with the one this many days earlier."),
                              QStringLiteral("7")));
    } else if (type == QLatin1String("csv")) {
        fields.append(field(QStringLiteral("path"), tr("&File"), Kind::Text, true,
                            tr("The CSV file to append to; relative to the workspace file's "
                               "folder."),
                            QStringLiteral("history.csv")));
        fields.append(scheduleField());
    } else if (type == QLatin1String("webhook")) {
        fields.append(secret(QStringLiteral("url"), tr("&URL"), true, QStringLiteral("url"),
                             tr("Where the values are sent; kept in the keychain.")));
        fields.append(secret(QStringLiteral("signingSecret"), tr("Si&gning key"), false,
                             QStringLiteral("signing-key"),
                             tr("Signs each request (X-KPI-Signature, HMAC-SHA256).")));
        fields.append(scheduleField());
        fields.append(integer(QStringLiteral("maxValuesPerRequest"), tr("&Values per request"), 1,
                              10000, tr("Split larger payloads."), tr("all")));
    } else if (type == QLatin1String("influxdb")) {
        fields.append(field(QStringLiteral("url"), tr("&URL"), Kind::Url, true,
                            tr("The InfluxDB server; /api/v2/write is added."),
                            QStringLiteral("https://influx.example.com:8086")));
        fields.append(field(QStringLiteral("org"), tr("&Organization"), Kind::Text, true));
        fields.append(field(QStringLiteral("bucket"), tr("&Bucket"), Kind::Text, true));
        fields.append(secret(QStringLiteral("token"), tr("&Token"), true, QStringLiteral("token"),
                             tr("An API token with write permission on the bucket.")));
        fields.append(field(QStringLiteral("measurement"), tr("&Measurement"), Kind::Text, false,
                            {}, QStringLiteral("kpi")));
        fields.append(field(QStringLiteral("tags"), tr("T&ags"), Kind::Json, false,
                            tr("Tags added to every point, as a JSON object."),
                            QStringLiteral("{\"env\": \"prod\"}")));
        fields.append(scheduleField());
    } else if (type == QLatin1String("notion")) {
        fields.append(field(QStringLiteral("databaseId"), tr("&Database id"), Kind::Text, true,
                            tr("The 32 hexadecimal digits in the database's link.")));
        fields.append(secret(QStringLiteral("token"), tr("&Token"), true, QStringLiteral("token"),
                             tr("The integration's secret; the database must be shared with "
                                "it.")));
        fields.append(scheduleField());
        fields.append(field(QStringLiteral("titleProperty"), tr("Tit&le property"), Kind::Text));
        fields.append(field(QStringLiteral("dateProperty"), tr("D&ate property"), Kind::Text));
        fields.append(field(QStringLiteral("properties"), tr("&Properties"), Kind::Json, false,
                            tr("Metric keys to property names, as a JSON object."),
                            QStringLiteral("{\"GITHUB_STARS\": \"Stars\"}")));
        fields.append(field(QStringLiteral("createMissingProperties"),
                            tr("&Create missing properties"), Kind::Bool));
    }
    return fields;
}

// Public APIs that answer without a key, so Test works at once; the owner and name are
// examples to replace.
QList<SourcePreset> FormSpecs::sourcePresets()
{
    return {
        {tr("GitHub repository: stars, forks, open issues"), QStringLiteral("github"),
         QByteArrayLiteral(
             "{\"type\": \"http-json\", \"label\": \"GitHub repository\", "
             "\"url\": \"https://api.github.com/repos/OWNER/REPO\", "
             "\"headers\": {\"Accept\": \"application/vnd.github+json\"}, "
             "\"metrics\": [{\"key\": \"GITHUB_STARS\", \"label\": \"GitHub stars\", "
             "\"path\": \"$.stargazers_count\"}, {\"key\": \"GITHUB_FORKS\", \"label\": "
             "\"Forks\", \"path\": \"$.forks_count\"}, {\"key\": \"GITHUB_OPEN_ISSUES\", "
             "\"label\": \"Open issues\", \"path\": \"$.open_issues_count\"}]}")},
        {tr("PyPI package: downloads last week"), QStringLiteral("pypi"),
         QByteArrayLiteral(
             "{\"type\": \"http-json\", \"label\": \"PyPI downloads\", "
             "\"url\": \"https://pypistats.org/api/packages/PACKAGE/recent\", "
             "\"metrics\": [{\"key\": \"PYPI_DOWNLOADS_WEEK\", \"label\": \"PyPI downloads "
             "(week)\", \"path\": \"$.data.last_week\"}]}")},
        {tr("npm package: downloads last week"), QStringLiteral("npm"),
         QByteArrayLiteral(
             "{\"type\": \"http-json\", \"label\": \"npm downloads\", "
             "\"url\": \"https://api.npmjs.org/downloads/point/last-week/PACKAGE\", "
             "\"metrics\": [{\"key\": \"NPM_DOWNLOADS_WEEK\", \"label\": \"npm downloads "
             "(week)\", \"path\": \"$.downloads\"}]}")},
        {tr("Docker Hub image: pulls and stars"), QStringLiteral("docker-hub"),
         QByteArrayLiteral("{\"type\": \"http-json\", \"label\": \"Docker Hub\", "
                           "\"url\": \"https://hub.docker.com/v2/repositories/OWNER/IMAGE\", "
                           "\"metrics\": [{\"key\": \"DOCKER_PULLS\", \"label\": \"Docker pulls\", "
                           "\"path\": \"$.pull_count\"}, {\"key\": \"DOCKER_STARS\", \"label\": "
                           "\"Docker stars\", \"path\": \"$.star_count\"}]}")},
        {tr("Web page: count of posts (HTML)"), QStringLiteral("blog"),
         QByteArrayLiteral(
             "{\"type\": \"html\", \"label\": \"Blog\", \"url\": \"https://blog.example.com/\", "
             "\"nextPage\": {\"css\": \"a[rel=next]\"}, "
             "\"metrics\": [{\"key\": \"BLOG_POSTS\", \"label\": \"Blog posts\", "
             "\"css\": \"article\", \"extract\": \"count\"}]}")},
    };
}

QList<MetricColumn> FormSpecs::metricColumns(const QString &sourceType)
{
    QList<MetricColumn> columns{
        {QStringLiteral("key"), tr("Key"), QStringLiteral("GITHUB_STARS"), {}},
        {QStringLiteral("label"), tr("Label"), tr("GitHub stars"), {}},
        {QStringLiteral("unit"), tr("Unit"), QStringLiteral("EUR"), {}},
    };
    if (sourceType == QLatin1String("html")) {
        columns.append({QStringLiteral("css"), tr("CSS selector"), QStringLiteral("td.total"), {}});
        columns.append({QStringLiteral("extract"),
                        tr("Extract"),
                        QStringLiteral("number"),
                        {QStringLiteral("number"), QStringLiteral("count"), QStringLiteral("sum"),
                         QStringLiteral("text")}});
        columns.append(
            {QStringLiteral("regex"), tr("Regex"), QStringLiteral("([0-9,]+) posts"), {}});
    } else if (sourceType == QLatin1String("http-json")) {
        columns.append(
            {QStringLiteral("path"), tr("JSONPath"), QStringLiteral("$.stargazers_count"), {}});
    } else if (sourceType == QLatin1String("sql")) {
        columns.append({QStringLiteral("column"), tr("Column"), tr("the key"), {}});
    } else if (sourceType == QLatin1String("command")) {
        columns.append({QStringLiteral("field"), tr("Field"), tr("the key"), {}});
    } // manual: a key, a label and a unit are all there is
    return columns;
}

} // namespace kpi::ui
