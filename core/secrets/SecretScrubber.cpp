// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "secrets/SecretScrubber.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <algorithm>

namespace kpi::secrets {

namespace {

const QString Redacted = QStringLiteral("<redacted>");
constexpr QChar Ellipsis(0x2026);

// How the value reads inside a JSON string: servers echo request fields back in JSON
// error bodies, and some escape "/" as "\/" (PHP's json_encode does).
QStringList jsonForms(const QString &value)
{
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    // ["…"] → …
    const QString escaped = QString::fromUtf8(array.mid(2, array.size() - 4));
    QStringList forms{escaped};
    if (escaped.contains(u'/'))
        forms.append(QString(escaped).replace(u'/', QStringLiteral("\\/")));
    return forms;
}

} // namespace

void SecretScrubber::add(const QString &secretValue)
{
    if (secretValue.size() < MinimumLength)
        return;
    m_values.insert(secretValue);
    const QString percent = QString::fromLatin1(QUrl::toPercentEncoding(secretValue));
    m_values.insert(percent);
    // HTML forms encode a space as "+".
    m_values.insert(QString(percent).replace(QStringLiteral("%20"), QStringLiteral("+")));
    for (const QString &form : jsonForms(secretValue))
        m_values.insert(form);
}

void SecretScrubber::addEncoded(const QString &encodedValue)
{
    if (encodedValue.size() >= MinimumLength)
        m_values.insert(encodedValue);
}

QString SecretScrubber::scrub(QString text) const
{
    if (m_values.isEmpty() || text.isEmpty())
        return text;
    // Longest first, so a secret that contains another is redacted whole.
    QList<QString> values(m_values.cbegin(), m_values.cend());
    std::sort(values.begin(), values.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &value : std::as_const(values))
        text.replace(value, Redacted);

    // A message that shortens a long text ends the cut with "…", and the cut can fall
    // inside a secret: the start of a secret right before an ellipsis is redacted too.
    for (qsizetype cut = text.indexOf(Ellipsis); cut >= 0; cut = text.indexOf(Ellipsis, cut + 1)) {
        for (const QString &value : std::as_const(values)) {
            for (qsizetype length = std::min(value.size() - 1, cut); length >= MinimumLength;
                 --length) {
                if (QStringView(text).sliced(cut - length, length) ==
                    QStringView(value).left(length)) {
                    text.replace(cut - length, length, Redacted);
                    cut += Redacted.size() - length;
                    break;
                }
            }
        }
    }
    return text;
}

QByteArray SecretScrubber::scrub(const QByteArray &utf8) const
{
    return scrub(QString::fromUtf8(utf8)).toUtf8();
}

} // namespace kpi::secrets
