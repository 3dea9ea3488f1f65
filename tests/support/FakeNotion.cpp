// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeNotion.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace kpi::test {

namespace {

QByteArray codeFor(int status)
{
    switch (status) {
    case 400:
        return "validation_error";
    case 401:
        return "unauthorized";
    case 403:
        return "restricted_resource";
    case 404:
        return "object_not_found";
    case 409:
        return "conflict_error";
    case 429:
        return "rate_limited";
    case 500:
        return "internal_server_error";
    case 502:
        return "bad_gateway";
    case 503:
        return "service_unavailable";
    case 504:
        return "gateway_timeout";
    default:
        return "internal_server_error";
    }
}

QString messageFor(int status)
{
    switch (status) {
    case 401:
        return QStringLiteral("API token is invalid.");
    case 403:
        return QStringLiteral("API token does not have access to this resource.");
    case 404:
        return QStringLiteral("Could not find database. Make sure the relevant pages and "
                              "databases are shared with your integration.");
    case 409:
        return QStringLiteral("Conflict occurred while saving. Please try again.");
    case 429:
        return QStringLiteral("You have been rate limited. Please try again in a few minutes.");
    case 503:
        return QStringLiteral("Notion is unavailable. This can occur when the time to respond "
                              "to a request takes longer than 60 seconds.");
    default:
        return QStringLiteral("Unexpected error occurred.");
    }
}

bool isIsoDate(const QString &text)
{
    // "2026-11-28" or a date and time with an offset.
    if (QDate::fromString(text.left(10), Qt::ISODate).isValid() && text.size() == 10)
        return true;
    return QDateTime::fromString(text, Qt::ISODateWithMs).isValid();
}

const QStringList PropertyTypes{
    QStringLiteral("title"), QStringLiteral("rich_text"), QStringLiteral("number"),
    QStringLiteral("date"),  QStringLiteral("select"),    QStringLiteral("checkbox"),
    QStringLiteral("url"),   QStringLiteral("formula"),   QStringLiteral("multi_select")};

} // namespace

FakeNotion::FakeNotion(QByteArray token, QString databaseId, QString dataSourceId)
    : m_token(std::move(token)),
      m_databaseId(std::move(databaseId)),
      m_dataSourceId(std::move(dataSourceId))
{
    m_server.route("*", [this](const RecordedRequest &request) { return answer(request); });
}

void FakeNotion::failNext(int count, int status)
{
    for (int i = 0; i < count; ++i)
        m_failures.append(status);
}

void FakeNotion::addProperty(const QString &name, const QString &type)
{
    properties.insert(name,
                      QJsonObject{{QStringLiteral("id"), QStringLiteral("p%1").arg(m_nextId++)},
                                  {QStringLiteral("name"), name},
                                  {QStringLiteral("type"), type},
                                  {type, QJsonObject{}}});
}

void FakeNotion::seedPage(const QString &day, const QHash<QString, double> &numbers)
{
    Page page;
    page.id = QStringLiteral("seeded-%1").arg(m_nextId++);
    for (auto it = properties.constBegin(); it != properties.constEnd(); ++it) {
        const QString type = it.value().toObject().value(QLatin1String("type")).toString();
        QJsonValue value;
        if (type == QLatin1String("title"))
            value = QJsonArray{
                QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                            {QStringLiteral("text"), QJsonObject{{QStringLiteral("content"), day}}},
                            {QStringLiteral("plain_text"), day}}};
        else if (type == QLatin1String("date"))
            value = QJsonObject{{QStringLiteral("start"), day},
                                {QStringLiteral("end"), QJsonValue::Null},
                                {QStringLiteral("time_zone"), QJsonValue::Null}};
        else if (type == QLatin1String("number"))
            value = numbers.contains(it.key()) ? QJsonValue(numbers.value(it.key()))
                                               : QJsonValue(QJsonValue::Null);
        else
            continue;
        page.properties.insert(
            it.key(),
            QJsonObject{{QStringLiteral("id"), it.value().toObject().value(QLatin1String("id"))},
                        {QStringLiteral("type"), type},
                        {type, value}});
    }
    pages.append(page);
}

