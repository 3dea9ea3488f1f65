// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
// Benchmark (c): the window. Loads and draws a 100,000-point series in the chart, and
// times the app from process start to its first painted window on a history of
// 1,000,000 samples. Also makes the screenshots in docs/screenshots from a demo workspace
// with a year of generated history.
//
//   bench_chart [--samples N] [--runs N]
//   bench_chart --screenshots DIR
#include "DarkPalette.h"
#include "MainWindow.h"
#include "charts/ChartPanel.h"
#include "dashboard/DashboardView.h"
#include "runlog/RunLogView.h"
#include "store/HistoryStore.h"
#include "workspace/WorkspaceLoader.h"

#include <QApplication>
#include <QChartView>
#include <QCommandLineParser>
#include <QCursor>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace kpi;

namespace {

constexpr qint64 DayMs = 86'400'000LL;

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values[values.size() / 2];
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

std::unique_ptr<store::HistoryStore> openStore(const QString &path)
{
    store::DatabaseLocation location;
    location.path = path;
    auto opened = store::HistoryStore::open(location);
    if (!opened) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(path),
                     qPrintable(opened.error().toString()));
        return nullptr;
    }
    return std::move(*opened);
}

// ---- The demo workspace: a small SaaS's year --------------------------------------------

struct DemoMetric
{
    const char *source;
    const char *key;
    const char *label;
    const char *unit;
    double start;
    double yearlyGrowth; // factor over the year
    double weekly;       // weekday swing, relative
    double noise;        // relative
    int decimals;
};

const DemoMetric DemoMetrics[] = {
    {"plausible", "WEEKLY_ACTIVE_USERS", "Weekly active users", "", 820, 2.4, 0.06, 0.02, 0},
    {"stripe", "MRR", "Monthly recurring revenue", "EUR", 4200, 2.9, 0.0, 0.004, 2},
    {"stripe", "ACTIVE_CUSTOMERS", "Paying customers", "", 96, 2.5, 0.0, 0.01, 0},
    {"plausible", "VISITORS_TODAY", "Visitors today", "", 1400, 1.8, 0.35, 0.12, 0},
    {"github", "GITHUB_STARS", "GitHub stars", "", 2310, 1.9, 0.0, 0.002, 0},
    {"buttondown", "NEWSLETTER_SUBSCRIBERS", "Newsletter subscribers", "", 3100, 1.6, 0.0, 0.003,
     0},
    {"discord", "DISCORD_MEMBERS", "Discord members", "", 640, 2.1, 0.0, 0.004, 0},
    {"stripe", "CHURN_RATE", "Monthly churn", "%", 4.1, 0.7, 0.0, 0.05, 2},
};

QByteArray demoWorkspace()
{
    // Sources as a user would write them; nothing is fetched by the screenshots.
    const QList<std::pair<QString, QString>> sources{
        {QStringLiteral("plausible"),
         QStringLiteral("https://plausible.io/api/v1/stats/aggregate")},
        {QStringLiteral("stripe"), QStringLiteral("https://api.stripe.com/v1/reporting/summary")},
        {QStringLiteral("github"), QStringLiteral("https://api.github.com/repos/acme/widget")},
        {QStringLiteral("buttondown"),
         QStringLiteral("https://api.buttondown.email/v1/subscribers")},
        {QStringLiteral("discord"), QStringLiteral("https://discord.com/api/v10/guilds/1/preview")},
    };
    QByteArray json = "{\"version\": 1, \"timezone\": \"Europe/Berlin\", "
                      "\"northStar\": \"WEEKLY_ACTIVE_USERS\", \"sources\": [";
    bool firstSource = true;
    for (const auto &[id, url] : sources) {
        json += QStringLiteral("%1{\"id\": \"%2\", \"type\": \"http-json\", \"url\": \"%3\", "
                               "\"metrics\": [")
                    .arg(firstSource ? QString() : QStringLiteral(","), id, url)
                    .toUtf8();
        firstSource = false;
        bool firstMetric = true;
        for (const DemoMetric &metric : DemoMetrics) {
            if (id != QLatin1String(metric.source))
                continue;
            json +=
                QStringLiteral("%1{\"key\": \"%2\", \"path\": \"$.%3\", \"label\": \"%4\"%5}")
                    .arg(firstMetric ? QString() : QStringLiteral(","), QLatin1String(metric.key),
                         QString::fromLatin1(metric.key).toLower(), QLatin1String(metric.label),
                         (*metric.unit
                              ? QStringLiteral(", \"unit\": \"%1\"").arg(QLatin1String(metric.unit))
                              : QString()) +
                             // Churn falling is good news.
                             (qstrcmp(metric.key, "CHURN_RATE") == 0
                                  ? QStringLiteral(", \"better\": \"lower\"")
                                  : QString()))
                    .toUtf8();
            firstMetric = false;
        }
        json += "]}";
    }
    json += "]}";
    return json;
}

