// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "sources/HtmlSource.h"

#include "extract/html/HtmlSelector.h"
#include "net/HostLimiter.h"
#include "net/HttpClient.h"
#include "net/HttpJob.h"
#include "secrets/SecretStore.h"
#include "sources/LoginForm.h"
#include "sources/RequestCredentials.h"
#include "util/Logging.h"

#include <QMetaObject>

#include <cmath>

namespace kpi::sources {

namespace {

using extract::HtmlDocument;
using extract::HtmlExtractSpec;
using extract::HtmlSelector;
using workspace::HtmlMetricConfig;

Result<HtmlExtractSpec> specOf(const HtmlMetricConfig &config)
{
    HtmlExtractSpec spec;
    auto selector =
        config.css.isEmpty() ? HtmlSelector::xpath(config.xpath) : HtmlSelector::css(config.css);
    if (!selector)
        return Result<HtmlExtractSpec>::error(selector.error());
    spec.selector = *selector;
    switch (config.extract) {
    case HtmlMetricConfig::Extract::Count:
        spec.mode = HtmlExtractSpec::Mode::Count;
        break;
    case HtmlMetricConfig::Extract::Text:
        spec.mode = HtmlExtractSpec::Mode::Text;
        break;
    case HtmlMetricConfig::Extract::Number:
        spec.mode = HtmlExtractSpec::Mode::Number;
        break;
    case HtmlMetricConfig::Extract::Sum:
        spec.mode = HtmlExtractSpec::Mode::Sum;
        break;
    case HtmlMetricConfig::Extract::Attribute:
        spec.mode = HtmlExtractSpec::Mode::Attribute;
        spec.attribute = config.attribute;
        break;
    }
    if (!config.regex.isEmpty())
        spec.regex = QRegularExpression(config.regex);
    spec.decimalSeparator = config.decimalSeparator;
    return Result<HtmlExtractSpec>::ok(spec);
}

bool addsUpAcrossPages(const HtmlMetricConfig &config)
{
    return config.extract == HtmlMetricConfig::Extract::Count ||
           config.extract == HtmlMetricConfig::Extract::Sum;
}

// A page's identity for loop detection: no fragment.
QString pageKey(QUrl url)
{
    url.setFragment(QString());
    return url.toString(QUrl::FullyEncoded);
}

} // namespace

HtmlSource::HtmlSource(workspace::SourceConfig config, net::HttpClient *client,
                       secrets::SecretStore *secretStore, QObject *parent)
    : Source(parent), m_config(std::move(config)), m_client(client), m_secretStore(secretStore)
{ }

Result<net::HttpRequest> HtmlSource::baseRequest(const SecretValues &secrets)
{
    const auto secret = [&](const QString &name) -> std::optional<QString> {
        const auto it = secrets.constFind(name);
        if (it == secrets.cend())
            return std::nullopt;
        m_scrubber.add(it->reveal());
        return it->reveal();
    };
    const auto missing = [](const QString &name) {
        return Result<net::HttpRequest>::error(Error::Code::Secret,
                                               tr("secret \"%1\" was not resolved").arg(name));
    };
    net::HttpRequest request;
    request.deadline = std::chrono::seconds(m_config.timeoutSeconds);
    request.maxResponseBytes = m_config.maxResponseBytes;
    request.retry.maxAttempts = m_config.attempts;
    request.cookieJar = &m_jar;
    request.setHeader("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
    const auto queryCredential =
        RequestCredentials::apply(m_config.http, secrets, request, m_scrubber);
    if (!queryCredential)
        return queryCredential.forward<net::HttpRequest>();
    // Added to each URL in send(), the next pages' included.
    m_queryCredential = *queryCredential;
    if (m_config.login) {
        for (const auto &[name, value] : m_config.login->fields) {
            if (!value.isSecret()) {
                m_loginFields.append({name, value.value});
                continue;
            }
            const auto resolved = secret(value.secret);
            if (!resolved)
                return missing(value.secret);
            m_loginFields.append({name, *resolved});
        }
    }
    return Result<net::HttpRequest>::ok(request);
}

void HtmlSource::start(const SecretValues &secrets)
{
    startClock();
    m_metrics = metricsOf(m_config);
    auto request = baseRequest(secrets);
    if (!request) {
        QMetaObject::invokeMethod(
            this, [this, error = request.error()] { fail(QStringLiteral("secret"), error); },
            Qt::QueuedConnection);
        return;
    }
    m_base = *request;
    if (!m_config.login || !m_config.login->keepSession || !m_secretStore) {
        QMetaObject::invokeMethod(
            this, [this] { fetch(m_config.http.url, Phase::Target); }, Qt::QueuedConnection);
        return;
    }
    m_secretStore->read(
        sessionSecretName(m_config.id), this, [this](const Result<secrets::Secret> &session) {
            if (session) {
                m_restoredSession = session->reveal().toUtf8();
                m_jar.restore(m_restoredSession);
            } else if (session.error().code != Error::Code::NotFound) {
                qCWarning(lcSourcesHtml).noquote()
                    << m_config.id
                    << "the saved session could not be read:" << session.error().message;
            }
            fetch(m_config.http.url, Phase::Target);
        });
}

void HtmlSource::fetch(const QUrl &url, Phase phase)
{
    net::HttpRequest request = m_base;
    request.url = url;
    send(request, phase);
}

void HtmlSource::send(net::HttpRequest request, Phase phase)
{
    if (isFinished())
        return;
    const auto &auth = m_config.http.auth;
    if (auth.type == workspace::AuthConfig::Type::Query && !m_queryCredential.isEmpty())
        RequestCredentials::addToQuery(request.url, auth.name, m_queryCredential);
    qCDebug(lcSourcesHtml) << m_config.id << "fetching" << request.displayUrl();
    m_job = m_client->send(request);
    connect(m_job, &net::HttpJob::finished, this,
            [this, phase](const Result<net::HttpResponse> &result) { onResponse(phase, result); });
}

void HtmlSource::abort()
{
    if (m_job)
        m_job->abort();
    else if (!isFinished())
        fail(QStringLiteral("fetch"), {Error::Code::Canceled, tr("canceled"), {}});
}

void HtmlSource::onResponse(Phase phase, const Result<net::HttpResponse> &result)
{
    m_job = nullptr;
    const bool login = phase == Phase::LoginPage || phase == Phase::LoginSubmit;
    if (!result) {
        Error error = result.error();
        if (login)
            error.message = tr("logging in: %1").arg(error.message);
        fail(login ? QStringLiteral("login") : QStringLiteral("fetch"), error);
        return;
    }
    m_outcome.attempts = std::max(m_outcome.attempts, result->attempts);
    m_outcome.httpStatus = result->status;
    switch (phase) {
    case Phase::Target:
        onTarget(*result);
        break;
    case Phase::LoginPage:
        onLoginPage(*result);
        break;
    case Phase::LoginSubmit:
        onLoginSubmitted(*result);
        break;
    case Phase::NextPage: {
        if (!result->isSuccess()) {
            fail(QStringLiteral("fetch"),
                 {Error::Code::Http,
                  tr("page %1: %2").arg(m_pages + 1).arg(httpFailure(*result)),
                  {}},
                 result->status);
            return;
        }
        auto document = HtmlDocument::parse(result->body, result->header("Content-Type"));
        if (!document) {
            fail(QStringLiteral("parse"),
                 {Error::Code::Parse,
                  tr("page %1: %2").arg(m_pages + 1).arg(document.error().message),
                  {}},
                 result->status);
            return;
        }
        onPage(*result, std::move(*document));
        break;
    }
    }
}

QString HtmlSource::httpFailure(const net::HttpResponse &response) const
{
    QString message = tr("HTTP %1 %2 from %3")
                          .arg(response.status)
                          .arg(QString::fromLatin1(response.reasonPhrase), response.url.host());
    if (response.attempts > 1)
        message += tr(" (after %n attempts)", nullptr, response.attempts);
    return message;
}

bool HtmlSource::isLoginUrl(const QUrl &url) const
{
    if (!m_config.login)
        return false;
    const QUrl &login = m_config.login->url;
    return url.scheme() == login.scheme() && url.host() == login.host() &&
           url.port(url.scheme() == QLatin1String("https") ? 443 : 80) ==
               login.port(login.scheme() == QLatin1String("https") ? 443 : 80) &&
           url.path() == login.path();
}

bool HtmlSource::looksLoggedOut(const net::HttpResponse &response,
                                const std::optional<HtmlDocument> &document) const
{
    if (!m_config.login)
        return false;
    if (response.status == 401 || response.status == 403)
        return true;
    if (isLoginUrl(response.url) && !isLoginUrl(m_config.http.url))
        return true;
    return document && LoginForm::find(*document, m_config.login->formCss) != nullptr;
}

void HtmlSource::onTarget(const net::HttpResponse &response)
{
    std::optional<HtmlDocument> document;
    std::optional<Error> parseError;
    if (response.isSuccess()) {
        auto parsed = HtmlDocument::parse(response.body, response.header("Content-Type"));
        if (parsed)
            document.emplace(std::move(*parsed));
        else
            parseError = parsed.error();
    }
    if (looksLoggedOut(response, document)) {
        if (m_loggedIn) {
            fail(QStringLiteral("login"),
                 {Error::Code::Http,
                  response.status == 401 || response.status == 403
                      ? tr("logged in, but %1 still refuses access: %2")
                            .arg(response.url.host(), httpFailure(response))
                      : tr("logged in, but the page still asks for a login (the session was not "
                           "accepted)"),
                  {}},
                 response.status);
            return;
        }
        qCInfo(lcSourcesHtml) << m_config.id << "not logged in; logging in";
        m_jar.clear(); // an expired session's cookies would only confuse the login
        fetch(m_config.login->url, Phase::LoginPage);
        return;
    }
    if (!response.isSuccess()) {
        fail(QStringLiteral("fetch"), {Error::Code::Http, httpFailure(response), {}},
             response.status);
        return;
    }
    if (!document) {
        fail(QStringLiteral("parse"), {Error::Code::Parse, parseError->message, {}},
             response.status);
        return;
    }
    m_visited.insert(pageKey(m_config.http.url));
    m_visited.insert(pageKey(response.url));
    onPage(response, std::move(*document));
}

void HtmlSource::onLoginPage(const net::HttpResponse &response)
{
    if (!response.isSuccess()) {
        fail(QStringLiteral("login"),
             {Error::Code::Http, tr("the login page: %1").arg(httpFailure(response)), {}},
             response.status);
        return;
    }
    auto document = HtmlDocument::parse(response.body, response.header("Content-Type"));
    if (!document) {
        fail(QStringLiteral("login"),
             {Error::Code::Parse, tr("the login page: %1").arg(document.error().message), {}},
             response.status);
        return;
    }
    xmlNodePtr form = LoginForm::find(*document, m_config.login->formCss);
    if (!form) {
        fail(QStringLiteral("login"),
             {Error::Code::Extract,
              m_config.login->formCss.isEmpty()
                  ? tr("the login page %1 has no form with a password field")
                        .arg(m_base.displayUrl(response.url))
                  : tr("the login page %1 has no form matching \"%2\"")
                        .arg(m_base.displayUrl(response.url), m_config.login->formCss),
              {}},
             response.status);
        return;
    }
    const auto submission = LoginForm::submit(form, response.url, m_loginFields);
    if (!submission) {
        fail(QStringLiteral("login"), submission.error(), response.status);
        return;
    }
    qCDebug(lcSourcesHtml) << m_config.id << "submitting the login form with fields"
                           << submission->fieldNames;
    net::HttpRequest request = m_base;
    request.method = submission->method;
    request.url = submission->url;
    request.body = submission->body;
    if (!submission->contentType.isEmpty())
        request.setHeader("Content-Type", submission->contentType);
    request.secretUrl = submission->method == "GET"; // the password is in the query
    request.retry.retryNonIdempotent = false;
    send(request, Phase::LoginSubmit);
}

void HtmlSource::onLoginSubmitted(const net::HttpResponse &response)
{
    if (response.status == 401 || response.status == 403) {
        fail(QStringLiteral("login"),
             {Error::Code::Http,
              tr("the login did not work: %1 (wrong user name or password?)")
                  .arg(httpFailure(response)),
              {}},
             response.status);
        return;
    }
    if (!response.isSuccess()) {
        fail(QStringLiteral("login"),
             {Error::Code::Http, tr("the login did not work: %1").arg(httpFailure(response)), {}},
             response.status);
        return;
    }
    auto document = HtmlDocument::parse(response.body, response.header("Content-Type"));
    if (document && LoginForm::find(*document, m_config.login->formCss)) {
        fail(QStringLiteral("login"),
             {Error::Code::Http,
              tr("the login did not work: the login form came back (wrong user name or "
                 "password?)"),
              {}},
             response.status);
        return;
    }
    m_loggedIn = true;
    qCInfo(lcSourcesHtml) << m_config.id << "logged in";
    // Sites redirect to where the login was asked for, or to a dashboard that is the target:
    // then this answer is the target page already.
    if (pageKey(response.url) == pageKey(m_config.http.url)) {
        onTarget(response);
        return;
    }
    fetch(m_config.http.url, Phase::Target);
}

void HtmlSource::onPage(const net::HttpResponse &response, HtmlDocument document)
{
    ++m_pages;
    // Kept for `reextract`, scrubbed of anything secret the site echoed.
    RawPage page;
    page.url = m_scrubber.scrub(m_base.displayUrl(response.url));
    page.contentType = response.header("Content-Type");
    page.body = m_scrubber.scrub(response.body);
    m_outcome.rawPages.append(page);
    addPage(m_metrics, document, m_pages);

    if (m_config.nextPage && m_pages < m_config.nextPage->maxPages) {
        const auto selector = HtmlSelector::css(m_config.nextPage->css);
        const auto links =
            selector ? selector->select(document) : decltype(selector->select(document))();
        if (selector && links && !links->isEmpty()) {
            xmlChar *href =
                xmlGetProp(links->constFirst(), reinterpret_cast<const xmlChar *>("href"));
            const QString text =
                href ? QString::fromUtf8(reinterpret_cast<const char *>(href)).trimmed()
                     : QString();
            xmlFree(href);
            QUrl next = response.url.resolved(QUrl(text));
            next.setFragment(QString());
            const bool sameOrigin =
                net::HostLimiter::originOf(next) == net::HostLimiter::originOf(response.url);
            if (!text.isEmpty() && next.isValid() && sameOrigin &&
                !m_visited.contains(pageKey(next))) {
                m_visited.insert(pageKey(next));
                fetch(next, Phase::NextPage);
                return;
            }
            if (!text.isEmpty() && !sameOrigin)
                qCInfo(lcSourcesHtml)
                    << m_config.id << "not following a next link to another origin";
        }
    }
    succeed();
}

void HtmlSource::succeed()
{
    // What matched is shown (Test, collect --dry-run): a page that echoes a credential
    // (an account page) must not show it there.
    for (const Metric &metric : std::as_const(m_metrics)) {
        MetricEvidence evidence = metric.evidence;
        for (QString &sample : evidence.samples)
            sample = m_scrubber.scrub(sample);
        if (evidence.text)
            evidence.text = m_scrubber.scrub(*evidence.text);
        m_outcome.evidence.append(evidence);
    }
    finishMetrics(m_metrics, m_scrubber, m_outcome.values, m_outcome.metricErrors);
    saveSessionThenFinish();
}

QList<HtmlSource::Metric> HtmlSource::metricsOf(const workspace::SourceConfig &config)
{
    QList<Metric> metrics;
    for (const workspace::MetricConfig &metricConfig : config.metrics) {
        Metric metric;
        metric.config = metricConfig;
        metric.evidence.key = metricConfig.key;
        metric.evidence.pages = 0;
        auto spec = specOf(metricConfig.html);
        if (spec)
            metric.spec = *spec;
        else
            metric.error = spec.error();
        metrics.append(metric);
    }
    return metrics;
}

void HtmlSource::addPage(QList<Metric> &metrics, const HtmlDocument &document, int page)
{
    for (Metric &metric : metrics) {
        if (metric.error || metric.done)
            continue;
        const auto extracted = extract::HtmlExtractor::extract(document, *metric.spec);
        if (!extracted) {
            Error error = extracted.error();
            if (page > 1)
                error.message = tr("page %1: %2").arg(page).arg(error.message);
            metric.error = error;
            continue;
        }
        metric.value += extracted->value;
        metric.evidence.matches += extracted->matches;
        metric.evidence.pages = page;
        for (const QString &sample : extracted->samples) {
            if (metric.evidence.samples.size() < extract::HtmlExtractor::MaxSamples)
                metric.evidence.samples.append(sample);
        }
        if (extracted->text && !metric.evidence.text)
            metric.evidence.text = extracted->text;
        if (!addsUpAcrossPages(metric.config.html))
            metric.done = true;
    }
}

void HtmlSource::finishMetrics(const QList<Metric> &metrics,
                               const secrets::SecretScrubber &scrubber, QList<MetricValue> &values,
                               QList<MetricFailure> &failures)
{
    for (const Metric &metric : metrics) {
        if (metric.error) {
            Error error = *metric.error;
            const QString selector = metric.config.html.css.isEmpty() ? metric.config.html.xpath
                                                                      : metric.config.html.css;
            error.message = selector + QStringLiteral(": ") + scrubber.scrub(error.message);
            failures.append({metric.config.key, error});
            continue;
        }
        const double value = metric.value * metric.config.scale;
        if (!std::isfinite(value)) {
            failures.append({metric.config.key,
                             {Error::Code::Extract, tr("the value is not a finite number"), {}}});
            continue;
        }
        values.append({metric.config.key, value});
    }
}

Extraction HtmlSource::extract(const workspace::SourceConfig &config, const QList<RawPage> &pages)
{
    Extraction extraction;
    if (pages.isEmpty()) {
        extraction.error = Error{Error::Code::Parse, tr("no page to extract from"), {}};
        return extraction;
    }
    QList<Metric> metrics = metricsOf(config);
    for (qsizetype i = 0; i < pages.size(); ++i) {
        auto document = HtmlDocument::parse(pages.at(i).body, pages.at(i).contentType);
        if (!document) {
            extraction.error = document.error();
            if (i > 0)
                extraction.error->message =
                    tr("page %1: %2").arg(i + 1).arg(extraction.error->message);
            return extraction;
        }
        addPage(metrics, *document, int(i + 1));
    }
    finishMetrics(metrics, secrets::SecretScrubber(), extraction.values, extraction.metricErrors);
    return extraction;
}

void HtmlSource::saveSessionThenFinish()
{
    if (!m_config.login || !m_config.login->keepSession || !m_secretStore) {
        finish();
        return;
    }
    const QByteArray session = m_jar.serialize();
    if (session == m_restoredSession || session.isEmpty()) {
        finish();
        return;
    }
    m_secretStore->write(
        sessionSecretName(m_config.id), secrets::Secret(QString::fromUtf8(session)), this,
        [this](const Result<void> &written) {
            if (!written)
                qCWarning(lcSourcesHtml).noquote()
                    << m_config.id << "the session could not be saved:" << written.error().message;
            finish();
        });
}

} // namespace kpi::sources
