// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QDateTime>
#include <QIcon>
#include <QObject>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace kpi::ui {

// The tray icon (qBittorrent's DesktopIntegration): shows the state, the last and next
// run and the North Star in its tooltip, and turns clicks into intents the app acts on.
// It holds no logic of its own. Create it only where isSystemTrayAvailable().
class TrayController : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, Collecting, Failed };

    explicit TrayController(QObject *parent = nullptr);
    ~TrayController() override;

    static bool isAvailable();

    void setState(State state);
    State state() const { return m_state; }
    // "ok at 06:00", "2 sources failed at 06:00"; empty: no run yet.
    void setLastRun(const QString &text);
    void setNextRun(const QDateTime &next, bool paused);
    // The tooltip's headline: the North Star metric with its value and change.
    void setNorthStar(const QString &text);
    void setStartAtLogin(bool enabled);
    void notify(const QString &title, const QString &message, bool failure);

    QString toolTip() const;
    QMenu *menu() const { return m_menu; }

Q_SIGNALS:
    void openRequested();
    void collectNowRequested();
    void pauseRequested(bool paused);
    void startAtLoginRequested(bool enabled);
    void quitRequested();
    // A notification was shown (or asked for, where the desktop shows none).
    void notified(const QString &title, const QString &message, bool failure);

private:
    void refreshMenu();
    void refreshToolTip();
    static QIcon iconFor(State state);

    QSystemTrayIcon *m_tray;
    QMenu *m_menu;
    QAction *m_open;
    QAction *m_collect;
    QAction *m_pause;
    QAction *m_startAtLogin;
    QAction *m_lastRunAction;
    QAction *m_nextRunAction;
    State m_state = State::Idle;
    QString m_lastRun;
    QDateTime m_nextRun;
    bool m_paused = false;
    QString m_northStar;
};

} // namespace kpi::ui
