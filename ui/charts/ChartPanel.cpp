// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "charts/ChartPanel.h"

#include "ActionIcon.h"
#include "forms/FormStyle.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QCursor>
#include <QDateEdit>
#include <QDateTimeAxis>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScatterSeries>
#include <QSplitter>
#include <QStandardPaths>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>
#include <limits>

namespace kpi::ui {

using report::Bucketer;
using report::ChartSeries;

namespace {

constexpr qint64 DayMs = 86'400'000LL;

// Distinct hues that read on light and dark backgrounds.
const QList<QColor> &seriesColors()
{
    static const QList<QColor> colors{QColor(0x3b, 0x82, 0xf6), QColor(0xf5, 0x9e, 0x0b),
                                      QColor(0x10, 0xb9, 0x81), QColor(0xef, 0x44, 0x44),
                                      QColor(0x8b, 0x5c, 0xf6), QColor(0x06, 0xb6, 0xd4)};
    return colors;
}

// Dates that read well at the range's scale.
QString axisFormat(qint64 spanMs)
{
    if (spanMs <= 3 * DayMs)
        return QStringLiteral("d MMM HH:mm");
    if (spanMs <= 200 * DayMs)
        return QStringLiteral("d MMM");
    if (spanMs <= 3 * 366 * DayMs)
        return QStringLiteral("MMM yyyy");
    return QStringLiteral("yyyy");
}

// Whole numbers for large values; printf formats are all QValueAxis takes.
QString valueFormat(double span, double largest)
{
    if (span >= 20 || largest >= 10'000)
        return QStringLiteral("%.0f");
    if (span >= 2)
        return QStringLiteral("%.1f");
    return QStringLiteral("%.2f");
}

struct Extent
{
    double min = std::numeric_limits<double>::max();
    double max = std::numeric_limits<double>::lowest();
    bool isEmpty() const { return min > max; }
    void add(double value)
    {
        min = std::min(min, value);
        max = std::max(max, value);
    }
};

void fitAxis(QValueAxis *axis, Extent extent)
{
    if (extent.isEmpty())
        extent = {0, 1};
    double pad = extent.max > extent.min ? (extent.max - extent.min) * 0.08
                                         : std::max(std::abs(extent.max) * 0.1, 1.0);
    double low = extent.min - pad;
    // Counts and money do not go below zero: neither should their axis.
    if (extent.min >= 0 && low < 0)
        low = 0;
    axis->setRange(low, extent.max + pad);
    axis->applyNiceNumbers();
    axis->setLabelFormat(valueFormat(axis->max() - axis->min(),
                                     std::max(std::abs(axis->max()), std::abs(axis->min()))));
}

} // namespace

ChartPanel::ChartPanel(QWidget *parent) : QWidget(parent)
{
    m_reloading = true; // no drawing while the controls are being set up
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *splitter = new QSplitter(this);
    layout->addWidget(splitter);

    m_metrics = new QListWidget(splitter);
    m_metrics->setObjectName(QStringLiteral("chartMetrics"));
    m_metrics->setAccessibleName(tr("Metrics to draw"));
    m_metrics->setMinimumWidth(180);
    m_metrics->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_metrics->setTextElideMode(Qt::ElideRight);
    m_metrics->setSpacing(2);
    connect(m_metrics, &QListWidget::itemChanged, this, [this] { reload(); });

    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(8, 8, 8, 8);
    auto *controls = new QHBoxLayout;
    rightLayout->addLayout(controls);

    m_range = new QComboBox(right);
    m_range->setObjectName(QStringLiteral("chartRange"));
    m_range->addItem(tr("Last 30 days"), int(ChartSeries::Range::Days30));
    m_range->addItem(tr("Last 90 days"), int(ChartSeries::Range::Days90));
    m_range->addItem(tr("Last year"), int(ChartSeries::Range::Year));
    m_range->addItem(tr("All"), int(ChartSeries::Range::All));
    m_range->addItem(tr("Custom…"), int(ChartSeries::Range::Custom));
    auto *rangeLabel = new QLabel(tr("&Range:"), right);
    rangeLabel->setBuddy(m_range);
    controls->addWidget(rangeLabel);
    controls->addWidget(m_range);
    m_from = new QDateEdit(right);
    m_to = new QDateEdit(right);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
        edit->setVisible(false);
        connect(edit, &QDateEdit::dateChanged, this, [this] { reload(); });
    }
    m_from->setAccessibleName(tr("From"));
    m_to->setAccessibleName(tr("To"));
    m_from->setDate(QDate::currentDate().addDays(-30));
    m_to->setDate(QDate::currentDate());
    controls->addWidget(m_from);
    controls->addWidget(m_to);

