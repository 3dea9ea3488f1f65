// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QMetaType>
#include <QString>

namespace kpi {

// What went wrong, for the user: a sentence, and where it happened (a JSON path in the
// workspace file, a source id, a database path). Never carries a secret value.
struct Error
{
    enum class Code {
        InvalidInput, // bad workspace, bad argument, bad expression
        NotFound,     // a secret, a source, a file that is not there
        Network,      // connection refused, DNS, TLS
        Timeout,      // the deadline passed
        TooLarge,     // the response-size cap was hit
        Http,         // the server answered with an error status
        Parse,        // the response is not what its type promises (malformed JSON …)
        Extract,      // the response parsed, but the metric is not in it
        Storage,      // the database refused
        Secret,       // the secret store failed
        Canceled,     // the user or the shutdown stopped it
        Internal,
    };

    Code code = Code::Internal;
    QString message;
    QString where;

    // "where: message", or just the message when there is no place to name.
    QString toString() const
    {
        return where.isEmpty() ? message : where + QStringLiteral(": ") + message;
    }

    // The same error, located one level further out, e.g. "metrics[0].path" in "sources[2]".
    Error prefixed(const QString &outer) const;
};

} // namespace kpi

Q_DECLARE_METATYPE(kpi::Error)
