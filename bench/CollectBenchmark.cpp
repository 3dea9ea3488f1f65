// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
// Benchmark (a): `kpi-collector collect` of 200 http-json sources, each answering after
// 100 ms, spread over 20 loopback addresses (127.0.0.1 to 127.0.0.20), as real sources
// are spread over many hosts. Reports the wall time of whole runs of the built binary.
//
//   bench_collect [--runs N] [--sources N] [--hosts N] [--latency MS] [--sequential]
//
// --sequential also times fetching the same sources one after another (the bot's way).
#include "FakeHttpServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using kpi::test::FakeHttpServer;
using kpi::test::FakeResponse;
using kpi::test::RecordedRequest;

namespace {

// The servers run on a thread of their own, so timing the client never waits on them.
class ServerThread
{
public:
    ServerThread(int hosts, int latencyMs)
    {
        QSemaphore ready;
        m_thread.start();
        QMetaObject::invokeMethod(
            &m_context,
            [&] {
                for (int host = 1; host <= hosts; ++host) {
                    auto *server = new FakeHttpServer(
                        QHostAddress(QStringLiteral("127.0.0.%1").arg(host)), &m_context);
                    server->route("/metrics", [latencyMs](const RecordedRequest &) {
                        FakeResponse response =
                            FakeResponse::json(R"({"data": {"value": 42, "items": [1, 2, 3]}})");
                        response.delayMs = latencyMs;
                        return response;
                    });
                    m_urls.append(server->url(QStringLiteral("/metrics")));
                }
                ready.release();
            },
            Qt::QueuedConnection);
        m_context.moveToThread(&m_thread);
        ready.acquire();
    }
    ~ServerThread()
    {
        QMetaObject::invokeMethod(
            &m_context,
            [this] {
                qDeleteAll(m_context.children());
                m_context.moveToThread(QCoreApplication::instance()->thread());
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    const QList<QUrl> &urls() const { return m_urls; }

private:
    QThread m_thread;
    QObject m_context;
    QList<QUrl> m_urls;
};

QByteArray workspace(const QList<QUrl> &urls, int sources)
{
    QByteArray json = R"({"version": 1, "timezone": "UTC", "sources": [)";
    for (int i = 0; i < sources; ++i) {
        const QUrl url = urls.at(i % urls.size());
        json += (i ? "," : "") + QStringLiteral(R"json(
  {"id": "source-%1", "type": "http-json", "url": "%2?n=%1", "metrics": [{"key": "VALUE_%1", "path": "$.data.value"}, {"key": "ITEMS_%1", "path": "$.data.items.length()"}]})json")
                                     .arg(i)
                                     .arg(url.toString())
                                     .toUtf8();
    }
    return json + "\n]}\n";
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Timed runs."),
                                        QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption sourcesOption(QStringLiteral("sources"), QStringLiteral("Sources."),
                                           QStringLiteral("N"), QStringLiteral("200"));
    const QCommandLineOption hostsOption(QStringLiteral("hosts"), QStringLiteral("Loopback hosts."),
                                         QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption latencyOption(QStringLiteral("latency"),
                                           QStringLiteral("Server latency."), QStringLiteral("MS"),
                                           QStringLiteral("100"));
    const QCommandLineOption sequentialOption(
        QStringLiteral("sequential"), QStringLiteral("Also time one-after-another fetching."));
    const QCommandLineOption serveOption(
        QStringLiteral("serve"),
        QStringLiteral("Only serve for this long and print the workspace, to run by hand."),
        QStringLiteral("SECONDS"));
    parser.addOptions(
        {runsOption, sourcesOption, hostsOption, latencyOption, sequentialOption, serveOption});
    parser.process(app);
    const int runs = parser.value(runsOption).toInt();
    const int sources = parser.value(sourcesOption).toInt();
    const int hosts = parser.value(hostsOption).toInt();
    const int latency = parser.value(latencyOption).toInt();

    ServerThread servers(hosts, latency);
    QTemporaryDir dir;
    const QString workspacePath = dir.filePath(QStringLiteral("workspace.json"));
    QFile file(workspacePath);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write(workspace(servers.urls(), sources));
    file.close();

    if (parser.isSet(serveOption)) {
        std::printf("serving; try: kpi-collector collect --workspace %s --database %s\n",
                    qPrintable(workspacePath),
                    qPrintable(dir.filePath(QStringLiteral("history.sqlite"))));
        std::fflush(stdout);
        QTimer::singleShot(parser.value(serveOption).toInt() * 1000, &app, &QCoreApplication::quit);
        return app.exec();
    }

    std::printf(
        "collect: %d http-json sources (%d metrics), %d ms latency each, over %d loopback hosts\n",
        sources, sources * 2, latency, hosts);
    QList<double> times;
    for (int run = 0; run <= runs; ++run) {
        QProcess process;
        QElapsedTimer timer;
        timer.start();
        process.start(QStringLiteral(KPI_COLLECTOR_BINARY),
                      {QStringLiteral("collect"), QStringLiteral("--workspace"), workspacePath,
                       QStringLiteral("--database"), dir.filePath(QStringLiteral("history.sqlite")),
                       QStringLiteral("--format"), QStringLiteral("json")});
        process.waitForFinished(120000);
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        if (process.exitCode() != 0) {
            std::printf("run %d failed (exit %d):\n%s\n", run, process.exitCode(),
                        process.readAllStandardError().constData());
            return 1;
        }
        if (run == 0) {
            std::printf("  warm-up run:  %.3f s (creates the database)\n", seconds);
            continue;
        }
        times.append(seconds);
        std::printf("  run %d:        %.3f s\n", run, seconds);
    }
    std::printf("  median:       %.3f s wall time for the whole process (target: under 0.35 s)\n",
                median(times));
    std::printf("  lower bound:  %.3f s (ceil(%d per host / 6 per host) rounds of %d ms)\n",
                double((sources / hosts + 5) / 6 * latency) / 1000.0, sources / hosts, latency);

    if (parser.isSet(sequentialOption)) {
        // The bot's way: one request, wait for the answer, the next request.
        QNetworkAccessManager network;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < sources; ++i) {
            QNetworkReply *reply = network.get(QNetworkRequest(servers.urls().at(i % hosts)));
            QEventLoop wait; // a benchmark's stand-in for blocking requests, never in the app
            QObject::connect(reply, &QNetworkReply::finished, &wait, &QEventLoop::quit);
            wait.exec();
            reply->deleteLater();
        }
        std::printf("  one after another: %.3f s\n", double(timer.nsecsElapsed()) / 1e9);
    }
    return 0;
}
