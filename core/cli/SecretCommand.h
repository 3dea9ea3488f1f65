// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "cli/Command.h"

#include <QMap>
#include <QStringList>

namespace kpi::cli {

// `kpi-collector secret set NAME | delete NAME | list`. Values are read from standard input
// (without echo on a terminal) and never printed; list shows names and where they are.
class SecretCommand : public Command
{
    Q_OBJECT

public:
    enum class Action { Set, Delete, List };

    SecretCommand(CliContext &context, Action action, QString name, QObject *parent = nullptr);
    void start() override;

private:
    void set();
    void remove();
    void list();
    void checkNext();
    void printList();

    Action m_action;
    QString m_name;
    // list(): every name worth showing, with its users and where it was found.
    QMap<QString, QStringList> m_usedBy;
    QMap<QString, QString> m_foundIn;
    QStringList m_pending;
};

} // namespace kpi::cli
