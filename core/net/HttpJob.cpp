// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "net/HttpJob.h"

#include "net/HttpClient.h"
#include "util/Logging.h"

#include <QLocale>
#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QNetworkCookie>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QSslError>
#include <QTimerEvent>

#include <algorithm>
#include <limits>
#include <string_view>

namespace kpi::net {

namespace {

bool isRetryableNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownNetworkError:
        return true;
    default:
        return false;
    }
}

// The exchange broke off below HTTP, whether or not a status line had arrived first: a
// connection closed before Content-Length was reached still leaves the status attribute set.
bool isTransportError(QNetworkReply::NetworkError error)
{
    if (error == QNetworkReply::NoError || error == QNetworkReply::ProxyAuthenticationRequiredError)
        return false; // the latter is a complete 407 answer
    return error < QNetworkReply::ContentAccessDenied || error == QNetworkReply::ProtocolFailure;
}

// RFC 9110 §5.1 token characters.
bool isValidHeaderName(const QByteArray &name)
{
    static constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
    return !name.isEmpty() && std::all_of(name.cbegin(), name.cend(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               extra.find(c) != std::string_view::npos;
    });
}

// RFC 9110 §5.5: no control characters but horizontal tab. A CR or LF would end the header
// early and let the rest of the value (a secret read from a file with its newline, say)
// smuggle in headers of its own.
bool isValidHeaderValue(const QByteArray &value)
{
    return std::none_of(value.cbegin(), value.cend(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return (byte < 0x20 && byte != '\t') || byte == 0x7f;
    });
}

// Timers take an int of milliseconds: keep any duration in [0, INT_MAX] so an absurd value
// never turns into a negative interval, which QObject::startTimer refuses (and the job hangs).
int timerInterval(std::chrono::milliseconds duration)
{
    return int(std::clamp<qint64>(duration.count(), 0, std::numeric_limits<int>::max()));
}

QString formatBytes(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString formatSeconds(std::chrono::milliseconds duration)
{
    return QLocale::c().toString(double(duration.count()) / 1000.0, 'g', 4);
}

} // namespace

HttpJob::HttpJob(HttpClient *client, HttpRequest request)
    : m_client(client), m_request(std::move(request))
{ }

void HttpJob::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_deadline.timerId()) {
        m_deadline.stop();
        abortReply({Error::Code::Timeout,
                    tr("no complete response from %1 within %2 s")
                        .arg(m_request.displayUrl(m_currentUrl), formatSeconds(m_request.deadline)),
                    {}});
    } else if (event->timerId() == m_retryTimer.timerId()) {
        m_retryTimer.stop();
        startAttempt();
    } else {
        QObject::timerEvent(event);
    }
}

HttpJob::~HttpJob()
{
    dropReply();
    if (m_ticket)
        m_client->m_limiter.release(*m_ticket);
}

void HttpJob::abort()
{
    const Error canceled{Error::Code::Canceled, tr("canceled"), {}};
    if (m_reply)
        abortReply(canceled);
    else
        finish(Result<HttpResponse>::error(canceled));
}

void HttpJob::start()
{
    if (m_finished)
        return;
    if (!m_request.url.isValid() || (m_request.url.scheme() != QLatin1String("http") &&
                                     m_request.url.scheme() != QLatin1String("https"))) {
        finish(Result<HttpResponse>::error(
            Error::Code::InvalidInput,
            tr("not an http or https URL: %1").arg(m_request.displayUrl())));
        return;
    }
    if (auto checked = checkHeaders(); !checked) {
        finish(checked.forward<HttpResponse>());
        return;
    }
    startAttempt();
}

void HttpJob::startAttempt()
{
    ++m_attempt;
    const auto grant = m_client->m_limiter.acquire(HostLimiter::originOf(m_request.url),
                                                   [this] { beginAttempt(); });
    m_ticket = grant.ticket;
    if (grant.immediate)
        beginAttempt();
}

void HttpJob::beginAttempt()
{
    // The deadline covers the whole attempt, redirects included, but not the time spent
    // waiting for a free slot: that is politeness, not the server being slow.
    if (m_finished)
        return;
    m_deadline.start(timerInterval(m_request.deadline), Qt::CoarseTimer, this);
    m_redirects = 0;
    m_credentialsDropped = false;
    sendHop(m_request.url, m_request.method, m_request.body);
}

