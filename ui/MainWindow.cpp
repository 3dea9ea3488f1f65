// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "MainWindow.h"

#include "delivery/DeliveryWorker.h"
#include "net/HttpClient.h"
#include "pipeline/Collector.h"
#include "schedule/CollectionSchedule.h"
#include "schedule/DeliverySchedule.h"
#include "schedule/WallClockWatcher.h"
#include "util/Clock.h"
#include "workspace/WorkspaceLoader.h"

#include <QAction>
#include <QCloseEvent>
#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QStatusBar>
#include <QTableWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace kpi::ui {

namespace {

QString formatNumber(double value)
{
    return QLocale().toString(value, 'g', 12);
}

} // namespace

MainWindow::MainWindow(const QString &workspacePath, const QString &databaseSpec, QWidget *parent)
    : QMainWindow(parent),
      m_workspacePath(workspace::WorkspaceLoader::resolvePath(workspacePath)),
      m_databaseSpec(databaseSpec),
      m_collector(new pipeline::Collector(m_services.httpClient(), m_services.secretStore(),
                                          Clock::system(), this))
{
    setWindowTitle(tr("KPI Collector"));
    resize(900, 560);

    m_collectAction =
        new QAction(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("&Collect now"), this);
    m_collectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_collectAction->setToolTip(tr("Collect every source now (Ctrl+R)"));
    connect(m_collectAction, &QAction::triggered, this, &MainWindow::collectNow);
    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_collectAction);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_problem = new QLabel(central);
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setVisible(false);
    layout->addWidget(m_problem);

    m_table = new QTableWidget(0, 4, central);
    m_table->setHorizontalHeaderLabels({tr("Metric"), tr("Value"), tr("Change"), tr("Collected")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    layout->addWidget(m_table, 3);

    auto *logTitle = new QLabel(tr("Last run"), central);
    layout->addWidget(logTitle);
    m_runLog = new QPlainTextEdit(central);
    m_runLog->setReadOnly(true);
    m_runLog->setPlaceholderText(tr("Press Collect now to fetch every source."));
    layout->addWidget(m_runLog, 1);
    setCentralWidget(central);

    m_status = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(220);
    m_progress->setVisible(false);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_progress);

    connect(m_collector, &pipeline::Collector::started, this,
            [this](int sourceCount, const QString &) { onRunStarted(sourceCount); });
    connect(m_collector, &pipeline::Collector::sourceFinished, this,
            [this](const sources::SourceOutcome &, int done, int total) {
                onSourceFinished(done, total);
            });
    connect(m_collector, &pipeline::Collector::finished, this, &MainWindow::onRunFinished);

    loadWorkspace();
    refreshValues();
}

MainWindow::~MainWindow()
{
    // A run still going stores what it has; then the collector goes before the history
    // and the services it uses (members die before QObject children).
    m_collector->cancel();
    delete m_deliverySchedule;
    delete m_deliveries; // gives what it was sending back to the outbox
    delete m_schedule;
    delete m_collector;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QMainWindow::closeEvent(event);
    if (event->isAccepted())
        Q_EMIT closed();
}

void MainWindow::showNote(const QString &text)
{
    m_status->setText(text);
}

void MainWindow::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

void MainWindow::loadWorkspace()
{
    const auto loaded = workspace::WorkspaceLoader::loadFile(m_workspacePath);
    m_workspaceOk = loaded.isOk();
    m_workspace = loaded.workspace;
    if (!m_workspaceOk) {
        QStringList lines;
        for (const Error &error : loaded.errors)
            lines.append(error.toString().toHtmlEscaped());
        showProblem(tr("<b>The workspace %1 cannot be used.</b><br>%2<br>See docs/workspace.md, or "
                       "import one with "
                       "<code>kpi-collector config import FILE</code>.")
                        .arg(m_workspacePath.toHtmlEscaped(), lines.join(QStringLiteral("<br>"))));
    } else {
        showProblem({});
    }
    m_collectAction->setEnabled(m_workspaceOk && !m_workspace.sources.isEmpty());
    m_status->setText(tr("Workspace: %1").arg(m_workspacePath));

    const auto location = store::DatabaseLocation::resolve(m_databaseSpec);
    auto history = location ? store::HistoryStore::open(*location)
                            : location.forward<std::unique_ptr<store::HistoryStore>>();
    if (history) {
        m_history = std::move(*history);
    } else {
        m_collectAction->setEnabled(false);
        showProblem(tr("<b>The history cannot be opened.</b><br>%1")
                        .arg(history.error().toString().toHtmlEscaped()));
    }
    if (!m_workspaceOk || !m_history)
        return;

    m_services.httpClient()->setMaxConnectionsPerHost(m_workspace.perHostConnections);
    m_collector->setWorkspace(m_workspace);
    m_collector->setHistory(m_history.get());
    m_schedule = new schedule::CollectionSchedule(m_collector, Clock::system(),
                                                  QStringLiteral("window"), this);
    auto *clockWatcher = new schedule::WallClockWatcher(this);
    connect(clockWatcher, &schedule::WallClockWatcher::jumped, &m_schedule->scheduler(),
            &schedule::Scheduler::wallClockChanged);
    connect(m_schedule, &schedule::CollectionSchedule::skipped, this, &MainWindow::showNote);
    // Deliveries: after each run, at each digest's time, whenever a retry is due.
    m_deliveries = new delivery::DeliveryWorker(m_history.get(), m_services.httpClient(),
                                                m_services.secretStore(), Clock::system(),
                                                QStringLiteral("window"), this);
    m_deliveries->setWorkspace(m_workspace);
    m_deliveries->setWaitForDue(true);
    connect(m_collector, &pipeline::Collector::finished, m_deliveries,
            &delivery::DeliveryWorker::poke);
    m_deliverySchedule = new schedule::DeliverySchedule(
        m_history.get(), m_deliveries, Clock::system(), QStringLiteral("window"), this);
    connect(clockWatcher, &schedule::WallClockWatcher::jumped, &m_deliverySchedule->scheduler(),
            &schedule::Scheduler::wallClockChanged);
    connect(m_deliverySchedule, &schedule::DeliverySchedule::skipped, this, &MainWindow::showNote);
    // Started from the event loop, once whoever made the window (the tray) is listening:
    // a catch-up may begin at once.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (const auto started = m_schedule->start(); !started)
                showProblem(tr("<b>The schedule cannot be used.</b><br>%1")
                                .arg(started.error().toString().toHtmlEscaped()));
            if (const auto started = m_deliverySchedule->start(); !started)
                showProblem(tr("<b>The deliveries cannot be scheduled.</b><br>%1")
                                .arg(started.error().toString().toHtmlEscaped()));
            m_deliveries->poke(); // what waited in the outbox while the app was closed
        },
        Qt::QueuedConnection);
}