QList<FakeNotion::Page> FakeNotion::pagesOn(const QString &day) const
{
    QList<Page> found;
    for (const Page &page : pages) {
        for (const QJsonValue &value : page.properties) {
            const QJsonObject property = value.toObject();
            if (property.value(QLatin1String("type")).toString() == QLatin1String("date") &&
                property.value(QLatin1String("date"))
                        .toObject()
                        .value(QLatin1String("start"))
                        .toString()
                        .left(10) == day &&
                !page.inTrash) {
                found.append(page);
                break;
            }
        }
    }
    return found;
}

double FakeNotion::number(const Page &page, const QString &property)
{
    return page.properties.value(property).toObject().value(QLatin1String("number")).toDouble(NAN);
}

FakeResponse FakeNotion::error(int status, const QByteArray &code, const QString &message)
{
    if (status >= 400 && status < 500)
        rejections.append(QString::fromLatin1(code) + QStringLiteral(": ") + message);
    const QJsonObject body{{QStringLiteral("object"), QStringLiteral("error")},
                           {QStringLiteral("status"), status},
                           {QStringLiteral("code"), QString::fromLatin1(code)},
                           {QStringLiteral("message"), message},
                           {QStringLiteral("request_id"), QStringLiteral("fake-request")}};
    FakeResponse response =
        FakeResponse::json(QJsonDocument(body).toJson(QJsonDocument::Compact), status);
    if (status == 429)
        response.headers.append({"Retry-After", QByteArray::number(retryAfterSeconds)});
    return response;
}

FakeResponse FakeNotion::answer(const RecordedRequest &request)
{
    const QByteArray authorization = request.header("Authorization");
    if (!authorization.startsWith("Bearer ") || authorization.mid(7) != m_token)
        return error(401, "unauthorized", QStringLiteral("API token is invalid."));
    if (!request.hasHeader("Notion-Version"))
        return error(400, "missing_version",
                     QStringLiteral("Notion-Version header failed validation: Notion-Version "
                                    "header should be defined, instead was `undefined`."));
    if (request.header("Notion-Version") != ExpectedVersion)
        return error(400, "validation_error",
                     QStringLiteral("Notion-Version header failed validation: unsupported "
                                    "version `%1`.")
                         .arg(QString::fromUtf8(request.header("Notion-Version"))));

    // At most rateLimitPerSecond requests in any second: stricter than Notion's average of
    // three a second with bursts, so a client that keeps to it keeps to the real one.
    QList<qint64> &recent = m_recent[authorization];
    while (!recent.isEmpty() && recent.first() <= request.receivedAtMs - 1000)
        recent.removeFirst();
    if (recent.size() >= rateLimitPerSecond) {
        ++rateLimitedCount;
        return error(429, "rate_limited", messageFor(429));
    }
    recent.append(request.receivedAtMs);

    if (!m_failures.isEmpty()) {
        const int status = m_failures.takeFirst();
        return error(status, codeFor(status), messageFor(status));
    }

    QJsonObject body;
    if (request.method == "POST" || request.method == "PATCH") {
        if (!request.header("Content-Type").startsWith("application/json"))
            return error(400, "invalid_request",
                         QStringLiteral("Content-Type must be application/json."));
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
        if (!request.body.isEmpty() &&
            (parseError.error != QJsonParseError::NoError || !document.isObject()))
            return error(400, "invalid_json", QStringLiteral("Error parsing JSON body."));
        body = document.object();
    }
    return route(request, body);
}