void HttpJob::sendHop(const QUrl &url, const QByteArray &method, const QByteArray &body)
{
    m_currentUrl = url;
    m_currentMethod = method;
    m_currentBody = body;
    m_body.clear();

    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    // Cookies belong to one source, never to the shared QNetworkAccessManager's jar.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setHeader(QNetworkRequest::UserAgentHeader, HttpClient::userAgent());
    for (const auto &[name, value] : std::as_const(m_request.headers)) {
        if (m_credentialsDropped && m_request.isCredentialHeader(name))
            continue;
        if (method == "GET" && name.compare("Content-Type", Qt::CaseInsensitive) == 0 &&
            body.isEmpty())
            continue; // a 303 turned a POST into a GET: its body type no longer applies
        request.setRawHeader(name, value);
    }
    if (m_request.cookieJar) {
        // Per hop: a redirect to another path or host gets the cookies that belong there.
        if (const QByteArray cookies = m_request.cookieJar->cookieHeader(url); !cookies.isEmpty()) {
            const QByteArray given = request.rawHeader("Cookie");
            request.setRawHeader("Cookie", given.isEmpty() ? cookies : given + "; " + cookies);
        }
    }

    qCDebug(lcNet) << "request" << method << m_request.displayUrl(url) << "attempt" << m_attempt;
    if (method == "GET" && body.isEmpty())
        m_reply = m_client->m_network->get(request);
    else
        m_reply = m_client->m_network->sendCustomRequest(request, method, body);

    connect(m_reply, &QNetworkReply::metaDataChanged, this, &HttpJob::onMetaDataChanged);
    connect(m_reply, &QNetworkReply::readyRead, this, &HttpJob::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &HttpJob::onReplyFinished);
}

void HttpJob::onMetaDataChanged()
{
    if (!m_reply)
        return;
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && length.toLongLong() > m_request.maxResponseBytes) {
        abortReply({Error::Code::TooLarge,
                    tr("response from %1 is %2, over the %3 limit")
                        .arg(m_request.displayUrl(m_currentUrl), formatBytes(length.toLongLong()),
                             formatBytes(m_request.maxResponseBytes)),
                    {}});
    }
}

void HttpJob::onReadyRead()
{
    if (!m_reply)
        return;
    m_body += m_reply->readAll();
    if (m_body.size() > m_request.maxResponseBytes) {
        m_body.clear(); // the point of the cap is bounded memory: let go at once
        abortReply(
            {Error::Code::TooLarge,
             tr("response from %1 exceeded the %2 limit")
                 .arg(m_request.displayUrl(m_currentUrl), formatBytes(m_request.maxResponseBytes)),
             {}});
    }
}

