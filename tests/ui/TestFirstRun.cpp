// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
//
// A new user, from the window alone: an empty workspace; a JSON source and an HTML source
// typed into the forms and tested; a Discord destination whose webhook goes to the real
// keychain (this test runs in scripts/with-keyring.sh); Save; Collect now (Ctrl+R); the
// cards, the digest in Discord, and a chart. Every service is a strict local fake.
//
// With KPI_SCREENSHOTS_DIR set (under xvfb-run), each step is also saved as a picture,
// in the light and the dark palette: the README's walk-through.
#include "DarkPalette.h"
#include "FakeDiscordWebhook.h"
#include "FakeHttpServer.h"
#include "FakeJsonApis.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "UserInput.h"
#include "charts/ChartPanel.h"
#include "dashboard/DashboardView.h"
#include "dashboard/MetricCard.h"
#include "forms/EntryForm.h"
#include "forms/MetricsTable.h"
#include "forms/SecretField.h"
#include "forms/WorkspaceEditor.h"
#include "secrets/KeychainSecretStore.h"
#include "util/Translations.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using kpi::test::chooseData;
using kpi::test::FakeDiscordWebhook;
using kpi::test::FakeHttpServer;
using kpi::test::FakeJsonApis;
using kpi::test::FakeResponse;
using kpi::test::fileBytes;
using kpi::test::RecordedRequest;
using kpi::test::typeInto;
using kpi::ui::EntryForm;
using kpi::ui::MainWindow;
using kpi::ui::WorkspaceEditor;
using Kind = WorkspaceEditor::Kind;

class TestFirstRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // The English plural forms, as main() loads them ("6 matches", not "6 match(es)").
        QVERIFY(kpi::installTranslations(*QCoreApplication::instance()));
    }

    void init()
    {
        QVERIFY(m_dir.isValid());
        m_blog.route("/blog", [](const RecordedRequest &) {
            FakeResponse response =
                FakeResponse::text(fileBytes(QStringLiteral(KPI_HTML_FIXTURES "/blog.html")));
            response.headers.append(
                std::pair{QByteArray("Content-Type"), QByteArray("text/html; charset=utf-8")});
            return response;
        });
    }

    void light() { walkThrough(QStringLiteral("light")); }

    void dark()
    {
        if (qEnvironmentVariableIsEmpty("KPI_SCREENSHOTS_DIR"))
            QSKIP("the same steps; only the pictures differ");
        QApplication::setPalette(kpi::test::darkPalette());
        walkThrough(QStringLiteral("dark"));
        QApplication::setPalette(QPalette());
    }

