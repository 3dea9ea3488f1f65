// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "extract/html/HtmlExtractor.h"
#include "net/CookieJar.h"
#include "net/HttpRequest.h"
#include "sources/Source.h"
#include "workspace/Workspace.h"

#include <QPointer>
#include <QSet>

#include <optional>

namespace kpi::net {
class HttpClient;
class HttpJob;
struct HttpResponse;
} // namespace kpi::net
namespace kpi::secrets {
class SecretStore;
}

namespace kpi::sources {

// A web page: fetched (after logging in through the site's own form when the workspace
// says so), parsed once per page, every metric's selector evaluated on it; with nextPage,
// the "next" links followed and count and sum added up across pages.
//
// The login session (the source's own cookie jar) is kept between runs in the secret store
// under `session.<sourceId>`, so a daily run logs in only when the session has expired. A
// page looks logged out when it answers 401 or 403, lands on the login URL, or shows the
// login form; then the source logs in once and fetches again.
class HtmlSource : public Source
{
    Q_OBJECT

public:
    HtmlSource(workspace::SourceConfig config, net::HttpClient *client,
               secrets::SecretStore *secretStore, QObject *parent = nullptr);

    QString id() const override { return m_config.id; }
    void start(const SecretValues &secrets) override;
    void abort() override;

    static QString sessionSecretName(const QString &sourceId)
    {
        return QStringLiteral("session.") + sourceId;
    }

    // The metrics' values from pages fetched before, without the network: what a run
    // extracted, again, for `reextract` (pipeline/Extractors). The same code as a run's.
    static Extraction extract(const workspace::SourceConfig &config, const QList<RawPage> &pages);

private:
    enum class Phase { Target, LoginPage, LoginSubmit, NextPage };

    Result<net::HttpRequest> baseRequest(const SecretValues &secrets);
    void fetch(const QUrl &url, Phase phase);
    void send(net::HttpRequest request, Phase phase);
    void onResponse(Phase phase, const Result<net::HttpResponse> &result);
    void onTarget(const net::HttpResponse &response);
    void onLoginPage(const net::HttpResponse &response);
    void onLoginSubmitted(const net::HttpResponse &response);
    void onPage(const net::HttpResponse &response, extract::HtmlDocument document);
    bool looksLoggedOut(const net::HttpResponse &response,
                        const std::optional<extract::HtmlDocument> &document) const;
    bool isLoginUrl(const QUrl &url) const;
    QString httpFailure(const net::HttpResponse &response) const;
    void succeed();
    void saveSessionThenFinish();

    struct Metric
    {
        workspace::MetricConfig config;
        std::optional<extract::HtmlExtractSpec> spec; // null: compiling failed (see error)
        std::optional<Error> error;
        double value = 0;
        MetricEvidence evidence;
        bool done = false; // a first-page-only mode has its value
    };
    static QList<Metric> metricsOf(const workspace::SourceConfig &config);
    // Adds page number `page` (from 1) to every metric still open.
    static void addPage(QList<Metric> &metrics, const extract::HtmlDocument &document, int page);
    static void finishMetrics(const QList<Metric> &metrics, const secrets::SecretScrubber &scrubber,
                              QList<MetricValue> &values, QList<MetricFailure> &failures);

    workspace::SourceConfig m_config;
    net::HttpClient *m_client;
    secrets::SecretStore *m_secretStore;
    QPointer<net::HttpJob> m_job;
    net::CookieJar m_jar;
    net::HttpRequest m_base; // headers and auth, for every request of the source
    QList<std::pair<QString, QString>> m_loginFields;
    QString m_queryCredential; // auth type "query"
    QList<Metric> m_metrics;
    QSet<QString> m_visited;
    QByteArray m_restoredSession;
    int m_pages = 0;
    bool m_loggedIn = false; // logged in during this run
};

} // namespace kpi::sources
