// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "cli/SecretCommand.h"

#include "cli/CliContext.h"
#include "cli/TextTable.h"
#include "secrets/SecretStore.h"
#include "workspace/WorkspaceLoader.h"

#include <QFile>
#include <QTextStream>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

namespace kpi::cli {

namespace {

// The secret's value from standard input: one line typed without echo on a terminal,
// or everything piped in, less one trailing line break.
QString readSecretValue(QTextStream &err, const QString &prompt)
{
#ifdef Q_OS_UNIX
    if (isatty(STDIN_FILENO)) {
        err << prompt;
        err.flush();
        termios saved{};
        tcgetattr(STDIN_FILENO, &saved);
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
        QTextStream in(stdin);
        const QString line = in.readLine();
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        err << '\n';
        err.flush();
        return line;
    }
#endif
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    QByteArray value = in.readAll();
    if (value.endsWith('\n'))
        value.chop(1);
    if (value.endsWith('\r'))
        value.chop(1);
    return QString::fromUtf8(value);
}

} // namespace

SecretCommand::SecretCommand(CliContext &context, Action action, QString name, QObject *parent)
    : Command(context, parent), m_action(action), m_name(std::move(name))
{ }

void SecretCommand::start()
{
    const auto problem =
        m_action == Action::List ? std::nullopt : secrets::SecretStore::nameProblem(m_name);
    if (problem) {
        context().printError({Error::Code::InvalidInput, *problem, QStringLiteral("NAME")});
        Q_EMIT done(ExitUsage);
        return;
    }
    switch (m_action) {
    case Action::Set:
        set();
        return;
    case Action::Delete:
        remove();
        return;
    case Action::List:
        list();
        return;
    }
}

void SecretCommand::set()
{
    const QString value =
        readSecretValue(context().err(), tr("Value for %1 (not shown): ").arg(m_name));
    if (value.isEmpty()) {
        context().printError(
            {Error::Code::InvalidInput, tr("empty value; nothing stored"), m_name});
        Q_EMIT done(ExitUsage);
        return;
    }
    context().services().keychain()->write(
        m_name, secrets::Secret(value), this, [this](const Result<void> &written) {
            if (!written) {
                context().printError(
                    {written.error().code,
                     written.error().message +
                         tr(". Where no keychain is available (a server, CI), set the environment "
                            "variable %1 instead.")
                             .arg(secrets::SecretStore::environmentVariableFor(m_name)),
                     m_name});
                Q_EMIT done(ExitFailures);
                return;
            }
            context().out() << tr("Stored %1 in the OS keychain.").arg(m_name) << '\n';
            context().out().flush();
            Q_EMIT done(ExitOk);
        });
}

void SecretCommand::remove()
{
    // The Secret Service reports success for deleting what is not there; look first, so a
    // typo in the name is not mistaken for a deletion.
    context().services().keychain()->read(
        m_name, this, [this](const Result<secrets::Secret> &existing) {
            if (!existing) {
                context().printError(existing.error().prefixed(m_name));
                Q_EMIT done(ExitFailures);
                return;
            }
            context().services().keychain()->remove(
                m_name, this, [this](const Result<void> &removed) {
                    if (!removed) {
                        context().printError(removed.error().prefixed(m_name));
                        Q_EMIT done(ExitFailures);
                        return;
                    }
                    context().out() << tr("Deleted %1 from the OS keychain.").arg(m_name) << '\n';
                    context().out().flush();
                    Q_EMIT done(ExitOk);
                });
        });
}

void SecretCommand::list()
{
    const auto loaded = context().loadWorkspace();
    for (const auto &source : loaded.workspace.sources) {
        for (const QString &name : source.secretNames())
            m_usedBy[name].append(tr("source %1").arg(source.id));
    }
    for (const auto &destination : loaded.workspace.destinations) {
        for (const QString &name : destination.secretNames)
            m_usedBy[name].append(tr("destination %1").arg(destination.id));
    }
    context().services().keychain()->list(this, [this](const Result<QStringList> &names) {
        if (names) {
            for (const QString &name : *names)
                m_usedBy[name];
        } else {
            context().err() << tr("note: %1").arg(names.error().message) << '\n';
        }
        m_pending = m_usedBy.keys();
        checkNext();
    });
}

// One name at a time: where is it? (The value is read and dropped, never shown.)
void SecretCommand::checkNext()
{
    if (m_pending.isEmpty()) {
        printList();
        return;
    }
    const QString name = m_pending.takeFirst();
    context().services().keychain()->read(
        name, this, [this, name](const Result<secrets::Secret> &secret) {
            if (secret)
                m_foundIn[name] = tr("keychain");
            else if (!qEnvironmentVariableIsEmpty(
                         qPrintable(secrets::SecretStore::environmentVariableFor(name))))
                m_foundIn[name] =
                    tr("environment (%1)").arg(secrets::SecretStore::environmentVariableFor(name));
            else
                m_foundIn[name] = tr("MISSING");
            checkNext();
        });
}

void SecretCommand::printList()
{
    QTextStream &out = context().out();
    if (m_usedBy.isEmpty()) {
        out << tr("No secrets: the workspace uses none and the keychain holds none.") << '\n';
        out.flush();
        Q_EMIT done(ExitOk);
        return;
    }
    TextTable table;
    table.addColumn(tr("NAME"));
    table.addColumn(tr("STORED IN"));
    table.addColumn(tr("USED BY"));
    for (auto it = m_usedBy.cbegin(); it != m_usedBy.cend(); ++it)
        table.addRow(
            {it.key(), m_foundIn.value(it.key()),
             it.value().isEmpty() ? tr("(unused)") : it.value().join(QStringLiteral(", "))});
    table.print(out);
    out.flush();
    Q_EMIT done(ExitOk);
}

} // namespace kpi::cli