    m_bucket = new QComboBox(right);
    m_bucket->setObjectName(QStringLiteral("chartBucket"));
    m_bucket->addItem(tr("Every value"), -1);
    m_bucket->addItem(tr("Per day"), int(Bucketer::Size::Day));
    m_bucket->addItem(tr("Per week"), int(Bucketer::Size::Week));
    m_bucket->addItem(tr("Per month"), int(Bucketer::Size::Month));
    m_aggregation = new QComboBox(right);
    m_aggregation->setObjectName(QStringLiteral("chartAggregation"));
    m_aggregation->addItem(tr("last"), int(ChartSeries::Aggregation::Last));
    m_aggregation->addItem(tr("sum"), int(ChartSeries::Aggregation::Sum));
    m_aggregation->addItem(tr("mean"), int(ChartSeries::Aggregation::Mean));
    m_aggregation->addItem(tr("max"), int(ChartSeries::Aggregation::Max));
    m_aggregation->setEnabled(false);
    auto *bucketLabel = new QLabel(tr("&Show:"), right);
    bucketLabel->setBuddy(m_bucket);
    controls->addSpacing(12);
    controls->addWidget(bucketLabel);
    controls->addWidget(m_bucket);
    controls->addWidget(m_aggregation);

    m_previous = new QCheckBox(tr("&Previous period"), right);
    m_previous->setObjectName(QStringLiteral("chartPrevious"));
    m_previous->setToolTip(tr("Draw the period just before, dashed, over this one"));
    controls->addSpacing(12);
    controls->addWidget(m_previous);
    controls->addStretch(1);

    auto *png =
        new QPushButton(actionIcon(QStringLiteral("document-export")), tr("Export P&NG…"), right);
    auto *csv =
        new QPushButton(actionIcon(QStringLiteral("document-export")), tr("Export C&SV…"), right);
    controls->addWidget(png);
    controls->addWidget(csv);
    connect(png, &QPushButton::clicked, this, &ChartPanel::exportPngInteractively);
    connect(csv, &QPushButton::clicked, this, &ChartPanel::exportCsvInteractively);

    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    m_axisX = new QDateTimeAxis(chart);
    m_axisY = new QValueAxis(chart);
    m_axisYRight = new QValueAxis(chart);
    chart->addAxis(m_axisX, Qt::AlignBottom);
    chart->addAxis(m_axisY, Qt::AlignLeft);
    chart->addAxis(m_axisYRight, Qt::AlignRight);
    m_view = new QChartView(chart, right);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setObjectName(QStringLiteral("chartView"));
    rightLayout->addWidget(m_view, 1);

    splitter->addWidget(m_metrics);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({210, 800});

    applyPalette();

    connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
        const bool custom = m_range->currentData().toInt() == int(ChartSeries::Range::Custom);
        m_from->setVisible(custom);
        m_to->setVisible(custom);
        reload();
    });
    connect(m_bucket, &QComboBox::currentIndexChanged, this, [this] {
        m_aggregation->setEnabled(m_bucket->currentData().toInt() >= 0);
        reload();
    });
    connect(m_aggregation, &QComboBox::currentIndexChanged, this, [this] { reload(); });
    connect(m_previous, &QCheckBox::toggled, this, [this] { reload(); });
    m_reloading = false;
}

// Qt Charts has themes of its own; the chart follows the system palette instead, light or
// dark, like the rest of the window.
void ChartPanel::applyPalette()
{
    const QPalette pal = palette();
    QChart *chart = this->chart();
    chart->setBackgroundBrush(pal.color(QPalette::Base));
    chart->setBackgroundPen(Qt::NoPen);
    chart->setPlotAreaBackgroundVisible(false);
    chart->legend()->setLabelColor(pal.color(QPalette::Text));
    QColor grid = pal.color(QPalette::Text);
    grid.setAlphaF(0.12);
    QColor line = pal.color(QPalette::Text);
    line.setAlphaF(0.35);
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(m_axisX), static_cast<QAbstractAxis *>(m_axisY)}) {
        axis->setLabelsColor(pal.color(QPalette::Text));
        axis->setGridLineColor(grid);
        axis->setLinePenColor(line);
        axis->setMinorGridLineVisible(false);
    }
    m_view->setBackgroundBrush(pal.color(QPalette::Base));
}

void ChartPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

QChart *ChartPanel::chart() const
{
    return m_view->chart();
}

