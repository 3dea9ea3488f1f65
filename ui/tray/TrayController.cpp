// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "tray/TrayController.h"

#include <QAction>
#include <QApplication>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QPalette>
#include <QSystemTrayIcon>

namespace kpi::ui {

TrayController::TrayController(QObject *parent)
    : QObject(parent), m_tray(new QSystemTrayIcon(this)), m_menu(new QMenu)
{
    m_open = m_menu->addAction(tr("&Open KPI Collector"), this, &TrayController::openRequested);
    m_collect = m_menu->addAction(tr("&Collect now"), this, &TrayController::collectNowRequested);
    m_pause = m_menu->addAction(tr("&Pause schedules"));
    m_pause->setCheckable(true);
    connect(m_pause, &QAction::toggled, this, &TrayController::pauseRequested);
    m_menu->addSeparator();
    m_lastRunAction = m_menu->addAction(QString());
    m_lastRunAction->setEnabled(false);
    m_nextRunAction = m_menu->addAction(QString());
    m_nextRunAction->setEnabled(false);
    m_menu->addSeparator();
    m_startAtLogin = m_menu->addAction(tr("&Start at login"));
    m_startAtLogin->setCheckable(true);
    connect(m_startAtLogin, &QAction::toggled, this, &TrayController::startAtLoginRequested);
    m_menu->addAction(tr("&Quit"), this, &TrayController::quitRequested);
    // Times are read when the menu opens, so "next run" is never stale (Zeal, Nextcloud).
    connect(m_menu, &QMenu::aboutToShow, this, &TrayController::refreshMenu);

    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    Q_EMIT openRequested();
            });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayController::openRequested);
    setState(State::Idle);
    refreshMenu();
    m_tray->show();
}

TrayController::~TrayController()
{
    // The icon first, then its menu: QSystemTrayIcon does not own the menu.
    delete m_tray;
    delete m_menu;
}

bool TrayController::isAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayController::setState(State state)
{
    m_state = state;
    m_tray->setIcon(iconFor(state));
    m_collect->setEnabled(state != State::Collecting);
    refreshToolTip();
}

void TrayController::setLastRun(const QString &text)
{
    m_lastRun = text;
    refreshMenu();
}

void TrayController::setNextRun(const QDateTime &next, bool paused)
{
    m_nextRun = next;
    m_paused = paused;
    const QSignalBlocker blocker(m_pause);
    m_pause->setChecked(paused);
    refreshMenu();
}

void TrayController::setNorthStar(const QString &text)
{
    m_northStar = text;
    refreshToolTip();
}

void TrayController::setStartAtLogin(bool enabled)
{
    const QSignalBlocker blocker(m_startAtLogin);
    m_startAtLogin->setChecked(enabled);
}

void TrayController::notify(const QString &title, const QString &message, bool failure)
{
    Q_EMIT notified(title, message, failure);
    m_tray->showMessage(title, message,
                        failure ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
}

QString TrayController::toolTip() const
{
    return m_tray->toolTip();
}

void TrayController::refreshMenu()
{
    m_lastRunAction->setText(m_lastRun.isEmpty() ? tr("Last run: none yet")
                                                 : tr("Last run: %1").arg(m_lastRun));
    if (m_paused)
        m_nextRunAction->setText(tr("Next run: paused"));
    else if (!m_nextRun.isValid())
        m_nextRunAction->setText(tr("Next run: not scheduled"));
    else
        m_nextRunAction->setText(
            tr("Next run: %1")
                .arg(QLocale().toString(m_nextRun.toLocalTime(), QLocale::ShortFormat)));
    refreshToolTip();
}

void TrayController::refreshToolTip()
{
    QStringList lines{tr("KPI Collector")};
    if (!m_northStar.isEmpty())
        lines.append(m_northStar);
    switch (m_state) {
    case State::Collecting:
        lines.append(tr("Collecting…"));
        break;
    case State::Failed:
        lines.append(tr("The last run had errors"));
        break;
    case State::Idle:
        break;
    }
    m_tray->setToolTip(lines.join(QLatin1Char('\n')));
}

// The app icon with a status dot in the corner, drawn from the SVG so it stays crisp at
// any tray size: none when idle, the palette's highlight while collecting, red on failure.
QIcon TrayController::iconFor(State state)
{
    const QIcon base(QStringLiteral(":/icons/kpi-collector.svg"));
    if (state == State::Idle)
        return base;
    const QColor dot = state == State::Failed ? QColor(0xd3, 0x2f, 0x2f)
                                              : QApplication::palette().color(QPalette::Highlight);
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap = base.pixmap(size, size);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const qreal diameter = size * 0.45;
        painter.setPen(QPen(Qt::white, std::max(1.0, size / 16.0)));
        painter.setBrush(dot);
        painter.drawEllipse(
            QRectF(size - diameter - 0.5, size - diameter - 0.5, diameter, diameter));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace kpi::ui
