// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "workspace/WorkspaceDocument.h"

#include <QDialog>
#include <QTimeZone>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace kpi {
class Clock;
}

namespace kpi::ui {

// The window's Settings: which workspace file and history it uses (settings::AppSettings),
// when it collects (the workspace file's schedule, timezone and catchUp, so the daemon
// follows them too), and how it sits on the desktop (tray, notifications, start at login).
// Every field is checked as it is typed, with the messages `config check` and --database
// give, under the field; OK stays disabled while one is wrong. OK applies, Cancel drops.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    // What the window runs with; the dialog reads the environment itself.
    struct Context
    {
        QString workspaceInUse;    // the file the window has open
        QString explicitWorkspace; // --workspace, empty when not given
        QString explicitDatabase;  // --database, empty when not given
        bool trayAvailable = true;
    };

    // `clock` gives "now" for the schedule's preview; it must outlive the dialog.
    explicit SettingsDialog(const Context &context, QWidget *parent = nullptr);
    SettingsDialog(const Context &context, const Clock &clock, QWidget *parent = nullptr);

    enum class Page { Files, Schedule, Desktop };
    void showPage(Page page);

    // The workspace file whose schedule the Schedule page edits: the one the window will
    // use after OK.
    QString scheduleTarget() const { return m_target; }
    bool isValid() const;
    QPushButton *okButton() const { return m_ok; }

    // Writes everything, then closes; on a failure (start at login, the workspace file)
    // says why under the field and stays open.
    void accept() override;

Q_SIGNALS:
    // After OK wrote the settings: the window picks up the workspace file again.
    void applied();

private:
    QWidget *makeFilesPage();
    QWidget *makeSchedulePage();
    QWidget *makeDesktopPage();
    void chooseWorkspace();
    void chooseDatabase();
    void loadSchedule(const QString &path);
    void validate();
    void validateWorkspacePath();
    void validateDatabase();
    void validateSchedule();
    void updatePreview(const std::optional<QTimeZone> &zone);
    // Empty: the system's zone (the key left out).
    QString chosenZone() const;
    QString workspaceFieldPath() const;
    // `base` with the fields of the Schedule page that differ from what was loaded.
    workspace::WorkspaceDocument edited(workspace::WorkspaceDocument base) const;
    bool scheduleChanged() const;

    Context m_context;
    const Clock &m_clock;
    QString m_target;
    std::optional<workspace::WorkspaceDocument> m_document; // as loaded; none if unreadable
    bool m_scheduleTouched = false;
    // What the Schedule page showed when the file was loaded; only a field that differs
    // is written, so an absent key stays absent.
    QString m_loadedSchedule;
    QString m_loadedZone;
    bool m_loadedCatchUp = true;
    int m_loadedPerHost = 0;
    int m_loadedRawDays = 0;
    int m_loadedRawMegabytes = 0;
    bool m_workspaceOk = true;
    bool m_databaseOk = true;
    bool m_scheduleOk = true;

    QTabWidget *m_tabs;
    QLineEdit *m_workspace = nullptr;
    QLabel *m_workspaceError = nullptr;
    QLabel *m_workspaceHelp = nullptr;
    QLineEdit *m_database = nullptr;
    QLabel *m_databaseError = nullptr;
    QLabel *m_scheduleFile = nullptr;
    QLabel *m_scheduleProblem = nullptr;
    QLineEdit *m_schedule = nullptr;
    QLabel *m_scheduleError = nullptr;
    QLabel *m_preview = nullptr;
    QComboBox *m_timezone = nullptr;
    QLabel *m_timezoneError = nullptr;
    QCheckBox *m_catchUp = nullptr;
    QLabel *m_catchUpError = nullptr;
    QSpinBox *m_perHost = nullptr;
    QSpinBox *m_rawDays = nullptr;
    QSpinBox *m_rawMegabytes = nullptr;
    QCheckBox *m_closeToTray = nullptr;
    QCheckBox *m_notifyFailures = nullptr;
    QCheckBox *m_autostart = nullptr;
    QLabel *m_autostartError = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace kpi::ui
