// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeInfluxDb.h"

#include <QRegularExpression>
#include <QUrlQuery>

namespace kpi::test {

namespace {

FakeResponse error(int status, const QByteArray &code, const QString &message)
{
    QByteArray escaped = message.toUtf8();
    escaped.replace('\\', "\\\\").replace('"', "\\\"");
    return FakeResponse::json("{\"code\":\"" + code + "\",\"message\":\"" + escaped + "\"}",
                              status);
}

} // namespace

FakeInfluxDb::FakeInfluxDb(QByteArray token, QString org, QString bucket)
    : m_token(std::move(token)), m_org(std::move(org)), m_bucket(std::move(bucket))
{
    m_server.route("/api/v2/write",
                   [this](const RecordedRequest &request) { return answer(request); });
}

QString FakeInfluxDb::checkLine(const QByteArray &line)
{
    // measurement(,tag=value)* field=value(,field=value)* timestamp, where an unescaped
    // comma, space or (in keys and tag values) equals sign ends an element.
    static const QString name = QStringLiteral(R"((?:[^,= \\]|\\[,= \\])+)");
    static const QString measurement =
        QStringLiteral(R"((?:[^, \\#]|\\[, \\])(?:[^, \\]|\\[, \\])*)");
    static const QString fieldValue = QStringLiteral(
        R"((?:-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?i?|"(?:[^"\\]|\\["\\])*"|t|f|true|false))");
    static const QRegularExpression grammar(
        QStringLiteral("^%1(?:,%2=%2)* %2=%3(?:,%2=%3)* (-?[0-9]+)$")
            .arg(measurement, name, fieldValue));
    const QString text = QString::fromUtf8(line);
    const auto match = grammar.match(text);
    if (!match.hasMatch())
        return QStringLiteral("unable to parse '%1': invalid line protocol").arg(text);
    // precision=s: a time in seconds, not milliseconds by mistake
    const qint64 seconds = match.captured(1).toLongLong();
    if (seconds < 946684800 || seconds > 4102444800)
        return QStringLiteral("unable to parse '%1': timestamp out of range for precision s")
            .arg(text);
    return {};
}

FakeResponse FakeInfluxDb::answer(const RecordedRequest &request)
{
    if (request.method != "POST")
        return error(405, "method not allowed", QStringLiteral("method not allowed"));
    if (request.header("Authorization") != "Token " + m_token)
        return error(401, "unauthorized", QStringLiteral("unauthorized access"));
    const QUrlQuery query(QString::fromUtf8(request.target.mid(request.target.indexOf('?') + 1)));
    if (query.queryItemValue(QStringLiteral("org")) != m_org)
        return error(404, "not found",
                     QStringLiteral("organization name \"%1\" not found")
                         .arg(query.queryItemValue(QStringLiteral("org"))));
    if (query.queryItemValue(QStringLiteral("bucket")) != m_bucket)
        return error(404, "not found",
                     QStringLiteral("bucket \"%1\" not found")
                         .arg(query.queryItemValue(QStringLiteral("bucket"))));
    const QString precision = query.queryItemValue(QStringLiteral("precision"));
    if (precision != QLatin1String("s"))
        return error(400, "invalid", QStringLiteral("invalid precision; expected s"));
    QList<QByteArray> written;
    for (const QByteArray &line : request.body.split('\n')) {
        if (line.isEmpty())
            continue;
        if (const QString problem = checkLine(line); !problem.isEmpty())
            return error(400, "invalid", problem);
        written.append(line);
    }
    if (written.isEmpty())
        return error(400, "invalid", QStringLiteral("writing requires points"));
    if (!script.isEmpty())
        return script.takeFirst();
    lines += written;
    FakeResponse ok;
    ok.status = 204;
    return ok;
}

} // namespace kpi::test
