// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "forms/WorkspaceEditor.h"

#include "forms/EntryForm.h"
#include "forms/EntryItemDelegate.h"
#include "forms/FieldSpec.h"
#include "forms/FormStyle.h"
#include "forms/PendingSecretStore.h"
#include "pipeline/CollectRun.h"
#include "secrets/SecretStore.h"
#include "util/Clock.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace kpi::ui {

namespace {

constexpr int ValidateDelayMs = 300;

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QJsonObject newEntry(WorkspaceEditor::Kind kind, const QString &type, const QString &id)
{
    QJsonObject entry{{QStringLiteral("id"), id}, {QStringLiteral("type"), type}};
    if (kind == WorkspaceEditor::Kind::Source) {
        QJsonObject metric;
        if (type == QLatin1String("html"))
            metric.insert(QStringLiteral("extract"), QStringLiteral("number"));
        entry.insert(QStringLiteral("metrics"), QJsonArray{metric});
    }
    return entry;
}

// The file as it is on disk now; empty when it does not exist (yet).
QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

WorkspaceEditor::WorkspaceEditor(const QString &workspacePath, net::HttpClient *client,
                                 secrets::SecretStore *secrets, QWidget *parent)
    : QDialog(parent),
      m_path(workspacePath),
      m_client(client),
      m_secrets(secrets),
      m_stack(new QStackedWidget(this)),
      m_empty(new QLabel(this)),
      m_testPanel(new QWidget(this)),
      m_testButton(new QPushButton(tr("&Test"), this)),
      m_testBusy(new QProgressBar(this)),
      m_testResult(new QLabel(this)),
      m_problems(new QLabel(this)),
      m_save(new QPushButton(tr("&Save"), this)),
      m_validateTimer(new QTimer(this)),
      m_conflict(new QWidget(this)),
      m_diskWatcher(new QFileSystemWatcher(this))
{
    setWindowTitle(tr("Sources and destinations"));
    resize(1040, 720);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 6, 0);
    leftLayout->addWidget(makeListPanel(Kind::Source), 3);
    leftLayout->addWidget(makeListPanel(Kind::Destination), 2);
    splitter->addWidget(left);

    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(6, 0, 0, 0);
    m_empty->setText(tr("<h3>Nothing chosen</h3><p>Pick a source or a destination on the left, "
                        "or add one with <b>Add</b>.</p>"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_stack->addWidget(m_empty);
    rightLayout->addWidget(m_stack, 1);

    // Test: under the form, for sources.
    auto *testLayout = new QVBoxLayout(m_testPanel);
    testLayout->setContentsMargins(0, 6, 0, 0);
    auto *testRow = new QHBoxLayout;
    m_testButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_testButton->setToolTip(
        tr("Fetch this source now and show what it yields; nothing is stored (Ctrl+T)"));
    m_testBusy->setRange(0, 0);
    m_testBusy->setMaximumWidth(160);
    m_testBusy->setTextVisible(false);
    m_testBusy->setVisible(false);
    testRow->addWidget(m_testButton);
    testRow->addWidget(m_testBusy);
    testRow->addStretch(1);
    testLayout->addLayout(testRow);
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->setVisible(false);
    testLayout->addWidget(m_testResult);
    m_testPanel->setVisible(false);
    rightLayout->addWidget(m_testPanel);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({260, 780});

    // The file changed on disk while this editor was open (edited by hand, a git pull):
    // saving would silently drop that change, so the user chooses.
    m_conflict->setObjectName(QStringLiteral("diskConflict"));
    m_conflict->setAutoFillBackground(true);
    QPalette conflictPalette = m_conflict->palette();
    conflictPalette.setColor(QPalette::Window, palette().color(QPalette::AlternateBase));
    m_conflict->setPalette(conflictPalette);
    auto *conflictLayout = new QHBoxLayout(m_conflict);
    auto *conflictText =
        new QLabel(tr("<b>The workspace file changed on disk</b> since this window opened it. "
                      "Saving now would overwrite that change."),
                   m_conflict);
    conflictText->setWordWrap(true);
    auto *reloadButton = new QPushButton(tr("&Reload from disk"), m_conflict);
    reloadButton->setObjectName(QStringLiteral("reloadFromDisk"));
    reloadButton->setToolTip(tr("Show the file as it is now; the edits made here are dropped"));
    auto *keepButton = new QPushButton(tr("&Keep my edits"), m_conflict);
    keepButton->setObjectName(QStringLiteral("keepMyEdits"));
    keepButton->setToolTip(tr("The next Save replaces the file with what is shown here"));
    conflictLayout->addWidget(conflictText, 1);
    conflictLayout->addWidget(reloadButton);
    conflictLayout->addWidget(keepButton);
    m_conflict->setVisible(false);
    connect(reloadButton, &QPushButton::clicked, this, &WorkspaceEditor::reloadFromDisk);
    connect(keepButton, &QPushButton::clicked, this, [this] {
        // The file as it is now may be replaced; a further change shows the bar again.
        m_diskContent = readFile(m_path);
        m_conflict->setVisible(false);
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_conflict);
    layout->addWidget(splitter, 1);
    auto *bottom = new QHBoxLayout;
    styleAsError(m_problems);
    m_problems->setObjectName(QStringLiteral("problems"));
    bottom->addWidget(m_problems, 1);
    auto *buttons = new QDialogButtonBox(this);
    m_save->setDefault(false);
    m_save->setAutoDefault(false);
    m_save->setToolTip(tr("Store the secrets in the keychain and write the workspace file "
                          "(Ctrl+S)"));
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    close->setAutoDefault(false);
    bottom->addWidget(buttons);
    layout->addLayout(bottom);

    auto *saveShortcut = new QShortcut(QKeySequence::Save, this);
    // Right after typing too: save() checks first instead of waiting for the pause.
    connect(saveShortcut, &QShortcut::activated, this, &WorkspaceEditor::save);
    // The buttons' own roles would close the dialog; Save keeps it open.
    disconnect(buttons, &QDialogButtonBox::accepted, this, nullptr);
    connect(m_save, &QPushButton::clicked, this, &WorkspaceEditor::save);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_testButton, &QPushButton::clicked, this, &WorkspaceEditor::testCurrentSource);

    m_validateTimer->setSingleShot(true);
    m_validateTimer->setInterval(ValidateDelayMs);
    connect(m_validateTimer, &QTimer::timeout, this, &WorkspaceEditor::validateNow);

    m_diskContent = readFile(m_path);
    watchDisk();
    connect(m_diskWatcher, &QFileSystemWatcher::fileChanged, this, &WorkspaceEditor::checkDisk);
    connect(m_diskWatcher, &QFileSystemWatcher::directoryChanged, this,
            &WorkspaceEditor::checkDisk);
    auto loaded = workspace::WorkspaceDocument::load(m_path);
    if (loaded) {
        m_document = std::move(*loaded);
    } else {
        // Not overwritten: whatever is wrong with the file, a save would lose it.
        m_loadFailed = true;
        m_problems->setText(tr("The workspace file cannot be edited here until it is valid "
                               "JSON: %1")
                                .arg(loaded.error().toString()));
        m_problems->setVisible(true);
    }
    reloadLists();
    validateNow();

    // Which secrets exist already: names only, never values.
    if (m_secrets) {
        m_secrets->list(this, [this](const Result<QStringList> &names) {
            if (!names)
                return;
            for (const QString &name : *names)
                m_storedSecrets.insert(name);
            for (auto &formList : m_forms) {
                for (EntryForm *form : formList) {
                    if (form)
                        form->setStoredSecrets(m_storedSecrets);
                }
            }
        });
    }
    if (m_document.count(Kind::Source) > 0)
        showEntry(Kind::Source, 0);
    else if (m_document.count(Kind::Destination) > 0)
        showEntry(Kind::Destination, 0);
}

WorkspaceEditor::~WorkspaceEditor()
{
    if (m_test)
        m_test->cancel();
}

QWidget *WorkspaceEditor::makeListPanel(Kind kind)
{
    auto *panel = new QWidget(this);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    const bool source = kind == Kind::Source;
    auto *title = heading(source ? tr("S&ources") : tr("D&estinations"), panel);
    layout->addWidget(title);
    auto *listWidget = new QListWidget(panel);
    listWidget->setItemDelegate(new EntryItemDelegate(listWidget));
    listWidget->setUniformItemSizes(true);
    listWidget->setObjectName(source ? QStringLiteral("sources") : QStringLiteral("destinations"));
    title->setBuddy(listWidget);
    m_lists[source ? 0 : 1] = listWidget;
    layout->addWidget(listWidget, 1);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(source ? tr("&Add source") : tr("Add &destination"), panel);
    add->setObjectName(source ? QStringLiteral("addSource") : QStringLiteral("addDestination"));
    auto *menu = new QMenu(add);
    const QStringList types = source ? FormSpecs::sourceTypes() : FormSpecs::destinationTypes();
    for (const QString &type : types) {
        QAction *action = menu->addAction(FormSpecs::typeLabel(type));
        action->setData(type);
        connect(action, &QAction::triggered, this, [this, kind, type] { addEntry(kind, type); });
    }
    if (source) {
        menu->addSection(tr("From a preset"));
        for (const SourcePreset &preset : FormSpecs::sourcePresets()) {
            QAction *action = menu->addAction(preset.label);
            connect(action, &QAction::triggered, this, [this, preset] { addPreset(preset); });
        }
    }
    add->setMenu(menu);
    auto *remove = new QPushButton(tr("Remove"), panel);
    remove->setToolTip(tr("Remove the chosen entry from the workspace (Delete)"));
    connect(remove, &QPushButton::clicked, this, [this, listWidget] {
        if (listWidget->currentRow() >= 0)
            removeCurrent();
    });
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    connect(listWidget, &QListWidget::currentRowChanged, this, [this, kind](int row) {
        if (row >= 0)
            showEntry(kind, row);
    });
    auto *deleteKey = new QShortcut(QKeySequence::Delete, listWidget);
    deleteKey->setContext(Qt::WidgetShortcut);
    connect(deleteKey, &QShortcut::activated, this, &WorkspaceEditor::removeCurrent);
    return panel;
}

void WorkspaceEditor::setItemText(Kind kind, int index)
{
    QListWidgetItem *item = list(kind)->item(index);
    if (!item)
        return;
    const QJsonObject entry = m_document.entry(kind, index);
    const QString id = entry.value(QStringLiteral("id")).toString();
    const QString label = entry.value(QStringLiteral("label")).toString();
    const QString type = FormSpecs::typeLabel(entry.value(QStringLiteral("type")).toString());
    item->setText(label.isEmpty() ? (id.isEmpty() ? tr("(no id)") : id) : label);
    item->setData(EntryItemDelegate::SubtitleRole,
                  label.isEmpty() || label == id ? type : tr("%1 · %2").arg(type, id));
}

void WorkspaceEditor::reloadLists()
{
    for (Kind kind : {Kind::Source, Kind::Destination}) {
        QListWidget *listWidget = list(kind);
        const QSignalBlocker blocker(listWidget);
        listWidget->clear();
        forms(kind).resize(m_document.count(kind), nullptr);
        for (int i = 0; i < m_document.count(kind); ++i) {
            listWidget->addItem(QString());
            setItemText(kind, i);
        }
    }
}

EntryForm *WorkspaceEditor::showEntry(Kind kind, int index)
{
    if (index < 0 || index >= m_document.count(kind))
        return nullptr;
    QList<EntryForm *> &formList = forms(kind);
    EntryForm *form = formList.value(index);
    if (!form) {
        form = new EntryForm(kind, m_document.entry(kind, index), m_stack);
        form->setEntryPath(workspace::WorkspaceDocument::entryPath(kind, index));
        form->setStoredSecrets(m_storedSecrets);
        form->setErrors(m_errors);
        connect(form, &EntryForm::changed, this, [this, form] { onFormChanged(form); });
        // A scroll area each, so a short form is not stretched to the longest one's height.
        auto *scroll = new QScrollArea(m_stack);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(form);
        m_stack->addWidget(scroll);
        formList[index] = form;
    }
    m_stack->setCurrentWidget(form->parentWidget()->parentWidget());
    {
        const QSignalBlocker blocker(list(kind));
        list(kind)->setCurrentRow(index);
    }
    QListWidget *other = list(kind == Kind::Source ? Kind::Destination : Kind::Source);
    {
        const QSignalBlocker blocker(other);
        other->setCurrentRow(-1);
        other->clearSelection();
    }
    m_testPanel->setVisible(kind == Kind::Source);
    m_testResult->clear();
    m_testResult->setVisible(false);
    updateButtons();
    return form;
}

EntryForm *WorkspaceEditor::currentForm() const
{
    const auto *scroll = qobject_cast<QScrollArea *>(m_stack->currentWidget());
    return scroll ? qobject_cast<EntryForm *>(scroll->widget()) : nullptr;
}

EntryForm *WorkspaceEditor::addEntry(Kind kind, const QString &type)
{
    const QString base =
        kind == Kind::Destination
            ? type
            : (type == QLatin1String("html") ? QStringLiteral("page") : QStringLiteral("api"));
    const qsizetype index =
        m_document.add(kind, newEntry(kind, type, m_document.uniqueId(kind, base)));
    forms(kind).append(nullptr);
    list(kind)->addItem(QString());
    setItemText(kind, int(index));
    EntryForm *form = showEntry(kind, int(index));
    validateNow();
    if (form && form->fieldWidget(QStringLiteral("id")))
        form->fieldWidget(QStringLiteral("id"))->setFocus();
    return form;
}

EntryForm *WorkspaceEditor::addPreset(const SourcePreset &preset)
{
    QJsonObject entry = QJsonDocument::fromJson(preset.json).object();
    entry.insert(QStringLiteral("id"), m_document.uniqueId(Kind::Source, preset.idBase));
    // Metric keys are unique across the workspace: a second GitHub preset gets GITHUB_STARS_2.
    QSet<QString> used;
    for (const QJsonObject &source : m_document.entries(Kind::Source)) {
        for (const auto &metric : source.value(QStringLiteral("metrics")).toArray())
            used.insert(metric.toObject().value(QStringLiteral("key")).toString());
    }
    QJsonArray metrics;
    for (const auto &value : entry.value(QStringLiteral("metrics")).toArray()) {
        QJsonObject metric = value.toObject();
        const QString key = metric.value(QStringLiteral("key")).toString();
        QString unique = key;
        for (int n = 2; used.contains(unique); ++n)
            unique = key + QLatin1Char('_') + QString::number(n);
        metric.insert(QStringLiteral("key"), unique);
        metrics.append(metric);
    }
    entry.insert(QStringLiteral("metrics"), metrics);
    const qsizetype index = m_document.add(Kind::Source, entry);
    forms(Kind::Source).append(nullptr);
    list(Kind::Source)->addItem(QString());
    setItemText(Kind::Source, int(index));
    EntryForm *form = showEntry(Kind::Source, int(index));
    validateNow();
    if (form && form->fieldWidget(QStringLiteral("url")))
        form->fieldWidget(QStringLiteral("url"))->setFocus();
    return form;
}

void WorkspaceEditor::removeCurrent()
{
    EntryForm *form = currentForm();
    if (!form)
        return;
    const Kind kind = form->kind();
    QList<EntryForm *> &formList = forms(kind);
    const int index = int(formList.indexOf(form));
    if (index < 0)
        return;
    m_document.remove(kind, index);
    formList.removeAt(index);
    QWidget *scroll = form->parentWidget()->parentWidget();
    m_stack->removeWidget(scroll);
    scroll->deleteLater();
    {
        const QSignalBlocker blocker(list(kind));
        delete list(kind)->takeItem(index);
    }
    for (int i = index; i < formList.size(); ++i) {
        if (formList.at(i))
            formList.at(i)->setEntryPath(workspace::WorkspaceDocument::entryPath(kind, i));
    }
    m_stack->setCurrentWidget(m_empty);
    m_testPanel->setVisible(false);
    if (m_document.count(kind) > 0)
        showEntry(kind, qMin(index, int(m_document.count(kind)) - 1));
    validateNow();
}

void WorkspaceEditor::onFormChanged(EntryForm *form)
{
    const int index = int(forms(form->kind()).indexOf(form));
    if (index < 0)
        return;
    m_document.replace(form->kind(), index, form->entry());
    setItemText(form->kind(), index);
    m_save->setEnabled(false); // until the pending check says it is valid
    m_validateTimer->start();
}

void WorkspaceEditor::validateNow()
{
    m_validateTimer->stop();
    const auto outcome = m_document.validate();
    m_errors = outcome.errors;
    m_valid = outcome.isOk() && !m_loadFailed;

    QStringList general;
    for (const Error &error : m_errors) {
        if (!error.where.startsWith(QLatin1String("sources[")) &&
            !error.where.startsWith(QLatin1String("destinations[")))
            general.append(error.toString());
    }
    bool local = false;
    for (Kind kind : {Kind::Source, Kind::Destination}) {
        const QList<EntryForm *> &formList = forms(kind);
        for (int i = 0; i < m_document.count(kind); ++i) {
            const QString path = workspace::WorkspaceDocument::entryPath(kind, i);
            bool hasError = false;
            for (const Error &error : m_errors) {
                if (error.where == path || error.where.startsWith(path + QLatin1Char('.'))) {
                    hasError = true;
                    break;
                }
            }
            if (EntryForm *form = formList.value(i)) {
                form->setErrors(m_errors);
                hasError = hasError || form->hasLocalErrors();
                local = local || form->hasLocalErrors();
            }
            if (QListWidgetItem *item = list(kind)->item(i)) {
                item->setForeground(hasError ? QBrush(errorColor(palette())) : QBrush());
                item->setToolTip(hasError ? tr("Has problems to fix") : QString());
            }
        }
    }
    m_valid = m_valid && !local;
    if (!m_loadFailed) {
        int count = int(m_errors.size());
        QString text = general.join(QLatin1Char('\n'));
        if (count > general.size())
            text = (text.isEmpty() ? QString() : text + QLatin1Char('\n')) +
                   tr("%n problem(s) to fix before saving (marked in red)", nullptr,
                      count - int(general.size()));
        m_problems->setText(text);
        m_problems->setVisible(!text.isEmpty());
    }
    updateButtons();
}

QString WorkspaceEditor::problemText() const
{
    return m_problems->isHidden() ? QString() : m_problems->text();
}

void WorkspaceEditor::updateButtons()
{
    m_save->setEnabled(m_valid && !m_saving && !m_validateTimer->isActive());
    m_testButton->setEnabled(!m_test && currentForm() && currentForm()->kind() == Kind::Source);
}

void WorkspaceEditor::showSaveProblem(const QString &text)
{
    m_saving = false;
    m_problems->setText(text);
    m_problems->setVisible(true);
    updateButtons();
    Q_EMIT saveFailed(text);
}

// The secrets first, then the file: a file naming a secret that is not stored yet would
// make the next run fail at the step "secret".
void WorkspaceEditor::save()
{
    validateNow();
    if (!m_valid || m_saving)
        return;
    if (refuseChangedFile())
        return;
    QList<EntryForm::PendingSecret> pending;
    for (auto &formList : m_forms) {
        for (EntryForm *form : formList) {
            if (form)
                pending.append(form->pendingSecrets());
        }
    }
    m_saving = true;
    updateButtons();
    if (pending.isEmpty() || !m_secrets) {
        writeFile();
        return;
    }
    struct Progress
    {
        int left = 0;
        QStringList failures;
        QStringList stored;
    };
    auto progress = std::make_shared<Progress>();
    progress->left = int(pending.size());
    for (const auto &secret : pending) {
        m_secrets->write(
            secret.name, secrets::Secret(secret.value), this,
            [this, progress, name = secret.name](const Result<void> &done) {
                if (done)
                    progress->stored.append(name);
                else
                    progress->failures.append(tr("%1: %2").arg(name, done.error().message));
                if (--progress->left > 0)
                    return;
                for (const QString &stored : std::as_const(progress->stored))
                    m_storedSecrets.insert(stored);
                for (auto &formList : m_forms) {
                    for (EntryForm *form : formList) {
                        if (!form)
                            continue;
                        form->clearPendingSecrets();
                        form->setStoredSecrets(m_storedSecrets);
                    }
                }
                if (!progress->failures.isEmpty()) {
                    showSaveProblem(tr("Not saved: the keychain refused a secret. %1")
                                        .arg(progress->failures.join(QStringLiteral("; "))));
                    return;
                }
                writeFile();
            });
    }
}

void WorkspaceEditor::writeFile()
{
    // Again: storing the secrets may have waited for the keychain to be unlocked.
    if (refuseChangedFile())
        return;
    const auto written = m_document.save(m_path);
    if (!written) {
        showSaveProblem(tr("Not saved: %1").arg(written.error().toString()));
        return;
    }
    m_diskContent = m_document.toJson();
    m_conflict->setVisible(false);
    m_saving = false;
    m_problems->setText({});
    m_problems->setVisible(false);
    updateButtons();
    Q_EMIT saved();
}

// An atomic save replaces the file, which drops it from the watcher: the folder is
// watched too, and the file added again whenever it is there.
void WorkspaceEditor::watchDisk()
{
    const QString folder = QFileInfo(m_path).absolutePath();
    if (QFileInfo::exists(folder) && !m_diskWatcher->directories().contains(folder))
        m_diskWatcher->addPath(folder);
    if (QFileInfo::exists(m_path) && !m_diskWatcher->files().contains(m_path))
        m_diskWatcher->addPath(m_path);
}

bool WorkspaceEditor::checkDisk()
{
    watchDisk();
    const QByteArray now = readFile(m_path);
    // Our own save, or a change back to what we loaded, is no conflict.
    const bool changed = now != m_diskContent && now != m_document.toJson();
    if (!changed) {
        m_diskContent = now;
        return false;
    }
    m_conflict->setVisible(true);
    return true;
}

bool WorkspaceEditor::refuseChangedFile()
{
    if (!checkDisk())
        return false;
    showSaveProblem(
        tr("Not saved: the file changed on disk. Reload it, or keep your edits and save again."));
    return true;
}

void WorkspaceEditor::reloadFromDisk()
{
    auto loaded = workspace::WorkspaceDocument::load(m_path);
    if (!loaded) {
        showSaveProblem(tr("The file on disk cannot be read: %1").arg(loaded.error().toString()));
        return;
    }
    if (m_test)
        m_test->cancel();
    m_document = std::move(*loaded);
    m_diskContent = readFile(m_path);
    m_loadFailed = false;
    m_conflict->setVisible(false);
    for (auto &formList : m_forms) {
        for (EntryForm *form : std::as_const(formList)) {
            if (!form)
                continue;
            QWidget *scroll = form->parentWidget()->parentWidget();
            m_stack->removeWidget(scroll);
            scroll->deleteLater();
        }
        formList.clear();
    }
    m_stack->setCurrentWidget(m_empty);
    m_testPanel->setVisible(false);
    m_problems->setVisible(false);
    reloadLists();
    validateNow();
    if (m_document.count(Kind::Source) > 0)
        showEntry(Kind::Source, 0);
    else if (m_document.count(Kind::Destination) > 0)
        showEntry(Kind::Destination, 0);
}

void WorkspaceEditor::testCurrentSource()
{
    EntryForm *form = currentForm();
    if (!form || form->kind() != Kind::Source || m_test)
        return;
    onFormChanged(form);
    validateNow();
    const auto outcome = m_document.validate();
    const QString id = form->id();
    const workspace::SourceConfig *source = outcome.workspace.source(id);
    m_testResult->setVisible(true);
    if (!source || form->hasLocalErrors()) {
        m_testResult->setText(tr("Fix the problems marked in red first."));
        Q_EMIT testFinished();
        return;
    }
    QHash<QString, QString> typed;
    for (const auto &secret : form->pendingSecrets())
        typed.insert(secret.name, secret.value);
    auto *store = new PendingSecretStore(m_secrets, typed, this);
    pipeline::CollectOptions options;
    options.sourceIds = {id};
    options.dryRun = true;
    options.trigger = QStringLiteral("test");
    workspace::Workspace workspace = outcome.workspace;
    workspace.sources = {*source}; // the others may still be unfinished
    m_test = new pipeline::CollectRun(workspace, options, nullptr, m_client, store, Clock::system(),
                                      this);
    store->setParent(m_test);
    connect(m_test, &pipeline::CollectRun::finished, this,
            [this](const pipeline::RunReport &report) {
                showTestResult(report);
                m_test->deleteLater();
                m_test = nullptr;
                m_testBusy->setVisible(false);
                updateButtons();
                Q_EMIT testFinished();
            });
    m_testBusy->setVisible(true);
    m_testResult->setText(
        tr("Fetching %1…")
            .arg(source->http.url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)));
    updateButtons();
    m_test->start();
}

void WorkspaceEditor::showTestResult(const pipeline::RunReport &report)
{
    const QLocale locale;
    QString html;
    const QString ok = okColor(palette()).name();
    const QString bad = errorColor(palette()).name();
    for (const auto &outcome : report.outcomes) {
        if (outcome.error) {
            QString where = tr("step %1").arg(outcome.step);
            if (outcome.httpStatus)
                where += tr(", HTTP %1").arg(outcome.httpStatus);
            html += QStringLiteral("<p style='color:%1'><b>%2</b> (%3)<br>%4</p>")
                        .arg(bad, tr("Failed").toHtmlEscaped(), where.toHtmlEscaped(),
                             outcome.error->message.toHtmlEscaped());
            continue;
        }
        html += QStringLiteral("<p style='color:%1'><b>%2</b></p>")
                    .arg(outcome.metricErrors.isEmpty() ? ok : bad,
                         tr("Fetched in %1 ms: nothing was stored.")
                             .arg(outcome.durationMs)
                             .toHtmlEscaped());
        html += QStringLiteral("<table cellspacing='0' cellpadding='3'>");
        for (const auto &value : outcome.values) {
            html += QStringLiteral("<tr><td><code>%1</code></td><td align='right'><b>%2</b></td>"
                                   "</tr>")
                        .arg(value.key.toHtmlEscaped(),
                             locale.toString(value.value, 'g', 15).toHtmlEscaped());
            html += evidenceRow(outcome, value.key);
        }
        for (const auto &failure : outcome.metricErrors)
            html +=
                QStringLiteral("<tr><td><code>%1</code></td><td style='color:%2'>%3</td></tr>")
                    .arg(failure.key.toHtmlEscaped(), bad, failure.error.message.toHtmlEscaped());
        html += QStringLiteral("</table>");
    }
    if (report.outcomes.isEmpty())
        html = tr("Nothing ran.");
    m_testResult->setText(html);
}

// What an html metric's selector matched, under its value: how many nodes on how many
// pages, and the first few texts, so a wrong selector shows before anything is stored.
QString WorkspaceEditor::evidenceRow(const sources::SourceOutcome &outcome,
                                     const QString &key) const
{
    const auto found = std::find_if(outcome.evidence.cbegin(), outcome.evidence.cend(),
                                    [&key](const auto &evidence) { return evidence.key == key; });
    if (found == outcome.evidence.cend())
        return {};
    const QLocale locale;
    QString matched = tr("%Ln match(es)", nullptr, found->matches); // "1,204 matches"
    if (found->pages > 1)
        matched = tr("%1 on %2 pages").arg(matched, locale.toString(found->pages));
    QStringList samples;
    for (const QString &sample : found->samples)
        samples.append(locale.quoteString(sample.left(80)).toHtmlEscaped());
    if (found->text && found->samples.isEmpty())
        samples.append(locale.quoteString(found->text->left(80)).toHtmlEscaped());
    if (!samples.isEmpty())
        matched += QStringLiteral(": ") + samples.join(QStringLiteral(", "));
    // The muted colour of help text, which PlaceholderText gives with an alpha a style
    // sheet colour would lose: mixed with the background here instead.
    const QColor text = palette().color(QPalette::WindowText);
    const QColor background = palette().color(QPalette::Window);
    const QColor muted = QColor::fromRgbF((text.redF() + background.redF()) / 2,
                                          (text.greenF() + background.greenF()) / 2,
                                          (text.blueF() + background.blueF()) / 2);
    return QStringLiteral("<tr><td colspan='2' style='color:%1; padding-left:16px'><small>%2"
                          "</small></td></tr>")
        .arg(muted.name(), matched);
}

QString WorkspaceEditor::testResultText() const
{
    return m_testResult->text();
}

} // namespace kpi::ui
