// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
// Benchmark (b): the history store. Inserts 1,000,000 samples (500 metrics, 2,000 days
// each), then reads one metric's five years of daily samples and buckets them by week,
// as `kpi-collector history --metric KEY --since … --bucket week` does.
//
//   bench_store [--metrics N] [--days N] [--queries N]
#include "report/Bucketer.h"
#include "store/HistoryStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace kpi;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption metricsOption(QStringLiteral("metrics"), QStringLiteral("Metrics."),
                                           QStringLiteral("N"), QStringLiteral("500"));
    const QCommandLineOption daysOption(QStringLiteral("days"), QStringLiteral("Days per metric."),
                                        QStringLiteral("N"), QStringLiteral("2000"));
    const QCommandLineOption queriesOption(QStringLiteral("queries"),
                                           QStringLiteral("Timed queries."), QStringLiteral("N"),
                                           QStringLiteral("20"));
    parser.addOptions({metricsOption, daysOption, queriesOption});
    parser.process(app);
    const int metrics = parser.value(metricsOption).toInt();
    const int days = parser.value(daysOption).toInt();

    QTemporaryDir dir;
    store::DatabaseLocation location;
    location.path = dir.filePath(QStringLiteral("history.sqlite"));
    auto opened = store::HistoryStore::open(location);
    if (!opened) {
        std::printf("cannot open: %s\n", qPrintable(opened.error().toString()));
        return 1;
    }
    store::HistoryStore &history = **opened;

    const qint64 day = 86400000;
    const qint64 start = QDateTime(QDate(2021, 1, 1), QTime(6, 0), Qt::UTC).toMSecsSinceEpoch();
    QList<store::Sample> samples;
    samples.reserve(qsizetype(metrics) * days);
    for (int m = 0; m < metrics; ++m) {
        const QString key = QStringLiteral("METRIC_%1").arg(m, 3, 10, QLatin1Char('0'));
        for (int d = 0; d < days; ++d) {
            store::Sample sample;
            sample.metricKey = key;
            sample.timestampMs = start + d * day;
            sample.value = m * 1000 + d;
            sample.sourceId = QStringLiteral("bench");
            samples.append(sample);
        }
    }
    QElapsedTimer timer;
    timer.start();
    const auto inserted = history.addSamples(samples);
    const double insertSeconds = double(timer.nsecsElapsed()) / 1e9;
    if (!inserted) {
        std::printf("insert failed: %s\n", qPrintable(inserted.error().toString()));
        return 1;
    }
    std::printf("store: SQLite, WAL, synchronous=NORMAL, %s\n", qPrintable(location.path));
    std::printf("  insert %lld samples in one transaction: %.2f s (%.0f samples/s), file %.0f MB\n",
                qlonglong(samples.size()), insertSeconds, double(samples.size()) / insertSeconds,
                double(QFileInfo(location.path).size() +
                       QFileInfo(location.path + QStringLiteral("-wal")).size()) /
                    1e6);

    const report::Bucketer weeks(report::Bucketer::Size::Week,
                                 QTimeZone(QByteArrayLiteral("Europe/Berlin")));
    store::SampleQuery query;
    query.metricKeys = {QStringLiteral("METRIC_250")};
    query.sinceMs = start + qint64(days - 5 * 365 - 1) * day;
    QList<double> times;
    qsizetype rows = 0;
    qsizetype buckets = 0;
    for (int i = 0; i < parser.value(queriesOption).toInt(); ++i) {
        timer.restart();
        const auto read = history.samples(query);
        const auto bucketed = weeks.lastPerBucket(*read);
        times.append(double(timer.nsecsElapsed()) / 1e6);
        rows = read->size();
        buckets = bucketed.size();
    }
    std::sort(times.begin(), times.end());
    std::printf(
        "  one metric, five years of daily samples (%lld rows) bucketed by week (%lld buckets):\n"
        "    median %.2f ms, fastest %.2f ms, slowest %.2f ms over %lld queries\n",
        qlonglong(rows), qlonglong(buckets), times.at(times.size() / 2), times.first(),
        times.last(), qlonglong(times.size()));
    return 0;
}
