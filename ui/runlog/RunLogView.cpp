// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "runlog/RunLogView.h"

#include "ActionIcon.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace kpi::ui {

namespace {

constexpr int RowHeight = 24;
constexpr int ColumnPadding = 18;

enum RunColumn { RunStatusColumn, RunStarted, RunDuration, RunTrigger, RunSources };
enum EventColumn { EvTime, EvSource, EvStep, EvHttp, EvDuration, EvMessage, EvColumns };

// The width of a cell with a status dot and `text`: a size hint sets both dimensions, and
// the rows are given a roomier height than the style's.
int iconTextWidth(const QTreeWidget *tree, const QString &text)
{
    return tree->fontMetrics().horizontalAdvance(text) + tree->iconSize().width() + 16;
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

QColor statusColor(store::RunStatus status, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (status) {
    case store::RunStatus::Ok:
        return dark ? QColor(0x3f, 0xb9, 0x50) : QColor(0x1a, 0x7f, 0x37);
    case store::RunStatus::Partial:
        return dark ? QColor(0xd2, 0x99, 0x22) : QColor(0x9a, 0x67, 0x00);
    case store::RunStatus::Failed:
        return dark ? QColor(0xf8, 0x51, 0x49) : QColor(0xcf, 0x22, 0x2e);
    case store::RunStatus::Running:
    case store::RunStatus::Canceled:
        break;
    }
    return palette.color(QPalette::Disabled, QPalette::WindowText);
}

QIcon dot(const QColor &color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(1, 1, 10, 10));
    return QIcon(pixmap);
}

QString when(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(),
                              QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace

QString RunLogView::statusText(store::RunStatus status)
{
    switch (status) {
    case store::RunStatus::Running:
        return tr("Running");
    case store::RunStatus::Ok:
        return tr("OK");
    case store::RunStatus::Partial:
        return tr("Partial");
    case store::RunStatus::Failed:
        return tr("Failed");
    case store::RunStatus::Canceled:
        return tr("Canceled");
    }
    return {};
}

QString RunLogView::durationText(qint64 ms)
{
    if (ms < 0)
        return {};
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 60'000)
        return tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'f', 1));
    return tr("%1 min %2 s").arg(ms / 60'000).arg((ms % 60'000) / 1000);
}

RunLogView::RunLogView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    layout->addWidget(splitter, 1);

    m_runs = new QTreeWidget(splitter);
    m_runs->setObjectName(QStringLiteral("runList"));
    m_runs->setRootIsDecorated(false);
    m_runs->setIconSize(QSize(12, 12));
    m_runs->setUniformRowHeights(true);
    m_runs->setAlternatingRowColors(true);
    m_runs->setHeaderLabels(
        {tr("Status"), tr("Started"), tr("Duration"), tr("Trigger"), tr("Sources")});
    m_runs->setAccessibleName(tr("Runs"));
    m_runs->header()->setStretchLastSection(true);
    connect(m_runs, &QTreeWidget::currentItemChanged, this, &RunLogView::showEvents);

    auto *bottom = new QWidget(splitter);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 8, 0, 0);
    auto *header = new QHBoxLayout;
    m_summary = new QLabel(bottom);
    m_summary->setObjectName(QStringLiteral("runSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_summary->font();
    bold.setWeight(QFont::DemiBold);
    m_summary->setFont(bold);
    header->addWidget(m_summary, 1);
    m_copy = new QPushButton(actionIcon(QStringLiteral("edit-copy")), tr("&Copy"), bottom);
    m_copy->setToolTip(tr("Copy this run's log as text (Ctrl+C)"));
    m_copy->setEnabled(false);
    connect(m_copy, &QPushButton::clicked, this, &RunLogView::copy);
    header->addWidget(m_copy);
    bottomLayout->addLayout(header);

    m_events = new QTreeWidget(bottom);
    m_events->setObjectName(QStringLiteral("eventList"));
    m_events->setRootIsDecorated(false);
    m_events->setIconSize(QSize(12, 12));
    m_events->setAlternatingRowColors(true);
    m_events->setWordWrap(true);
    m_events->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_events->setHeaderLabels(
        {tr("Time"), tr("Source"), tr("Step"), tr("HTTP"), tr("Duration"), tr("Message")});
    m_events->setAccessibleName(tr("Events of the chosen run"));
    bottomLayout->addWidget(m_events, 1);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *copyAction = new QAction(tr("Copy"), this);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copyAction, &QAction::triggered, this, &RunLogView::copy);
    addAction(copyAction);
}

void RunLogView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_history)
        reload(); // the status colours are the palette's
}

void RunLogView::setHistory(const store::HistoryStore *history)
{
    m_history = history;
    reload();
}

qint64 RunLogView::selectedRun() const
{
    const QTreeWidgetItem *item = m_runs->currentItem();
    return item ? item->data(RunStatusColumn, Qt::UserRole).toLongLong() : 0;
}

void RunLogView::selectRun(qint64 runId)
{
    for (int i = 0; i < m_runs->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_runs->topLevelItem(i);
        if (item->data(RunStatusColumn, Qt::UserRole).toLongLong() == runId) {
            m_runs->setCurrentItem(item);
            return;
        }
    }
}