double demoValue(const DemoMetric &metric, int day, int days, QRandomGenerator &random)
{
    const double t = double(day) / double(days);
    // Growth with a dip around the summer and a launch bump in the autumn.
    double value = metric.start * std::pow(metric.yearlyGrowth, t);
    value *= 1.0 - 0.08 * std::exp(-std::pow((t - 0.55) / 0.06, 2));
    value *= 1.0 + 0.12 * (t > 0.78 ? std::exp(-(t - 0.78) * 30) : 0);
    const int weekday = (day % 7);
    value *= 1.0 + metric.weekly * (weekday >= 5 ? -1.0 : 0.4);
    value *= 1.0 + metric.noise * (random.generateDouble() * 2 - 1);
    const double scale = std::pow(10.0, metric.decimals);
    return std::round(value * scale) / scale;
}

// A year of daily runs at 09:00, ending this morning; a few failed sources on the way, and
// the last run with GitHub answering 503.
bool makeDemoHistory(store::HistoryStore &history, const QDateTime &now)
{
    QRandomGenerator random(20261128);
    const int days = 365;
    const QDateTime lastRun(now.date().addDays(now.time().hour() < 9 ? -1 : 0), QTime(9, 0),
                            QTimeZone("Europe/Berlin"));
    const QStringList sourceIds{QStringLiteral("plausible"), QStringLiteral("stripe"),
                                QStringLiteral("github"), QStringLiteral("buttondown"),
                                QStringLiteral("discord")};
    for (int day = 0; day <= days; ++day) {
        const qint64 startMs = lastRun.addDays(day - days).toMSecsSinceEpoch();
        const auto runId = history.beginRun(startMs, day % 11 == 3 ? QStringLiteral("window")
                                                                   : QStringLiteral("schedule"));
        if (!runId)
            return false;
        // Which source fails today, if any.
        QString failing;
        int status = 0;
        QString message;
        if (day == days) {
            failing = QStringLiteral("github");
            status = 503;
            message = QStringLiteral("HTTP 503 Service Unavailable after 3 attempts");
        } else if (day % 37 == 5) {
            failing = QStringLiteral("discord");
            status = 429;
            message = QStringLiteral("HTTP 429 Too Many Requests; Retry-After 30 s was past the "
                                     "deadline");
        } else if (day % 53 == 17) {
            failing = QStringLiteral("stripe");
            status = 401;
            message = QStringLiteral("HTTP 401 Unauthorized: check the secret STRIPE_KEY");
        }
        QList<store::Sample> samples;
        QList<store::RunEvent> events;
        qint64 latest = 0;
        for (const QString &source : sourceIds) {
            const qint64 took = 180 + random.bounded(900);
            latest = std::max(latest, took);
            store::RunEvent event;
            event.runId = *runId;
            event.timestampMs = startMs + took;
            event.sourceId = source;
            event.step = QStringLiteral("fetch");
            event.durationMs = took;
            int values = 0;
            if (source == failing) {
                event.level = store::EventLevel::Error;
                event.httpStatus = status;
                event.message = message;
            } else {
                for (const DemoMetric &metric : DemoMetrics) {
                    if (source != QLatin1String(metric.source))
                        continue;
                    store::Sample sample;
                    sample.metricKey = QLatin1String(metric.key);
                    sample.timestampMs = startMs + took;
                    sample.value = demoValue(metric, day, days, random);
                    sample.sourceId = source;
                    samples.append(sample);
                    ++values;
                }
                event.httpStatus = 200;
                event.message = values == 1 ? QStringLiteral("1 value")
                                            : QStringLiteral("%1 values").arg(values);
            }
            events.append(event);
        }
        store::Run run;
        run.id = *runId;
        run.startedAtMs = startMs;
        run.finishedAtMs = startMs + latest + 40;
        run.status = failing.isEmpty() ? store::RunStatus::Ok : store::RunStatus::Partial;
        run.trigger = day % 11 == 3 ? QStringLiteral("window") : QStringLiteral("schedule");
        run.sourceCount = int(sourceIds.size());
        run.failedCount = failing.isEmpty() ? 0 : 1;
        if (!history.completeRun(run, samples, events))
            return false;
    }
    return true;
}

