// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "util/Result.h"
#include "workspace/WorkspaceLoader.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace kpi::workspace {

// The workspace file as JSON, for editing (the window's forms): every key kept as written,
// also keys this version does not know, so a save never drops what someone typed by hand.
// Validation is the loader's, on the whole document, so a form sees exactly the errors
// `config check` would print, with their JSON paths (`sources[2].metrics[0].path`).
class WorkspaceDocument
{
public:
    enum class Kind { Source, Destination };

    // {"version": 1, "sources": []}: what a new user starts from.
    WorkspaceDocument();
    explicit WorkspaceDocument(QJsonObject root) : m_root(std::move(root)) { }

    // Not JSON, or not an object: an InvalidInput error with the line and column.
    static Result<WorkspaceDocument> fromJson(const QByteArray &json);
    // A missing file is an empty document, so the first save creates it.
    static Result<WorkspaceDocument> load(const QString &path);

    const QJsonObject &root() const { return m_root; }
    void setRootValue(const QString &key, const QJsonValue &value);

    qsizetype count(Kind kind) const;
    QJsonObject entry(Kind kind, qsizetype index) const;
    QList<QJsonObject> entries(Kind kind) const;
    // Appends; the new entry's index.
    qsizetype add(Kind kind, const QJsonObject &entry);
    void replace(Kind kind, qsizetype index, const QJsonObject &entry);
    void remove(Kind kind, qsizetype index);
    void move(Kind kind, qsizetype from, qsizetype to);
    // "sources[2]": where the loader's errors about this entry begin.
    static QString entryPath(Kind kind, qsizetype index);
    // Ids in use, for making a new unique one.
    QString uniqueId(Kind kind, const QString &base) const;

    WorkspaceLoader::Outcome validate() const;

    // Two-space indents; id and type first, then the keys in the order docs/workspace.md
    // lists them, then any others alphabetically; short flat objects on one line. The same
    // document always gives the same bytes, so a diff in git shows only what changed.
    QByteArray toJson() const;
    // Atomically (QSaveFile): a reader sees the old file or the new one, never half.
    Result<void> save(const QString &path) const;

private:
    QString arrayKey(Kind kind) const;

    QJsonObject m_root;
};

} // namespace kpi::workspace