void ChartPanel::setHistory(const store::HistoryStore *history,
                            const workspace::Workspace &workspace)
{
    m_history = history;
    m_workspace = workspace;
    fillMetricList();
}

void ChartPanel::fillMetricList()
{
    const QStringList checked = shownMetrics();
    QStringList keys;
    QHash<QString, QString> labels;
    for (const auto &source : m_workspace.sources) {
        for (const auto &metric : source.metrics) {
            keys.append(metric.key);
            labels.insert(metric.key, metric.label);
        }
    }
    if (m_history) {
        if (const auto stored = m_history->metricKeys()) {
            for (const QString &key : *stored) {
                if (!keys.contains(key))
                    keys.append(key);
            }
        }
    }
    if (keys.removeOne(m_workspace.northStar))
        keys.prepend(m_workspace.northStar);
    m_reloading = true;
    m_metrics->clear();
    for (const QString &key : std::as_const(keys)) {
        const QString label = labels.value(key);
        auto *item = new QListWidgetItem(label.isEmpty() ? key : label, m_metrics);
        item->setData(Qt::UserRole, key);
        item->setToolTip(key);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(key) ? Qt::Checked : Qt::Unchecked);
    }
    m_reloading = false;
}

void ChartPanel::showMetrics(const QStringList &metricKeys)
{
    m_reloading = true;
    for (int i = 0; i < m_metrics->count(); ++i) {
        QListWidgetItem *item = m_metrics->item(i);
        item->setCheckState(
            metricKeys.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
    }
    m_reloading = false;
    reload();
}

QStringList ChartPanel::shownMetrics() const
{
    QStringList keys;
    for (int i = 0; i < m_metrics->count(); ++i) {
        if (m_metrics->item(i)->checkState() == Qt::Checked)
            keys.append(m_metrics->item(i)->data(Qt::UserRole).toString());
    }
    return keys;
}

void ChartPanel::setRange(ChartSeries::Range range, QDate from, QDate to)
{
    m_reloading = true;
    if (from.isValid())
        m_from->setDate(from);
    if (to.isValid())
        m_to->setDate(to);
    m_range->setCurrentIndex(m_range->findData(int(range)));
    m_reloading = false;
    reload();
}

void ChartPanel::setBucket(std::optional<Bucketer::Size> bucket,
                           ChartSeries::Aggregation aggregation)
{
    m_reloading = true;
    m_bucket->setCurrentIndex(m_bucket->findData(bucket ? int(*bucket) : -1));
    m_aggregation->setCurrentIndex(m_aggregation->findData(int(aggregation)));
    m_reloading = false;
    reload();
}

void ChartPanel::setPreviousShown(bool shown)
{
    m_reloading = true;
    m_previous->setChecked(shown);
    m_reloading = false;
    reload();
}

void ChartPanel::setReferenceTime(const QDateTime &now)
{
    m_now = now;
}

QDateTime ChartPanel::referenceTime() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
}

int ChartPanel::displayedPointCount() const
{
    int count = 0;
    for (QAbstractSeries *series : chart()->series()) {
        if (auto *line = qobject_cast<QLineSeries *>(series))
            count += int(line->count());
    }
    return count;
}

void ChartPanel::invalidate()
{
    m_stale = true;
    if (isVisible())
        reload();
}

void ChartPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        reload();
}