void settle(int ms = 150)
{
    QTest::qWait(ms);
    QApplication::processEvents();
}

int screenshots(const QString &folder)
{
    QTemporaryDir dir;
    // A home of its own: the status bar shows ~/workspace.json, as a user's would.
    qputenv("HOME", QFile::encodeName(dir.path()));
    const QString workspacePath = dir.filePath(QStringLiteral("workspace.json"));
    const QString database = dir.filePath(QStringLiteral("history.sqlite"));
    if (!writeFile(workspacePath, demoWorkspace()))
        return 1;
    {
        auto history = openStore(database);
        if (!history || !makeDemoHistory(*history, QDateTime::currentDateTime()))
            return 1;
    }
    QDir().mkpath(folder);
    const QPalette light = QApplication::style()->standardPalette();
    for (const auto &[name, palette] : {std::pair{QStringLiteral("light"), light},
                                        std::pair{QStringLiteral("dark"), test::darkPalette()}}) {
        QApplication::setPalette(palette);
        ui::MainWindow window(workspacePath, database);
        window.resize(1200, 760);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            return 1;
        window.resize(1200, 760);
        window.showPage(ui::MainWindow::Page::Dashboard);
        QCursor::setPos(window.mapToGlobal(QPoint(window.width() - 5, window.height() - 5)));
        settle(300);
        const auto save = [&](const QString &what) {
            const QString path = QStringLiteral("%1/%2-%3.png").arg(folder, what, name);
            window.grab().save(path);
            std::printf("%s\n", qPrintable(path));
        };
        save(QStringLiteral("dashboard"));

        window.showChart(QStringLiteral("WEEKLY_ACTIVE_USERS"));
        window.charts()->setRange(report::ChartSeries::Range::Days90);
        window.charts()->setBucket(report::Bucketer::Size::Day,
                                   report::ChartSeries::Aggregation::Last);
        window.charts()->setPreviousShown(true);
        settle();
        save(QStringLiteral("chart"));

        window.charts()->setPreviousShown(false);
        window.charts()->showMetrics({QStringLiteral("MRR"), QStringLiteral("ACTIVE_CUSTOMERS")});
        window.charts()->setRange(report::ChartSeries::Range::All);
        window.charts()->setBucket(report::Bucketer::Size::Week,
                                   report::ChartSeries::Aggregation::Last);
        settle();
        save(QStringLiteral("chart-weekly"));

        window.showPage(ui::MainWindow::Page::RunLog);
        settle();
        save(QStringLiteral("runlog"));
        window.close();
    }
    return 0;
}

// ---- Benchmarks -----------------------------------------------------------------------