private:
    void walkThrough(const QString &variant)
    {
        // A home of its own, as a new user's: the window shows ~/kpi/workspace.json.
        const QString folder = m_dir.filePath(variant);
        QVERIFY(QDir().mkpath(folder + QStringLiteral("/kpi")));
        qputenv("HOME", QFile::encodeName(folder));
        const QString workspacePath = folder + QStringLiteral("/kpi/workspace.json");
        FakeJsonApis github;
        FakeDiscordWebhook discord;
        // The name the form proposes; removed at the end, as the dark run stores it again.
        const QString webhookSecret = QStringLiteral("discord-webhook");

        MainWindow window(workspacePath, folder + QStringLiteral("/history.sqlite"));
        window.resize(1100, 720);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        // Nothing yet: the dashboard says what to do first, and no file is no error.
        QVERIFY(window.dashboard()->cards().isEmpty());
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("problem"))->isHidden());
        snap(&window, QStringLiteral("1-empty"), variant);

        // The empty page's own button (Ctrl+E does the same).
        QToolButton *addSource = nullptr;
        for (QToolButton *button : window.dashboard()->findChildren<QToolButton *>()) {
            if (button->defaultAction() &&
                button->defaultAction()->objectName() == QLatin1String("addSourceAction"))
                addSource = button;
        }
        QVERIFY(addSource);
        QVERIFY(addSource->isVisible());
        QTest::mouseClick(addSource, Qt::LeftButton);
        auto *editor = window.findChild<WorkspaceEditor *>();
        QVERIFY(editor);
        QTRY_VERIFY(editor->isVisible());
        editor->resize(1040, 760);
        QSignalSpy tested(editor, &WorkspaceEditor::testFinished);

        // A JSON API: GitHub's repository, with a token typed into the form.
        EntryForm *json = editor->addEntry(Kind::Source, QStringLiteral("http-json"));
        QVERIFY(json);
        typeInto(json->fieldWidget(QStringLiteral("id")), QStringLiteral("github"));
        typeInto(json->fieldWidget(QStringLiteral("label")), QStringLiteral("GitHub repository"));
        typeInto(json->fieldWidget(QStringLiteral("url")),
                 github.url(QStringLiteral("/repos/acme/widget")).toString());
        chooseData(json->fieldWidget(QStringLiteral("auth.type")), QStringLiteral("bearer"));
        QTest::keyClicks(json->secretField(QStringLiteral("auth.secret"))->valueEdit(),
                         QLatin1String(FakeJsonApis::GithubToken));
        json->metricsTable()->setCell(0, QStringLiteral("key"), QStringLiteral("GITHUB_STARS"));
        json->metricsTable()->setCell(0, QStringLiteral("label"), QStringLiteral("GitHub stars"));
        json->metricsTable()->setCell(0, QStringLiteral("path"),
                                      QStringLiteral("$.stargazers_count"));
        editor->testButton()->click();
        QVERIFY(tested.wait(20000));
        QVERIFY2(editor->testResultText().contains(QStringLiteral("1,523")),
                 qPrintable(editor->testResultText()));
        QCOMPARE(github.requests(), 1);
        snap(editor, QStringLiteral("2-json-source"), variant,
             {{json->fieldWidget(QStringLiteral("url")),
               QStringLiteral("https://api.github.com/repos/acme/widget")}});

        // A web page: the blog's posts, counted by a CSS selector; Test shows what matched.
        EntryForm *html = editor->addEntry(Kind::Source, QStringLiteral("html"));
        QVERIFY(html);
        typeInto(html->fieldWidget(QStringLiteral("id")), QStringLiteral("blog"));
        typeInto(html->fieldWidget(QStringLiteral("label")), QStringLiteral("Company blog"));
        typeInto(html->fieldWidget(QStringLiteral("url")),
                 m_blog.url(QStringLiteral("/blog")).toString());
        html->metricsTable()->setCell(0, QStringLiteral("key"), QStringLiteral("BLOG_POSTS"));
        html->metricsTable()->setCell(0, QStringLiteral("label"), QStringLiteral("Blog posts"));
        html->metricsTable()->setCell(0, QStringLiteral("css"),
                                      QStringLiteral("article.post h2 > a"));
        html->metricsTable()->setCell(0, QStringLiteral("extract"), QStringLiteral("count"));
        editor->testButton()->click();
        QVERIFY(tested.wait(20000));
        const QString matched = editor->testResultText();
        QVERIFY2(matched.contains(QStringLiteral("BLOG_POSTS")), qPrintable(matched));
        QVERIFY2(matched.contains(QStringLiteral("6 matches")), qPrintable(matched));
        QVERIFY2(matched.contains(QStringLiteral("We launched!")), qPrintable(matched));
        snap(editor, QStringLiteral("3-html-source"), variant,
             {{html->fieldWidget(QStringLiteral("url")),
               QStringLiteral("https://blog.example.com/")}});

        // Discord: the webhook is a secret, typed once and kept in the keychain.
        EntryForm *chat = editor->addEntry(Kind::Destination, QStringLiteral("discord"));
        QVERIFY(chat);
        QCOMPARE(chat->secretField(QStringLiteral("webhook"))->name(), webhookSecret);
        QTest::keyClicks(chat->secretField(QStringLiteral("webhook"))->valueEdit(),
                         discord.url().toString());
        QTRY_VERIFY(editor->saveButton()->isEnabled());
        QSignalSpy saved(editor, &WorkspaceEditor::saved);
        editor->saveButton()->click();
        QVERIFY(saved.wait(10000));
        QTRY_VERIFY(!chat->secretField(QStringLiteral("webhook"))->statusLabel()->isHidden());
        snap(editor, QStringLiteral("4-discord"), variant);

        const QByteArray file = fileBytes(workspacePath);
        QVERIFY(file.contains("\"secret\": \"discord-webhook\""));
        QVERIFY(!file.contains(FakeDiscordWebhook::HookPath));
        QVERIFY(!file.contains(FakeJsonApis::GithubToken));
        kpi::secrets::KeychainSecretStore keychain;
        std::optional<QString> stored;
        keychain.read(webhookSecret, this, [&](const kpi::Result<kpi::secrets::Secret> &read) {
            stored = read ? read->reveal() : QStringLiteral("<%1>").arg(read.error().message);
        });
        QTRY_VERIFY(stored.has_value());
        QCOMPARE(*stored, discord.url().toString());

        editor->close();
        QTRY_COMPARE_WITH_TIMEOUT(window.workspace().sources.size(), 2, 10000);

        // Collect now: the cards fill in, and the digest goes to Discord.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier);
        kpi::ui::DashboardView *dashboard = window.dashboard();
        QTRY_COMPARE_WITH_TIMEOUT(dashboard->cards().size(), 2, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(dashboard->card(QStringLiteral("GITHUB_STARS"))->valueText(),
                                  QStringLiteral("1,523"), 20000);
        QCOMPARE(dashboard->card(QStringLiteral("BLOG_POSTS"))->valueText(), QStringLiteral("6"));
        QTRY_COMPARE_WITH_TIMEOUT(discord.posted.size(), 1, 20000);
        QVERIFY2(discord.rejections.isEmpty(), discord.rejections.value(0).constData());
        const QByteArray message = QJsonDocument(discord.posted.first()).toJson();
        QVERIFY2(message.contains("1,523") && message.contains("Blog posts"), message.constData());
        snap(&window, QStringLiteral("5-dashboard"), variant);

        // A card opens its chart.
        QTest::mouseClick(dashboard->card(QStringLiteral("GITHUB_STARS")), Qt::LeftButton);
        QTRY_COMPARE(window.charts()->shownMetrics(), QStringList{QStringLiteral("GITHUB_STARS")});
        QTRY_VERIFY(window.charts()->displayedPointCount() >= 1);
        snap(&window, QStringLiteral("6-chart"), variant);

        kpi::secrets::KeychainSecretStore cleanup;
        bool removed = false;
        cleanup.remove(webhookSecret, this, [&](const kpi::Result<void> &) { removed = true; });
        QTRY_VERIFY(removed);
    }

    // Saves a picture of `widget` when KPI_SCREENSHOTS_DIR names a folder. The fakes' local
    // addresses are shown as the user's would be, without the forms noticing.
    void snap(QWidget *widget, const QString &step, const QString &variant,
              const QList<std::pair<QWidget *, QString>> &shownAs = {})
    {
        const QString folder = qEnvironmentVariable("KPI_SCREENSHOTS_DIR");
        if (folder.isEmpty())
            return;
        QList<std::pair<QLineEdit *, QString>> restore;
        for (const auto &[field, text] : shownAs) {
            auto *edit = qobject_cast<QLineEdit *>(field);
            QVERIFY(edit);
            const QSignalBlocker blocker(edit);
            restore.append({edit, edit->text()});
            edit->setText(text);
            edit->setCursorPosition(0);
        }
        QTest::qWait(400);
        QVERIFY(widget->grab().save(
            QStringLiteral("%1/first-run-%2-%3.png").arg(folder, step, variant)));
        for (const auto &[edit, text] : restore) {
            const QSignalBlocker blocker(edit);
            edit->setText(text);
        }
    }

    QTemporaryDir m_dir;
    FakeHttpServer m_blog;
};

QTEST_MAIN(TestFirstRun)
#include "TestFirstRun.moc"
