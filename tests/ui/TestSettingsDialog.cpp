// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "Autostart.h"
#include "DarkPalette.h"
#include "FakeClock.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "settings/AppSettings.h"
#include "settings/SettingsDialog.h"
#include "store/DatabaseLocation.h"
#include "workspace/WorkspaceLoader.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using kpi::settings::AppSettings;
using kpi::ui::Autostart;
using kpi::ui::SettingsDialog;

namespace {

void write(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

void type(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

// The time zone as a user picks it: typed into the combo box's editor.
void chooseZone(QComboBox *box, const QString &zone)
{
    box->lineEdit()->selectAll();
    QTest::keyClick(box->lineEdit(), Qt::Key_Delete);
    QTest::keyClicks(box->lineEdit(), zone);
}

} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // ~/.qttest/config for QSettings and the autostart entry, never the real ~/.config.
        QStandardPaths::setTestModeEnabled(true);
    }

    void init()
    {
        QVERIFY(m_dir.isValid());
        kpi::settings::AppSettings::open()->clear();
        qunsetenv("KPI_COLLECTOR_WORKSPACE");
        qunsetenv("KPI_COLLECTOR_DATABASE");
        KPI_VERIFY_OK(Autostart::setEnabled(false));
        m_path = m_dir.filePath(QStringLiteral("workspace.json"));
        write(m_path, "{\"version\": 1, \"sources\": []}\n");
        AppSettings::setWorkspacePath(m_path);
    }

    void cleanupTestCase()
    {
        kpi::settings::AppSettings::open()->clear();
        KPI_VERIFY_OK(Autostart::setEnabled(false));
    }

    // The next three times, in the zone chosen, from the dialog's clock.
    void schedule_previewsTheNextTimesInTheChosenZone()
    {
        kpi::test::FakeClock clock(QDateTime(QDate(2026, 11, 28), QTime(6, 0), Qt::UTC));
        SettingsDialog dialog(context(), clock);
        auto *preview = dialog.findChild<QLabel *>(QStringLiteral("schedulePreview"));
        QVERIFY(preview);
        QCOMPARE(preview->text(), QStringLiteral("No schedule: KPI Collector collects when you "
                                                 "press Collect now (Ctrl+R)."));
        type(edit(dialog, "scheduleEdit"), QStringLiteral("0 6 * * *"));
        chooseZone(zoneBox(dialog), QStringLiteral("Europe/Berlin"));
        // 06:00 UTC is 07:00 in Berlin: today's 06:00 there has passed.
        QCOMPARE(preview->text(), QStringLiteral("Next runs, Europe/Berlin time:\n"
                                                 "Sun 29 Nov, 06:00  ·  Mon 30 Nov, 06:00  ·  "
                                                 "Tue 1 Dec, 06:00"));
        // 01:00 in New York: today's 06:00 is still ahead.
        chooseZone(zoneBox(dialog), QStringLiteral("America/New_York"));
        QCOMPARE(preview->text(), QStringLiteral("Next runs, America/New_York time:\n"
                                                 "Sat 28 Nov, 06:00  ·  Sun 29 Nov, 06:00  ·  "
                                                 "Mon 30 Nov, 06:00"));
        // Another year is said.
        type(edit(dialog, "scheduleEdit"), QStringLiteral("@yearly"));
        QCOMPARE(preview->text(), QStringLiteral("Next runs, America/New_York time:\n"
                                                 "Fri 1 Jan 2027, 00:00  ·  Sat 1 Jan 2028, "
                                                 "00:00  ·  Mon 1 Jan 2029, 00:00"));
        type(edit(dialog, "scheduleEdit"), QStringLiteral("0 0 30 2 *"));
        QVERIFY(preview->text().contains(QStringLiteral("never run")));
        QVERIFY(dialog.okButton()->isEnabled());
    }

