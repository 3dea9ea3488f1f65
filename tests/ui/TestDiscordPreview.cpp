// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "destinations/DiscordDestination.h"
#include "destinations/DiscordPreview.h"
#include "report/Report.h"

#include <QDir>
#include <QSet>
#include <QTest>

using namespace kpi;

namespace {

// A Monday digest as a small company would get it, through the real message builder.
QList<QJsonObject> sampleDigest(int extraMetrics = 0)
{
    report::Report report;
    report.at = QDateTime(QDate(2026, 11, 30), QTime(8, 0), Qt::UTC);
    report.timezone = QStringLiteral("Europe/Berlin");
    report.compareDays = 14;
    const auto line = [](const QString &label, const QString &unit, double value,
                         std::optional<double> previous, bool northStar = false) {
        report::MetricLine l;
        l.key = label.toUpper().replace(QLatin1Char(' '), QLatin1Char('_'));
        l.label = label;
        l.unit = unit;
        l.value = value;
        l.northStar = northStar;
        l.at = QDateTime(QDate(2026, 11, 30), QTime(5, 0), Qt::UTC);
        if (previous) {
            l.comparison = report::Comparison::Changed;
            l.previous = previous;
            l.previousAt = l.at.addDays(-14);
            l.change = value - *previous;
            if (*previous != 0)
                l.changePercent = *l.change / *previous * 100;
        }
        return l;
    };
    report.lines = {
        line(QStringLiteral("Weekly active users"), QStringLiteral("users"), 1204, 1166, true),
        line(QStringLiteral("GitHub stars"), {}, 2345, 2211),
        line(QStringLiteral("MRR"), QStringLiteral("EUR"), 8420, 8910),
        line(QStringLiteral("Newsletter subscribers"), {}, 2048, 1990),
        line(QStringLiteral("PyPI downloads (week)"), {}, 15230, 13877),
        line(QStringLiteral("Podcast downloads"), {}, 12345, 11020),
        line(QStringLiteral("Discord members"), {}, 812, std::nullopt)};
    for (int i = 0; i < extraMetrics; ++i)
        report.lines.append(line(QStringLiteral("Metric %1").arg(i), {}, i, i));
    QJsonObject payload = report.toJson();
    payload.insert(QStringLiteral("kind"), QStringLiteral("digest"));
    return destinations::DiscordDestination::messages(payload, QStringLiteral("KPI Collector"));
}

} // namespace

class TestDiscordPreview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fields_threeToARowInOrder()
    {
        ui::DiscordPreview preview;
        preview.setMessages(sampleDigest());
        const auto fields = preview.fieldRects(620);
        QCOMPARE(fields.size(), 6); // the North Star has its own embed
        QCOMPARE(fields.at(0).first, QStringLiteral("GitHub stars"));
        QCOMPARE(fields.at(0).second.top(), fields.at(2).second.top());
        QVERIFY(fields.at(0).second.left() < fields.at(1).second.left());
        QVERIFY(fields.at(1).second.left() < fields.at(2).second.left());
        QCOMPARE(fields.at(3).second.left(), fields.at(0).second.left());
        QVERIFY(fields.at(3).second.top() > fields.at(0).second.bottom());
        for (const auto &[name, rect] : fields)
            QVERIFY2(rect.right() < 620, qPrintable(name));
    }

    void height_growsWithTheDigest()
    {
        ui::DiscordPreview small;
        small.setMessages(sampleDigest());
        ui::DiscordPreview large;
        large.setMessages(sampleDigest(60));
        QVERIFY(large.heightForWidth(620) > small.heightForWidth(620) * 3);
        QVERIFY(small.heightForWidth(400) > small.heightForWidth(620)); // narrower wraps more
    }

    // KPI_SCREENSHOT_DIR=docs/screenshots writes the picture docs/destinations.md shows.
    void screenshot()
    {
        ui::DiscordPreview preview;
        preview.setMessages(sampleDigest());
        preview.resize(620, preview.heightForWidth(620));
        const QImage image = preview.grab().toImage();
        QCOMPARE(image.size(), preview.size() * preview.devicePixelRatioF());
        // Something was drawn over the background: the embeds are lighter or darker.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            colours.insert(image.pixel(image.width() / 3, y));
        QVERIFY(colours.size() > 3);
        const QString dir = qEnvironmentVariable("KPI_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(image.save(QDir(dir).filePath(QStringLiteral("discord-digest.png"))));
    }
};

QTEST_MAIN(TestDiscordPreview)
#include "TestDiscordPreview.moc"