void ChartPanel::reload()
{
    if (m_reloading)
        return;
    m_stale = false;
    QChart *chart = this->chart();
    chart->removeAllSeries();
    m_series.clear();
    m_suspectCount = 0;
    if (!m_history)
        return;
    if (shownMetrics().isEmpty() && m_metrics->count() > 0) {
        m_reloading = true;
        m_metrics->item(0)->setCheckState(Qt::Checked);
        m_reloading = false;
    }

    const QTimeZone zone = m_workspace.zone();
    const auto range = ChartSeries::Range(m_range->currentData().toInt());
    const ChartSeries::Window window =
        ChartSeries::window(range, referenceTime(), zone, m_from->date(), m_to->date());
    ChartSeries::Options options;
    if (const int bucket = m_bucket->currentData().toInt(); bucket >= 0)
        options.bucket = Bucketer::Size(bucket);
    options.aggregation = ChartSeries::Aggregation(m_aggregation->currentData().toInt());
    options.zone = zone;
    const std::optional<ChartSeries::Window> previous =
        m_previous->isChecked() ? window.previous() : std::nullopt;

    // About two points per pixel: more cannot be seen, fewer would lose peaks.
    const int maxPoints = std::max(400, m_view->width() * 2);
    qint64 minX = std::numeric_limits<qint64>::max();
    qint64 maxX = std::numeric_limits<qint64>::min();
    Extent left;
    Extent right;
    const QStringList keys = shownMetrics();
    int colorIndex = 0;
    for (const QString &key : keys) {
        const bool onLeft = colorIndex == 0;
        Extent &extent = onLeft ? left : right;
        const QColor color = seriesColors()[colorIndex++ % seriesColors().size()];
        QString label = key;
        for (int i = 0; i < m_metrics->count(); ++i) {
            if (m_metrics->item(i)->data(Qt::UserRole).toString() == key)
                label = m_metrics->item(i)->text();
        }
        const auto addSeries = [&](const ChartSeries::Window &cut, bool isPrevious) {
            const auto values = m_history->timedValues(key, cut.sinceMs, cut.untilMs);
            if (!values)
                return;
            // Suspect values (a selector probably broken, docs/history-repair.md) are not
            // part of the line, its buckets or its export: they are marked apart.
            QList<ChartSeries::Point> raw;
            QList<QPointF> suspect;
            raw.reserve(values->size());
            for (const auto &one : *values) {
                if (one.suspect)
                    suspect.append(QPointF(double(one.timestampMs), one.value));
                else
                    raw.append({one.timestampMs, one.value});
            }
            if (!suspect.isEmpty() && !isPrevious) {
                addSuspectSeries(chart, label, suspect, onLeft);
                for (const QPointF &point : std::as_const(suspect)) {
                    minX = std::min(minX, qint64(point.x()));
                    maxX = std::max(maxX, qint64(point.x()));
                    extent.add(point.y());
                }
            }
            ChartSeries::Series series{key, label, isPrevious,
                                       ChartSeries::points(std::move(raw), options)};
            QList<ChartSeries::Point> shown = ChartSeries::downsampled(series.points, maxPoints);
            if (isPrevious)
                shown = ChartSeries::shifted(shown, *window.sinceMs - *cut.sinceMs);
            QList<QPointF> xy;
            xy.reserve(shown.size());
            for (const auto &point : std::as_const(shown)) {
                xy.append(QPointF(double(point.ms), point.value));
                minX = std::min(minX, point.ms);
                maxX = std::max(maxX, point.ms);
                extent.add(point.value);
            }
            auto *line = new QLineSeries(chart);
            line->setName(isPrevious ? tr("%1 (previous period)").arg(label) : label);
            QPen pen(isPrevious ? color.lighter(130) : color, isPrevious ? 1.5 : 2.0);
            if (isPrevious)
                pen.setStyle(Qt::DashLine);
            line->setPen(pen);
            // One point per bucket is worth marking; thousands of raw samples are not.
            line->setPointsVisible(xy.size() <= 60);
            // The first value of a new metric is a lone point: a dot one can find.
            if (xy.size() == 1)
                line->setMarkerSize(10);
            line->replace(xy);
            chart->addSeries(line);
            line->attachAxis(m_axisX);
            line->attachAxis(onLeft ? m_axisY : m_axisYRight);
            const qint64 shift = isPrevious ? *window.sinceMs - *cut.sinceMs : 0;
            connect(line, &QLineSeries::hovered, this,
                    [this, name = line->name(), shift](const QPointF &point, bool state) {
                        showHover(name, QPointF(point.x() - double(shift), point.y()), state);
                    });
            m_series.append(std::move(series));
        };
        addSeries(window, false);
        if (previous)
            addSeries(*previous, true);
    }

    if (minX > maxX) {
        // Nothing in the range: still a sensible, empty axis.
        const qint64 until = window.untilMs;
        minX = window.sinceMs.value_or(until - 30 * DayMs);
        maxX = until;
    }
    if (window.sinceMs && range != ChartSeries::Range::All)
        minX = *window.sinceMs;
    maxX = std::max(maxX, minX + 1);
    m_spanMs = {minX, maxX};
    layoutDateAxis();
    fitAxis(m_axisY, left);
    m_axisYRight->setVisible(!right.isEmpty());
    if (!right.isEmpty())
        fitAxis(m_axisYRight, right);
    // With two scales, each axis wears its series' colour so it is clear which is which.
    const QColor text = palette().color(QPalette::Text);
    m_axisY->setLabelsColor(right.isEmpty() ? text : seriesColors()[0]);
    m_axisYRight->setLabelsColor(keys.size() == 2 ? seriesColors()[1] : text);
    m_axisYRight->setGridLineVisible(false);
    chart->legend()->setVisible(chart->series().size() > 1);
}