    // The cron parser's own message, naming the field and the token, under the field.
    void badCron_disablesOkAndShowsTheError()
    {
        SettingsDialog dialog(context());
        auto *error = label(dialog, "scheduleError");
        QVERIFY(error->isHidden());
        type(edit(dialog, "scheduleEdit"), QStringLiteral("0 6 * * MOM"));
        QVERIFY(!error->isHidden());
        QCOMPARE(error->text(),
                 QStringLiteral("Day-of-week: \"MOM\" is not a number or a day name"));
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY(label(dialog, "schedulePreview")->text().isEmpty());
        type(edit(dialog, "scheduleEdit"), QStringLiteral("0 6 * * MON"));
        QVERIFY(error->isHidden());
        QVERIFY(dialog.okButton()->isEnabled());

        // The case of a known zone does not matter; a name not in the list is an error.
        chooseZone(zoneBox(dialog), QStringLiteral("europe/berlin"));
        QVERIFY(label(dialog, "timezoneError")->isHidden());
        QVERIFY(label(dialog, "schedulePreview")
                    ->text()
                    .startsWith(QStringLiteral("Next runs, Europe/Berlin time:")));
        chooseZone(zoneBox(dialog), QStringLiteral("Europe/Berln"));
        QVERIFY(!label(dialog, "timezoneError")->isHidden());
        QVERIFY(label(dialog, "timezoneError")->text().contains(QStringLiteral("Europe/Berln")));
        QVERIFY(!dialog.okButton()->isEnabled());
    }

    // Only the three keys change; every other key, also one this version does not know, is
    // written back as it was.
    void accept_writesTheScheduleAndKeepsTheRest()
    {
        write(m_path, "{\"version\": 1, \"northStar\": \"MRR\", \"x-note\": \"by hand\", "
                      "\"sources\": [{\"id\": \"bank\", \"type\": \"manual\", \"metrics\": "
                      "[{\"key\": \"MRR\"}]}]}");
        const QJsonObject before = readJson(m_path);
        SettingsDialog dialog(context());
        QVERIFY(edit(dialog, "scheduleEdit")->text().isEmpty());
        QVERIFY(box(dialog, "catchUpBox")->isChecked()); // the default
        type(edit(dialog, "scheduleEdit"), QStringLiteral("0 6 * * MON-FRI"));
        chooseZone(zoneBox(dialog), QStringLiteral("Europe/Berlin"));
        box(dialog, "catchUpBox")->setChecked(false);
        dialog.okButton()->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        QJsonObject after = readJson(m_path);
        QCOMPARE(after.value(QStringLiteral("schedule")).toString(),
                 QStringLiteral("0 6 * * MON-FRI"));
        QCOMPARE(after.value(QStringLiteral("timezone")).toString(),
                 QStringLiteral("Europe/Berlin"));
        QCOMPARE(after.value(QStringLiteral("catchUp")), QJsonValue(false));
        for (const QString &key :
             {QStringLiteral("schedule"), QStringLiteral("timezone"), QStringLiteral("catchUp")})
            after.remove(key);
        QCOMPARE(after, before);
    }

