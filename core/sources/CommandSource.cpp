// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "sources/CommandSource.h"

#include "util/Logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>

#include <cmath>

#ifdef Q_OS_UNIX
#include <csignal>
#include <unistd.h>
#endif

namespace kpi::sources {

namespace {

// Enough of stderr for its first lines; a program that floods it is not read further.
constexpr qsizetype MaxStderrKept = 64 * 1024;

QString firstLines(const QByteArray &text, int count)
{
    const QStringList lines =
        QString::fromUtf8(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(0, count);
    QStringList trimmed;
    for (const QString &line : lines)
        trimmed.append(line.trimmed().left(200));
    return trimmed.join(QStringLiteral(" | "));
}

} // namespace

CommandSource::CommandSource(workspace::SourceConfig config, QObject *parent)
    : Source(parent), m_config(std::move(config))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        kill();
        fail(QStringLiteral("fetch"), {Error::Code::Timeout,
                                       tr("the program did not finish within %n s and was stopped",
                                          nullptr, m_config.timeoutSeconds),
                                       {}});
    });
}

CommandSource::~CommandSource()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    kill();
    // Killed but not yet reaped: QProcess's destructor would wait for it. It goes on its
    // own once it has ended instead.
    QProcess *process = m_process;
    process->disconnect(this);
    process->setParent(nullptr);
    connect(process, &QProcess::finished, process, &QObject::deleteLater);
}

void CommandSource::start(const SecretValues &)
{
    startClock();
    m_process = new QProcess(this);
    m_process->setProgram(m_config.command.program);
    m_process->setArguments(m_config.command.args);
    m_process->setStandardInputFile(QProcess::nullDevice());
#ifdef Q_OS_UNIX
    // A process group of its own, so that the deadline also stops what a script started
    // (a `sleep`, a `curl`), not only the script.
    m_process->setChildProcessModifier([] { ::setpgid(0, 0); });
#endif
    connect(m_process, &QProcess::readyReadStandardOutput, this, [this] {
        m_stdout += m_process->readAllStandardOutput();
        if (m_stdout.size() > m_config.maxResponseBytes && !isFinished()) {
            kill();
            fail(QStringLiteral("fetch"),
                 {Error::Code::TooLarge,
                  tr("the program printed more than %1 bytes and was stopped")
                      .arg(m_config.maxResponseBytes),
                  {}});
        }
    });
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        const QByteArray chunk = m_process->readAllStandardError();
        if (m_stderr.size() < MaxStderrKept)
            m_stderr += chunk.left(MaxStderrKept - m_stderr.size());
    });
    connect(m_process, &QProcess::finished, this, &CommandSource::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &CommandSource::onErrorOccurred);
    m_deadline.start(std::chrono::seconds(m_config.timeoutSeconds));
    m_process->start(); // a failure to start comes through errorOccurred, later
}

void CommandSource::kill()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
#ifdef Q_OS_UNIX
    const qint64 pid = m_process->processId();
    if (pid > 0)
        ::kill(-pid_t(pid), SIGKILL);
#endif
    m_process->kill();
}

void CommandSource::abort()
{
    if (isFinished())
        return;
    kill();
    fail(QStringLiteral("fetch"), {Error::Code::Canceled, tr("canceled"), {}});
}

void CommandSource::onErrorOccurred(QProcess::ProcessError error)
{
    if (error == QProcess::FailedToStart)
        fail(QStringLiteral("fetch"),
             {Error::Code::NotFound,
              tr("cannot run \"%1\": %2").arg(m_config.command.program, m_process->errorString()),
              {}});
    // A crash or a kill comes through finished() too.
}

void CommandSource::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (isFinished())
        return;
    m_stdout += m_process->readAllStandardOutput();
    m_stderr += m_process->readAllStandardError().left(MaxStderrKept);
    const QString stderrText = firstLines(m_stderr, StderrLinesShown);
    const QString said = stderrText.isEmpty() ? QString() : QStringLiteral(": ") + stderrText;
    if (status == QProcess::CrashExit) {
        fail(QStringLiteral("fetch"),
             {Error::Code::Internal, tr("the program crashed") + said, {}});
        return;
    }
    if (exitCode != 0) {
        fail(QStringLiteral("fetch"), {Error::Code::Internal,
                                       tr("the program exited with status %1").arg(exitCode) + said,
                                       {}});
        return;
    }
    if (m_stdout.size() > m_config.maxResponseBytes) {
        fail(QStringLiteral("fetch"),
             {Error::Code::TooLarge,
              tr("the program printed more than %1 bytes").arg(m_config.maxResponseBytes),
              {}});
        return;
    }
    extract();
}

void CommandSource::extract()
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(m_stdout, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        const QString message =
            m_stdout.trimmed().isEmpty()
                ? tr("the program printed nothing; expected a JSON object such as {\"KEY\": 42}")
            : parseError.error != QJsonParseError::NoError
                ? tr("the program's output is not valid JSON: %1 at byte %2")
                      .arg(parseError.errorString())
                      .arg(parseError.offset)
                : tr("the program's output is not a JSON object; expected {\"KEY\": number}");
        fail(QStringLiteral("parse"), {Error::Code::Parse, message, {}});
        return;
    }
    const QJsonObject object = document.object();
    for (const workspace::MetricConfig &metric : std::as_const(m_config.metrics)) {
        const QString field = metric.field.isEmpty() ? metric.key : metric.field;
        const QJsonValue value = object.value(field);
        QString problem;
        if (value.isUndefined())
            problem = tr("the output has no \"%1\"").arg(field);
        else if (!value.isDouble())
            problem = tr("\"%1\" is not a number").arg(field);
        else if (!std::isfinite(value.toDouble() * metric.scale))
            problem = tr("\"%1\" is not a finite number").arg(field);
        if (!problem.isEmpty()) {
            m_outcome.metricErrors.append({metric.key, {Error::Code::Extract, problem, {}}});
            continue;
        }
        m_outcome.values.append({metric.key, value.toDouble() * metric.scale});
    }
    finish();
}

} // namespace kpi::sources
