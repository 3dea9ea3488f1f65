// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "cli/ImportCommand.h"

#include "cli/CliContext.h"
#include "destinations/PayloadBuilder.h"
#include "destinations/notion/NotionClient.h"
#include "destinations/notion/NotionDestination.h"
#include "net/HttpClient.h"
#include "secrets/SecretStore.h"
#include "store/HistoryStore.h"

#include <QDate>
#include <QJsonArray>
#include <QTextStream>

#include <cmath>

namespace kpi::cli {

namespace {

using destinations::notion::NotionClient;
using destinations::notion::NotionDestination;

constexpr int PageSize = 100; // Notion's largest

} // namespace

ImportCommand::ImportCommand(CliContext &context, Options options,
                             secrets::SecretStore *secretStore, net::HttpClient *http,
                             QObject *parent)
    : Command(context, parent),
      m_options(std::move(options)),
      m_secretStore(secretStore),
      m_http(http)
{ }

ImportCommand::~ImportCommand() = default;

void ImportCommand::start()
{
    CliContext &ctx = context();
    const auto usage = [&](const QString &where, const QString &message) {
        ctx.printError({Error::Code::InvalidInput, message, where});
        Q_EMIT done(ExitUsage);
    };
    if (m_options.from != QLatin1String("notion")) {
        usage(QStringLiteral("import"), tr("expected \"notion\", got \"%1\"").arg(m_options.from));
        return;
    }
    const auto loaded = ctx.workspaceOrPrintErrors();
    if (!loaded) {
        Q_EMIT done(ExitUsage);
        return;
    }
    m_workspace = *loaded;
    const workspace::DestinationConfig *destination =
        m_workspace.destination(m_options.destinationId);
    if (!destination || destination->type != QLatin1String("notion")) {
        QStringList notion;
        for (const auto &candidate : std::as_const(m_workspace.destinations)) {
            if (candidate.type == QLatin1String("notion"))
                notion.append(candidate.id);
        }
        usage(QStringLiteral("--destination"),
              tr("no Notion destination \"%1\" in the workspace; its Notion destinations: %2")
                  .arg(m_options.destinationId,
                       notion.isEmpty() ? tr("none") : notion.join(QStringLiteral(", "))));
        return;
    }
    m_settings = destination->settings;

    const auto location = ctx.databaseLocationOrPrintError();
    if (!location) {
        Q_EMIT done(ExitUsage);
        return;
    }
    auto opened = store::HistoryStore::open(*location, store::AccessMode::ReadWrite);
    if (!opened) {
        ctx.printError(opened.error());
        Q_EMIT done(ExitFailures);
        return;
    }
    m_history = std::move(*opened);

    if (!m_secretStore)
        m_secretStore = ctx.services().secretStore();
    if (!m_http)
        m_http = ctx.services().httpClient();
    const QString secret = m_settings.value(QLatin1String("token"))
                               .toObject()
                               .value(QLatin1String("secret"))
                               .toString();
    m_secretStore->read(secret, this, [this, secret](const Result<secrets::Secret> &token) {
        if (!token) {
            fail(tr("reading the secret %1").arg(secret), token.error().message);
            return;
        }
        connectTo(token->reveal());
    });
}

void ImportCommand::connectTo(const QString &token)
{
    m_client = new NotionClient(m_http, NotionDestination::baseUrl(m_settings), token, this);
    // No outbox here: wait out a 429 (as long as Notion asks, up to two minutes) or a 503.
    net::RetryPolicy retry;
    retry.maxAttempts = 6;
    m_client->setRetryPolicy(retry);
    const QString databaseId = m_settings.value(QLatin1String("databaseId")).toString();
    m_client->send("GET", QStringLiteral("/v1/databases/") + databaseId, std::nullopt,
                   [this](const Result<net::HttpResponse> &result) {
                       if (!result)
                           return fail(tr("reading the database"), result.error().message);
                       if (!result->isSuccess())
                           return fail(tr("reading the database"),
                                       NotionClient::errorMessage(*result));
                       const QString source = NotionClient::json(*result)
                                                  .value(QLatin1String("data_sources"))
                                                  .toArray()
                                                  .at(0)
                                                  .toObject()
                                                  .value(QLatin1String("id"))
                                                  .toString();
                       if (source.isEmpty())
                           return fail(tr("reading the database"), tr("it has no data source"));
                       readSchema(source);
                   });
}

void ImportCommand::readSchema(const QString &dataSourceId)
{
    m_client->send(
        "GET", QStringLiteral("/v1/data_sources/") + dataSourceId, std::nullopt,
        [this, dataSourceId](const Result<net::HttpResponse> &result) {
            if (!result)
                return fail(tr("reading the schema"), result.error().message);
            if (!result->isSuccess())
                return fail(tr("reading the schema"), NotionClient::errorMessage(*result));
            const QJsonObject schema =
                NotionClient::json(*result).value(QLatin1String("properties")).toObject();
            const auto typeOf = [&schema](const QString &name) {
                return schema.value(name).toObject().value(QLatin1String("type")).toString();
            };
            m_dateProperty = NotionDestination::dateProperty(m_settings);
            if (typeOf(m_dateProperty) != QLatin1String("date"))
                return fail(tr("reading the schema"),
                            tr("the database has no date property \"%1\"").arg(m_dateProperty));
            for (const QString &key : m_workspace.metricKeys()) {
                const workspace::MetricConfig *metric = m_workspace.metric(key);
                const QString property = NotionDestination::propertyFor(
                    m_settings, key, metric ? metric->label : QString());
                if (typeOf(property) == QLatin1String("number"))
                    m_propertyOf.insert(key, property);
                else
                    context().err() << tr("%1: no number property \"%2\" in the database; not "
                                          "imported")
                                           .arg(key, property)
                                    << '\n';
            }
            if (m_propertyOf.isEmpty())
                return fail(tr("reading the schema"),
                            tr("no metric of the workspace has a number property there"));
            queryPage(dataSourceId, QString());
        });
}

void ImportCommand::queryPage(const QString &dataSourceId, const QString &cursor)
{
    QJsonObject body{{QStringLiteral("page_size"), PageSize}};
    if (!cursor.isEmpty())
        body.insert(QStringLiteral("start_cursor"), cursor);
    m_client->send("POST",
                   QStringLiteral("/v1/data_sources/") + dataSourceId + QStringLiteral("/query"),
                   body, [this, dataSourceId](const Result<net::HttpResponse> &result) {
                       const QString step = tr("reading the pages (after %n)", nullptr, m_pages);
                       if (!result)
                           return fail(step, result.error().message);
                       if (!result->isSuccess())
                           return fail(step, NotionClient::errorMessage(*result));
                       const QJsonObject list = NotionClient::json(*result);
                       readPages(list.value(QLatin1String("results")).toArray());
                       const QString next = list.value(QLatin1String("next_cursor")).toString();
                       if (list.value(QLatin1String("has_more")).toBool() && !next.isEmpty())
                           queryPage(dataSourceId, next);
                       else
                           store();
                   });
}

void ImportCommand::readPages(const QJsonArray &pages)
{
    const QTimeZone zone = m_workspace.zone();
    for (const QJsonValue &entry : pages) {
        const QJsonObject page = entry.toObject();
        if (page.value(QLatin1String("in_trash")).toBool())
            continue;
        ++m_pages;
        const QJsonObject properties = page.value(QLatin1String("properties")).toObject();
        const QString start = properties.value(m_dateProperty)
                                  .toObject()
                                  .value(QLatin1String("date"))
                                  .toObject()
                                  .value(QLatin1String("start"))
                                  .toString();
        // "2026-11-28", or a date and time: the day as written is the day meant.
        const QDate day = QDate::fromString(start.left(10), Qt::ISODate);
        if (!day.isValid()) {
            ++m_pagesWithoutDate;
            continue;
        }
        const qint64 ms = QDateTime(day, QTime(0, 0), zone).toMSecsSinceEpoch();
        for (auto it = m_propertyOf.cbegin(); it != m_propertyOf.cend(); ++it) {
            const QJsonValue number =
                properties.value(it.value()).toObject().value(QLatin1String("number"));
            if (!number.isDouble() || !std::isfinite(number.toDouble()))
                continue;
            m_samples.append(
                {it.key(), ms, number.toDouble(), store::SampleOrigin::Imported, QString(), 0});
        }
    }
}

void ImportCommand::store()
{
    // By day; of two pages of one day, the first Notion listed wins (a stable sort).
    std::stable_sort(m_samples.begin(), m_samples.end(),
                     [](const store::Sample &a, const store::Sample &b) {
                         return a.timestampMs < b.timestampMs;
                     });
    const auto counts = m_history->importDailySamples(m_samples, m_workspace.zone());
    if (!counts)
        return fail(tr("storing the values"), counts.error().message);
    QTextStream &out = context().out();
    out << tr("Read %n page(s) from Notion.", nullptr, m_pages) << '\n';
    if (m_pagesWithoutDate > 0)
        out << tr("%n page(s) without a date were left out.", nullptr, m_pagesWithoutDate) << '\n';
    out << tr("Imported %n value(s); skipped %1 for days the history already has.", nullptr,
              counts->imported)
               .arg(counts->skipped)
        << '\n';
    out.flush();
    Q_EMIT done(ExitOk);
}

void ImportCommand::fail(const QString &step, const QString &message)
{
    context().printError({Error::Code::Http, message, tr("Notion, %1").arg(step)});
    Q_EMIT done(ExitFailures);
}

} // namespace kpi::cli
