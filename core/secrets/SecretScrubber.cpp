// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "secrets/SecretScrubber.h"

#include <QUrl>

#include <algorithm>

namespace kpi::secrets {

void SecretScrubber::add(const QString &secretValue)
{
    if (secretValue.size() < MinimumLength)
        return;
    m_values.insert(secretValue);
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(secretValue));
    if (encoded != secretValue)
        m_values.insert(encoded);
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
        text.replace(value, QStringLiteral("<redacted>"));
    return text;
}

QByteArray SecretScrubber::scrub(const QByteArray &utf8) const
{
    return scrub(QString::fromUtf8(utf8)).toUtf8();
}

} // namespace kpi::secrets
