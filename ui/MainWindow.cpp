// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "MainWindow.h"

#include "ActionIcon.h"
#include "PathText.h"
#include "charts/ChartPanel.h"
#include "dashboard/DashboardView.h"
#include "delivery/DeliveryWorker.h"
#include "forms/ManualValueDialog.h"
#include "forms/WorkspaceEditor.h"
#include "net/HttpClient.h"
#include "pipeline/Collector.h"
#include "report/ReportBuilder.h"
#include "runlog/RunLogView.h"
#include "schedule/CollectionSchedule.h"
#include "schedule/DeliverySchedule.h"
#include "schedule/WallClockWatcher.h"
#include "settings/AppSettings.h"
#include "settings/SettingsDialog.h"
#include "tray/TrayController.h"
#include "util/Clock.h"
#include "workspace/WorkspaceDocument.h"
#include "workspace/WorkspaceLoader.h"

#include <QAction>
#include <QCloseEvent>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace kpi::ui {

namespace {

const auto GeometryKey = QStringLiteral("window/geometry");
const auto StateKey = QStringLiteral("window/state");
const auto PageKey = QStringLiteral("window/page");
const auto CompareKey = QStringLiteral("dashboard/compareDays");

} // namespace

MainWindow::MainWindow(const QString &workspacePath, const QString &databaseSpec, QWidget *parent)
    : QMainWindow(parent),
      m_explicitWorkspace(workspacePath),
      m_workspacePath(workspace::WorkspaceLoader::resolvePath(workspacePath)),
      m_databaseSpec(databaseSpec),
      m_collector(new pipeline::Collector(m_services.httpClient(), m_services.secretStore(),
                                          Clock::system(), this))
{
    setWindowTitle(tr("KPI Collector"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/kpi-collector.svg")));
    resize(1100, 720);

    m_collectAction =
        new QAction(actionIcon(QStringLiteral("view-refresh")), tr("&Collect now"), this);
    m_collectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_collectAction->setToolTip(tr("Collect every source now (Ctrl+R)"));
    connect(m_collectAction, &QAction::triggered, this, &MainWindow::collectNow);
    m_cancelAction = new QAction(actionIcon(QStringLiteral("process-stop")), tr("C&ancel"), this);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setToolTip(tr("Stop the run; what arrived is kept (Esc)"));
    m_cancelAction->setVisible(false);
    connect(m_cancelAction, &QAction::triggered, m_collector, &pipeline::Collector::cancel);
    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_collectAction);
    toolbar->addAction(m_cancelAction);
    auto *editAction = new QAction(actionIcon(QStringLiteral("document-edit")),
                                   tr("&Sources and destinations…"), this);
    editAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    editAction->setToolTip(tr("Add, change and test sources and destinations (Ctrl+E)"));
    connect(editAction, &QAction::triggered, this, &MainWindow::editWorkspace);
    toolbar->addAction(editAction);
    auto *recordAction =
        new QAction(actionIcon(QStringLiteral("list-add")), tr("Record a &value…"), this);
    recordAction->setToolTip(tr("Record a number by hand, with its date"));
    connect(recordAction, &QAction::triggered, this, [this] {
        auto *dialog = new ManualValueDialog(m_history.get(), m_workspace, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, &MainWindow::refreshAll);
        dialog->open();
    });
    toolbar->addAction(recordAction);
    auto *settingsAction =
        new QAction(actionIcon(QStringLiteral("preferences-system")), tr("Se&ttings…"), this);
    settingsAction->setObjectName(QStringLiteral("settingsAction"));
    // Preferences has no keys on most Linux desktops; Ctrl+, is what apps there use.
    QList<QKeySequence> settingsKeys = QKeySequence::keyBindings(QKeySequence::Preferences);
    if (settingsKeys.isEmpty())
        settingsKeys.append(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settingsAction->setShortcuts(settingsKeys);
    settingsAction->setToolTip(
        tr("Files, schedule, tray and start at login (%1)")
            .arg(settingsKeys.constFirst().toString(QKeySequence::NativeText)));
    connect(settingsAction, &QAction::triggered, this, &MainWindow::openSettings);
    toolbar->addAction(settingsAction);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    m_problem = new QLabel(central);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setMargin(12);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setVisible(false);
    layout->addWidget(m_problem);

    m_tabs = new QTabWidget(central);
    m_tabs->setDocumentMode(true);
    m_dashboard = new DashboardView(m_tabs);
    auto *addSourceAction =
        new QAction(actionIcon(QStringLiteral("list-add")), tr("&Add a source…"), this);
    addSourceAction->setObjectName(QStringLiteral("addSourceAction"));
    connect(addSourceAction, &QAction::triggered, this, &MainWindow::editWorkspace);
    m_dashboard->addEmptyAction(addSourceAction);
    m_dashboard->addEmptyAction(settingsAction);
    m_charts = new ChartPanel(m_tabs);
    m_runLogView = new RunLogView(m_tabs);
    m_tabs->addTab(m_dashboard, tr("&Dashboard"));
    m_tabs->addTab(m_charts, tr("C&harts"));
    m_tabs->addTab(m_runLogView, tr("Run &log"));
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    const QList<std::pair<QKeySequence, Page>> pages{
        {QKeySequence(Qt::CTRL | Qt::Key_1), Page::Dashboard},
        {QKeySequence(Qt::CTRL | Qt::Key_2), Page::Charts},
        {QKeySequence(Qt::CTRL | Qt::Key_3), Page::RunLog}};
    for (const auto &[keys, page] : pages) {
        auto *action = new QAction(this);
        action->setShortcut(keys);
        connect(action, &QAction::triggered, this, [this, page = page] { showPage(page); });
        addAction(action);
    }
    connect(m_dashboard, &DashboardView::metricActivated, this, &MainWindow::showChart);
    connect(m_dashboard, &DashboardView::northStarRequested, this, &MainWindow::setNorthStar);
    m_dashboard->setCompareDays(settings::AppSettings::open()
                                    ->value(CompareKey, report::ReportBuilder::DefaultCompareDays)
                                    .toInt());
    connect(m_dashboard, &DashboardView::compareDaysChanged, this, [this](int days) {
        settings::AppSettings::open()->setValue(CompareKey, days);
        refreshValues();
    });

    m_status = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(220);
    m_progress->setVisible(false);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_progress);

    connect(m_collector, &pipeline::Collector::started, this,
            [this](int sourceCount, const QString &) { onRunStarted(sourceCount); });
    connect(m_collector, &pipeline::Collector::sourceFinished, this, &MainWindow::onSourceFinished);
    connect(m_collector, &pipeline::Collector::finished, this, &MainWindow::onRunFinished);

    // The workspace file changes on disk (the editor's atomic save replaces it): reload.
    // A replaced file drops out of the watcher, so the folder is watched too and the file
    // added again; the timer folds the burst of events of one save into one reload.
    // One for the window's life; each workspace's schedules connect to it.
    m_clockWatcher = new schedule::WallClockWatcher(this);
    m_workspaceWatcher = new QFileSystemWatcher(this);
    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(200);
    watchWorkspace();
    connect(m_workspaceWatcher, &QFileSystemWatcher::fileChanged, m_reloadTimer,
            qOverload<>(&QTimer::start));
    connect(m_workspaceWatcher, &QFileSystemWatcher::directoryChanged, m_reloadTimer,
            qOverload<>(&QTimer::start));
    connect(m_reloadTimer, &QTimer::timeout, this, [this] {
        watchWorkspace();
        reloadWorkspace();
    });

    loadWorkspace();
    m_charts->setHistory(m_history.get(), m_workspace);
    m_runLogView->setHistory(m_history.get());
    showEmptyText();
    refreshValues();
    if (!m_workspaceOk || !m_history)
        m_dashboard->setCards({});
}

void MainWindow::showEmptyText()
{
    m_dashboard->setEmptyText(
        tr("<h2>No metrics yet</h2>"
           "<p>Start by adding a source: <b>Sources and destinations…</b> (Ctrl+E), then "
           "<b>Add source</b>. Presets are ready for GitHub stars, PyPI and npm downloads "
           "and more; <b>Test</b> shows what a source yields before anything is saved.</p>"
           "<p>The workspace is kept in <code>%1</code>; you can also edit it by hand "
           "(<i>docs/workspace.md</i>) or import one with "
           "<code>kpi-collector config import FILE</code>.</p>"
           "<p>Then press <b>Collect now</b> (Ctrl+R), or let it collect on a schedule: "
           "<b>Settings…</b> (Ctrl+,).</p>")
            .arg(homeRelativePath(m_workspacePath).toHtmlEscaped()));
}

void MainWindow::watchWorkspace()
{
    if (QFileInfo::exists(m_workspacePath) &&
        !m_workspaceWatcher->files().contains(m_workspacePath))
        m_workspaceWatcher->addPath(m_workspacePath);
    const QString folder = QFileInfo(m_workspacePath).absolutePath();
    if (QFileInfo::exists(folder) && !m_workspaceWatcher->directories().contains(folder))
        m_workspaceWatcher->addPath(folder);
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
    const auto settings = settings::AppSettings::open();
    settings->setValue(GeometryKey, saveGeometry());
    settings->setValue(StateKey, saveState());
    settings->setValue(PageKey, m_tabs->currentIndex());
    QMainWindow::closeEvent(event);
    if (event->isAccepted())
        Q_EMIT closed();
}

// Restored on the first show rather than in the constructor, so whoever made the window
// (the tray, a test) can still decide not to show it.
void MainWindow::showEvent(QShowEvent *event)
{
    if (!m_geometryRestored) {
        m_geometryRestored = true;
        const auto settings = settings::AppSettings::open();
        restoreGeometry(settings->value(GeometryKey).toByteArray());
        restoreState(settings->value(StateKey).toByteArray());
        m_tabs->setCurrentIndex(settings->value(PageKey, 0).toInt());
    }
    QMainWindow::showEvent(event);
}

void MainWindow::showPage(Page page)
{
    m_tabs->setCurrentIndex(int(page));
}

void MainWindow::showChart(const QString &metricKey)
{
    // Shown first, so the chart is drawn at the size it is seen at.
    showPage(Page::Charts);
    m_charts->showMetrics({metricKey});
}

void MainWindow::setSchedulePaused(bool paused)
{
    m_schedulePaused = paused;
    if (m_schedule)
        m_schedule->scheduler().setPaused(paused);
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
    if (QFile file(m_workspacePath); file.open(QIODevice::ReadOnly))
        m_workspaceContent = file.readAll();
    // No file yet is a first start, not a problem: the dashboard says how to begin, and
    // the editor's first save creates the file.
    const bool firstStart = !QFileInfo::exists(m_workspacePath);
    const auto loaded = firstStart ? workspace::WorkspaceLoader::Outcome{}
                                   : workspace::WorkspaceLoader::loadFile(m_workspacePath);
    m_workspaceOk = loaded.isOk();
    m_workspace = loaded.workspace;
    if (!m_workspaceOk) {
        QStringList lines;
        for (const Error &error : loaded.errors)
            lines.append(error.toString().toHtmlEscaped());
        showProblem(tr("<b>The workspace %1 cannot be used.</b><br>%2<br>See docs/workspace.md, or "
                       "import one with "
                       "<code>kpi-collector config import FILE</code>.")
                        .arg(homeRelativePath(m_workspacePath).toHtmlEscaped(),
                             lines.join(QStringLiteral("<br>"))));
    } else {
        showProblem({});
    }
    m_collectAction->setEnabled(m_workspaceOk && !m_workspace.sources.isEmpty());
    m_status->setText(tr("Workspace: %1").arg(homeRelativePath(m_workspacePath)));

    // Opened once: a reload of the workspace keeps the history the views point at.
    if (!m_history) {
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
    }
    if (!m_workspaceOk || !m_history) {
        Q_EMIT scheduleChanged(); // none now: the tray must not show the old one's next time
        return;
    }

    m_services.httpClient()->setMaxConnectionsPerHost(m_workspace.perHostConnections);
    m_collector->setWorkspace(m_workspace);
    m_collector->setHistory(m_history.get());
    m_schedule = new schedule::CollectionSchedule(m_collector, Clock::system(),
                                                  QStringLiteral("window"), this);
    connect(m_clockWatcher, &schedule::WallClockWatcher::jumped, &m_schedule->scheduler(),
            &schedule::Scheduler::wallClockChanged);
    connect(m_schedule, &schedule::CollectionSchedule::skipped, this, &MainWindow::showNote);
    m_schedule->scheduler().setPaused(m_schedulePaused);
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
    connect(m_clockWatcher, &schedule::WallClockWatcher::jumped, &m_deliverySchedule->scheduler(),
            &schedule::Scheduler::wallClockChanged);
    connect(m_deliverySchedule, &schedule::DeliverySchedule::skipped, this, &MainWindow::showNote);
    // Started from the event loop, once whoever made the window (the tray) is listening:
    // a catch-up may begin at once.
    // These objects, not whatever is current then: another reload may come first.
    QMetaObject::invokeMethod(
        this,
        [this, collecting = QPointer(m_schedule), delivering = QPointer(m_deliverySchedule),
         deliveries = QPointer(m_deliveries)] {
            if (!collecting || !delivering || !deliveries)
                return; // replaced by a later reload, which starts its own
            if (const auto started = collecting->start(); !started)
                showProblem(tr("<b>The schedule cannot be used.</b><br>%1")
                                .arg(started.error().toString().toHtmlEscaped()));
            if (const auto started = delivering->start(); !started)
                showProblem(tr("<b>The deliveries cannot be scheduled.</b><br>%1")
                                .arg(started.error().toString().toHtmlEscaped()));
            deliveries->poke(); // what waited in the outbox while the app was closed
        },
        Qt::QueuedConnection);
    Q_EMIT scheduleChanged();
}

// Written into the workspace file like any edit (kept as typed, atomically); the reload
// that follows puts the card first.
void MainWindow::setNorthStar(const QString &metricKey)
{
    auto document = workspace::WorkspaceDocument::load(m_workspacePath);
    if (!document) {
        showNote(tr("The North Star could not be set: %1").arg(document.error().toString()));
        return;
    }
    document->setRootValue(QStringLiteral("northStar"), metricKey);
    if (const auto checked = document->validate(); !checked.isOk()) {
        showNote(
            tr("The North Star could not be set: %1").arg(checked.errors.constFirst().toString()));
        return;
    }
    if (const auto saved = document->save(m_workspacePath); !saved) {
        showNote(tr("The North Star could not be set: %1").arg(saved.error().toString()));
        return;
    }
    reloadWorkspace();
}

void MainWindow::editWorkspace()
{
    auto *editor = new WorkspaceEditor(m_workspacePath, m_services.httpClient(),
                                       m_services.secretStore(), this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->open();
}

void MainWindow::openSettings()
{
    SettingsDialog::Context context;
    context.workspaceInUse = m_workspacePath;
    context.explicitWorkspace = m_explicitWorkspace;
    context.explicitDatabase = m_databaseSpec;
    context.trayAvailable = TrayController::isAvailable();
    auto *dialog = new SettingsDialog(context, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::applied, this, [this] {
        // The setting may name another file; --workspace and the environment still win.
        openWorkspace(workspace::WorkspaceLoader::resolvePath(m_explicitWorkspace));
        Q_EMIT settingsChanged();
    });
    dialog->open();
}

void MainWindow::openWorkspace(const QString &path)
{
    if (path != m_workspacePath) {
        if (const QStringList watched =
                m_workspaceWatcher->files() + m_workspaceWatcher->directories();
            !watched.isEmpty())
            m_workspaceWatcher->removePaths(watched);
        m_workspacePath = path;
        watchWorkspace();
        showEmptyText();
        // Another file is read even when its bytes are those of the last one (both absent).
        m_workspaceContent.clear();
        m_forceReload = true;
    }
    reloadWorkspace();
}

void MainWindow::reloadWorkspace()
{
    // The folder changes for other files too (a database beside it): only new content counts.
    QFile file(m_workspacePath);
    const QByteArray content = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    if (content == m_workspaceContent && !m_forceReload)
        return;
    // A run in progress keeps the workspace it started with; reload once it is done.
    if (m_collector->isCollecting()) {
        m_reloadTimer->start();
        return;
    }
    m_forceReload = false;
    delete m_deliverySchedule;
    m_deliverySchedule = nullptr;
    delete m_deliveries;
    m_deliveries = nullptr;
    delete m_schedule;
    m_schedule = nullptr;
    loadWorkspace();
    refreshAll();
}

void MainWindow::refreshValues()
{
    if (!m_history)
        return;
    m_dashboard->setCards(
        loadCards(*m_history, m_workspace, Clock::system().nowUtc(), m_dashboard->compareDays()));
}

void MainWindow::refreshAll()
{
    refreshValues();
    m_charts->setHistory(m_history.get(), m_workspace);
    m_charts->invalidate();
    m_runLogView->reload();
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
    m_cancelAction->setVisible(true);
    m_progress->setRange(0, sourceCount);
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_status->setText(tr("Collecting…"));
}

// The cards change as each source answers; the history is read again when the run is stored.
void MainWindow::onSourceFinished(const sources::SourceOutcome &outcome, int done, int total)
{
    m_progress->setValue(done);
    m_status->setText(tr("Collecting… %1 of %2 sources").arg(done).arg(total));
    const QDateTime now = Clock::system().nowUtc();
    for (const auto &value : outcome.values)
        m_dashboard->applyValue(value.key, value.value, now);
    for (const auto &failure : outcome.metricErrors)
        m_dashboard->markFailed(failure.key, failure.error.message);
    if (outcome.error) {
        if (const auto *source = m_workspace.source(outcome.sourceId)) {
            for (const auto &metric : source->metrics)
                m_dashboard->markFailed(metric.key, outcome.error->message);
        }
    }
}

void MainWindow::onRunFinished(const pipeline::RunReport &report)
{
    m_progress->setVisible(false);
    m_cancelAction->setVisible(false);
    m_collectAction->setEnabled(true);

    int values = 0;
    for (const auto &outcome : report.outcomes)
        values += int(outcome.values.size());
    QString summary = tr("%n value(s) collected", nullptr, values) +
                      tr(" from %n source(s)", nullptr, int(report.outcomes.size())) +
                      (report.failedSources() ? tr(", %n with errors: see the run log (Ctrl+3)",
                                                   nullptr, report.failedSources())
                                              : QString());
    if (report.storeError)
        summary = tr("The values could not be stored: %1").arg(report.storeError->toString());
    m_status->setText(summary);
    refreshAll();
    if (report.runId)
        m_runLogView->selectRun(report.runId);
}

} // namespace kpi::ui
