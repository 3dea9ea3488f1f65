// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "workspace/WorkspaceDocument.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>

#include <algorithm>

namespace kpi::workspace {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::workspace::WorkspaceDocument", text);
}

const QStringList &topLevelOrder()
{
    static const QStringList order{QStringLiteral("version"),   QStringLiteral("timezone"),
                                   QStringLiteral("schedule"),  QStringLiteral("catchUp"),
                                   QStringLiteral("northStar"), QStringLiteral("network"),
                                   QStringLiteral("sources"),   QStringLiteral("destinations")};
    return order;
}

// Every nested object's keys in one ranking: the order docs/workspace.md lists them in,
// with what identifies an entry (id, type, key) first.
const QStringList &entryOrder()
{
    static const QStringList order{
        QStringLiteral("id"),
        QStringLiteral("type"),
        QStringLiteral("key"),
        QStringLiteral("label"),
        QStringLiteral("unit"),
        QStringLiteral("enabled"),
        QStringLiteral("schedule"),
        QStringLiteral("url"),
        QStringLiteral("webhook"),
        QStringLiteral("databaseId"),
        QStringLiteral("token"),
        QStringLiteral("method"),
        QStringLiteral("headers"),
        QStringLiteral("body"),
        QStringLiteral("auth"),
        QStringLiteral("username"),
        QStringLiteral("name"),
        QStringLiteral("secret"),
        QStringLiteral("login"),
        QStringLiteral("form"),
        QStringLiteral("fields"),
        QStringLiteral("keepSession"),
        QStringLiteral("nextPage"),
        QStringLiteral("css"),
        QStringLiteral("xpath"),
        QStringLiteral("path"),
        QStringLiteral("extract"),
        QStringLiteral("regex"),
        QStringLiteral("decimalSeparator"),
        QStringLiteral("scale"),
        QStringLiteral("maxPages"),
        QStringLiteral("timeoutSeconds"),
        QStringLiteral("maxResponseBytes"),
        QStringLiteral("attempts"),
        QStringLiteral("metrics"),
        QStringLiteral("compareDays"),
        QStringLiteral("baseUrl"),
        QStringLiteral("titleProperty"),
        QStringLiteral("dateProperty"),
        QStringLiteral("properties"),
        QStringLiteral("createMissingProperties"),
        QStringLiteral("signingSecret"),
        QStringLiteral("maxValuesPerRequest"),
        QStringLiteral("org"),
        QStringLiteral("bucket"),
        QStringLiteral("measurement"),
        QStringLiteral("tags"),
    };
    return order;
}

QStringList orderedKeys(const QJsonObject &object, const QStringList &order)
{
    QStringList keys = object.keys(); // sorted: the order of keys nobody ranked
    std::stable_sort(keys.begin(), keys.end(), [&order](const QString &a, const QString &b) {
        const qsizetype ra = order.indexOf(a);
        const qsizetype rb = order.indexOf(b);
        return (ra < 0 ? order.size() : ra) < (rb < 0 ? order.size() : rb);
    });
    return keys;
}

// A scalar as JSON, through Qt's own writer (escapes, integers without ".0").
QByteArray scalar(const QJsonValue &value)
{
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

bool isFlat(const QJsonValue &value)
{
    const auto flat = [](const QJsonValue &v) {
        return !v.isObject() && !v.isArray();
    };
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        return std::all_of(object.begin(), object.end(), flat);
    }
    const QJsonArray array = value.toArray();
    return std::all_of(array.begin(), array.end(), flat);
}

void write(QByteArray &out, const QJsonValue &value, int depth, const QStringList &order);

QByteArray inlined(const QJsonValue &value)
{
    QByteArray out;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        out += '{';
        bool first = true;
        for (const QString &key : orderedKeys(object, entryOrder())) {
            if (!first)
                out += ", ";
            first = false;
            out += scalar(key) + ": " + scalar(object.value(key));
        }
        out += '}';
    } else {
        const QJsonArray array = value.toArray();
        out += '[';
        for (qsizetype i = 0; i < array.size(); ++i)
            out += (i ? ", " : "") + scalar(array.at(i));
        out += ']';
    }
    return out;
}

void write(QByteArray &out, const QJsonValue &value, int depth, const QStringList &order)
{
    constexpr qsizetype MaxInlineWidth = 96;
    if (!value.isObject() && !value.isArray()) {
        out += scalar(value);
        return;
    }
    if (depth > 0 && isFlat(value)) {
        const QByteArray line = inlined(value);
        if (line.size() <= MaxInlineWidth) {
            out += line;
            return;
        }
    }
    const QByteArray indent((depth + 1) * 2, ' ');
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        const QStringList keys = orderedKeys(object, order);
        for (qsizetype i = 0; i < keys.size(); ++i) {
            out += indent + scalar(keys.at(i)) + ": ";
            write(out, object.value(keys.at(i)), depth + 1, entryOrder());
            out += i + 1 < keys.size() ? ",\n" : "\n";
        }
        out += QByteArray(depth * 2, ' ') + '}';
    } else {
        const QJsonArray array = value.toArray();
        if (array.isEmpty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        for (qsizetype i = 0; i < array.size(); ++i) {
            out += indent;
            write(out, array.at(i), depth + 1, entryOrder());
            out += i + 1 < array.size() ? ",\n" : "\n";
        }
        out += QByteArray(depth * 2, ' ') + ']';
    }
}

} // namespace

