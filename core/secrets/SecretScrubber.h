// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QSet>
#include <QString>

namespace kpi::secrets {

// The last line of defence: replaces every known secret value, and the encodings a
// request carries it in (Base64 for Basic auth, percent-encoding for query strings), with
// <redacted> in text bound for a message, a log or the database. A server that echoes a
// token back in its error body then shows nothing.
//
// Values shorter than MinimumLength are not scrubbed: redacting every "ab" would garble
// every message while protecting nothing worth the name.
class SecretScrubber
{
public:
    static constexpr int MinimumLength = 4;

    void add(const QString &secretValue);
    // A value that is itself sent encoded, e.g. the Base64 of "user:password".
    void addEncoded(const QString &encodedValue);

    QString scrub(QString text) const;
    QByteArray scrub(const QByteArray &utf8) const;
    bool isEmpty() const { return m_values.isEmpty(); }

private:
    QSet<QString> m_values;
};

} // namespace kpi::secrets
