// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QUrl>

#include <functional>
#include <utility>

class QTcpSocket;

namespace kpi::test {

using Headers = QList<std::pair<QByteArray, QByteArray>>;

struct RecordedRequest
{
    QByteArray method;
    QByteArray target; // path and query, as sent
    Headers headers;
    QByteArray body;
    qint64 receivedAtMs = 0; // since the server started

    QByteArray path() const
    {
        return target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?'));
    }
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
};

// What the fake answers, and how badly it behaves while doing so.
struct FakeResponse
{
    int status = 200;
    Headers headers;
    QByteArray body;
    int delayMs = 0;           // before the status line
    int trickleIntervalMs = 0; // send the body one byte per interval
    bool endless = false;      // a body that never ends (no Content-Length)
    bool closeWithoutResponse = false;
    bool omitContentLength = false; // framing by closing the connection
    // Hang up once the body is written, without announcing it: with a Content-Length header
    // larger than the body, a response cut short.
    bool closeAfterBody = false;

    static FakeResponse json(const QByteArray &body, int status = 200);
    static FakeResponse text(const QByteArray &body, int status = 200);
    static FakeResponse redirect(int status, const QByteArray &location);
};

// A scriptable HTTP/1.1 server on loopback for the network tests: every hostile behaviour
// the fetcher must survive (a late answer, a trickle, an endless body, a connection closed
// mid-way) on demand, and every request recorded for strict checks.
//
// Written on QTcpServer rather than QHttpServer because QHttpServer 6.4 crashes when a
// deferred responder writes after the client has hung up (measured: SIGSEGV), which is
// exactly what the timeout tests make happen. Service fakes with immediate answers use
// QHttpServer.
class FakeHttpServer : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<FakeResponse(const RecordedRequest &)>;

    explicit FakeHttpServer(const QHostAddress &address = QHostAddress::LocalHost,
                            QObject *parent = nullptr);
    ~FakeHttpServer() override;

    quint16 port() const { return m_server.serverPort(); }
    QUrl url(const QString &pathAndQuery = QStringLiteral("/")) const;

    // Exact path match, any method; unrouted paths go to the route "*" if there is one,
    // else answer 404.
    void route(const QByteArray &path, Handler handler);

    const QList<RecordedRequest> &requests() const { return m_requests; }
    int requestCount(const QByteArray &path) const;
    // The most requests that were being answered at the same time.
    int maxConcurrent() const { return m_maxConcurrent; }
    int openConnections() const;

private:
    struct Connection
    {
        QPointer<QTcpSocket> socket;
        QByteArray buffer;
        bool busy = false; // answering; pipelined requests wait
    };

    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const FakeResponse &response);
    void writeBody(QPointer<QTcpSocket> socket, const FakeResponse &response);
    void trickle(QPointer<QTcpSocket> socket, QByteArray remaining, int intervalMs, bool close);
    void pump(QPointer<QTcpSocket> socket);
    void doneResponding(QTcpSocket *socket, bool close);

    QTcpServer m_server;
    QHash<QByteArray, Handler> m_routes;
    QHash<QTcpSocket *, Connection> m_connections;
    QList<RecordedRequest> m_requests;
    QElapsedTimer m_clock;
    int m_inFlight = 0;
    int m_maxConcurrent = 0;
};

} // namespace kpi::test