// 10 metrics of `perMetric` samples every 5 minutes, ending now: 1,000,000 by default.
bool makeLargeHistory(const QString &database, const QString &workspacePath, int perMetric)
{
    const int metrics = 10;
    QByteArray json = "{\"version\": 1, \"timezone\": \"UTC\", \"northStar\": \"METRIC_0\", "
                      "\"sources\": [{\"id\": \"bench\", \"type\": \"http-json\", "
                      "\"url\": \"http://127.0.0.1:9/\", \"metrics\": [";
    for (int m = 0; m < metrics; ++m)
        json += QStringLiteral("%1{\"key\": \"METRIC_%2\", \"path\": \"$.m%2\"}")
                    .arg(m ? QStringLiteral(",") : QString())
                    .arg(m)
                    .toUtf8();
    json += "]}]}";
    if (!writeFile(workspacePath, json))
        return false;
    auto history = openStore(database);
    if (!history)
        return false;
    const qint64 step = 5 * 60'000;
    const qint64 end = QDateTime::currentMSecsSinceEpoch() - 60'000;
    QList<store::Sample> samples;
    samples.reserve(qsizetype(metrics) * perMetric);
    QRandomGenerator random(7);
    for (int m = 0; m < metrics; ++m) {
        double value = 1000 * (m + 1);
        for (int i = 0; i < perMetric; ++i) {
            value += random.generateDouble() * 10 - 4.9;
            store::Sample sample;
            sample.metricKey = QStringLiteral("METRIC_%1").arg(m);
            sample.timestampMs = end - qint64(perMetric - 1 - i) * step;
            sample.value = value;
            sample.sourceId = QStringLiteral("bench");
            samples.append(sample);
        }
    }
    QElapsedTimer timer;
    timer.start();
    const auto added = history->addSamples(samples);
    std::printf("history: %lld samples (%d metrics, one every 5 min) written in %.1f s\n",
                qlonglong(samples.size()), metrics, double(timer.elapsed()) / 1000);
    return bool(added);
}

// The child of the start benchmark: the window as the app makes it, ended at its first paint.
int startChild(const QString &workspacePath, const QString &database)
{
    ui::MainWindow window(workspacePath, database);
    struct FirstPaint : QObject
    {
        bool eventFilter(QObject *, QEvent *event) override
        {
            if (event->type() == QEvent::Paint && !seen) {
                seen = true;
                // Runs once this paint has been done and flushed.
                QMetaObject::invokeMethod(
                    qApp,
                    [] {
                        std::printf("painted\n");
                        std::fflush(stdout);
                        std::_Exit(0);
                    },
                    Qt::QueuedConnection);
            }
            return false;
        }
        bool seen = false;
    } filter;
    window.installEventFilter(&filter);
    window.show();
    return QApplication::exec();
}

