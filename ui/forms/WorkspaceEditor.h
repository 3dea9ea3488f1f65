// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "forms/FieldSpec.h"
#include "pipeline/CollectRun.h"
#include "pipeline/RunReport.h"
#include "workspace/WorkspaceDocument.h"

#include <QDialog>
#include <QList>
#include <QPointer>
#include <QSet>

class QFileSystemWatcher;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace kpi::net {
class HttpClient;
}
namespace kpi::secrets {
class SecretStore;
}

namespace kpi::ui {

class EntryForm;

// Sources and destinations, edited in forms: a list of each, the form of the one chosen,
// Test for a source (a dry run: fetched and extracted, never stored), and Save, which
// stores the secrets typed into the forms in the keychain and then writes the workspace
// file atomically. Every edit is checked by the loader itself, 300 ms after typing stops;
// Save waits until the whole workspace is valid.
class WorkspaceEditor : public QDialog
{
    Q_OBJECT

public:
    using Kind = workspace::WorkspaceDocument::Kind;

    // Nothing is owned; `secrets` is where values are stored and looked up (the app's
    // keychain-then-environment chain).
    WorkspaceEditor(const QString &workspacePath, net::HttpClient *client,
                    secrets::SecretStore *secrets, QWidget *parent = nullptr);
    ~WorkspaceEditor() override;

    const workspace::WorkspaceDocument &document() const { return m_document; }
    // Adds an entry of `type` (with an unused id) and shows its form.
    EntryForm *addEntry(Kind kind, const QString &type);
    // Adds a source from a preset (FormSpecs::sourcePresets()).
    EntryForm *addPreset(const SourcePreset &preset);
    EntryForm *showEntry(Kind kind, int index);
    EntryForm *currentForm() const;
    void removeCurrent();

    // Checks now instead of after the pause in typing.
    void validateNow();
    bool isValid() const { return m_valid; }
    QString problemText() const;

    void save();
    // The file as it is on disk now replaces what is shown; the edits made here are dropped.
    void reloadFromDisk();
    void testCurrentSource();
    QString testResultText() const;
    bool isTesting() const { return m_test != nullptr; }

    QPushButton *saveButton() const { return m_save; }
    QPushButton *testButton() const { return m_testButton; }
    QListWidget *sourceList() const { return m_lists[0]; }
    QListWidget *destinationList() const { return m_lists[1]; }

Q_SIGNALS:
    void saved();
    void saveFailed(const QString &message);
    void testFinished();

private:
    QWidget *makeListPanel(Kind kind);
    QListWidget *list(Kind kind) const { return m_lists[kind == Kind::Source ? 0 : 1]; }
    QList<EntryForm *> &forms(Kind kind) { return m_forms[kind == Kind::Source ? 0 : 1]; }
    void reloadLists();
    void setItemText(Kind kind, int index);
    void onFormChanged(EntryForm *form);
    void updateButtons();
    void writeFile();
    void watchDisk();
    // Whether the file on disk changed since it was loaded, saved here, or the user chose
    // to keep their edits over it; shows the choice when it has.
    bool checkDisk();
    // checkDisk(), and when the file changed, Save says it did not save.
    bool refuseChangedFile();
    void showTestResult(const pipeline::RunReport &report);
    QString evidenceRow(const sources::SourceOutcome &outcome, const QString &key) const;
    void showSaveProblem(const QString &text);

    QString m_path;
    net::HttpClient *m_client;
    QPointer<secrets::SecretStore> m_secrets;
    workspace::WorkspaceDocument m_document;
    QList<Error> m_errors;
    bool m_valid = false;
    bool m_loadFailed = false;
    bool m_saving = false;
    QSet<QString> m_storedSecrets;

    QListWidget *m_lists[2];
    QList<EntryForm *> m_forms[2]; // null until shown
    QStackedWidget *m_stack;
    QLabel *m_empty;
    QWidget *m_testPanel;
    QPushButton *m_testButton;
    QProgressBar *m_testBusy;
    QLabel *m_testResult;
    QLabel *m_problems;
    QPushButton *m_save;
    QTimer *m_validateTimer;
    QPointer<pipeline::CollectRun> m_test;
    QWidget *m_conflict;
    QFileSystemWatcher *m_diskWatcher;
    QByteArray m_diskContent; // as loaded, last saved here, or accepted by Keep my edits
};

} // namespace kpi::ui
