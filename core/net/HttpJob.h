// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "net/HostLimiter.h"
#include "net/HttpResponse.h"
#include "util/Result.h"

#include <QBasicTimer>
#include <QObject>
#include <QPointer>

#include <optional>

class QNetworkReply;

namespace kpi::net {

class HttpClient;

// One HTTP exchange, from the first attempt to the last retry (Nextcloud's one-job-per-
// request). Created by HttpClient::send(), it starts on the next turn of the event loop,
// emits finished() exactly once and then deletes itself.
//
// It follows redirects itself rather than letting QNetworkAccessManager do it, so that
// credentials are dropped on a redirect to another origin (Qt would resend them) and an
// HTTPS-to-HTTP downgrade is refused.
class HttpJob : public QObject
{
    Q_OBJECT

public:
    ~HttpJob() override;

    const HttpRequest &request() const { return m_request; }

    // Stops the exchange; finished() reports Error::Code::Canceled unless it already ran.
    void abort();

Q_SIGNALS:
    // Ok for every completed exchange, whatever the HTTP status; an error for transport
    // failures: timeout, size cap, connection, TLS, redirects.
    void finished(const kpi::Result<kpi::net::HttpResponse> &result);
    // Before waiting to try again; `delayMs` is exactly what Retry-After asked for, if it did.
    void retryScheduled(int nextAttempt, qint64 delayMs, const QString &reason);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    friend class HttpClient;
    HttpJob(HttpClient *client, HttpRequest request);

    void start();
    void startAttempt();
    void beginAttempt();
    void sendHop(const QUrl &url, const QByteArray &method, const QByteArray &body);
    void onMetaDataChanged();
    void onReadyRead();
    void onReplyFinished();
    void followRedirect(int status, const QByteArray &location);
    void retryLater(std::chrono::milliseconds delay, const QString &reason);
    void abortReply(const Error &error);
    void endAttempt();
    void dropReply();
    void finish(const Result<HttpResponse> &result);
    Error networkError(int replyError) const;
    QString hostOf(const QUrl &url) const;
    bool mayRepeat(bool notProcessed) const;
    Result<void> checkHeaders() const;

    HttpClient *m_client;
    HttpRequest m_request;
    QPointer<QNetworkReply> m_reply;
    // QBasicTimer, not QTimer: a run makes hundreds of jobs, and two QObjects with their
    // connections each showed in the profile.
    QBasicTimer m_deadline;
    QBasicTimer m_retryTimer;
    std::optional<HostLimiter::Ticket> m_ticket;
    std::optional<Error> m_abortError; // why we aborted the reply in flight
    QByteArray m_body;                 // of the response
    QUrl m_currentUrl;
    QByteArray m_currentMethod;
    QByteArray m_currentBody; // sent on this hop: what a 307 or 308 sends again
    bool m_credentialsDropped = false;
    bool m_finished = false;
    int m_attempt = 0;
    int m_redirects = 0;
};

} // namespace kpi::net
