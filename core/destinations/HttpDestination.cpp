// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "destinations/HttpDestination.h"

#include "net/HttpClient.h"
#include "net/HttpJob.h"
#include "util/Logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <QUrl>

#include <cmath>

namespace kpi::destinations {

namespace {

constexpr qsizetype MaxMessageLength = 300;
constexpr qint64 MaxAnswerBytes = 1024 * 1024;

} // namespace

HttpDestination::HttpDestination(workspace::DestinationConfig config, net::HttpClient *client,
                                 QObject *parent)
    : Destination(std::move(config), parent), m_client(client)
{ }

HttpDestination::~HttpDestination()
{
    abort();
}

QString HttpDestination::secretOr(const SecretValues &secrets, const QString &name,
                                  const QString &placeholder)
{
    const auto it = secrets.constFind(name);
    return it == secrets.cend() ? placeholder : it->reveal();
}

QString HttpDestination::secretName(const QString &settingKey) const
{
    return config()
        .settings.value(settingKey)
        .toObject()
        .value(QStringLiteral("secret"))
        .toString();
}

Result<QList<DeliveryRequest>> HttpDestination::preview(const DeliveryItem &item,
                                                        const SecretValues &secrets) const
{
    const auto built = requests(item, secrets);
    if (!built)
        return built.forward<QList<DeliveryRequest>>();
    QList<DeliveryRequest> shown;
    for (qsizetype i = item.partsDone; i < built->size(); ++i) {
        const net::HttpRequest &request = built->at(i);
        DeliveryRequest part{request.method, request.displayUrl(), {}, request.body};
        for (const auto &[name, value] : request.headers)
            part.headers.append(
                {name, request.isCredentialHeader(name) ? QByteArray("<redacted>") : value});
        shown.append(part);
    }
    return Result<QList<DeliveryRequest>>::ok(shown);
}

void HttpDestination::deliver(const DeliveryItem &item, const SecretValues &secrets)
{
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        m_scrubber.add(it->reveal());
        // A webhook's token is its path; an error may quote the path without the host.
        const QUrl url(it->reveal());
        if (url.isValid() && !url.host().isEmpty() && url.path().size() > 1)
            m_scrubber.add(url.path());
    }
    auto built = requests(item, secrets);
    if (!built) {
        const Error error = built.error();
        QMetaObject::invokeMethod(
            this,
            [this, error] {
                finish(DeliveryOutcome::permanent(m_scrubber.scrub(error.toString())));
            },
            Qt::QueuedConnection);
        return;
    }
    m_requests = std::move(*built);
    m_next = item.partsDone;
    for (auto &request : m_requests) {
        // The outbox retries, durably and with its own backoff: one attempt per request.
        request.retry.maxAttempts = 1;
        request.maxResponseBytes = MaxAnswerBytes;
    }
    sendNext();
}

void HttpDestination::sendNext()
{
    if (m_aborted)
        return;
    if (m_next >= m_requests.size()) {
        // Also an item whose every part was confirmed before a crash: nothing is resent.
        QMetaObject::invokeMethod(
            this, [this] { finish(DeliveryOutcome::delivered()); }, Qt::QueuedConnection);
        return;
    }
    qCDebug(lcDestinations).noquote()
        << id() << "sending part" << m_next + 1 << "of" << m_requests.size() << "to"
        << m_requests.at(m_next).displayUrl();
    m_job = m_client->send(m_requests.at(m_next));
    connect(m_job, &net::HttpJob::finished, this, &HttpDestination::onFinished);
}

void HttpDestination::onFinished(const Result<net::HttpResponse> &result)
{
    m_job = nullptr;
    if (m_aborted)
        return;
    if (!result) {
        if (result.error().code == Error::Code::Canceled)
            return;
        // No answer (refused, timed out, cut short): the service may not have acted.
        finish(DeliveryOutcome::retry(m_scrubber.scrub(result.error().message)));
        return;
    }
    DeliveryOutcome outcome = outcomeOf(*result);
    if (outcome.kind != DeliveryOutcome::Kind::Delivered) {
        if (m_requests.size() > 1)
            outcome.message =
                tr("part %1 of %2: %3").arg(m_next + 1).arg(m_requests.size()).arg(outcome.message);
        finish(outcome);
        return;
    }
    ++m_next;
    Q_EMIT partDelivered(int(m_next));
    sendNext(); // the slot above may have aborted us: sendNext() checks
}

void HttpDestination::finish(DeliveryOutcome outcome)
{
    if (m_finished || m_aborted)
        return;
    m_finished = true;
    outcome.message = m_scrubber.scrub(outcome.message);
    Q_EMIT finished(outcome);
}

void HttpDestination::abort()
{
    m_aborted = true;
    if (m_job)
        m_job->abort();
}

DeliveryOutcome HttpDestination::outcomeOf(const net::HttpResponse &response) const
{
    return standardOutcome(response, serviceMessage(response));
}

QString HttpDestination::serviceMessage(const net::HttpResponse &response) const
{
    return standardServiceMessage(response);
}

DeliveryOutcome HttpDestination::standardOutcome(const net::HttpResponse &response,
                                                 const QString &serviceMessage)
{
    const int status = response.status;
    if (response.isSuccess())
        return DeliveryOutcome::delivered();
    QString message = tr("HTTP %1").arg(status);
    if (!serviceMessage.isEmpty())
        message += QStringLiteral(": ") + serviceMessage;
    if (status == 429)
        return DeliveryOutcome::retry(message, status, retryAfterOf(response));
    if (status == 408 || status >= 500)
        return DeliveryOutcome::retry(message, status, retryAfterOf(response));
    // 4xx (and a stray 1xx or 3xx): the service understood and refused; the same request
    // would be refused again.
    return DeliveryOutcome::permanent(message, status);
}

QString HttpDestination::standardServiceMessage(const net::HttpResponse &response)
{
    const QJsonDocument json = QJsonDocument::fromJson(response.body);
    QString message;
    if (json.isObject()) {
        const QJsonObject object = json.object();
        for (const char *key : {"message", "error_description", "error"}) {
            const QJsonValue value = object.value(QLatin1String(key));
            if (value.isString() && !value.toString().isEmpty()) {
                message = value.toString();
                break;
            }
        }
        const QString code = object.value(QLatin1String("code")).isString()
                                 ? object.value(QLatin1String("code")).toString()
                                 : QString();
        if (!code.isEmpty() && !message.isEmpty() && code != message)
            message = message + QStringLiteral(" (") + code + QLatin1Char(')');
    }
    if (message.isEmpty())
        message = QString::fromUtf8(response.body).simplified();
    if (message.size() > MaxMessageLength)
        message = message.left(MaxMessageLength) + QChar(0x2026);
    return message;
}

std::optional<std::chrono::milliseconds>
HttpDestination::retryAfterOf(const net::HttpResponse &response)
{
    if (response.retryAfter)
        return response.retryAfter;
    // Discord puts the wait in the body too, in seconds with a fraction.
    const QJsonValue body =
        QJsonDocument::fromJson(response.body).object().value(QLatin1String("retry_after"));
    if (body.isDouble() && std::isfinite(body.toDouble()) && body.toDouble() >= 0) {
        const double ms =
            std::min(body.toDouble() * 1000.0, double(net::MaxRetryAfterValue.count()));
        return std::chrono::milliseconds(qint64(std::ceil(ms)));
    }
    return std::nullopt;
}

} // namespace kpi::destinations
