// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "sources/Source.h"
#include "workspace/Workspace.h"

#include <QDateTime>
#include <QTimer>

namespace kpi {
class Clock;
}

namespace kpi::sources {

// One read-only query against a database (SQLite, PostgreSQL, MySQL); its one row's
// columns are the metrics. Qt Sql blocks, so the query runs on a thread of its own with a
// connection made and closed there; the event loop only waits for its answer, and
// abort() or the deadline answer at once without waiting for the thread.
class SqlSource : public Source
{
    Q_OBJECT

public:
    SqlSource(workspace::SourceConfig config, const Clock &clock, QObject *parent = nullptr);
    ~SqlSource() override;

    QString id() const override { return m_config.id; }
    void start(const SecretValues &secrets) override;
    void abort() override;

    // Queries still running on their threads, including abandoned ones (aborted, past
    // their deadline), which end on their own.
    static int runningQueries();

    // The Qt driver for a workspace "driver": QSQLITE, QPSQL, QMYSQL.
    static QString qtDriverName(const QString &driver);

    // What the worker thread hands back: the row (column name, value) or an error.
    struct Answer
    {
        QList<std::pair<QString, QVariant>> columns;
        std::optional<Error> error;
        QString step;
    };

private:
    void onAnswer(const Answer &answer);
    void stopTimers() override { m_deadline.stop(); }

    workspace::SourceConfig m_config;
    const Clock &m_clock;
    QTimer m_deadline;
};

} // namespace kpi::sources
