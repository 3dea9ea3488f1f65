// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "Autostart.h"
#include "DesktopApp.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "pipeline/Collector.h"
#include "pipeline/RunReport.h"
#include "settings/AppSettings.h"
#include "tray/TrayController.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using kpi::ui::TrayController;

class TestTrayController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // ~/.qttest/config instead of the real ~/.config: the autostart test writes there.
        QStandardPaths::setTestModeEnabled(true);
    }

    void menu_showsTheLastAndNextRunWhenOpened()
    {
        TrayController tray;
        QCOMPARE(actionText(tray, 3), QStringLiteral("Last run: none yet"));
        QCOMPARE(actionText(tray, 4), QStringLiteral("Next run: not scheduled"));
        tray.setLastRun(QStringLiteral("all collected at 06:00"));
        tray.setNextRun(QDateTime(QDate(2026, 11, 29), QTime(6, 0), Qt::UTC), false);
        Q_EMIT tray.menu()->aboutToShow();
        QCOMPARE(actionText(tray, 3), QStringLiteral("Last run: all collected at 06:00"));
        QVERIFY(actionText(tray, 4).startsWith(QStringLiteral("Next run: ")));
        QVERIFY(!actionText(tray, 4).contains(QStringLiteral("not scheduled")));
        tray.setNextRun({}, true);
        QCOMPARE(actionText(tray, 4), QStringLiteral("Next run: paused"));
    }

    void actions_emitIntents()
    {
        TrayController tray;
        QSignalSpy open(&tray, &TrayController::openRequested);
        QSignalSpy collect(&tray, &TrayController::collectNowRequested);
        QSignalSpy pause(&tray, &TrayController::pauseRequested);
        QSignalSpy quit(&tray, &TrayController::quitRequested);
        action(tray, 0)->trigger();
        action(tray, 1)->trigger();
        action(tray, 2)->trigger(); // checkable: on
        const QList<QAction *> actions = tray.menu()->actions();
        actions.constLast()->trigger();
        QCOMPARE(open.size(), 1);
        QCOMPARE(collect.size(), 1);
        QCOMPARE(pause.size(), 1);
        QCOMPARE(pause.constFirst().constFirst().toBool(), true);
        QCOMPARE(quit.size(), 1);
        // The scheduler saying it is paused checks the box without asking again.
        tray.setNextRun({}, false);
        QCOMPARE(pause.size(), 1);
        QCOMPARE(action(tray, 2)->isChecked(), false);
    }

    void startAtLogin_writesAndRemovesTheAutostartEntry()
    {
        using kpi::ui::Autostart;
        KPI_VERIFY_OK(Autostart::setEnabled(false));
        TrayController tray;
        QSignalSpy asked(&tray, &TrayController::startAtLoginRequested);
        action(tray, 5)->trigger();
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.constFirst().constFirst().toBool(), true);

        QVERIFY(!Autostart::isEnabled());
        KPI_VERIFY_OK(Autostart::setEnabled(true));
        QVERIFY(Autostart::isEnabled());
        QVERIFY(Autostart::entryPath().contains(QStringLiteral("/autostart/")));
        QFile entry(Autostart::entryPath());
        QVERIFY(entry.open(QIODevice::ReadOnly));
        const QByteArray text = entry.readAll();
        QVERIFY2(text.contains("--minimized"), text.constData());
        QVERIFY(text.contains("X-GNOME-Autostart-enabled=true"));
        KPI_VERIFY_OK(Autostart::setEnabled(false));
        QVERIFY(!Autostart::isEnabled());
        QVERIFY(!QFile::exists(Autostart::entryPath()));
    }

    void state_showsInTheTooltipAndTheCollectAction()
    {
        TrayController tray;
        tray.setNorthStar(QStringLiteral("WEEKLY_ACTIVE_USERS: 1,204 (+38)"));
        QVERIFY(tray.toolTip().contains(QStringLiteral("WEEKLY_ACTIVE_USERS: 1,204 (+38)")));
        tray.setState(TrayController::State::Collecting);
        QVERIFY(tray.toolTip().contains(QStringLiteral("Collecting")));
        QVERIFY(!action(tray, 1)->isEnabled()); // one run at a time
        tray.setState(TrayController::State::Failed);
        QVERIFY(tray.toolTip().contains(QStringLiteral("errors")));
        QVERIFY(action(tray, 1)->isEnabled());
    }

    // The offscreen platform has no tray, like a bare window manager: the app runs as a
    // window and says so, and closing it quits.
    void withoutATray_theAppIsItsWindowAndSaysSo()
    {
        QVERIFY(!TrayController::isAvailable());
        QTemporaryDir dir;
        kpi::ui::DesktopApp app(dir.filePath(QStringLiteral("missing.json")),
                                dir.filePath(QStringLiteral("history.sqlite")), false);
        QVERIFY(!app.tray());
        QVERIFY(app.window()->isVisible());
        bool said = false;
        for (const QLabel *label : app.window()->statusBar()->findChildren<QLabel *>())
            said = said || label->text().contains(QStringLiteral("no system tray"));
        QVERIFY(said);
    }

    // The Desktop page's promises, with a tray assumed (none here): closing the window
    // keeps the app in the tray and says so once, or quits when that is turned off.
    void closingTheWindow_followsKeepRunningInTheTray()
    {
        QTemporaryDir dir;
        kpi::settings::AppSettings::open()->clear();
        kpi::ui::DesktopApp app(dir.filePath(QStringLiteral("workspace.json")),
                                dir.filePath(QStringLiteral("history.sqlite")), false,
                                kpi::ui::DesktopApp::TrayPresence::Assumed);
        QVERIFY(app.tray());
        QSignalSpy quit(&app, &kpi::ui::DesktopApp::quitRequested);
        QSignalSpy notified(app.tray(), &TrayController::notified);
        app.window()->close();
        QCOMPARE(quit.size(), 0);
        QCOMPARE(notified.size(), 1);
        QVERIFY(notified.at(0).at(0).toString().contains(QStringLiteral("still running")));
        app.activate();
        app.window()->close();
        QCOMPARE(notified.size(), 1); // said once

        kpi::settings::AppSettings::setCloseToTray(false);
        app.activate();
        app.window()->close();
        QCOMPARE(quit.size(), 1);
        kpi::settings::AppSettings::open()->clear();
    }

    // A failed run is a notification, unless they are turned off; the tray's icon says it
    // either way.
    void aFailedRun_notifiesUnlessTurnedOff()
    {
        QTemporaryDir dir;
        kpi::settings::AppSettings::open()->clear();
        kpi::ui::DesktopApp app(dir.filePath(QStringLiteral("workspace.json")),
                                dir.filePath(QStringLiteral("history.sqlite")), true,
                                kpi::ui::DesktopApp::TrayPresence::Assumed);
        QSignalSpy notified(app.tray(), &TrayController::notified);
        kpi::pipeline::RunReport report;
        kpi::sources::SourceOutcome failed;
        failed.sourceId = QStringLiteral("github");
        failed.error = kpi::Error{kpi::Error::Code::Http, QStringLiteral("HTTP 503"), {}};
        report.outcomes = {failed};
        Q_EMIT app.window()->collector()->finished(report);
        QCOMPARE(notified.size(), 1);
        QCOMPARE(notified.at(0).at(0).toString(), QStringLiteral("Collection failed for github"));
        QVERIFY(notified.at(0).at(2).toBool());

        kpi::settings::AppSettings::setNotifyFailures(false);
        Q_EMIT app.window()->collector()->finished(report);
        QCOMPARE(notified.size(), 1);
        QCOMPARE(app.tray()->state(), TrayController::State::Failed);
        kpi::settings::AppSettings::open()->clear();
    }

private:
    static QAction *action(const TrayController &tray, int index)
    {
        QList<QAction *> shown;
        for (QAction *action : tray.menu()->actions()) {
            if (!action->isSeparator())
                shown.append(action);
        }
        return shown.at(index);
    }
    static QString actionText(const TrayController &tray, int index)
    {
        return action(tray, index)->text();
    }
};

QTEST_MAIN(TestTrayController)
#include "TestTrayController.moc"
