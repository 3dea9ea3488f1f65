// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "util/Error.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

namespace kpi::workspace {

// Reads one object of the workspace file: typed getters that record an Error naming the
// exact JSON path (`sources[2].timeoutSeconds`) instead of failing, so one pass reports
// every problem; and finish(), which reports every key nobody asked for, with a
// suggestion for typos.
class JsonObjectReader
{
public:
    enum class Need { Optional, Required };
    // Hidden: the object may hold credentials (auth, headers), so its messages describe a
    // wrong value by its type only, never by its text.
    enum class Echo { Values, Hidden };

    JsonObjectReader(QJsonObject object, QString location, QList<Error> *errors,
                     Echo echo = Echo::Values);

    const QString &location() const { return m_location; }
    QString locationOf(const QString &key) const;
    bool contains(const QString &key);
    QJsonValue value(const QString &key);

    std::optional<QString> string(const QString &key, Need need = Need::Optional);
    std::optional<double> number(const QString &key, Need need = Need::Optional);
    std::optional<qint64> integer(const QString &key, qint64 min, qint64 max,
                                  Need need = Need::Optional);
    std::optional<bool> boolean(const QString &key, Need need = Need::Optional);
    std::optional<QJsonObject> object(const QString &key, Need need = Need::Optional);
    std::optional<QJsonArray> array(const QString &key, Need need = Need::Optional);

    void error(const QString &key, const QString &message);
    // Reports the keys no getter asked for. Call once, after reading everything.
    void finish();

    // "a string "abc"", "a number (42)", "an object", … for "expected X, got Y".
    static QString describe(const QJsonValue &value);
    // describe(), or just the type where the value may be a credential: in a Hidden
    // reader, or under a key such as "auth" or "headers".
    QString describeValue(const QString &key, const QJsonValue &value) const;
    bool echoes(const QString &key) const;
    static QString indexed(const QString &location, qsizetype index);

private:
    std::optional<QJsonValue> fetch(const QString &key, Need need, const QString &expected);

    QJsonObject m_object;
    QString m_location;
    QList<Error> *m_errors;
    Echo m_echo;
    QSet<QString> m_known;
};

} // namespace kpi::workspace