FakeResponse FakeNotion::route(const RecordedRequest &request, const QJsonObject &body)
{
    const QString path = QString::fromUtf8(request.path());
    const QString database = QStringLiteral("/v1/databases/") + m_databaseId;
    const QString dataSource = QStringLiteral("/v1/data_sources/") + m_dataSourceId;
    const auto notFound = [this](const QString &what, const QString &id) {
        return error(404, "object_not_found",
                     QStringLiteral("Could not find %1 with ID: %2. Make sure the relevant "
                                    "pages and databases are shared with your integration.")
                         .arg(what, id));
    };
    if (path == database && request.method == "GET") {
        const QJsonObject answer{
            {QStringLiteral("object"), QStringLiteral("database")},
            {QStringLiteral("id"), m_databaseId},
            {QStringLiteral("title"), QJsonArray{}},
            {QStringLiteral("in_trash"), false},
            {QStringLiteral("data_sources"),
             QJsonArray{QJsonObject{{QStringLiteral("id"), m_dataSourceId},
                                    {QStringLiteral("name"), QStringLiteral("KPIs")}}}}};
        return FakeResponse::json(QJsonDocument(answer).toJson(QJsonDocument::Compact));
    }
    if (path.startsWith(QLatin1String("/v1/databases/")))
        return notFound(QStringLiteral("database"), path.mid(14));
    if (path == dataSource && request.method == "GET")
        return FakeResponse::json(QJsonDocument(dataSourceObject()).toJson(QJsonDocument::Compact));
    if (path == dataSource && request.method == "PATCH")
        return updateSchema(body);
    if (path == dataSource + QStringLiteral("/query") && request.method == "POST")
        return query(body);
    if (path.startsWith(QLatin1String("/v1/data_sources/")))
        return notFound(QStringLiteral("data source"),
                        path.mid(17).section(QLatin1Char('/'), 0, 0));
    if (path == QLatin1String("/v1/pages") && request.method == "POST")
        return writePage(request, body, nullptr);
    if (path.startsWith(QLatin1String("/v1/pages/")) && request.method == "PATCH") {
        const QString id = path.mid(10);
        for (Page &page : pages) {
            if (page.id == id)
                return writePage(request, body, &page);
        }
        return notFound(QStringLiteral("page"), id);
    }
    return error(400, "invalid_request_url", QStringLiteral("Invalid request URL."));
}

QJsonObject FakeNotion::dataSourceObject() const
{
    return {{QStringLiteral("object"), QStringLiteral("data_source")},
            {QStringLiteral("id"), m_dataSourceId},
            {QStringLiteral("properties"), properties},
            {QStringLiteral("parent"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("database_id")},
                         {QStringLiteral("database_id"), m_databaseId}}}};
}

QJsonObject FakeNotion::pageObject(const Page &page) const
{
    return {{QStringLiteral("object"), QStringLiteral("page")},
            {QStringLiteral("id"), page.id},
            {QStringLiteral("in_trash"), page.inTrash},
            {QStringLiteral("parent"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("data_source_id")},
                         {QStringLiteral("data_source_id"), m_dataSourceId},
                         {QStringLiteral("database_id"), m_databaseId}}},
            {QStringLiteral("properties"), page.properties}};
}

FakeResponse FakeNotion::updateSchema(const QJsonObject &body)
{
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        if (it.key() != QLatin1String("properties") && it.key() != QLatin1String("title"))
            return error(400, "validation_error",
                         QStringLiteral("body.%1 should be not present.").arg(it.key()));
    }
    const QJsonObject changes = body.value(QLatin1String("properties")).toObject();
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
        const QJsonObject change = it.value().toObject();
        QStringList types;
        for (const QString &key : change.keys()) {
            if (PropertyTypes.contains(key))
                types.append(key);
            else if (key != QLatin1String("name"))
                return error(400, "validation_error",
                             QStringLiteral("body.properties.%1.%2 should be not present.")
                                 .arg(it.key(), key));
        }
        if (types.size() != 1 || !change.value(types.first()).isObject())
            return error(400, "validation_error",
                         QStringLiteral("body.properties.%1 should be a property schema object.")
                             .arg(it.key()));
        if (types.first() == QLatin1String("title") && !properties.contains(it.key()))
            return error(400, "validation_error",
                         QStringLiteral("Cannot create a second title property."));
        if (properties.contains(it.key()) &&
            properties.value(it.key()).toObject().value(QLatin1String("type")).toString() !=
                types.first())
            return error(
                400, "validation_error",
                QStringLiteral("Cannot change the type of %1 in this fake.").arg(it.key()));
        if (!properties.contains(it.key()))
            addProperty(it.key(), types.first());
    }
    return FakeResponse::json(QJsonDocument(dataSourceObject()).toJson(QJsonDocument::Compact));
}