// The date axis over the drawn span, its ticks following the chart's width (so also on a
// resize, without reading the history again).
void ChartPanel::layoutDateAxis()
{
    const auto [minX, maxX] = m_spanMs;
    // QDateTimeAxis labels in the system's zone: months are aligned in it too.
    const QTimeZone shown = QTimeZone::systemTimeZone();
    QDateTime from = QDateTime::fromMSecsSinceEpoch(minX, shown);
    QDateTime to = QDateTime::fromMSecsSinceEpoch(maxX, shown);
    int ticks = std::clamp(m_view->width() / 110, 3, 12);
    if (maxX - minX > 200 * DayMs) {
        // Months: from the first of a month to the first of another, one tick per month (or
        // per few), so that every label names the month its tick is in.
        from = QDateTime(QDate(from.date().year(), from.date().month(), 1), QTime(0, 0), shown);
        const QDate last = to.date().addMonths(1);
        to = QDateTime(QDate(last.year(), last.month(), 1), QTime(0, 0), shown);
        const int months =
            (to.date().year() - from.date().year()) * 12 + to.date().month() - from.date().month();
        int every = 1;
        while ((months + every - 1) / every + 1 > ticks)
            ++every;
        const int steps = (months + every - 1) / every;
        to = from.addMonths(steps * every);
        ticks = steps + 1;
        // The tick labels are evenly spaced, months are not: a label at mid-month is still
        // the right month.
        m_axisX->setFormat(every >= 12 ? QStringLiteral("yyyy") : QStringLiteral("MMM yyyy"));
    } else {
        // Whole days: the last value (often today's) is inside the plot, not on its edge.
        if (maxX - minX > 2 * DayMs) {
            from = QDateTime(from.date(), QTime(0, 0), shown);
            to = QDateTime(to.date().addDays(1), QTime(0, 0), shown);
        }
        m_axisX->setFormat(axisFormat(maxX - minX));
    }
    m_axisX->setTickCount(std::max(ticks, 2));
    m_axisX->setRange(from, to);
}

void ChartPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_spanMs.second > m_spanMs.first)
        layoutDateAxis();
}

void ChartPanel::addSuspectSeries(QChart *chart, const QString &label, const QList<QPointF> &points,
                                  bool onLeft)
{
    auto *marks = new QScatterSeries(chart);
    marks->setName(tr("%1: suspect values").arg(label));
    marks->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    marks->setMarkerSize(9);
    marks->setColor(errorColor(palette()));
    marks->setBorderColor(errorColor(palette()));
    marks->replace(points);
    chart->addSeries(marks);
    marks->attachAxis(m_axisX);
    marks->attachAxis(onLeft ? m_axisY : m_axisYRight);
    connect(marks, &QScatterSeries::hovered, this,
            [this, name = marks->name()](const QPointF &point, bool state) {
                showHover(name, point, state);
            });
    m_suspectCount += int(points.size());
}

void ChartPanel::showHover(const QString &label, const QPointF &point, bool state)
{
    if (!state) {
        QToolTip::hideText();
        return;
    }
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(qint64(point.x()));
    QToolTip::showText(QCursor::pos(),
                       tr("<b>%1</b><br>%2: %3")
                           .arg(label.toHtmlEscaped(),
                                QLocale().toString(at.toLocalTime(), QLocale::ShortFormat),
                                QLocale().toString(point.y(), 'g', 12)),
                       m_view);
}

Result<void> ChartPanel::exportPng(const QString &path) const
{
    const QPixmap image = m_view->grab();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
        return Result<void>::error(Error::Code::Storage,
                                   tr("Cannot write %1: %2").arg(path, file.errorString()));
    return Result<void>::ok();
}

Result<void> ChartPanel::exportCsv(const QString &path) const
{
    const QTimeZone zone = m_workspace.zone();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(ChartSeries::toCsv(m_series, zone)) < 0 ||
        !file.commit())
        return Result<void>::error(Error::Code::Storage,
                                   tr("Cannot write %1: %2").arg(path, file.errorString()));
    return Result<void>::ok();
}

void ChartPanel::exportPngInteractively()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart as PNG"),
                                                      folder + QStringLiteral("/chart.png"),
                                                      tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (const auto written = exportPng(path); !written)
        QMessageBox::warning(this, tr("Export failed"), written.error().message);
}

void ChartPanel::exportCsvInteractively()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart data as CSV"),
                                                      folder + QStringLiteral("/chart.csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (const auto written = exportCsv(path); !written)
        QMessageBox::warning(this, tr("Export failed"), written.error().message);
}

} // namespace kpi::ui