    // How sources are fetched and what is kept of them: written when changed, the default
    // left out.
    void fetchingAndKeeping_areWorkspaceKeys()
    {
        write(m_path, "{\"version\": 1, \"rawResponses\": {\"days\": 30, \"megabytes\": 50}, "
                      "\"sources\": []}");
        SettingsDialog dialog(context());
        auto *perHost = dialog.findChild<QSpinBox *>(QStringLiteral("perHostBox"));
        auto *days = dialog.findChild<QSpinBox *>(QStringLiteral("rawDaysBox"));
        auto *megabytes = dialog.findChild<QSpinBox *>(QStringLiteral("rawMegabytesBox"));
        QVERIFY(perHost && days && megabytes);
        QCOMPARE(perHost->value(), 6);
        QCOMPARE(perHost->maximum(), 6);
        QCOMPARE(days->value(), 30);
        perHost->setValue(2);
        days->setValue(365);
        dialog.okButton()->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QJsonObject after = readJson(m_path);
        QCOMPARE(after.value(QStringLiteral("network")).toObject(),
                 QJsonObject({{QStringLiteral("perHostConnections"), 2}}));
        QCOMPARE(after.value(QStringLiteral("rawResponses")).toObject(),
                 QJsonObject({{QStringLiteral("days"), 365}, {QStringLiteral("megabytes"), 50}}));
        const auto loaded = kpi::workspace::WorkspaceLoader::loadFile(m_path);
        QVERIFY2(loaded.isOk(), qPrintable(loaded.errors.value(0).toString()));
        QCOMPARE(loaded.workspace.perHostConnections, 2);
        QCOMPARE(loaded.workspace.rawResponses.days, 365);

        // One box changed writes its key alone.
        write(m_path, "{\"version\": 1, \"sources\": []}");
        SettingsDialog daysOnly(context());
        daysOnly.findChild<QSpinBox *>(QStringLiteral("rawDaysBox"))->setValue(90);
        daysOnly.okButton()->click();
        QCOMPARE(readJson(m_path).value(QStringLiteral("rawResponses")).toObject(),
                 QJsonObject({{QStringLiteral("days"), 90}}));
        write(m_path,
              "{\"version\": 1, \"network\": {\"perHostConnections\": 2}, \"sources\": []}");

        SettingsDialog again(context());
        QCOMPARE(again.findChild<QSpinBox *>(QStringLiteral("perHostBox"))->value(), 2);
        again.findChild<QSpinBox *>(QStringLiteral("perHostBox"))->setValue(6);
        again.okButton()->click();
        QVERIFY(!readJson(m_path).contains(QStringLiteral("network")));
    }

    // "System (…)" is the key left out; a field left as loaded is not written at all.
    void systemZone_removesTheKey()
    {
        write(m_path, "{\"version\": 1, \"timezone\": \"Europe/Berlin\", \"schedule\": "
                      "\"@daily\", \"sources\": []}");
        SettingsDialog dialog(context());
        QCOMPARE(zoneBox(dialog)->currentText(), QStringLiteral("Europe/Berlin"));
        QCOMPARE(edit(dialog, "scheduleEdit")->text(), QStringLiteral("@daily"));
        zoneBox(dialog)->setCurrentIndex(0);
        QVERIFY(zoneBox(dialog)->currentText().startsWith(QStringLiteral("System (")));
        dialog.okButton()->click();
        const QJsonObject after = readJson(m_path);
        QVERIFY(!after.contains(QStringLiteral("timezone")));
        QVERIFY(!after.contains(QStringLiteral("catchUp")));
        QCOMPARE(after.value(QStringLiteral("schedule")).toString(), QStringLiteral("@daily"));

        // An emptied schedule removes its key too: collect only on demand.
        SettingsDialog again(context());
        type(edit(again, "scheduleEdit"), QString());
        again.okButton()->click();
        QVERIFY(!readJson(m_path).contains(QStringLiteral("schedule")));
    }

    void database_rejectsWhatTheParserRejects()
    {
        SettingsDialog dialog(context());
        auto *error = label(dialog, "databaseError");
        type(edit(dialog, "databaseEdit"), QStringLiteral("sqlite://host/x"));
        QVERIFY(!error->isHidden());
        QString expected =
            kpi::store::DatabaseLocation::parse(QStringLiteral("sqlite://host/x")).error().message;
        expected[0] = expected[0].toUpper();
        QCOMPARE(error->text(), expected);
        QVERIFY(error->text().contains(QStringLiteral("names a host")));
        QVERIFY(!dialog.okButton()->isEnabled());
        type(edit(dialog, "databaseEdit"), QStringLiteral("relative/history.sqlite"));
        QVERIFY(error->text().startsWith(QStringLiteral("Give the full path")));
        // A folder opens as no database: refused here as the history would refuse it.
        type(edit(dialog, "databaseEdit"), m_dir.path());
        QVERIFY2(error->text().contains(QStringLiteral("is a folder")), qPrintable(error->text()));
        QVERIFY(!dialog.okButton()->isEnabled());
        type(edit(dialog, "databaseEdit"), QStringLiteral("postgresql://kpi@db/metrics"));
        QVERIFY(error->isHidden());
        QVERIFY(dialog.okButton()->isEnabled());
    }

