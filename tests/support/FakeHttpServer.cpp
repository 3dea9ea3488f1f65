// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeHttpServer.h"

#include <QTcpSocket>
#include <QTimer>

#include <utility>

namespace kpi::test {

namespace {

QByteArray reasonFor(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

constexpr int EndlessChunk = 64 * 1024;

} // namespace

QByteArray RecordedRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool RecordedRequest::hasHeader(const QByteArray &name) const
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

FakeResponse FakeResponse::json(const QByteArray &body, int status)
{
    FakeResponse response;
    response.status = status;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = body;
    return response;
}

FakeResponse FakeResponse::text(const QByteArray &body, int status)
{
    FakeResponse response;
    response.status = status;
    response.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
    response.body = body;
    return response;
}

FakeResponse FakeResponse::redirect(int status, const QByteArray &location)
{
    FakeResponse response;
    response.status = status;
    response.headers = {{"Location", location}};
    return response;
}

FakeHttpServer::FakeHttpServer(const QHostAddress &address, QObject *parent) : QObject(parent)
{
    m_clock.start();
    connect(&m_server, &QTcpServer::newConnection, this, &FakeHttpServer::onNewConnection);
    m_server.setMaxPendingConnections(1000);
    if (!m_server.listen(address, 0))
        qWarning("FakeHttpServer: cannot listen on %s", qPrintable(address.toString()));
}

FakeHttpServer::~FakeHttpServer()
{
    // abort() emits disconnected() at once, whose handler edits m_connections: let go of
    // the sockets before closing them.
    const auto connections = std::exchange(m_connections, {});
    for (const auto &connection : connections) {
        if (connection.socket) {
            connection.socket->disconnect(this);
            connection.socket->abort();
        }
    }
}

QUrl FakeHttpServer::url(const QString &pathAndQuery) const
{
    return QUrl(QStringLiteral("http://%1:%2%3")
                    .arg(m_server.serverAddress().toString())
                    .arg(port())
                    .arg(pathAndQuery));
}

void FakeHttpServer::route(const QByteArray &path, Handler handler)
{
    m_routes.insert(path, std::move(handler));
}

int FakeHttpServer::requestCount(const QByteArray &path) const
{
    int count = 0;
    for (const auto &request : m_requests)
        count += request.path() == path ? 1 : 0;
    return count;
}

int FakeHttpServer::openConnections() const
{
    int open = 0;
    for (const auto &connection : m_connections)
        open += connection.socket && connection.socket->state() == QAbstractSocket::ConnectedState;
    return open;
}

void FakeHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        m_connections.insert(socket, Connection{socket, {}, false});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            if (m_connections.value(socket).busy)
                --m_inFlight;
            m_connections.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeHttpServer::onReadyRead(QTcpSocket *socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    it->buffer += socket->readAll();
    if (it->busy)
        return;

    const qsizetype headerEnd = it->buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    const QList<QByteArray> lines = it->buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    RecordedRequest request;
    request.method = requestLine.value(0);
    request.target = requestLine.value(1);
    qint64 contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        request.headers.append({name, value});
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            contentLength = value.toLongLong();
    }
    if (it->buffer.size() < headerEnd + 4 + contentLength)
        return; // the body is still on its way
    request.body = it->buffer.mid(headerEnd + 4, contentLength);
    it->buffer.remove(0, headerEnd + 4 + contentLength);
    request.receivedAtMs = m_clock.elapsed();
    m_requests.append(request);

    it->busy = true;
    m_maxConcurrent = std::max(m_maxConcurrent, ++m_inFlight);

    auto route = m_routes.constFind(request.path());
    if (route == m_routes.cend())
        route = m_routes.constFind("*");
    const FakeResponse response = route != m_routes.cend()
                                      ? (*route)(request)
                                      : FakeResponse::text("no route for " + request.path(), 404);

    QPointer<QTcpSocket> guard(socket);
    if (response.delayMs > 0) {
        QTimer::singleShot(response.delayMs, this, [this, guard, response] {
            if (guard)
                respond(guard, response);
        });
    } else {
        respond(socket, response);
    }
}

void FakeHttpServer::respond(QTcpSocket *socket, const FakeResponse &response)
{
    if (response.closeWithoutResponse) {
        doneResponding(socket, true);
        return;
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                      reasonFor(response.status) + "\r\n";
    bool hasLength = false;
    for (const auto &[name, value] : response.headers) {
        head += name + ": " + value + "\r\n";
        hasLength |= name.compare("Content-Length", Qt::CaseInsensitive) == 0;
    }
    const bool closeAfter = response.endless || response.omitContentLength;
    if (!hasLength && !closeAfter)
        head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    if (closeAfter)
        head += "Connection: close\r\n";
    head += "\r\n";
    socket->write(head);
    writeBody(socket, response);
}

void FakeHttpServer::writeBody(QPointer<QTcpSocket> socket, const FakeResponse &response)
{
    const bool close = response.endless || response.omitContentLength || response.closeAfterBody;
    if (response.endless) {
        connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] { pump(socket); });
        pump(socket);
    } else if (response.trickleIntervalMs > 0) {
        trickle(socket, response.body, response.trickleIntervalMs, close);
    } else {
        socket->write(response.body);
        doneResponding(socket, close);
    }
}

void FakeHttpServer::trickle(QPointer<QTcpSocket> socket, QByteArray remaining, int intervalMs,
                             bool close)
{
    if (!socket)
        return;
    if (remaining.isEmpty()) {
        doneResponding(socket, close);
        return;
    }
    socket->write(remaining.left(1));
    QTimer::singleShot(intervalMs, this,
                       [=, this] { trickle(socket, remaining.mid(1), intervalMs, close); });
}

void FakeHttpServer::pump(QPointer<QTcpSocket> socket)
{
    // Keep the kernel buffers full without growing our own: an endless body, bounded here.
    if (socket && socket->state() == QAbstractSocket::ConnectedState &&
        socket->bytesToWrite() < EndlessChunk)
        socket->write(QByteArray(EndlessChunk, 'x'));
}

void FakeHttpServer::doneResponding(QTcpSocket *socket, bool close)
{
    auto it = m_connections.find(socket);
    if (it != m_connections.end() && it->busy) {
        it->busy = false;
        --m_inFlight;
    }
    if (close) {
        socket->disconnectFromHost();
        return;
    }
    if (it != m_connections.end() && !it->buffer.isEmpty())
        QTimer::singleShot(0, this, [this, guard = QPointer<QTcpSocket>(socket)] {
            if (guard)
                onReadyRead(guard);
        });
}

} // namespace kpi::test
