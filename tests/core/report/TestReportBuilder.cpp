// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "report/HumanFormat.h"
#include "report/ReportBuilder.h"
#include "report/ReportFormatter.h"
#include "store/HistoryStore.h"
#include "workspace/Workspace.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace kpi;
using kpi::report::Comparison;
using kpi::report::ReportBuilder;

namespace {

constexpr qint64 DayMs = 24 * 60 * 60 * 1000;
using DaysAndValues = QList<std::pair<double, double>>; // days ago, value
const QDateTime Now(QDate(2026, 11, 30), QTime(8, 0), Qt::UTC);

qint64 daysAgo(double days)
{
    return Now.toMSecsSinceEpoch() - qint64(days * DayMs);
}

} // namespace

namespace QTest {
template<>
inline char *toString(const kpi::report::Comparison &comparison)
{
    return qstrdup(kpi::report::toText(comparison).toUtf8().constData());
}
} // namespace QTest

class TestReportBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        store::DatabaseLocation location;
        location.path = m_dir->filePath(QStringLiteral("history.sqlite"));
        auto opened = store::HistoryStore::open(location);
        KPI_VERIFY_OK(opened);
        m_history = std::move(*opened);

        m_workspace.timezone = QStringLiteral("Europe/Berlin");
        m_workspace.northStar = QStringLiteral("WAU");
        workspace::SourceConfig source;
        source.id = QStringLiteral("s");
        source.type = QStringLiteral("http-json");
        for (const auto &[key, label, unit] : {std::tuple{"STARS", "GitHub stars", ""},
                                               {"WAU", "Weekly active users", "users"},
                                               {"MRR", "MRR", "EUR"},
                                               {"SIGNUPS", "", ""}}) {
            workspace::MetricConfig metric;
            metric.key = QString::fromLatin1(key);
            metric.label = QString::fromUtf8(label);
            metric.unit = QString::fromLatin1(unit);
            source.metrics.append(metric);
        }
        m_workspace.sources = {source};
    }

    void cleanup() { m_history.reset(); }

    void comparison_data()
    {
        QTest::addColumn<DaysAndValues>("history");
        QTest::addColumn<int>("compareDays");
        QTest::addColumn<Comparison>("expected");
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("previous");
        QTest::addColumn<double>("changePercent"); // NaN: none
        using H = DaysAndValues;
        const double none = qQNaN();
        QTest::newRow("exactly 14 days")
            << H{{14, 100}, {0.5, 120}} << 14 << Comparison::Changed << 120.0 << 100.0 << 20.0;
        QTest::newRow("the newest at or before the compare date wins")
            << H{{20, 50}, {14.5, 100}, {13, 110}, {0.1, 90}} << 14 << Comparison::Changed << 90.0
            << 100.0 << -10.0;
        QTest::newRow("within the tolerance (3.5 days for 14)")
            << H{{17.4, 80}, {1, 100}} << 14 << Comparison::Changed << 100.0 << 80.0 << 25.0;
        QTest::newRow("beyond the tolerance")
            << H{{17.6, 80}, {1, 100}} << 14 << Comparison::NotComparable << 100.0 << none << none;
        QTest::newRow("a day: one day of tolerance")
            << H{{1.9, 10}, {0, 11}} << 1 << Comparison::Changed << 11.0 << 10.0 << 10.0;
        QTest::newRow("a day: two days old is too old")
            << H{{2.1, 10}, {0, 11}} << 1 << Comparison::NotComparable << 11.0 << none << none;
        QTest::newRow("no older value: new")
            << H{{3, 5}, {0, 7}} << 7 << Comparison::New << 7.0 << none << none;
        QTest::newRow("not collected since: not comparable")
            << H{{20, 5}} << 14 << Comparison::NotComparable << 5.0 << none << none;
        QTest::newRow("from zero: a change without a percentage")
            << H{{7, 0}, {0, 4}} << 7 << Comparison::Changed << 4.0 << 0.0 << none;
        QTest::newRow("a value after the report's date is not seen")
            << H{{7, 10}, {0.5, 20}, {-1, 99}} << 7 << Comparison::Changed << 20.0 << 10.0 << 100.0;
    }

    void comparison()
    {
        QFETCH(DaysAndValues, history);
        QFETCH(int, compareDays);
        QFETCH(Comparison, expected);
        QFETCH(double, value);
        QFETCH(double, previous);
        QFETCH(double, changePercent);
        QList<store::Sample> samples;
        for (const auto &[ago, v] : history)
            samples.append(store::Sample{QStringLiteral("STARS"), daysAgo(ago), v,
                                         store::SampleOrigin::Manual, QString(), 0});
        KPI_VERIFY_OK(m_history->addSamples(samples));

        const auto built = ReportBuilder::build(*m_history, m_workspace, Now, compareDays);
        KPI_VERIFY_OK(built);
        QCOMPARE(built->lines.size(), 1);
        const report::MetricLine &line = built->lines.first();
        QCOMPARE(line.comparison, expected);
        QCOMPARE(line.value, value);
        QCOMPARE(line.previous.has_value(), !qIsNaN(previous));
        if (line.previous) {
            QCOMPARE(*line.previous, previous);
            QCOMPARE(*line.change, value - previous);
        }
        QCOMPARE(line.changePercent.has_value(), !qIsNaN(changePercent));
        if (line.changePercent)
            QVERIFY(qFuzzyCompare(*line.changePercent, changePercent));
    }

    void northStarFirst_thenTheWorkspaceOrder()
    {
        KPI_VERIFY_OK(m_history->addSamples(
            {{QStringLiteral("MRR"), daysAgo(1), 990.5, store::SampleOrigin::Manual, {}, 0},
             {QStringLiteral("STARS"), daysAgo(1), 2345, store::SampleOrigin::Manual, {}, 0},
             {QStringLiteral("WAU"), daysAgo(1), 1204, store::SampleOrigin::Manual, {}, 0},
             {QStringLiteral("GONE"), daysAgo(1), 7, store::SampleOrigin::Manual, {}, 0}}));
        const auto built = ReportBuilder::build(*m_history, m_workspace, Now);
        KPI_VERIFY_OK(built);
        QStringList keys;
        for (const auto &line : built->lines)
            keys.append(line.key);
        // A metric the workspace no longer has is not reported; one never collected neither.
        QCOMPARE(keys, (QStringList{QStringLiteral("WAU"), QStringLiteral("STARS"),
                                    QStringLiteral("MRR")}));
        QVERIFY(built->lines.first().northStar);
        QCOMPARE(built->lines.first().label, QStringLiteral("Weekly active users"));
    }

    // "better": "lower": a fall is good news; it travels in the digest payload.
    void lowerIsBetter_aFallIsAnImprovement()
    {
        m_workspace.sources[0].metrics[2].lowerIsBetter = true; // MRR, as if it were churn
        KPI_VERIFY_OK(m_history->addSamples(
            {{QStringLiteral("MRR"), daysAgo(15), 1000, store::SampleOrigin::Manual, {}, 0},
             {QStringLiteral("MRR"), daysAgo(1), 900, store::SampleOrigin::Manual, {}, 0},
             {QStringLiteral("STARS"), daysAgo(15), 1000, store::SampleOrigin::Manual, {}, 0},
             {QStringLiteral("STARS"), daysAgo(1), 900, store::SampleOrigin::Manual, {}, 0},
             {QStringLiteral("WAU"), daysAgo(15), 5, store::SampleOrigin::Manual, {}, 0},
             {QStringLiteral("WAU"), daysAgo(1), 5, store::SampleOrigin::Manual, {}, 0}}));
        const auto built = ReportBuilder::build(*m_history, m_workspace, Now);
        KPI_VERIFY_OK(built);
        QCOMPARE(built->lines.size(), 3);
        const report::MetricLine &wau = built->lines.at(0);
        const report::MetricLine &stars = built->lines.at(1);
        const report::MetricLine &mrr = built->lines.at(2);
        QCOMPARE(mrr.key, QStringLiteral("MRR"));
        QCOMPARE(mrr.improved(), std::optional(true));
        QCOMPARE(stars.improved(), std::optional(false));
        QCOMPARE(wau.improved(), std::optional<bool>()); // no change
        const report::Report again = report::Report::fromJson(built->toJson());
        QVERIFY(again.lines.at(2).lowerIsBetter);
        QVERIFY(!again.lines.at(1).lowerIsBetter);
        QVERIFY(!built->toJson().value(QStringLiteral("values"))[1].toObject().contains(
            QStringLiteral("better")));
    }

    void humanFormat_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("thousands") << 1234567.0 << QStringLiteral("1,234,567");
        QTest::newRow("decimals trimmed") << 12.5 << QStringLiteral("12.5");
        QTest::newRow("rounded to two") << 0.3333 << QStringLiteral("0.33");
        QTest::newRow("negative") << -4200.0 << QStringLiteral("-4,200");
        QTest::newRow("zero") << 0.0 << QStringLiteral("0");
        QTest::newRow("tiny negative rounds to zero") << -0.001 << QStringLiteral("0");
        QTest::newRow("hundreds") << 999.0 << QStringLiteral("999");
    }

    void humanFormat()
    {
        QFETCH(double, value);
        QFETCH(QString, expected);
        QCOMPARE(report::HumanFormat::number(value), expected);
    }

    // The same report gives the same bytes, in every format; JSON reads back the same.
    void formats_areDeterministicAndRoundTrip()
    {
        KPI_VERIFY_OK(m_history->addSamples(
            {{QStringLiteral("WAU"), daysAgo(14), 1166, store::SampleOrigin::Manual, {}, 0},
             {QStringLiteral("WAU"), daysAgo(0.5), 1204, store::SampleOrigin::Manual, {}, 0},
             {QStringLiteral("STARS"), daysAgo(14), 2400, store::SampleOrigin::Manual, {}, 0},
             {QStringLiteral("STARS"), daysAgo(0.5), 2345, store::SampleOrigin::Manual, {}, 0},
             {QStringLiteral("SIGNUPS"), daysAgo(0.5), 12, store::SampleOrigin::Manual, {}, 0}}));
        const auto built = ReportBuilder::build(*m_history, m_workspace, Now);
        KPI_VERIFY_OK(built);
        using report::ReportFormatter::Format;
        const QString text = report::ReportFormatter::format(*built, Format::Text);
        QCOMPARE(text, QStringLiteral("KPI report 2026-11-30, compared with 14 days ago\n"
                                      "★ Weekly active users  1,204 users  ▲ +38 (+3.3 %)\n"
                                      "  GitHub stars               2,345  ▼ -55 (-2.3 %)\n"
                                      "  SIGNUPS                       12  ✦ new\n"));
        const QString markdown = report::ReportFormatter::format(*built, Format::Markdown);
        QVERIFY2(markdown.contains(
                     QStringLiteral("| **Weekly active users** | 1,204 users | ▲ +38 (+3.3 %) |")),
                 qPrintable(markdown));
        QCOMPARE(report::ReportFormatter::format(*built, Format::Markdown), markdown);

        const QString json = report::ReportFormatter::format(*built, Format::Json);
        const auto back = report::Report::fromJson(QJsonDocument::fromJson(json.toUtf8()).object());
        QCOMPARE(back.lines.size(), built->lines.size());
        for (qsizetype i = 0; i < back.lines.size(); ++i) {
            QCOMPARE(back.lines[i].key, built->lines[i].key);
            QCOMPARE(back.lines[i].comparison, built->lines[i].comparison);
            QCOMPARE(back.lines[i].change, built->lines[i].change);
            QCOMPARE(back.lines[i].at, built->lines[i].at);
            QCOMPARE(back.lines[i].northStar, built->lines[i].northStar);
        }
        QCOMPARE(back.toJson(), built->toJson());
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::HistoryStore> m_history;
    workspace::Workspace m_workspace;
};

QTEST_GUILESS_MAIN(TestReportBuilder)
#include "TestReportBuilder.moc"