    void workspace_folderMustExistButTheFileNeedNot()
    {
        SettingsDialog dialog(context());
        auto *error = label(dialog, "workspaceError");
        const QString missingFolder = m_dir.filePath(QStringLiteral("nowhere/workspace.json"));
        type(edit(dialog, "workspaceEdit"), missingFolder);
        QVERIFY(!error->isHidden());
        QCOMPARE(error->text(),
                 QStringLiteral("The folder %1 does not exist.")
                     .arg(QDir::toNativeSeparators(m_dir.filePath(QStringLiteral("nowhere")))));
        QVERIFY(!dialog.okButton()->isEnabled());
        type(edit(dialog, "workspaceEdit"), m_dir.filePath(QStringLiteral("new.json")));
        QVERIFY(error->isHidden());
        QVERIFY(label(dialog, "workspaceHelp")->text().contains(QStringLiteral("created")));
        QVERIFY(dialog.okButton()->isEnabled());
    }

    // The Schedule page edits the file the window will use after OK.
    void anotherWorkspace_bringsItsOwnSchedule()
    {
        const QString other = m_dir.filePath(QStringLiteral("team.json"));
        write(other, "{\"version\": 1, \"schedule\": \"0 7 * * *\", \"sources\": []}");
        SettingsDialog dialog(context());
        QCOMPARE(dialog.scheduleTarget(), m_path);
        type(edit(dialog, "workspaceEdit"), other);
        QCOMPARE(dialog.scheduleTarget(), other);
        QCOMPARE(edit(dialog, "scheduleEdit")->text(), QStringLiteral("0 7 * * *"));
        type(edit(dialog, "scheduleEdit"), QStringLiteral("0 8 * * *"));
        dialog.okButton()->click();
        QCOMPARE(readJson(other).value(QStringLiteral("schedule")).toString(),
                 QStringLiteral("0 8 * * *"));
        QVERIFY(!readJson(m_path).contains(QStringLiteral("schedule")));
        QCOMPARE(AppSettings::workspacePath(), other);
    }

    // A change made before choosing another file goes on top of that file's own values:
    // what the page shows is what OK writes.
    void anotherWorkspaceAfterAChange_showsWhatItWrites()
    {
        write(m_path, "{\"version\": 1, \"schedule\": \"@daily\", \"timezone\": \"Europe/Berlin\", "
                      "\"sources\": []}");
        const QString other = m_dir.filePath(QStringLiteral("team.json"));
        write(other, "{\"version\": 1, \"schedule\": \"@hourly\", \"timezone\": "
                     "\"America/New_York\", \"sources\": []}");
        SettingsDialog dialog(context());
        box(dialog, "catchUpBox")->setChecked(false);
        type(edit(dialog, "workspaceEdit"), other);
        QCOMPARE(edit(dialog, "scheduleEdit")->text(), QStringLiteral("@hourly"));
        QCOMPARE(zoneBox(dialog)->currentText(), QStringLiteral("America/New_York"));
        QVERIFY(!box(dialog, "catchUpBox")->isChecked());
        dialog.okButton()->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const QJsonObject written = readJson(other);
        QCOMPARE(written.value(QStringLiteral("schedule")).toString(), QStringLiteral("@hourly"));
        QCOMPARE(written.value(QStringLiteral("timezone")).toString(),
                 QStringLiteral("America/New_York"));
        QCOMPARE(written.value(QStringLiteral("catchUp")), QJsonValue(false));
        QVERIFY(!readJson(m_path).contains(QStringLiteral("catchUp")));
    }