void MainWindow::refreshValues()
{
    m_table->setRowCount(0);
    if (!m_history)
        return;
    const qint64 now = Clock::system().nowMs() + 1;
    const auto latest = m_history->latestBefore(now);
    if (!latest)
        return;
    QStringList keys = m_workspace.metricKeys();
    for (const QString &stored : latest->keys()) {
        if (!keys.contains(stored))
            keys.append(stored);
    }
    for (const QString &key : std::as_const(keys)) {
        const auto it = latest->constFind(key);
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto *name = new QTableWidgetItem(key);
        if (key == m_workspace.northStar) {
            QFont bold = name->font();
            bold.setBold(true);
            name->setFont(bold);
            name->setToolTip(tr("North Star metric"));
        }
        m_table->setItem(row, 0, name);
        if (it == latest->cend()) {
            m_table->setItem(row, 1, new QTableWidgetItem(tr("not collected yet")));
            continue;
        }
        auto *value = new QTableWidgetItem(formatNumber(it->value));
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, 1, value);
        const auto before = m_history->latestBefore(it->timestampMs, {key});
        QString change = tr("new");
        if (before && before->contains(key)) {
            const double delta = it->value - before->value(key).value;
            change = (delta > 0 ? QStringLiteral("+") : QString()) + formatNumber(delta);
        }
        auto *changeItem = new QTableWidgetItem(change);
        changeItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, 2, changeItem);
        m_table->setItem(row, 3,
                         new QTableWidgetItem(QLocale().toString(
                             QDateTime::fromMSecsSinceEpoch(it->timestampMs).toLocalTime(),
                             QLocale::ShortFormat)));
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
}

void MainWindow::collectNow()
{
    if (!m_workspaceOk || !m_history)
        return;
    m_collector->collect(QStringLiteral("window"));
}

void MainWindow::onRunStarted(int sourceCount)
{
    m_collectAction->setEnabled(false);
    m_progress->setRange(0, sourceCount);
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_status->setText(tr("Collecting…"));
}

void MainWindow::onSourceFinished(int done, int total)
{
    m_progress->setValue(done);
    m_status->setText(tr("Collecting… %1 of %2 sources").arg(done).arg(total));
}

void MainWindow::onRunFinished(const pipeline::RunReport &report)
{
    m_progress->setVisible(false);
    m_collectAction->setEnabled(true);

    QStringList lines;
    int values = 0;
    for (const auto &outcome : report.outcomes) {
        values += int(outcome.values.size());
        if (outcome.error)
            lines.append(tr("%1: failed at %2: %3")
                             .arg(outcome.sourceId, outcome.step, outcome.error->message));
        for (const auto &failure : outcome.metricErrors)
            lines.append(
                tr("%1 / %2: %3").arg(outcome.sourceId, failure.key, failure.error.message));
    }
    if (report.storeError)
        lines.prepend(tr("The values could not be stored: %1").arg(report.storeError->toString()));
    const QString summary =
        tr("%n value(s) collected", nullptr, values) +
        tr(" from %n source(s)", nullptr, int(report.outcomes.size())) +
        (report.failedSources() ? tr(", %n with errors", nullptr, report.failedSources())
                                : QString());
    m_runLog->setPlainText(lines.isEmpty() ? tr("All sources collected.")
                                           : lines.join(QLatin1Char('\n')));
    m_status->setText(summary);
    refreshValues();
}

} // namespace kpi::ui