void HttpJob::onReplyFinished()
{
    if (!m_reply || m_finished)
        return;

    if (m_abortError) {
        const Error error = *m_abortError;
        m_abortError.reset();
        finish(Result<HttpResponse>::error(error));
        return;
    }

    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const auto replyError = m_reply->error();
    if (status == 0 || isTransportError(replyError)) {
        Error error = networkError(replyError);
        // A refused connection never carried the request; any later loss may have come after
        // the server acted on it.
        const bool notSent = replyError == QNetworkReply::ConnectionRefusedError;
        if (isRetryableNetworkError(replyError) && mayRepeat(notSent) &&
            m_attempt < m_request.retry.maxAttempts) {
            retryLater(m_request.retry.backoffDelay(m_attempt,
                                                    QRandomGenerator::global()->generateDouble()),
                       error.message);
            return;
        }
        if (m_attempt > 1)
            error.message += tr(" (after %n attempts)", nullptr, m_attempt);
        finish(Result<HttpResponse>::error(error));
        return;
    }

    if (m_request.cookieJar) {
        // Every hop's cookies count: a login answers its POST with a session cookie and a
        // redirect, and the redirect's target expects the cookie.
        const auto cookies =
            m_reply->header(QNetworkRequest::SetCookieHeader).value<QList<QNetworkCookie>>();
        if (!cookies.isEmpty())
            m_request.cookieJar->store(cookies, m_currentUrl);
    }

    m_body += m_reply->readAll();
    if (m_body.size() > m_request.maxResponseBytes) {
        finish(Result<HttpResponse>::error(
            Error::Code::TooLarge,
            tr("response from %1 exceeded the %2 limit")
                .arg(m_request.displayUrl(m_currentUrl), formatBytes(m_request.maxResponseBytes))));
        return;
    }

    const QByteArray location = m_reply->rawHeader("Location");
    if ((status == 301 || status == 302 || status == 303 || status == 307 || status == 308) &&
        !location.isEmpty()) {
        followRedirect(status, location);
        return;
    }

    HttpResponse response;
    response.status = status;
    response.reasonPhrase =
        m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    for (const auto &pair : m_reply->rawHeaderPairs())
        response.headers.append({pair.first, pair.second});
    response.body = std::move(m_body);
    response.url = m_currentUrl;
    response.attempts = m_attempt;
    response.redirects = m_redirects;
    response.retryAfter = RetryPolicy::parseRetryAfter(response.header("Retry-After"),
                                                       QDateTime::currentDateTimeUtc());

    if (RetryPolicy::isRetryableStatus(status) &&
        mayRepeat(RetryPolicy::isNotProcessedStatus(status)) &&
        m_attempt < m_request.retry.maxAttempts) {
        const auto delay = response.retryAfter.value_or(
            m_request.retry.backoffDelay(m_attempt, QRandomGenerator::global()->generateDouble()));
        // A server asking for a long pause gets its answer passed on instead: the caller
        // (a source, the outbox) decides, rather than a run hanging for an hour.
        if (delay <= m_request.retry.maxRetryAfter) {
            retryLater(delay, tr("HTTP %1 from %2").arg(status).arg(hostOf(m_currentUrl)));
            return;
        }
    }
    finish(Result<HttpResponse>::ok(std::move(response)));
}

void HttpJob::followRedirect(int status, const QByteArray &location)
{
    const QUrl target = m_currentUrl.resolved(QUrl::fromEncoded(location));
    const auto fail = [this](const QString &message) {
        finish(Result<HttpResponse>::error(Error::Code::Network, message));
    };
    if (++m_redirects > m_request.maxRedirects) {
        fail(tr("more than %1 redirects, starting at %2")
                 .arg(m_request.maxRedirects)
                 .arg(m_request.displayUrl()));
        return;
    }
    if (!target.isValid() ||
        (target.scheme() != QLatin1String("http") && target.scheme() != QLatin1String("https"))) {
        fail(tr("refusing to follow a redirect from %1 to %2: only http and https are allowed")
                 .arg(m_request.displayUrl(m_currentUrl), target.scheme()));
        return;
    }
    if (m_currentUrl.scheme() == QLatin1String("https") &&
        target.scheme() == QLatin1String("http")) {
        fail(tr("refusing to follow a redirect from HTTPS to plain HTTP (%1 to %2)")
                 .arg(m_request.displayUrl(m_currentUrl), m_request.displayUrl(target)));
        return;
    }
    if (HostLimiter::originOf(target) != HostLimiter::originOf(m_request.url))
        m_credentialsDropped = true;

    // RFC 9110 §15.4: 303 always becomes GET; 301 and 302 turn a POST into a GET as every
    // browser does; 307 and 308 repeat the method and body of the hop they answer, which
    // after a 303 is a GET without one.
    QByteArray method = m_currentMethod;
    QByteArray body = m_currentBody;
    if ((status == 303 && method != "HEAD") ||
        ((status == 301 || status == 302) && method == "POST")) {
        method = "GET";
        body.clear();
    }
    qCDebug(lcNet) << "redirect" << status << "to" << m_request.displayUrl(target);
    dropReply();
    sendHop(target, method, body);
}