WorkspaceDocument::WorkspaceDocument()
    : m_root{{QStringLiteral("version"), 1}, {QStringLiteral("sources"), QJsonArray()}}
{ }

Result<WorkspaceDocument> WorkspaceDocument::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // The loader words it best, with the line and column.
        const auto parsed = WorkspaceLoader::parse(json);
        return Result<WorkspaceDocument>::error(
            parsed.errors.isEmpty() ? Error{Error::Code::InvalidInput,
                                            tr("not valid JSON: %1").arg(parseError.errorString()),
                                            {}}
                                    : parsed.errors.constFirst());
    }
    if (!document.isObject())
        return Result<WorkspaceDocument>::error(Error::Code::InvalidInput,
                                                tr("expected a JSON object at the top level"));
    return Result<WorkspaceDocument>::ok(WorkspaceDocument(document.object()));
}

Result<WorkspaceDocument> WorkspaceDocument::load(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return Result<WorkspaceDocument>::ok(WorkspaceDocument());
    if (!file.open(QIODevice::ReadOnly))
        return Result<WorkspaceDocument>::error(
            Error::Code::NotFound, tr("cannot read the workspace file: %1").arg(file.errorString()),
            path);
    auto document = fromJson(file.readAll());
    if (!document) {
        Error error = document.error();
        error.where = error.where.isEmpty() ? path : path + QStringLiteral(": ") + error.where;
        return Result<WorkspaceDocument>::error(error);
    }
    return document;
}

void WorkspaceDocument::setRootValue(const QString &key, const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        m_root.remove(key);
    else
        m_root.insert(key, value);
}

QString WorkspaceDocument::arrayKey(Kind kind) const
{
    return kind == Kind::Source ? QStringLiteral("sources") : QStringLiteral("destinations");
}

QString WorkspaceDocument::entryPath(Kind kind, qsizetype index)
{
    return (kind == Kind::Source ? QStringLiteral("sources") : QStringLiteral("destinations")) +
           QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

qsizetype WorkspaceDocument::count(Kind kind) const
{
    return m_root.value(arrayKey(kind)).toArray().size();
}

QJsonObject WorkspaceDocument::entry(Kind kind, qsizetype index) const
{
    return m_root.value(arrayKey(kind)).toArray().at(index).toObject();
}

QList<QJsonObject> WorkspaceDocument::entries(Kind kind) const
{
    QList<QJsonObject> list;
    const QJsonArray array = m_root.value(arrayKey(kind)).toArray();
    for (const auto &value : array)
        list.append(value.toObject());
    return list;
}

qsizetype WorkspaceDocument::add(Kind kind, const QJsonObject &entry)
{
    QJsonArray array = m_root.value(arrayKey(kind)).toArray();
    array.append(entry);
    m_root.insert(arrayKey(kind), array);
    return array.size() - 1;
}

void WorkspaceDocument::replace(Kind kind, qsizetype index, const QJsonObject &entry)
{
    QJsonArray array = m_root.value(arrayKey(kind)).toArray();
    if (index < 0 || index >= array.size())
        return;
    array.replace(index, entry);
    m_root.insert(arrayKey(kind), array);
}

void WorkspaceDocument::remove(Kind kind, qsizetype index)
{
    QJsonArray array = m_root.value(arrayKey(kind)).toArray();
    if (index < 0 || index >= array.size())
        return;
    array.removeAt(index);
    // No destinations left: the key goes too, as a hand-written file would have it.
    if (array.isEmpty() && kind == Kind::Destination)
        m_root.remove(arrayKey(kind));
    else
        m_root.insert(arrayKey(kind), array);
}

void WorkspaceDocument::move(Kind kind, qsizetype from, qsizetype to)
{
    QJsonArray array = m_root.value(arrayKey(kind)).toArray();
    if (from < 0 || from >= array.size() || to < 0 || to >= array.size() || from == to)
        return;
    const QJsonValue moved = array.takeAt(from);
    array.insert(to, moved);
    m_root.insert(arrayKey(kind), array);
}

QString WorkspaceDocument::uniqueId(Kind kind, const QString &base) const
{
    QSet<QString> used;
    for (const auto &entry : entries(kind))
        used.insert(entry.value(QStringLiteral("id")).toString());
    if (!used.contains(base))
        return base;
    for (int n = 2;; ++n) {
        const QString candidate = base + QLatin1Char('-') + QString::number(n);
        if (!used.contains(candidate))
            return candidate;
    }
}

WorkspaceLoader::Outcome WorkspaceDocument::validate() const
{
    return WorkspaceLoader::parse(QJsonDocument(m_root).toJson(QJsonDocument::Compact));
}

QByteArray WorkspaceDocument::toJson() const
{
    QByteArray out;
    write(out, m_root, 0, topLevelOrder());
    out += '\n';
    return out;
}

Result<void> WorkspaceDocument::save(const QString &path) const
{
    // The config folder does not exist before the first workspace.
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Result<void>::error(
            Error::Code::Storage, tr("cannot write the workspace file: %1").arg(file.errorString()),
            path);
    const QByteArray json = toJson();
    if (file.write(json) != json.size() || !file.commit())
        return Result<void>::error(
            Error::Code::Storage, tr("cannot write the workspace file: %1").arg(file.errorString()),
            path);
    return Result<void>::ok();
}

} // namespace kpi::workspace