    // The file changed on disk while the dialog was open: OK writes its own fields into the
    // file as it is then, and keeps the rest of that change.
    void aChangeOnDiskWhileOpen_isKept()
    {
        write(m_path, "{\"version\": 1, \"sources\": []}");
        SettingsDialog dialog(context());
        type(edit(dialog, "scheduleEdit"), QStringLiteral("@daily"));
        write(m_path, "{\"version\": 1, \"timezone\": \"UTC\", \"rawResponses\": {\"megabytes\": "
                      "500}, \"sources\": []}");
        dialog.okButton()->click();
        const QJsonObject written = readJson(m_path);
        QCOMPARE(written.value(QStringLiteral("schedule")).toString(), QStringLiteral("@daily"));
        QCOMPARE(written.value(QStringLiteral("timezone")).toString(), QStringLiteral("UTC"));
        QCOMPARE(written.value(QStringLiteral("rawResponses")).toObject(),
                 QJsonObject({{QStringLiteral("megabytes"), 500}}));
    }

    void accept_storesThePreferences()
    {
        SettingsDialog dialog(context());
        const QString database = m_dir.filePath(QStringLiteral("history.sqlite"));
        type(edit(dialog, "databaseEdit"), database);
        box(dialog, "closeToTrayBox")->setChecked(false);
        box(dialog, "notifyFailuresBox")->setChecked(false);
        dialog.okButton()->click();
        QCOMPARE(AppSettings::databaseSpec(), database);
        QCOMPARE(AppSettings::workspacePath(), m_path);
        QVERIFY(!AppSettings::closeToTray());
        QVERIFY(!AppSettings::notifyFailures());

        // Cancel keeps what was there.
        SettingsDialog cancelled(context());
        QVERIFY(!box(cancelled, "closeToTrayBox")->isChecked());
        box(cancelled, "closeToTrayBox")->setChecked(true);
        type(edit(cancelled, "databaseEdit"), QString());
        cancelled.reject();
        QVERIFY(!AppSettings::closeToTray());
        QCOMPARE(AppSettings::databaseSpec(), database);

        // Emptied fields remove their keys: the defaults apply again.
        SettingsDialog emptied(context());
        type(edit(emptied, "workspaceEdit"), QString());
        type(edit(emptied, "databaseEdit"), QString());
        emptied.okButton()->click();
        QVERIFY(AppSettings::workspacePath().isEmpty());
        QVERIFY(AppSettings::databaseSpec().isEmpty());
    }