FakeResponse FakeNotion::query(const QJsonObject &body)
{
    static const QStringList known{QStringLiteral("filter"),
                                   QStringLiteral("sorts"),
                                   QStringLiteral("start_cursor"),
                                   QStringLiteral("page_size"),
                                   QStringLiteral("filter_properties"),
                                   QStringLiteral("in_trash"),
                                   QStringLiteral("result_type")};
    for (const QString &key : body.keys()) {
        if (!known.contains(key))
            return error(400, "validation_error",
                         QStringLiteral("body.%1 should be not present.").arg(key));
    }
    int pageSize = 100;
    if (body.contains(QLatin1String("page_size"))) {
        const QJsonValue size = body.value(QLatin1String("page_size"));
        if (!size.isDouble() || size.toDouble() != std::floor(size.toDouble()))
            return error(400, "validation_error",
                         QStringLiteral("body.page_size should be a number."));
        pageSize = size.toInt();
        if (pageSize < 1 || pageSize > 100)
            return error(400, "validation_error",
                         QStringLiteral("body.page_size should be ≤ `100`, instead was `%1`.")
                             .arg(pageSize));
    }
    QString day;
    if (body.contains(QLatin1String("filter"))) {
        const QJsonObject filter = body.value(QLatin1String("filter")).toObject();
        const QString name = filter.value(QLatin1String("property")).toString();
        if (!properties.contains(name))
            return error(400, "validation_error",
                         QStringLiteral("Could not find property with name or id: %1").arg(name));
        const QString type =
            properties.value(name).toObject().value(QLatin1String("type")).toString();
        if (type != QLatin1String("date") || !filter.value(QLatin1String("date")).isObject())
            return error(400, "validation_error",
                         QStringLiteral("body.filter: this fake supports a date filter on a "
                                        "date property only"));
        day = filter.value(QLatin1String("date"))
                  .toObject()
                  .value(QLatin1String("equals"))
                  .toString();
        if (!isIsoDate(day))
            return error(400, "validation_error",
                         QStringLiteral("body.filter.date.equals should be a valid ISO 8601 "
                                        "date string, instead was `%1`.")
                             .arg(day));
    }
    QList<Page> matching;
    for (const Page &page : std::as_const(pages)) {
        if (page.inTrash)
            continue;
        if (!day.isEmpty()) {
            bool found = false;
            for (const Page &onDay : pagesOn(day.left(10)))
                found = found || onDay.id == page.id;
            if (!found)
                continue;
        }
        matching.append(page);
    }
    qsizetype start = 0;
    if (body.contains(QLatin1String("start_cursor"))) {
        const QString cursor = body.value(QLatin1String("start_cursor")).toString();
        start = -1;
        for (qsizetype i = 0; i < matching.size(); ++i) {
            if (matching.at(i).id == cursor)
                start = i;
        }
        if (start < 0)
            return error(
                400, "validation_error",
                QStringLiteral("body.start_cursor should be a valid cursor, instead was `%1`.")
                    .arg(cursor));
    }
    QJsonArray results;
    for (qsizetype i = start; i < matching.size() && i < start + pageSize; ++i)
        results.append(pageObject(matching.at(i)));
    const bool more = start + pageSize < matching.size();
    const QJsonObject answer{
        {QStringLiteral("object"), QStringLiteral("list")},
        {QStringLiteral("results"), results},
        {QStringLiteral("has_more"), more},
        {QStringLiteral("next_cursor"),
         more ? QJsonValue(matching.at(start + pageSize).id) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("type"), QStringLiteral("page_or_data_source")},
        {QStringLiteral("page_or_data_source"), QJsonObject{}}};
    return FakeResponse::json(QJsonDocument(answer).toJson(QJsonDocument::Compact));
}

