// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "destinations/notion/NotionClient.h"

#include "net/HttpClient.h"
#include "net/HttpJob.h"
#include "util/Logging.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QMutex>
#include <QTimer>

namespace kpi::destinations::notion {

namespace {

constexpr qsizetype MaxMessageLength = 300;

// The process-wide schedule per token: when the next request may go out.
class Throttle
{
public:
    static Throttle &instance()
    {
        static Throttle throttle;
        return throttle;
    }

    // Zero when a request may go now (and the next one then waits MinInterval), else how
    // long to wait before asking again. Decided when sending, not when queueing, so a
    // timer that fires late never lets two requests out closer together than the interval.
    qint64 tryTake(const QByteArray &key)
    {
        QMutexLocker lock(&m_mutex);
        const qint64 now = m_clock.elapsed();
        const qint64 next = m_next.value(key, 0);
        if (now < next)
            return next - now;
        m_next.insert(key, now + NotionClient::MinInterval.count());
        return 0;
    }

    void holdOff(const QByteArray &key, std::chrono::milliseconds wait)
    {
        QMutexLocker lock(&m_mutex);
        const qint64 until = m_clock.elapsed() + wait.count();
        m_next.insert(key, std::max(m_next.value(key, 0), until));
    }

private:
    Throttle() { m_clock.start(); }

    QMutex m_mutex;
    QElapsedTimer m_clock;
    QHash<QByteArray, qint64> m_next;
};

} // namespace

struct NotionClient::Pending
{
    net::HttpRequest request;
    Callback done;
    QPointer<net::HttpJob> job;
};

NotionClient::NotionClient(net::HttpClient *http, QUrl baseUrl, QString token, QObject *parent)
    : QObject(parent), m_http(http), m_baseUrl(std::move(baseUrl)), m_token(std::move(token))
{
    if (!m_baseUrl.isValid() || m_baseUrl.isEmpty())
        m_baseUrl = QUrl(QLatin1String(DefaultBaseUrl));
    // Keyed by a hash: the token itself stays out of a long-lived table.
    m_throttleKey = QCryptographicHash::hash(
        QByteArray(m_baseUrl.toString(QUrl::RemovePath).toUtf8() + '\n' + m_token.toUtf8()),
        QCryptographicHash::Sha256);
    m_retry.maxAttempts = 1;
}

NotionClient::~NotionClient()
{
    abort();
}

net::HttpRequest NotionClient::request(const QByteArray &method, const QString &path,
                                       const std::optional<QJsonObject> &body) const
{
    net::HttpRequest request;
    request.method = method;
    QUrl url = m_baseUrl;
    QString base = url.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path);
    request.url = url;
    request.setHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setHeader("Notion-Version", Version);
    request.setHeader("Accept", "application/json");
    if (body) {
        request.setHeader("Content-Type", "application/json");
        request.body = QJsonDocument(*body).toJson(QJsonDocument::Compact);
    }
    request.retry = m_retry;
    return request;
}

void NotionClient::send(const QByteArray &method, const QString &path,
                        const std::optional<QJsonObject> &body, Callback done)
{
    auto pending = std::make_shared<Pending>();
    pending->request = request(method, path, body);
    pending->done = std::move(done);
    m_pending.append(pending);
    QTimer::singleShot(0, this, [this, pending] { fire(pending); });
}

void NotionClient::fire(const std::shared_ptr<Pending> &pending)
{
    if (m_aborted)
        return;
    if (const qint64 wait = Throttle::instance().tryTake(m_throttleKey); wait > 0) {
        QTimer::singleShot(std::chrono::milliseconds(wait), this,
                           [this, pending] { fire(pending); });
        return;
    }
    qCDebug(lcDestinations).noquote()
        << "notion:" << pending->request.method << pending->request.displayUrl();
    pending->job = m_http->send(pending->request);
    connect(
        pending->job, &net::HttpJob::finished, this,
        [this, pending](const Result<net::HttpResponse> &result) { onAnswer(pending, result); });
}

void NotionClient::onAnswer(const std::shared_ptr<Pending> &pending,
                            const Result<net::HttpResponse> &result)
{
    m_pending.removeOne(pending);
    if (m_aborted)
        return;
    if (result && result->status == 429) {
        // Everyone on this token waits as Notion asked (a second when it did not say).
        Throttle::instance().holdOff(m_throttleKey,
                                     result->retryAfter.value_or(std::chrono::seconds(1)));
    }
    const Callback done = pending->done;
    done(result);
}

void NotionClient::abort()
{
    m_aborted = true;
    const auto pending = m_pending;
    m_pending.clear();
    for (const auto &one : pending) {
        if (one->job)
            one->job->abort();
    }
}

QJsonObject NotionClient::json(const net::HttpResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

QString NotionClient::errorMessage(const net::HttpResponse &response)
{
    const QJsonObject error = json(response);
    QString message = error.value(QLatin1String("message")).toString();
    const QString code = error.value(QLatin1String("code")).toString();
    if (message.isEmpty())
        message = QString::fromUtf8(response.body).simplified();
    if (!code.isEmpty())
        message += QStringLiteral(" (") + code + QLatin1Char(')');
    if (message.size() > MaxMessageLength)
        message = message.left(MaxMessageLength) + QChar(0x2026);
    return message;
}

} // namespace kpi::destinations::notion