int benchmarks(int perMetric, int runs)
{
    QTemporaryDir dir;
    const QString workspacePath = dir.filePath(QStringLiteral("workspace.json"));
    const QString database = dir.filePath(QStringLiteral("history.sqlite"));
    if (!makeLargeHistory(database, workspacePath, perMetric))
        return 1;

    // (1) One metric's whole history (`perMetric` points) into the chart, and drawn.
    {
        auto history = openStore(database);
        const auto loaded = workspace::WorkspaceLoader::loadFile(workspacePath);
        ui::ChartPanel panel;
        panel.resize(1100, 640);
        panel.setHistory(history.get(), loaded.workspace);
        panel.showMetrics({QStringLiteral("METRIC_0")});
        panel.setRange(report::ChartSeries::Range::All);
        panel.show();
        if (!QTest::qWaitForWindowExposed(&panel))
            return 1;
        QList<double> times;
        QList<double> loads;
        for (int i = 0; i < runs + 1; ++i) {
            QElapsedTimer timer;
            timer.start();
            panel.reload();
            const double loadMs = double(timer.nsecsElapsed()) / 1e6;
            const QPixmap drawn = panel.chartView()->grab();
            const double totalMs = double(timer.nsecsElapsed()) / 1e6;
            if (i > 0) { // the first warms SQLite's cache
                times.append(totalMs);
                loads.append(loadMs);
            }
        }
        std::printf("chart: %lld samples of one metric, range all, every value\n",
                    qlonglong(panel.series().value(0).points.size()));
        std::printf("  load (query, model, LTTB to %d points) + draw: median %.1f ms "
                    "(load %.1f ms), fastest %.1f, slowest %.1f over %d runs\n",
                    panel.displayedPointCount(), median(times), median(loads),
                    *std::min_element(times.cbegin(), times.cend()),
                    *std::max_element(times.cbegin(), times.cend()), runs);
        // Where the time goes, piece by piece.
        QList<double> query, model, thin;
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer step;
            step.start();
            const auto values = history->timedValues(QStringLiteral("METRIC_0"));
            query.append(double(step.nsecsElapsed()) / 1e6);
            step.restart();
            QList<report::ChartSeries::Point> raw;
            raw.reserve(values->size());
            for (const auto &one : *values)
                raw.append({one.timestampMs, one.value});
            const auto points = report::ChartSeries::points(std::move(raw), {});
            model.append(double(step.nsecsElapsed()) / 1e6);
            step.restart();
            const auto kept = report::ChartSeries::downsampled(points, 1740);
            thin.append(double(step.nsecsElapsed()) / 1e6);
        }
        std::printf("  of which: query %.1f ms, model %.1f ms, LTTB %.1f ms (medians)\n",
                    median(query), median(model), median(thin));
        panel.setBucket(report::Bucketer::Size::Day, report::ChartSeries::Aggregation::Mean);
        QElapsedTimer timer;
        timer.start();
        panel.reload();
        panel.chartView()->grab();
        std::printf("  the same, bucketed per day (mean): %.1f ms, %d points\n",
                    double(timer.nsecsElapsed()) / 1e6, panel.displayedPointCount());
    }

    // (2) Process start to the first painted window.
    QList<double> starts;
    for (int i = 0; i < runs + 1; ++i) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QElapsedTimer timer;
        timer.start();
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--start-child"), workspacePath, database});
        if (!child.waitForReadyRead(30'000)) {
            std::printf("the window never painted\n");
            return 1;
        }
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        child.waitForFinished(10'000);
        if (i > 0)
            starts.append(ms);
    }
    std::printf("start: process start to first painted window, %d samples in the history\n",
                perMetric * 10);
    std::printf("  median %.0f ms, fastest %.0f, slowest %.0f over %d runs\n", median(starts),
                *std::min_element(starts.cbegin(), starts.cend()),
                *std::max_element(starts.cbegin(), starts.cend()), runs);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // Settings of its own, so the benchmark neither reads nor moves the user's window.
    QCoreApplication::setOrganizationName(QStringLiteral("kpi-collector-bench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench-chart"));
    QStandardPaths::setTestModeEnabled(true);

    if (app.arguments().value(1) == QLatin1String("--start-child"))
        return startChild(app.arguments().value(2), app.arguments().value(3));

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption samplesOption(QStringLiteral("samples"),
                                           QStringLiteral("Samples per metric (10 metrics)."),
                                           QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Timed runs."),
                                        QStringLiteral("N"), QStringLiteral("9"));
    const QCommandLineOption screenshotsOption(
        QStringLiteral("screenshots"),
        QStringLiteral("Save screenshots of a demo workspace to DIR instead."),
        QStringLiteral("DIR"));
    parser.addOptions({samplesOption, runsOption, screenshotsOption});
    parser.process(app);
    if (parser.isSet(screenshotsOption))
        return screenshots(parser.value(screenshotsOption));
    return benchmarks(parser.value(samplesOption).toInt(), parser.value(runsOption).toInt());
}
