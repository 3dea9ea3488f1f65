// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "secrets/SecretStore.h"

#include <QRegularExpression>

namespace kpi::secrets {

bool SecretStore::isValidName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    return pattern.match(name).hasMatch();
}

std::optional<QString> SecretStore::nameProblem(const QString &name)
{
    // The prefixes of well-known token formats (GitHub, Slack, Notion, Stripe, OpenAI):
    // such a "name" is the secret itself, pasted where its name belongs.
    static const QRegularExpression token(QStringLiteral(
        "^(gh[pousr]_|github_pat_|xox[abposr]-|ntn_|secret_[A-Za-z0-9]{20}|sk_(live|test)_|sk-)"));
    if (token.match(name).hasMatch())
        return tr("this looks like a token, not the name of one; store the token with "
                  "\"kpi-collector secret "
                  "set NAME\" and write NAME here");
    if (!isValidName(name))
        return tr("expected the name of a secret: up to 64 letters, digits, \".\", \"_\" or \"-\", "
                  "starting "
                  "with a letter or digit");
    return std::nullopt;
}

QString SecretStore::environmentVariableFor(const QString &name)
{
    QString variable = QStringLiteral("KPI_SECRET_");
    variable.reserve(variable.size() + name.size());
    for (const QChar c : name) {
        const char latin = c.toLatin1();
        const bool alnum = (latin >= 'a' && latin <= 'z') || (latin >= 'A' && latin <= 'Z') ||
                           (latin >= '0' && latin <= '9');
        variable += alnum ? QChar::fromLatin1(latin).toUpper() : QLatin1Char('_');
    }
    return variable;
}

} // namespace kpi::secrets