QString FakeNotion::checkValue(const QString &name, const QJsonValue &value,
                               QJsonObject *normalized) const
{
    if (!properties.contains(name))
        return QStringLiteral("%1 is not a property that exists.").arg(name);
    const QJsonObject schema = properties.value(name).toObject();
    const QString type = schema.value(QLatin1String("type")).toString();
    const QJsonObject given = value.toObject();
    if (!value.isObject() || !given.contains(type))
        return QStringLiteral("%1 is expected to be %2.").arg(name, type);
    for (const QString &key : given.keys()) {
        if (key != type && key != QLatin1String("type") && key != QLatin1String("id"))
            return QStringLiteral("body.properties.%1.%2 should be not present.").arg(name, key);
    }
    const QJsonValue inner = given.value(type);
    QJsonValue stored = inner;
    if (type == QLatin1String("number")) {
        if (!inner.isDouble() && !inner.isNull())
            return QStringLiteral("body.properties.%1.number should be a number or `null`.")
                .arg(name);
    } else if (type == QLatin1String("date")) {
        const QString start = inner.toObject().value(QLatin1String("start")).toString();
        if (!inner.isObject() || !isIsoDate(start))
            return QStringLiteral("body.properties.%1.date.start should be a valid ISO 8601 "
                                  "date string.")
                .arg(name);
        QJsonObject date = inner.toObject();
        date.insert(QStringLiteral("end"), QJsonValue::Null);
        date.insert(QStringLiteral("time_zone"), QJsonValue::Null);
        stored = date;
    } else if (type == QLatin1String("title") || type == QLatin1String("rich_text")) {
        if (!inner.isArray())
            return QStringLiteral("body.properties.%1.%2 should be an array.").arg(name, type);
        QJsonArray texts;
        for (const QJsonValue &part : inner.toArray()) {
            const QJsonValue content = part.toObject()
                                           .value(QLatin1String("text"))
                                           .toObject()
                                           .value(QLatin1String("content"));
            if (!content.isString())
                return QStringLiteral("body.properties.%1.%2[0].text.content should be a string.")
                    .arg(name, type);
            if (content.toString().size() > 2000)
                return QStringLiteral("body.properties.%1.%2[0].text.content.length should be "
                                      "≤ `2000`.")
                    .arg(name, type);
            QJsonObject text = part.toObject();
            text.insert(QStringLiteral("plain_text"), content);
            texts.append(text);
        }
        stored = texts;
    }
    *normalized = QJsonObject{{QStringLiteral("id"), schema.value(QLatin1String("id"))},
                              {QStringLiteral("type"), type},
                              {type, stored}};
    return {};
}

FakeResponse FakeNotion::writePage(const RecordedRequest &, const QJsonObject &body, Page *page)
{
    for (const QString &key : body.keys()) {
        const bool allowed =
            key == QLatin1String("properties") ||
            (!page && (key == QLatin1String("parent") || key == QLatin1String("children") ||
                       key == QLatin1String("icon") || key == QLatin1String("cover")));
        if (!allowed)
            return error(400, "validation_error",
                         QStringLiteral("body.%1 should be not present.").arg(key));
    }
    if (!page) {
        const QJsonObject parent = body.value(QLatin1String("parent")).toObject();
        if (parent.value(QLatin1String("type")).toString() != QLatin1String("data_source_id"))
            return error(400, "validation_error",
                         QStringLiteral("body.parent.type should be `data_source_id` for a page "
                                        "in a database (API version %1).")
                             .arg(QLatin1String(ExpectedVersion)));
        if (parent.value(QLatin1String("data_source_id")).toString() != m_dataSourceId)
            return error(404, "object_not_found",
                         QStringLiteral("Could not find data_source with ID: %1.")
                             .arg(parent.value(QLatin1String("data_source_id")).toString()));
    }
    const QJsonObject given = body.value(QLatin1String("properties")).toObject();
    QJsonObject checked;
    for (auto it = given.constBegin(); it != given.constEnd(); ++it) {
        QJsonObject normalized;
        if (const QString problem = checkValue(it.key(), it.value(), &normalized);
            !problem.isEmpty())
            return error(400, "validation_error", problem);
        checked.insert(it.key(), normalized);
    }
    if (!page) {
        pages.append(Page{QStringLiteral("page-%1").arg(m_nextId++), {}, false});
        page = &pages.last();
        // Every property of the schema is on a page, empty where not given.
        for (auto it = properties.constBegin(); it != properties.constEnd(); ++it) {
            const QString type = it.value().toObject().value(QLatin1String("type")).toString();
            page->properties.insert(
                it.key(), QJsonObject{{QStringLiteral("type"), type}, {type, QJsonValue::Null}});
        }
    }
    for (auto it = checked.constBegin(); it != checked.constEnd(); ++it)
        page->properties.insert(it.key(), it.value());
    return FakeResponse::json(QJsonDocument(pageObject(*page)).toJson(QJsonDocument::Compact));
}

} // namespace kpi::test
