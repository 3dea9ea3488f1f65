// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "DesktopApp.h"

#include "Autostart.h"
#include "MainWindow.h"
#include "pipeline/Collector.h"
#include "pipeline/RunReport.h"
#include "report/HumanFormat.h"
#include "report/ReportBuilder.h"
#include "schedule/CollectionSchedule.h"
#include "settings/AppSettings.h"
#include "store/HistoryStore.h"
#include "store/Run.h"
#include "tray/TrayController.h"
#include "util/Clock.h"
#include "util/Logging.h"

#include <QApplication>
#include <QLocale>
#include <QSettings>
#include <QTimer>

namespace kpi::ui {

namespace {
const QString CloseNoticeShownKey = QStringLiteral("tray/closeNoticeShown");
} // namespace

DesktopApp::DesktopApp(const QString &workspacePath, const QString &databaseSpec, bool startInTray,
                       TrayPresence presence, QObject *parent)
    : QObject(parent), m_window(std::make_unique<MainWindow>(workspacePath, databaseSpec))
{
    pipeline::Collector *collector = m_window->collector();
    connect(collector, &pipeline::Collector::started, this, &DesktopApp::onRunStarted);
    connect(collector, &pipeline::Collector::finished, this, &DesktopApp::onRunFinished);
    connect(m_window.get(), &MainWindow::closed, this, &DesktopApp::onWindowClosed);

    if (presence == TrayPresence::Assumed || TrayController::isAvailable()) {
        setUpTray(startInTray);
        return;
    }
    if (!startInTray) {
        runWithoutTray();
        return;
    }
    // Started at login, the panel's tray may not be up yet (KeePassXC waits too): look
    // again a few times before settling for a window.
    auto *retry = new QTimer(this);
    retry->setInterval(TrayRetryIntervalMs);
    connect(retry, &QTimer::timeout, this, [this, retry, attempts = 0]() mutable {
        if (TrayController::isAvailable()) {
            retry->deleteLater();
            setUpTray(true);
        } else if (++attempts >= TrayRetryAttempts) {
            retry->deleteLater();
            runWithoutTray();
        }
    });
    retry->start();
}

void DesktopApp::runWithoutTray()
{
    qCInfo(lcUi) << "no system tray; running as a window";
    m_window->showNote(tr("This desktop has no system tray: KPI Collector collects on its "
                          "schedule while this window is open."));
    m_window->show();
}

void DesktopApp::setUpTray(bool startInTray)
{
    QApplication::setQuitOnLastWindowClosed(false);
    m_tray = new TrayController(this);
    connect(m_tray, &TrayController::openRequested, this, &DesktopApp::activate);
    connect(m_tray, &TrayController::collectNowRequested, m_window.get(), &MainWindow::collectNow);
    connect(m_tray, &TrayController::quitRequested, this, &DesktopApp::quitRequested);
    m_tray->setStartAtLogin(Autostart::isEnabled());
    connect(m_tray, &TrayController::startAtLoginRequested, this, [this](bool enabled) {
        if (const auto changed = Autostart::setEnabled(enabled); !changed) {
            m_tray->notify(tr("Start at login could not be changed"), changed.error().message,
                           true);
            m_tray->setStartAtLogin(Autostart::isEnabled());
        }
    });
    // The Settings dialog may have changed it too.
    connect(m_window.get(), &MainWindow::settingsChanged, this,
            [this] { m_tray->setStartAtLogin(Autostart::isEnabled()); });
    connect(m_tray, &TrayController::pauseRequested, m_window.get(), [this](bool paused) {
        m_window->setSchedulePaused(paused);
        refreshTray();
    });
    connectSchedule();
    // A reloaded workspace brings a new schedule (the editor saved, the file changed).
    connect(m_window.get(), &MainWindow::scheduleChanged, this, [this] {
        connectSchedule();
        refreshTray();
    });
    if (store::HistoryStore *history = m_window->history()) {
        if (const auto runs = history->runs(1); runs && !runs->isEmpty()) {
            const store::Run &last = runs->constFirst();
            m_tray->setLastRun(
                tr("%1 at %2")
                    .arg(store::toDbText(last.status),
                         QLocale().toString(
                             QDateTime::fromMSecsSinceEpoch(last.startedAtMs).toLocalTime(),
                             QLocale::ShortFormat)));
        }
    }
    refreshTray();
    if (!startInTray)
        m_window->show();
}

void DesktopApp::connectSchedule()
{
    schedule::CollectionSchedule *schedule = m_window->schedule();
    if (!schedule)
        return;
    connect(&schedule->scheduler(), &schedule::Scheduler::nextTimeChanged, this,
            &DesktopApp::refreshTray);
    connect(schedule, &schedule::CollectionSchedule::skipped, this, [this](const QString &reason) {
        if (settings::AppSettings::notifyFailures())
            m_tray->notify(tr("A scheduled collection did not run"), reason, false);
    });
}

DesktopApp::~DesktopApp()
{
    // The window's last run may end as it closes; the tray is no longer there to show it.
    disconnect(m_window->collector(), nullptr, this, nullptr);
}

void DesktopApp::activate()
{
    m_window->show();
    m_window->setWindowState((m_window->windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    m_window->raise();
    m_window->activateWindow();
}

void DesktopApp::onRunStarted()
{
    if (m_tray)
        m_tray->setState(TrayController::State::Collecting);
}

void DesktopApp::onRunFinished(const pipeline::RunReport &report)
{
    if (!m_tray)
        return;
    QStringList failed;
    for (const auto &outcome : report.outcomes) {
        if (outcome.hasFailure())
            failed.append(outcome.sourceId);
    }
    const bool failure = !failed.isEmpty() || report.storeError;
    m_tray->setState(failure ? TrayController::State::Failed : TrayController::State::Idle);
    const QString at =
        QLocale().toString(QDateTime::fromMSecsSinceEpoch(report.startedAtMs).toLocalTime().time(),
                           QLocale::ShortFormat);
    m_tray->setLastRun(failure
                           ? tr("%n source(s) failed at %1", nullptr, int(failed.size())).arg(at)
                           : tr("all collected at %1").arg(at));
    refreshTray();
    if (!settings::AppSettings::notifyFailures())
        return; // the tray's icon and menu still say it; the run log has the details
    if (report.storeError)
        m_tray->notify(tr("The values could not be stored"), report.storeError->message, true);
    else if (!failed.isEmpty())
        m_tray->notify(tr("Collection failed for %1").arg(failed.join(QStringLiteral(", "))),
                       tr("Open KPI Collector to see why."), true);
}

void DesktopApp::onWindowClosed()
{
    if (!m_tray)
        return; // the last window closed: the app quits
    if (!settings::AppSettings::closeToTray()) {
        // Settings: closing the window quits, as with no tray.
        Q_EMIT quitRequested();
        return;
    }
    const auto settings = settings::AppSettings::open();
    if (!settings->value(CloseNoticeShownKey).toBool()) {
        m_tray->notify(tr("KPI Collector is still running"),
                       tr("It keeps collecting on its schedule. Open it again from the tray; "
                          "quit it from the tray's menu."),
                       false);
        settings->setValue(CloseNoticeShownKey, true);
    }
}

void DesktopApp::refreshTray()
{
    if (!m_tray)
        return;
    if (schedule::CollectionSchedule *schedule = m_window->schedule())
        m_tray->setNextRun(schedule->scheduler().nextTime(), m_window->isSchedulePaused());
    else
        m_tray->setNextRun({}, m_window->isSchedulePaused());
    m_tray->setNorthStar(northStarText());
}

// "Weekly active users: 1,204 users (▲ +38 (+3.3 %))", from the history, as the report
// and the digests say it.
QString DesktopApp::northStarText() const
{
    const workspace::Workspace &workspace = m_window->workspace();
    store::HistoryStore *history = m_window->history();
    if (workspace.northStar.isEmpty() || !history)
        return {};
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(Clock::system().nowMs(), QTimeZone::utc());
    const auto built = report::ReportBuilder::build(*history, workspace, now);
    if (!built || built->lines.isEmpty() || !built->lines.first().northStar)
        return tr("%1: not collected yet").arg(workspace.northStar);
    const report::MetricLine &line = built->lines.first();
    return QStringLiteral("%1: %2 (%3 %4)")
        .arg(line.label, report::HumanFormat::value(line), report::HumanFormat::marker(line),
             report::HumanFormat::change(line));
}

} // namespace kpi::ui
