// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "cli/Command.h"
#include "store/Sample.h"
#include "workspace/Workspace.h"

#include <QJsonObject>
#include <QPointer>

#include <memory>

namespace kpi::net {
class HttpClient;
}
namespace kpi::secrets {
class SecretStore;
}
namespace kpi::store {
class HistoryStore;
}
namespace kpi::destinations::notion {
class NotionClient;
}

namespace kpi::cli {

// `kpi-collector import notion --destination ID`: back-fills the history from a Notion
// destination's database. Every page (the query paginated, 100 at a time) gives one value
// per mapped metric at its date, stored as imported at the start of that day in the
// workspace's time zone; a day the history already has for a metric is skipped. The
// mapping is the destination's own (docs/destinations-notion.md). Exit 1 when Notion or
// the history failed.
class ImportCommand : public Command
{
    Q_OBJECT

public:
    struct Options
    {
        QString from; // "notion", the only one so far
        QString destinationId;
    };

    // `secretStore` and `http` default to the context's services (tests pass fakes).
    ImportCommand(CliContext &context, Options options, secrets::SecretStore *secretStore = nullptr,
                  net::HttpClient *http = nullptr, QObject *parent = nullptr);
    ~ImportCommand() override;

    void start() override;

private:
    void connectTo(const QString &token);
    void readSchema(const QString &dataSourceId);
    void queryPage(const QString &dataSourceId, const QString &cursor);
    void readPages(const QJsonArray &pages);
    void store();
    void fail(const QString &step, const QString &message);

    Options m_options;
    secrets::SecretStore *m_secretStore;
    net::HttpClient *m_http;
    workspace::Workspace m_workspace;
    QJsonObject m_settings;
    std::unique_ptr<store::HistoryStore> m_history;
    QPointer<destinations::notion::NotionClient> m_client;
    QString m_dateProperty;
    QHash<QString, QString> m_propertyOf; // metric key -> number property
    QList<store::Sample> m_samples;
    int m_pages = 0;
    int m_pagesWithoutDate = 0;
};

} // namespace kpi::cli
