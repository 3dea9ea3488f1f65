// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QDebug>
#include <QString>

namespace kpi::secrets {

// A secret value (token, password, webhook URL). It prints as <redacted> in every QDebug
// stream, so logging one by mistake leaks nothing; reveal() is the one way to its text.
class Secret
{
public:
    Secret() = default;
    explicit Secret(QString value) : m_value(std::move(value)) { }

    const QString &reveal() const { return m_value; }
    bool isEmpty() const { return m_value.isEmpty(); }

    friend QDebug operator<<(QDebug debug, const Secret &)
    {
        QDebugStateSaver saver(debug);
        debug.nospace() << "<redacted>";
        return debug;
    }

private:
    QString m_value;
};

} // namespace kpi::secrets
