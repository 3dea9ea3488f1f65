// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "sources/HttpJsonSource.h"

#include "net/HttpClient.h"
#include "net/HttpJob.h"
#include "sources/RequestCredentials.h"
#include "util/Logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>

#include <cmath>

namespace kpi::sources {

namespace {

constexpr qsizetype MaxBodyExcerpt = 200;
// Error bodies that matter are short; a long one is read this far for its excerpt.
constexpr qsizetype MaxBodyScanned = 64 * 1024;

// The start of an error body, on one line, for the message: APIs usually say why there
// ("Bad credentials", "rate limit exceeded"). Binary bodies are not shown. Secrets are
// scrubbed before the text is cut, so that a cut cannot leave part of one behind.
QString bodyExcerpt(const QByteArray &body, const secrets::SecretScrubber &scrubber)
{
    QString text = scrubber.scrub(QString::fromUtf8(body.left(MaxBodyScanned))).simplified();
    if (text.size() > MaxBodyExcerpt)
        text = text.left(MaxBodyExcerpt) + QChar(0x2026);
    return text.contains(QChar::ReplacementCharacter) ? QString() : text;
}

// Only asked once the JSON failed to parse: NUL bytes or bytes that are not UTF-8 (a U+FFFD
// the body did not contain itself) make "illegal number at byte 0" a poor explanation.
bool looksBinary(const QByteArray &body)
{
    const QByteArray head = body.left(MaxBodyScanned);
    if (head.contains('\0'))
        return true;
    return QString::fromUtf8(head).contains(QChar::ReplacementCharacter) &&
           !head.contains("\xEF\xBF\xBD");
}

} // namespace

HttpJsonSource::HttpJsonSource(workspace::SourceConfig config, net::HttpClient *client,
                               QObject *parent)
    : Source(parent), m_config(std::move(config)), m_client(client)
{ }

Result<net::HttpRequest> HttpJsonSource::buildRequest(const SecretValues &secrets)
{
    net::HttpRequest request;
    request.method = m_config.http.method;
    request.url = m_config.http.url;
    request.deadline = std::chrono::seconds(m_config.timeoutSeconds);
    request.maxResponseBytes = m_config.maxResponseBytes;
    request.retry.maxAttempts = m_config.attempts;
    // A source only reads: its POSTs are queries (search, GraphQL), safe to send again.
    request.retry.retryNonIdempotent = true;
    request.setHeader("Accept", "application/json");
    if (m_config.http.body) {
        request.body = *m_config.http.body;
        if (!m_config.http.bodyContentType.isEmpty())
            request.setHeader("Content-Type", m_config.http.bodyContentType);
    }
    const auto queryCredential =
        RequestCredentials::apply(m_config.http, secrets, request, m_scrubber);
    if (!queryCredential)
        return queryCredential.forward<net::HttpRequest>();
    if (!queryCredential->isEmpty())
        RequestCredentials::addToQuery(request.url, m_config.http.auth.name, *queryCredential);
    return Result<net::HttpRequest>::ok(request);
}

void HttpJsonSource::start(const SecretValues &secrets)
{
    startClock();
    auto request = buildRequest(secrets);
    if (!request) {
        // Asynchronously, as promised: the caller may still be connecting.
        QMetaObject::invokeMethod(
            this, [this, error = request.error()] { fail(QStringLiteral("secret"), error); },
            Qt::QueuedConnection);
        return;
    }
    qCDebug(lcSourcesHttpJson) << m_config.id << "fetching" << request->displayUrl();
    m_request = *request;
    m_job = m_client->send(*request);
    connect(m_job, &net::HttpJob::finished, this, &HttpJsonSource::onResponse);
}

void HttpJsonSource::abort()
{
    if (m_job)
        m_job->abort(); // reports Canceled through onResponse
    else if (!isFinished())
        fail(QStringLiteral("fetch"), {Error::Code::Canceled, tr("canceled"), {}});
}

void HttpJsonSource::onResponse(const Result<net::HttpResponse> &result)
{
    m_job = nullptr;
    if (!result) {
        fail(QStringLiteral("fetch"), result.error());
        return;
    }
    const net::HttpResponse &response = *result;
    m_outcome.attempts = response.attempts;
    m_outcome.httpStatus = response.status;
    if (!response.isSuccess()) {
        QString message = tr("HTTP %1 %2 from %3")
                              .arg(response.status)
                              .arg(QString::fromLatin1(response.reasonPhrase), response.url.host());
        if (const QString excerpt = bodyExcerpt(response.body, m_scrubber); !excerpt.isEmpty())
            message += QStringLiteral(": ") + excerpt;
        if (response.retryAfter && response.retryAfter->count() > 0)
            message +=
                tr(" (the server asks to wait %1 s)").arg(response.retryAfter->count() / 1000);
        if (response.attempts > 1)
            message += tr(" (after %n attempts)", nullptr, response.attempts);
        fail(QStringLiteral("fetch"), {Error::Code::Http, message, {}}, response.status);
        return;
    }
    extractResponse(response);
}

void HttpJsonSource::extractResponse(const net::HttpResponse &response)
{
    // The body as the server sent it is kept for `reextract`, minus any secret it echoed.
    RawPage page;
    page.url = m_scrubber.scrub(m_request.displayUrl(response.url));
    page.contentType = response.header("Content-Type");
    page.body = m_scrubber.scrub(response.body);
    m_outcome.rawPages.append(page);

    // Extraction runs on the unscrubbed body: a value must not depend on what is secret.
    RawPage original = page;
    original.body = response.body;
    Extraction extraction = extract(m_config, {original});
    if (extraction.error) {
        fail(QStringLiteral("parse"), *extraction.error, response.status);
        return;
    }
    for (auto &failure : extraction.metricErrors)
        failure.error.message = m_scrubber.scrub(failure.error.message);
    m_outcome.values = extraction.values;
    m_outcome.metricErrors = extraction.metricErrors;
    finish();
}

Extraction HttpJsonSource::extract(const workspace::SourceConfig &config,
                                   const QList<RawPage> &pages)
{
    Extraction extraction;
    if (pages.isEmpty()) {
        extraction.error = Error{Error::Code::Parse, tr("no response to extract from"), {}};
        return extraction;
    }
    const RawPage &page = pages.first();
    QByteArray body = page.body;
    // QJsonDocument only takes an object or an array at the top; an API answering a bare
    // number ("42") is wrapped in an array and unwrapped again.
    const QByteArray trimmed = body.trimmed();
    const bool bare = !trimmed.isEmpty() && trimmed.front() != '{' && trimmed.front() != '[';
    if (bare)
        body = '[' + trimmed + ']';

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || trimmed.isEmpty()) {
        const QByteArray &contentType = page.contentType;
        QString message;
        if (trimmed.isEmpty())
            message = tr("the response body is empty, expected JSON");
        else if (trimmed.front() == '<')
            message = tr("the response is HTML or XML, not JSON (a login or error page?)");
        else if (looksBinary(trimmed))
            message = tr("the response is binary data, not JSON (an image or a download?)");
        else
            message = tr("the response is not valid JSON: %1 at byte %2")
                          .arg(parseError.errorString())
                          .arg(std::max(0, parseError.offset - (bare ? 1 : 0)));
        if (!contentType.isEmpty() && !contentType.contains("json"))
            message += tr(" (Content-Type: %1)").arg(QString::fromLatin1(contentType));
        extraction.error = Error{Error::Code::Parse, message, {}};
        return extraction;
    }
    const QJsonValue root = bare                  ? document.array().first()
                            : document.isObject() ? QJsonValue(document.object())
                                                  : QJsonValue(document.array());

    for (const workspace::MetricConfig &metric : std::as_const(config.metrics)) {
        auto number = metric.path.evaluateNumber(root);
        if (number && !std::isfinite(*number * metric.scale))
            number =
                Result<double>::error(Error::Code::Extract, tr("the value is not a finite number"));
        if (!number) {
            Error error = number.error();
            error.message = metric.path.expression() + QStringLiteral(": ") + error.message;
            extraction.metricErrors.append({metric.key, error});
            continue;
        }
        extraction.values.append({metric.key, *number * metric.scale});
    }
    return extraction;
}

} // namespace kpi::sources
