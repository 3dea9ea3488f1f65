// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "DarkPalette.h"
#include "FakeJsonApis.h"
#include "FakeSecretStore.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "UserInput.h"
#include "forms/EntryForm.h"
#include "forms/MetricsTable.h"
#include "forms/SecretField.h"
#include "forms/WorkspaceEditor.h"
#include "net/HttpClient.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using kpi::test::FakeJsonApis;
using kpi::test::FakeSecretStore;
using kpi::test::fileBytes;
using kpi::test::typeInto;
using kpi::ui::EntryForm;
using kpi::ui::WorkspaceEditor;
using Kind = WorkspaceEditor::Kind;

namespace {

void write(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

} // namespace

class TestWorkspaceEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("workspace.json"));
        QFile::remove(m_path);
        m_store = std::make_unique<FakeSecretStore>();
        m_client = std::make_unique<kpi::net::HttpClient>(&m_network);
    }

    // A new user: an empty workspace, a JSON source typed in, tested against a fake GitHub
    // with the token only typed (not yet stored), then saved.
    void testButton_showsTheValueFromTheServer()
    {
        FakeJsonApis apis;
        WorkspaceEditor editor(m_path, m_client.get(), m_store.get());
        EntryForm *form = editor.addEntry(Kind::Source, QStringLiteral("http-json"));
        QVERIFY(form);
        typeInto(form->fieldWidget(QStringLiteral("id")), QStringLiteral("github"));
        typeInto(form->fieldWidget(QStringLiteral("url")),
                 apis.url(QStringLiteral("/repos/acme/widget")).toString());
        auto *auth = qobject_cast<QComboBox *>(form->fieldWidget(QStringLiteral("auth.type")));
        auth->setCurrentIndex(auth->findData(QStringLiteral("bearer")));
        Q_EMIT auth->activated(auth->currentIndex());
        QTest::keyClicks(form->secretField(QStringLiteral("auth.secret"))->valueEdit(),
                         QLatin1String(FakeJsonApis::GithubToken));
        form->metricsTable()->setCell(0, QStringLiteral("key"), QStringLiteral("GITHUB_STARS"));
        form->metricsTable()->setCell(0, QStringLiteral("path"),
                                      QStringLiteral("$.stargazers_count"));

        QSignalSpy tested(&editor, &WorkspaceEditor::testFinished);
        editor.testButton()->click();
        QVERIFY(editor.isTesting());
        QVERIFY(tested.wait(20000));
        QVERIFY2(editor.testResultText().contains(QStringLiteral("GITHUB_STARS")),
                 qPrintable(editor.testResultText()));
        QVERIFY(editor.testResultText().contains(QStringLiteral("1,523")));
        QCOMPARE(apis.requests(), 1);
        // A test stores nothing: no secret, no file.
        QVERIFY(m_store->values.isEmpty());
        QVERIFY(!QFile::exists(m_path));

        // Wrong token: the step and the HTTP status.
        form->secretField(QStringLiteral("auth.secret"))
            ->valueEdit()
            ->setText(QStringLiteral("wrong"));
        editor.testButton()->click();
        QVERIFY(tested.wait(20000));
        QVERIFY2(editor.testResultText().contains(QStringLiteral("HTTP 401")),
                 qPrintable(editor.testResultText()));
        QVERIFY(!editor.testResultText().contains(QStringLiteral("wrong")));
    }

    // The secret typed into the Discord form goes to the keychain; the file names it only.
    void aTypedSecret_goesToTheStoreAndNotToTheFile()
    {
        const QString hook = QStringLiteral("https://discord.com/api/webhooks/123/s3cr3t-token");
        WorkspaceEditor editor(m_path, m_client.get(), m_store.get());
        EntryForm *form = editor.addEntry(Kind::Destination, QStringLiteral("discord"));
        QVERIFY(form);
        QCOMPARE(form->secretField(QStringLiteral("webhook"))->name(),
                 QStringLiteral("discord-webhook"));
        QTest::keyClicks(form->secretField(QStringLiteral("webhook"))->valueEdit(), hook);
        QTRY_VERIFY(editor.saveButton()->isEnabled()); // after the pause in typing
        QSignalSpy saved(&editor, &WorkspaceEditor::saved);
        editor.saveButton()->click();
        QVERIFY(saved.wait(5000));
        QCOMPARE(m_store->values.value(QStringLiteral("discord-webhook")), hook);
        const QByteArray file = fileBytes(m_path);
        QVERIFY(!file.contains("s3cr3t"));
        QVERIFY(!file.contains("discord.com"));
        QVERIFY(file.contains("\"webhook\": {\"secret\": \"discord-webhook\"}"));
        // Afterwards the field says the value is stored, and shows nothing of it.
        auto *webhook = form->secretField(QStringLiteral("webhook"));
        QVERIFY(webhook->valueEdit()->isHidden());
        QVERIFY(webhook->valueEdit()->text().isEmpty());
        QVERIFY(!webhook->statusLabel()->isHidden());

        // A new editor on the saved file knows it is stored (names only are listed).
        WorkspaceEditor again(m_path, m_client.get(), m_store.get());
        EntryForm *reopened = again.showEntry(Kind::Destination, 0);
        QTRY_VERIFY(!reopened->secretField(QStringLiteral("webhook"))->statusLabel()->isHidden());
        QCOMPARE(m_store->reads, 0);
    }

    void anInvalidUrl_disablesSaveAndShowsNextToTheField()
    {
        write(m_path, QByteArray("{\"version\": 1, \"sources\": [{\"id\": \"stats\", \"type\": "
                                 "\"http-json\", \"url\": \"https:") +
                          QByteArray(2, '/') +
                          "example.com/\", \"metrics\": [{\"key\": \"USERS\", \"path\": "
                          "\"$.users\"}]}], \"x-owner\": \"ops\"}");
        WorkspaceEditor editor(m_path, m_client.get(), m_store.get());
        EntryForm *form = editor.currentForm();
        QVERIFY(form);
        // The hand-written unknown key is reported, not dropped.
        QVERIFY2(editor.problemText().contains(QStringLiteral("x-owner: unknown key")),
                 qPrintable(editor.problemText()));
        QVERIFY(!editor.saveButton()->isEnabled());
        typeInto(form->fieldWidget(QStringLiteral("url")), QStringLiteral("example.com/stats"));
        QTRY_VERIFY(!form->fieldError(QStringLiteral("url")).isEmpty());
        QVERIFY(form->fieldError(QStringLiteral("url")).contains(QStringLiteral("http or https")));
        QVERIFY(form->fieldError(QStringLiteral("id")).isEmpty());
        QVERIFY(!editor.saveButton()->isEnabled());
        QCOMPARE(editor.sourceList()->item(0)->foreground().color(),
                 form->fieldWidget(QStringLiteral("url"))
                     ->parentWidget()
                     ->findChild<QLabel *>(QStringLiteral("url.error"))
                     ->palette()
                     .color(QPalette::WindowText));
    }

    void removingAnEntry_renumbersTheOthers()
    {
        WorkspaceEditor editor(m_path, m_client.get(), m_store.get());
        editor.addEntry(Kind::Destination, QStringLiteral("csv"));
        EntryForm *second = editor.addEntry(Kind::Destination, QStringLiteral("csv"));
        QCOMPARE(second->id(), QStringLiteral("csv-2"));
        editor.showEntry(Kind::Destination, 0);
        editor.removeCurrent();
        QCOMPARE(editor.document().count(Kind::Destination), 1);
        QCOMPARE(second->entryPath(), QStringLiteral("destinations[0]"));
        typeInto(second->fieldWidget(QStringLiteral("path")), QStringLiteral("/tmp/x.csv"));
        editor.validateNow();
        QVERIFY(second->fieldError(QStringLiteral("path")).isEmpty());
        QVERIFY(editor.isValid());
    }

    // Ctrl+S saves, Escape closes.
    void keyboard_savesAndCloses()
    {
        WorkspaceEditor editor(m_path, m_client.get(), m_store.get());
        editor.show();
        QVERIFY(QTest::qWaitForWindowActive(&editor));
        EntryForm *form = editor.addEntry(Kind::Destination, QStringLiteral("csv"));
        typeInto(form->fieldWidget(QStringLiteral("path")), QStringLiteral("history.csv"));
        QSignalSpy saved(&editor, &WorkspaceEditor::saved);
        QTest::keyClick(form->fieldWidget(QStringLiteral("path")), Qt::Key_S, Qt::ControlModifier);
        QTRY_COMPARE(saved.size(), 1);
        QVERIFY(fileBytes(m_path).contains("\"path\": \"history.csv\""));
        QTest::keyClick(form->fieldWidget(QStringLiteral("path")), Qt::Key_Escape);
        QTRY_VERIFY(!editor.isVisible());
    }

    // Presets are valid as they come (but for the names to fill in), twice over.
    void presets_giveValidSourcesWithUniqueKeys()
    {
        WorkspaceEditor editor(m_path, m_client.get(), m_store.get());
        const auto presets = kpi::ui::FormSpecs::sourcePresets();
        QVERIFY(presets.size() >= 4);
        for (const auto &preset : presets) {
            if (preset.json.contains("\"html\"") &&
                !kpi::workspace::WorkspaceLoader::sourceTypes().contains(QStringLiteral("html")))
                continue; // this build does not collect HTML yet
            editor.addPreset(preset);
        }
        editor.addPreset(presets.first());
        editor.validateNow();
        QVERIFY2(editor.isValid(), qPrintable(editor.problemText()));
        const QJsonObject second = editor.document().entries(Kind::Source).last();
        QCOMPARE(second.value(QStringLiteral("id")).toString(), QStringLiteral("github-2"));
        QCOMPARE(second.value(QStringLiteral("metrics"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("key")),
                 QJsonValue(QStringLiteral("GITHUB_STARS_2")));
    }

    // The window reloads when the file changes on disk, also after an atomic replace.
    void theWindow_reloadsWhenTheFileChanges()
    {
        write(m_path, "{\"version\": 1, \"sources\": []}");
        kpi::ui::MainWindow window(m_path, m_dir.filePath(QStringLiteral("history.sqlite")));
        QCOMPARE(window.workspace().sources.size(), 0);
        kpi::workspace::WorkspaceDocument document;
        document.add(
            Kind::Source,
            QJsonDocument::fromJson(
                "{\"id\": \"a\", \"type\": \"http-json\", \"url\": \"http:" + QByteArray(2, '/') +
                "127.0.0.1:9/\", \"metrics\": [{\"key\": \"A\", \"path\": \"$.a\"}]}")
                .object());
        KPI_VERIFY_OK(document.save(m_path));
        QTRY_COMPARE_WITH_TIMEOUT(window.workspace().sources.size(), 1, 10000);
        document.add(
            Kind::Source,
            QJsonDocument::fromJson(
                "{\"id\": \"b\", \"type\": \"http-json\", \"url\": \"http:" + QByteArray(2, '/') +
                "127.0.0.1:9/\", \"metrics\": [{\"key\": \"B\", \"path\": \"$.b\"}]}")
                .object());
        KPI_VERIFY_OK(document.save(m_path));
        QTRY_COMPARE_WITH_TIMEOUT(window.workspace().sources.size(), 2, 10000);

        // Ctrl+E opens the editor on the same file.
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_E, Qt::ControlModifier);
        auto *editor = window.findChild<WorkspaceEditor *>();
        QVERIFY(editor);
        QTRY_VERIFY(editor->isVisible());
        QCOMPARE(editor->document().count(Kind::Source), 2);
        editor->close();
    }

    // The file changed on disk while the editor was open: Save does not overwrite it
    // silently; the user reloads (losing the edits here) or keeps their edits.
    void aChangeOnDisk_isNotOverwrittenSilently()
    {
        write(m_path, "{\"version\": 1, \"sources\": [], \"destinations\": [{\"id\": \"csv\", "
                      "\"type\": \"csv\", \"path\": \"a.csv\"}]}");
        WorkspaceEditor editor(m_path, m_client.get(), m_store.get());
        auto *conflict = editor.findChild<QWidget *>(QStringLiteral("diskConflict"));
        QVERIFY(conflict);
        QVERIFY(conflict->isHidden());
        EntryForm *form = editor.showEntry(Kind::Destination, 0);
        typeInto(form->fieldWidget(QStringLiteral("path")), QStringLiteral("mine.csv"));
        const QByteArray byHand = "{\"version\": 1, \"timezone\": \"UTC\", \"sources\": [], "
                                  "\"destinations\": [{\"id\": \"csv\", \"type\": \"csv\", "
                                  "\"path\": \"theirs.csv\"}]}";
        write(m_path, byHand);
        QSignalSpy failed(&editor, &WorkspaceEditor::saveFailed);
        editor.save();
        QCOMPARE(failed.size(), 1);
        QVERIFY(!conflict->isHidden());
        QCOMPARE(fileBytes(m_path), byHand);

        // Keep my edits: the next Save writes them.
        editor.findChild<QPushButton *>(QStringLiteral("keepMyEdits"))->click();
        QVERIFY(conflict->isHidden());
        QSignalSpy saved(&editor, &WorkspaceEditor::saved);
        editor.save();
        QCOMPARE(saved.size(), 1);
        QVERIFY(fileBytes(m_path).contains("\"path\": \"mine.csv\""));
        QVERIFY(!fileBytes(m_path).contains("timezone"));

        // Keep my edits is for that change only: another one shows the bar again.
        typeInto(form->fieldWidget(QStringLiteral("path")), QStringLiteral("mine-2.csv"));
        write(m_path, byHand);
        editor.save();
        QCOMPARE(failed.size(), 2);
        editor.findChild<QPushButton *>(QStringLiteral("keepMyEdits"))->click();
        const QByteArray pulled = "{\"version\": 1, \"sources\": [], \"destinations\": [{\"id\": "
                                  "\"csv\", \"type\": \"csv\", \"path\": \"pulled.csv\"}]}";
        write(m_path, pulled);
        editor.save();
        QCOMPARE(failed.size(), 3);
        QVERIFY(!conflict->isHidden());
        QCOMPARE(fileBytes(m_path), pulled);
        editor.findChild<QPushButton *>(QStringLiteral("keepMyEdits"))->click();
        editor.save();
        QCOMPARE(saved.size(), 2);
        QVERIFY(fileBytes(m_path).contains("\"path\": \"mine-2.csv\""));

        // Our own save is no conflict; another change by hand is, and Reload shows it.
        typeInto(form->fieldWidget(QStringLiteral("path")), QStringLiteral("again.csv"));
        write(m_path, byHand);
        editor.save();
        QCOMPARE(failed.size(), 4);
        editor.findChild<QPushButton *>(QStringLiteral("reloadFromDisk"))->click();
        QVERIFY(conflict->isHidden());
        QCOMPARE(editor.document().root().value(QStringLiteral("timezone")).toString(),
                 QStringLiteral("UTC"));
        EntryForm *reloaded = editor.currentForm();
        QVERIFY(reloaded);
        QCOMPARE(qobject_cast<QLineEdit *>(reloaded->fieldWidget(QStringLiteral("path")))->text(),
                 QStringLiteral("theirs.csv"));
        editor.save();
        QCOMPARE(saved.size(), 3);
        QCOMPARE(failed.size(), 4);
    }

    // Pictures for docs/screenshots, when KPI_SCREENSHOTS_DIR names a folder (run under
    // xvfb-run; see docs/forms.md). The values come from a real Test against the fake API.
    void screenshots()
    {
        const QString folder = qEnvironmentVariable("KPI_SCREENSHOTS_DIR");
        if (folder.isEmpty())
            QSKIP("KPI_SCREENSHOTS_DIR not set");
        FakeJsonApis apis;
        m_store->values.insert(QStringLiteral("github-token"),
                               QLatin1String(FakeJsonApis::GithubToken));
        m_store->values.insert(QStringLiteral("discord-webhook"), QStringLiteral("x"));
        const QByteArray slashes(2, '/');
        write(m_path,
              "{\"version\": 1, \"timezone\": \"Europe/Berlin\", \"sources\": [{\"id\": "
              "\"github\", \"type\": \"http-json\", \"label\": \"GitHub repository\", "
              "\"url\": \"" +
                  apis.url(QStringLiteral("/repos/acme/widget")).toEncoded() +
                  "\", \"auth\": {\"type\": \"bearer\", \"secret\": \"github-token\"}, "
                  "\"headers\": {\"Accept\": \"application/vnd.github+json\"}, "
                  "\"metrics\": [{\"key\": \"GITHUB_STARS\", \"label\": \"GitHub stars\", "
                  "\"path\": \"$.stargazers_count\"}, {\"key\": \"GITHUB_FORKS\", \"label\": "
                  "\"Forks\", \"path\": \"$.forks_count\"}]}, {\"id\": \"stats\", \"type\": "
                  "\"http-json\", \"label\": \"Product analytics\", \"url\": \"https:" +
                  slashes +
                  "app.example.com/api/stats\", \"metrics\": [{\"key\": \"WEEKLY_ACTIVE_USERS\", "
                  "\"path\": \"$.active_users\"}]}], \"destinations\": [{\"id\": \"discord\", "
                  "\"type\": \"discord\", \"webhook\": {\"secret\": \"discord-webhook\"}, "
                  "\"schedule\": \"0 9 * * 1\", \"compareDays\": 7}, {\"id\": \"history-csv\", "
                  "\"type\": \"csv\", \"path\": \"history.csv\"}]}");
        WorkspaceEditor editor(m_path, m_client.get(), m_store.get());
        editor.resize(1040, 760);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        EntryForm *source = editor.showEntry(Kind::Source, 0);
        QSignalSpy tested(&editor, &WorkspaceEditor::testFinished);
        editor.testButton()->click();
        QVERIFY(tested.wait(20000));
        // The address as a user would have it (the run above went to the fake on loopback).
        qobject_cast<QLineEdit *>(source->fieldWidget(QStringLiteral("url")))
            ->setText(QStringLiteral("https:") + QLatin1String(slashes) +
                      QStringLiteral("api.github.com/repos/acme/widget"));
        QTest::qWait(400);
        QVERIFY(editor.grab().save(folder + QStringLiteral("/source-form.png")));
        EntryForm *discord = editor.showEntry(Kind::Destination, 0);
        QTRY_VERIFY(!discord->secretField(QStringLiteral("webhook"))->statusLabel()->isHidden());
        QTest::qWait(200);
        QVERIFY(editor.grab().save(folder + QStringLiteral("/destination-form.png")));
        if (qEnvironmentVariableIsSet("KPI_SCREENSHOTS_HTML")) {
            editor.addPreset(kpi::ui::FormSpecs::sourcePresets().last());
            QTest::qWait(400);
            QVERIFY(editor.grab().save(folder + QStringLiteral("/html-source-form.png")));
        }

        // The same in a dark palette, as a desktop in dark mode gives it.
        QApplication::setPalette(kpi::test::darkPalette());
        WorkspaceEditor darkEditor(m_path, m_client.get(), m_store.get());
        darkEditor.resize(1040, 760);
        darkEditor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&darkEditor));
        EntryForm *darkSource = darkEditor.showEntry(Kind::Source, 0);
        darkEditor.testButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!darkEditor.isTesting(), 20000);
        qobject_cast<QLineEdit *>(darkSource->fieldWidget(QStringLiteral("url")))
            ->setText(QStringLiteral("https:") + QLatin1String(slashes) +
                      QStringLiteral("api.github.com/repos/acme/widget"));
        QTest::qWait(300);
        QVERIFY(darkEditor.grab().save(folder + QStringLiteral("/source-form-dark.png")));
        EntryForm *darkDiscord = darkEditor.showEntry(Kind::Destination, 0);
        QTRY_VERIFY(
            !darkDiscord->secretField(QStringLiteral("webhook"))->statusLabel()->isHidden());
        QTest::qWait(200);
        QVERIFY(darkEditor.grab().save(folder + QStringLiteral("/destination-form-dark.png")));
        QApplication::setPalette(QPalette());
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    QNetworkAccessManager m_network;
    std::unique_ptr<FakeSecretStore> m_store;
    std::unique_ptr<kpi::net::HttpClient> m_client;
};

QTEST_MAIN(TestWorkspaceEditor)
#include "TestWorkspaceEditor.moc"
