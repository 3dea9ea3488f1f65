// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "workspace/JsonObjectReader.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace kpi::workspace {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::workspace::JsonObjectReader", text);
}

// Edit distance, for "did you mean": keys are short, so the quadratic table is nothing.
int editDistance(const QString &a, const QString &b)
{
    QList<int> previous(b.size() + 1), current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution =
                previous[j - 1] + (a[i - 1].toLower() == b[j - 1].toLower() ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

QString shortened(const QString &text)
{
    constexpr qsizetype MaxShown = 40;
    return text.size() <= MaxShown ? text : text.left(MaxShown) + QChar(0x2026);
}

} // namespace

JsonObjectReader::JsonObjectReader(QJsonObject object, QString location, QList<Error> *errors,
                                   Echo echo)
    : m_object(std::move(object)), m_location(std::move(location)), m_errors(errors), m_echo(echo)
{ }

QString JsonObjectReader::locationOf(const QString &key) const
{
    return m_location.isEmpty() ? key : m_location + QLatin1Char('.') + key;
}

QString JsonObjectReader::indexed(const QString &location, qsizetype index)
{
    return location + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

bool JsonObjectReader::contains(const QString &key)
{
    m_known.insert(key);
    return m_object.contains(key);
}

QJsonValue JsonObjectReader::value(const QString &key)
{
    m_known.insert(key);
    return m_object.value(key);
}

void JsonObjectReader::error(const QString &key, const QString &message)
{
    m_errors->append(
        Error{Error::Code::InvalidInput, message, key.isEmpty() ? m_location : locationOf(key)});
}

QString JsonObjectReader::describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return tr("null");
    case QJsonValue::Bool:
        return value.toBool() ? tr("a boolean (true)") : tr("a boolean (false)");
    case QJsonValue::Double:
        return tr("a number (%1)").arg(QString::number(value.toDouble(), 'g', 15));
    case QJsonValue::String:
        return tr("a string \"%1\"").arg(shortened(value.toString()));
    case QJsonValue::Array:
        return tr("an array");
    case QJsonValue::Object:
        return tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return tr("nothing");
}

bool JsonObjectReader::echoes(const QString &key) const
{
    // Keys under which a user may paste a token by mistake; errors go to terminals, logs
    // and bug reports.
    static const QSet<QString> credentialKeys{QStringLiteral("auth"),   QStringLiteral("headers"),
                                              QStringLiteral("secret"), QStringLiteral("password"),
                                              QStringLiteral("token"),  QStringLiteral("cookies"),
                                              QStringLiteral("fields")};
    return m_echo == Echo::Values && !credentialKeys.contains(key.toLower());
}

QString JsonObjectReader::describeValue(const QString &key, const QJsonValue &value) const
{
    if (echoes(key))
        return describe(value);
    switch (value.type()) {
    case QJsonValue::String:
        return tr("a string");
    case QJsonValue::Double:
        return tr("a number");
    default:
        return describe(value);
    }
}

std::optional<QJsonValue> JsonObjectReader::fetch(const QString &key, Need need,
                                                  const QString &expected)
{
    m_known.insert(key);
    const auto it = m_object.constFind(key);
    if (it == m_object.constEnd()) {
        if (need == Need::Required)
            error(key, tr("required, expected %1").arg(expected));
        return std::nullopt;
    }
    return *it;
}

std::optional<QString> JsonObjectReader::string(const QString &key, Need need)
{
    const auto found = fetch(key, need, tr("a string"));
    if (!found)
        return std::nullopt;
    if (!found->isString()) {
        error(key, tr("expected a string, got %1").arg(describeValue(key, *found)));
        return std::nullopt;
    }
    return found->toString();
}

std::optional<double> JsonObjectReader::number(const QString &key, Need need)
{
    const auto found = fetch(key, need, tr("a number"));
    if (!found)
        return std::nullopt;
    if (!found->isDouble()) {
        error(key, tr("expected a number, got %1").arg(describeValue(key, *found)));
        return std::nullopt;
    }
    return found->toDouble();
}

std::optional<qint64> JsonObjectReader::integer(const QString &key, qint64 min, qint64 max,
                                                Need need)
{
    const QString expected = tr("a whole number from %1 to %2").arg(min).arg(max);
    const auto found = fetch(key, need, expected);
    if (!found)
        return std::nullopt;
    const double number = found->toDouble();
    if (!found->isDouble() || std::floor(number) != number || number < double(min) ||
        number > double(max)) {
        error(key, tr("expected %1, got %2").arg(expected, describeValue(key, *found)));
        return std::nullopt;
    }
    return qint64(number);
}

std::optional<bool> JsonObjectReader::boolean(const QString &key, Need need)
{
    const auto found = fetch(key, need, tr("true or false"));
    if (!found)
        return std::nullopt;
    if (!found->isBool()) {
        error(key, tr("expected true or false, got %1").arg(describeValue(key, *found)));
        return std::nullopt;
    }
    return found->toBool();
}

std::optional<QJsonObject> JsonObjectReader::object(const QString &key, Need need)
{
    const auto found = fetch(key, need, tr("an object"));
    if (!found)
        return std::nullopt;
    if (!found->isObject()) {
        error(key, tr("expected an object, got %1").arg(describeValue(key, *found)));
        return std::nullopt;
    }
    return found->toObject();
}

std::optional<QJsonArray> JsonObjectReader::array(const QString &key, Need need)
{
    const auto found = fetch(key, need, tr("an array"));
    if (!found)
        return std::nullopt;
    if (!found->isArray()) {
        error(key, tr("expected an array, got %1").arg(describeValue(key, *found)));
        return std::nullopt;
    }
    return found->toArray();
}

void JsonObjectReader::finish()
{
    QStringList known(m_known.cbegin(), m_known.cend());
    known.sort();
    const QStringList keys = m_object.keys();
    for (const QString &key : keys) {
        if (m_known.contains(key))
            continue;
        QString best;
        int bestDistance = 3; // more edits than this is a different word, not a typo
        for (const QString &candidate : std::as_const(known)) {
            const int distance = editDistance(key, candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        if (!best.isEmpty())
            error(key, tr("unknown key; did you mean \"%1\"?").arg(best));
        else
            error(key,
                  tr("unknown key; expected one of: %1").arg(known.join(QStringLiteral(", "))));
    }
}

} // namespace kpi::workspace