    void noTray_disablesTheTrayBoxes()
    {
        SettingsDialog::Context noTray = context();
        noTray.trayAvailable = false;
        SettingsDialog dialog(noTray);
        QVERIFY(!box(dialog, "closeToTrayBox")->isEnabled());
        QVERIFY(!box(dialog, "notifyFailuresBox")->isEnabled());
        QVERIFY(box(dialog, "autostartBox")->isEnabled());
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("trayNote")));
    }

    void overrides_areNamedUnderTheFields()
    {
        qputenv("KPI_COLLECTOR_DATABASE", "/srv/env.sqlite");
        SettingsDialog::Context started = context();
        started.explicitWorkspace = QStringLiteral("/srv/cli.json");
        started.workspaceInUse = m_path;
        SettingsDialog dialog(started);
        QVERIFY(label(dialog, "workspaceNote")->text().contains(QStringLiteral("--workspace")));
        QVERIFY(label(dialog, "workspaceNote")->text().contains(QStringLiteral("/srv/cli.json")));
        QVERIFY(label(dialog, "databaseNote")
                    ->text()
                    .contains(QStringLiteral("KPI_COLLECTOR_DATABASE")));
        // A URL's password is never shown.
        SettingsDialog::Context withPassword = context();
        withPassword.explicitDatabase = QStringLiteral("postgresql://kpi:hunter2@db/metrics");
        SettingsDialog secret(withPassword);
        QVERIFY(label(secret, "databaseNote")->text().contains(QStringLiteral("kpi@db/metrics")));
        QVERIFY(!label(secret, "databaseNote")->text().contains(QStringLiteral("hunter2")));
        // The window keeps its file while the override holds: the schedule goes there.
        type(edit(dialog, "workspaceEdit"), m_dir.filePath(QStringLiteral("other.json")));
        QCOMPARE(dialog.scheduleTarget(), m_path);

        SettingsDialog plain(context());
        QVERIFY(label(plain, "workspaceNote")->isHidden());
        QVERIFY(!label(plain, "databaseNote")->isHidden()); // the variable is still set
        qunsetenv("KPI_COLLECTOR_DATABASE");
        SettingsDialog unset(context());
        QVERIFY(label(unset, "databaseNote")->isHidden());
    }

    void autostart_writesAndRemovesTheEntry()
    {
        QVERIFY(!Autostart::isEnabled());
        SettingsDialog on(context());
        QVERIFY(!box(on, "autostartBox")->isChecked());
        box(on, "autostartBox")->setChecked(true);
        on.okButton()->click();
        QVERIFY(QFile::exists(Autostart::entryPath()));

        SettingsDialog off(context());
        QVERIFY(box(off, "autostartBox")->isChecked());
        box(off, "autostartBox")->setChecked(false);
        off.okButton()->click();
        QVERIFY(!QFile::exists(Autostart::entryPath()));
    }

    // A failure is said under the box, and nothing else is applied yet.
    void autostartFailure_keepsTheDialogOpen()
    {
        // A file where the autostart folder should be: the entry cannot be written.
        const QString folder = QFileInfo(Autostart::entryPath()).absolutePath();
        QVERIFY(QDir(folder).removeRecursively());
        write(folder, "not a folder");
        SettingsDialog dialog(context());
        dialog.show();
        box(dialog, "autostartBox")->setChecked(true);
        box(dialog, "closeToTrayBox")->setChecked(false);
        dialog.okButton()->click();
        QVERIFY(dialog.isVisible());
        QVERIFY(!label(dialog, "autostartError")->isHidden());
        QVERIFY(label(dialog, "autostartError")
                    ->text()
                    .startsWith(QStringLiteral("Start at login could not be changed: ")));
        QCOMPARE(dialog.findChild<QTabWidget *>()->currentIndex(),
                 int(SettingsDialog::Page::Desktop));
        QVERIFY(AppSettings::closeToTray());
        QVERIFY(QFile::remove(folder));
    }

    // The window switches to the file the settings name at once, and Ctrl+, opens them.
    void mainWindow_opensTheChosenWorkspace()
    {
        const QString other = m_dir.filePath(QStringLiteral("team.json"));
        write(other, "{\"version\": 1, \"northStar\": \"MRR\", \"sources\": [{\"id\": \"bank\", "
                     "\"type\": \"manual\", \"metrics\": [{\"key\": \"MRR\"}]}]}");
        kpi::ui::MainWindow window(QString(), m_dir.filePath(QStringLiteral("history.sqlite")));
        QCOMPARE(window.workspacePath(), m_path);
        QVERIFY(window.workspace().sources.isEmpty());
        auto *action = window.findChild<QAction *>(QStringLiteral("settingsAction"));
        QVERIFY(action);
        QVERIFY(!action->shortcuts().isEmpty());

        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keySequence(&window, action->shortcuts().constFirst());
        auto *dialog = window.findChild<SettingsDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        type(edit(*dialog, "workspaceEdit"), other);
        dialog->okButton()->click();
        QCOMPARE(window.workspacePath(), other);
        QCOMPARE(window.workspace().sources.size(), 1);
        QCOMPARE(window.workspace().northStar, QStringLiteral("MRR"));

        // A file that does not exist yet is a first start there, not the old workspace.
        const QString fresh = m_dir.filePath(QStringLiteral("fresh.json"));
        window.openWorkspace(fresh);
        QCOMPARE(window.workspacePath(), fresh);
        QVERIFY(window.workspace().sources.isEmpty());
    }

    // A file that is not JSON: its schedule cannot be edited here, the rest of the dialog
    // still works, and the file is left as it is.
    void unreadableWorkspace_isLeftAlone()
    {
        write(m_path, "{\"version\": 1,");
        SettingsDialog dialog(context());
        QVERIFY(!label(dialog, "scheduleProblem")->isHidden());
        QVERIFY(label(dialog, "scheduleProblem")->text().contains(QStringLiteral("line 1")));
        QVERIFY(!edit(dialog, "scheduleEdit")->isEnabled());
        QVERIFY(dialog.okButton()->isEnabled());
        box(dialog, "notifyFailuresBox")->setChecked(false);
        dialog.okButton()->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("{\"version\": 1,"));
        QVERIFY(!AppSettings::notifyFailures());
    }

    // Every field takes focus with Tab, and every label's mnemonic leads to its field.
    void keyboard_reachesEveryField()
    {
        SettingsDialog dialog(context());
        for (const char *name :
             {"workspaceEdit", "chooseWorkspace", "databaseEdit", "chooseDatabase", "scheduleEdit",
              "timezoneBox", "catchUpBox", "perHostBox", "rawDaysBox", "rawMegabytesBox",
              "closeToTrayBox", "notifyFailuresBox", "autostartBox"}) {
            auto *widget = dialog.findChild<QWidget *>(QLatin1String(name));
            QVERIFY2(widget, name);
            QVERIFY2(widget->focusPolicy() & Qt::TabFocus, name);
        }
        int mnemonics = 0;
        const auto labels = dialog.findChildren<QLabel *>();
        for (const QLabel *label : labels) {
            if (!label->text().contains(QLatin1Char('&')) || label->text().startsWith(u'<'))
                continue;
            QVERIFY2(label->buddy(), qPrintable(label->text()));
            ++mnemonics;
        }
        // workspace, database, schedule, time zone, requests per host, responses kept
        QCOMPARE(mnemonics, 6);

        // No Alt+letter means two things: the tabs, the dialog's buttons and each page's
        // fields have a letter each.
        const auto letterOf = [](QString text) -> QChar {
            text.remove(QStringLiteral("&&"));
            const qsizetype at = text.indexOf(QLatin1Char('&'));
            return at >= 0 && at + 1 < text.size() ? text.at(at + 1).toLower() : QChar();
        };
        auto *tabs = dialog.findChild<QTabWidget *>();
        QVERIFY(tabs);
        QStringList shared;
        for (int i = 0; i < tabs->count(); ++i)
            shared.append(tabs->tabText(i));
        for (const QAbstractButton *button :
             dialog.findChildren<QDialogButtonBox *>().value(0)->findChildren<QAbstractButton *>())
            shared.append(button->text());
        shared.append(QStringLiteral("&Cancel")); // as desktop themes label it
        shared.append(QStringLiteral("&OK"));
        for (int i = 0; i < tabs->count(); ++i) {
            QStringList texts = shared;
            for (const QLabel *label : tabs->widget(i)->findChildren<QLabel *>())
                texts.append(label->text());
            for (const QAbstractButton *button : tabs->widget(i)->findChildren<QAbstractButton *>())
                texts.append(button->text());
            QHash<QChar, QString> seen;
            for (const QString &text : std::as_const(texts)) {
                const QChar letter = letterOf(text);
                if (letter.isNull() || text.startsWith(u'<'))
                    continue;
                QVERIFY2(!seen.contains(letter) || seen.value(letter) == text,
                         qPrintable(QStringLiteral("%1 and %2").arg(seen.value(letter), text)));
                seen.insert(letter, text);
            }
        }
    }

    // Pictures for docs/screenshots, when KPI_SCREENSHOTS_DIR names a folder (run under
    // xvfb-run; see docs/window.md).
    void screenshots()
    {
        const QString folder = qEnvironmentVariable("KPI_SCREENSHOTS_DIR");
        if (folder.isEmpty())
            QSKIP("KPI_SCREENSHOTS_DIR not set");
        // Paths as a user's read: a home folder of its own instead of the test mode's.
        QTemporaryDir home;
        const QByteArray realHome = qgetenv("HOME");
        qputenv("HOME", home.path().toLocal8Bit());
        qunsetenv("XDG_CONFIG_HOME");
        qunsetenv("XDG_DATA_HOME");
        QStandardPaths::setTestModeEnabled(false);
        const QString appName = QCoreApplication::applicationName();
        QCoreApplication::setApplicationName(QStringLiteral("kpi-collector"));
        QVERIFY(QDir(home.path()).mkpath(QStringLiteral("kpi")));
        m_path = home.filePath(QStringLiteral("kpi/workspace.json"));
        AppSettings::setWorkspacePath(m_path);
        write(m_path, "{\"version\": 1, \"timezone\": \"Europe/Berlin\", \"schedule\": "
                      "\"0 6 * * MON-FRI\", \"sources\": []}");
        kpi::test::FakeClock clock(QDateTime(QDate(2026, 11, 28), QTime(6, 0), Qt::UTC));
        for (const QString &variant : {QStringLiteral("light"), QStringLiteral("dark")}) {
            QApplication::setPalette(variant == QLatin1String("dark") ? kpi::test::darkPalette()
                                                                      : QPalette());
            SettingsDialog dialog(context(), clock);
            dialog.showPage(SettingsDialog::Page::Schedule);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QTest::qWait(200);
            QVERIFY(dialog.grab().save(folder + QStringLiteral("/settings-%1.png").arg(variant)));
            dialog.showPage(SettingsDialog::Page::Files);
            QTest::qWait(100);
            QVERIFY(
                dialog.grab().save(folder + QStringLiteral("/settings-files-%1.png").arg(variant)));
            dialog.showPage(SettingsDialog::Page::Desktop);
            QTest::qWait(100);
            QVERIFY(dialog.grab().save(folder +
                                       QStringLiteral("/settings-desktop-%1.png").arg(variant)));
        }
        QApplication::setPalette(QPalette());
        QCoreApplication::setApplicationName(appName);
        QStandardPaths::setTestModeEnabled(true);
        qputenv("HOME", realHome);
    }

private:
    SettingsDialog::Context context() const
    {
        SettingsDialog::Context context;
        context.workspaceInUse = m_path;
        context.trayAvailable = true;
        return context;
    }

    static QLineEdit *edit(const SettingsDialog &dialog, const char *name)
    {
        auto *widget = dialog.findChild<QLineEdit *>(QLatin1String(name));
        if (!widget)
            qFatal("no line edit %s", name);
        return widget;
    }

    static QLabel *label(const SettingsDialog &dialog, const char *name)
    {
        auto *widget = dialog.findChild<QLabel *>(QLatin1String(name));
        if (!widget)
            qFatal("no label %s", name);
        return widget;
    }

    static QCheckBox *box(const SettingsDialog &dialog, const char *name)
    {
        auto *widget = dialog.findChild<QCheckBox *>(QLatin1String(name));
        if (!widget)
            qFatal("no check box %s", name);
        return widget;
    }

    static QComboBox *zoneBox(const SettingsDialog &dialog)
    {
        return dialog.findChild<QComboBox *>(QStringLiteral("timezoneBox"));
    }

    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_MAIN(TestSettingsDialog)
#include "TestSettingsDialog.moc"