void HttpJob::retryLater(std::chrono::milliseconds delay, const QString &reason)
{
    endAttempt();
    const int delayMs = timerInterval(delay);
    qCInfo(lcNet).noquote() << "retrying" << m_request.displayUrl() << "in" << delayMs
                            << "ms:" << reason;
    Q_EMIT retryScheduled(m_attempt + 1, delayMs, reason);
    // Precise: a coarse timer may fire 5 % early, and Retry-After is a promise we keep.
    m_retryTimer.start(delayMs, Qt::PreciseTimer, this);
}

void HttpJob::abortReply(const Error &error)
{
    if (!m_reply || m_finished)
        return;
    m_abortError = error;
    m_reply->abort();  // emits finished(), which reports m_abortError
    if (!m_finished) { // finished() had already been delivered before the abort
        m_abortError.reset();
        finish(Result<HttpResponse>::error(error));
    }
}

void HttpJob::endAttempt()
{
    m_deadline.stop();
    dropReply();
    if (m_ticket) {
        const auto ticket = *m_ticket;
        m_ticket.reset();
        m_client->m_limiter.release(ticket);
    }
}

void HttpJob::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    if (reply->isRunning())
        reply->abort();
    reply->deleteLater();
}

void HttpJob::finish(const Result<HttpResponse> &result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_retryTimer.stop();
    endAttempt();
    if (!result)
        qCInfo(lcNet).noquote() << "failed:" << result.error().message;
    Q_EMIT finished(result);
    deleteLater();
}

Error HttpJob::networkError(int replyError) const
{
    const QString host = hostOf(m_currentUrl);
    const auto code = QNetworkReply::NetworkError(replyError);
    switch (code) {
    case QNetworkReply::ConnectionRefusedError:
        return {Error::Code::Network, tr("connection refused by %1").arg(host), {}};
    case QNetworkReply::HostNotFoundError:
        return {Error::Code::Network, tr("host not found: %1").arg(m_currentUrl.host()), {}};
    case QNetworkReply::RemoteHostClosedError:
        return {Error::Code::Network,
                tr("%1 closed the connection before the response was complete").arg(host),
                {}};
    case QNetworkReply::TimeoutError:
        return {Error::Code::Timeout, tr("connection to %1 timed out").arg(host), {}};
    case QNetworkReply::SslHandshakeFailedError:
        // errorString() names the certificate problem and never the URL's query.
        return {Error::Code::Network,
                tr("TLS handshake with %1 failed: %2").arg(host, m_reply->errorString()),
                {}};
    default:
        // errorString() can contain the full URL, secret query values included: never use it.
        return {Error::Code::Network,
                tr("network error talking to %1 (%2)")
                    .arg(host,
                         QString::fromLatin1(
                             QMetaEnum::fromType<QNetworkReply::NetworkError>().valueToKey(code))),
                {}};
    }
}

QString HttpJob::hostOf(const QUrl &url) const
{
    // An IPv6 address keeps its brackets, or its port would read as part of it.
    const QString host = url.host().contains(QLatin1Char(':'))
                             ? QLatin1Char('[') + url.host() + QLatin1Char(']')
                             : url.host();
    return url.port() > 0 ? host + QLatin1Char(':') + QString::number(url.port()) : host;
}

bool HttpJob::mayRepeat(bool notProcessed) const
{
    if (RetryPolicy::isIdempotent(m_request.method) || m_request.retry.retryNonIdempotent)
        return true;
    // A retry starts over with the original request. Once a 303 (or a 301/302 turning a POST
    // into a GET) has answered it, the server has acted on it, whatever the later hop says.
    return notProcessed && m_currentMethod == m_request.method;
}

Result<void> HttpJob::checkHeaders() const
{
    // Checked before anything is sent; messages name the header but never show its value,
    // which may be a secret.
    for (const auto &[name, value] : m_request.headers) {
        if (!isValidHeaderName(name))
            return Result<void>::error(Error::Code::InvalidInput,
                                       tr("the header name \"%1\" is not valid in HTTP")
                                           .arg(QString::fromLatin1(name.toPercentEncoding())));
        if (!isValidHeaderValue(value))
            return Result<void>::error(
                Error::Code::InvalidInput,
                tr("the value of header %1 contains a line break or another control character")
                    .arg(QString::fromLatin1(name)));
    }
    return Result<void>::ok();
}

} // namespace kpi::net