void RunLogView::reload()
{
    const qint64 chosen = selectedRun();
    m_runs->clear();
    if (!m_history)
        return;
    const auto runs = m_history->runs(MaxRuns);
    if (!runs) {
        m_summary->setText(tr("The run log cannot be read: %1").arg(runs.error().toString()));
        return;
    }
    QList<QTreeWidgetItem *> items;
    for (const store::Run &run : *runs) {
        auto *item = new QTreeWidgetItem;
        item->setData(RunStatusColumn, Qt::UserRole, run.id);
        item->setText(RunStatusColumn, statusText(run.status));
        item->setIcon(RunStatusColumn, dot(statusColor(run.status, palette())));
        item->setSizeHint(RunStatusColumn,
                          QSize(iconTextWidth(m_runs, item->text(RunStatusColumn)), RowHeight));
        item->setText(RunStarted, when(run.startedAtMs));
        item->setText(RunDuration, run.finishedAtMs > 0
                                       ? durationText(run.finishedAtMs - run.startedAtMs)
                                       : QString());
        item->setTextAlignment(RunDuration, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(RunTrigger, run.trigger);
        item->setText(RunSources,
                      run.failedCount > 0
                          ? tr("%1 (%2 failed)").arg(run.sourceCount).arg(run.failedCount)
                          : QString::number(run.sourceCount));
        items.append(item);
    }
    m_runs->addTopLevelItems(items);
    for (int c = 0; c < RunSources; ++c) {
        m_runs->resizeColumnToContents(c);
        m_runs->setColumnWidth(c, m_runs->columnWidth(c) + ColumnPadding);
    }
    if (chosen)
        selectRun(chosen);
    if (!m_runs->currentItem() && !items.isEmpty())
        m_runs->setCurrentItem(items.first());
    if (items.isEmpty())
        m_summary->setText(tr("No runs yet. Press Collect now (Ctrl+R) to collect every source."));
}

void RunLogView::showEvents()
{
    m_events->clear();
    const qint64 runId = selectedRun();
    m_copy->setEnabled(runId != 0);
    if (!m_history || runId == 0)
        return;
    const QTreeWidgetItem *run = m_runs->currentItem();
    m_summary->setText(
        tr("Run %1 · %2 · started %3 · %4")
            .arg(runId)
            .arg(run->text(RunStatusColumn), run->text(RunStarted), run->text(RunDuration)));
    const auto events = m_history->events(runId);
    if (!events) {
        m_summary->setText(tr("The events cannot be read: %1").arg(events.error().toString()));
        return;
    }
    QList<QTreeWidgetItem *> items;
    for (const store::RunEvent &event : *events) {
        auto *item = new QTreeWidgetItem;
        item->setText(EvTime, QLocale().toString(
                                  QDateTime::fromMSecsSinceEpoch(event.timestampMs).toLocalTime(),
                                  QStringLiteral("HH:mm:ss")));
        QString who = event.destinationId.isEmpty() ? event.sourceId : event.destinationId;
        if (!event.metricKey.isEmpty())
            who += QStringLiteral(" / ") + event.metricKey;
        item->setText(EvSource, who);
        item->setText(EvStep, event.step);
        item->setText(EvHttp, event.httpStatus > 0 ? QString::number(event.httpStatus) : QString());
        item->setText(EvDuration, durationText(event.durationMs));
        item->setTextAlignment(EvDuration, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(EvMessage, event.message);
        item->setToolTip(EvMessage, event.message);
        if (event.level == store::EventLevel::Error) {
            const QColor color = statusColor(store::RunStatus::Failed, palette());
            item->setIcon(EvTime, dot(color));
        } else if (event.level == store::EventLevel::Warning) {
            item->setIcon(EvTime, dot(statusColor(store::RunStatus::Partial, palette())));
        } else {
            item->setIcon(EvTime, dot(Qt::transparent)); // keeps the times in one column
        }
        item->setSizeHint(EvTime, QSize(iconTextWidth(m_events, item->text(EvTime)), RowHeight));
        items.append(item);
    }
    m_events->addTopLevelItems(items);
    for (int c = 0; c < EvMessage; ++c) {
        m_events->resizeColumnToContents(c);
        m_events->setColumnWidth(c, m_events->columnWidth(c) + ColumnPadding);
    }
    if (items.isEmpty())
        m_summary->setText(m_summary->text() + tr(" · no events"));
}

QString RunLogView::selectedRunText() const
{
    if (selectedRun() == 0)
        return {};
    QStringList lines{m_summary->text()};
    // The selected events, or all of them when none is selected.
    QList<QTreeWidgetItem *> chosen = m_events->selectedItems();
    if (chosen.isEmpty()) {
        for (int i = 0; i < m_events->topLevelItemCount(); ++i)
            chosen.append(m_events->topLevelItem(i));
    } else {
        std::sort(chosen.begin(), chosen.end(), [this](QTreeWidgetItem *a, QTreeWidgetItem *b) {
            return m_events->indexOfTopLevelItem(a) < m_events->indexOfTopLevelItem(b);
        });
    }
    for (const QTreeWidgetItem *item : std::as_const(chosen)) {
        QStringList fields;
        for (int c = 0; c < EvColumns; ++c)
            fields.append(item->text(c));
        lines.append(fields.join(QLatin1Char('\t')));
    }
    return lines.join(QLatin1Char('\n'));
}

void RunLogView::copy() const
{
    const QString text = selectedRunText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

} // namespace kpi::ui
