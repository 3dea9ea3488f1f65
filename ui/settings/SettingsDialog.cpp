// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "settings/SettingsDialog.h"

#include "Autostart.h"
#include "PathText.h"
#include "cron/CronExpression.h"
#include "forms/FormStyle.h"
#include "settings/AppSettings.h"
#include "store/DatabaseLocation.h"
#include "util/Clock.h"
#include "workspace/WorkspaceLoader.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace kpi::ui {

namespace {

const auto ScheduleKey = QStringLiteral("schedule");
const auto TimezoneKey = QStringLiteral("timezone");
const auto CatchUpKey = QStringLiteral("catchUp");
const auto NetworkKey = QStringLiteral("network");
const auto PerHostKey = QStringLiteral("perHostConnections");
const auto RawResponsesKey = QStringLiteral("rawResponses");
const auto DaysKey = QStringLiteral("days");
const auto MegabytesKey = QStringLiteral("megabytes");
constexpr int PreviewCount = 3;

// A path as shown: "~/…" under the home folder, which the fields also accept.
// Messages from core start lower-case, to follow a "where: "; under a field they begin a
// sentence.
QString sentence(QString message)
{
    if (!message.isEmpty())
        message[0] = message[0].toUpper();
    return message;
}

void setMessage(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

QLabel *helpLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    styleAsHelp(label);
    label->setVisible(!text.isEmpty());
    return label;
}

// A form's field column: the editor (with a button beside it, if any), then its error and
// its help, close together.
QWidget *fieldCell(QWidget *parent, QWidget *editor, QWidget *button,
                   std::initializer_list<QLabel *> below)
{
    auto *cell = new QWidget(parent);
    auto *layout = new QVBoxLayout(cell);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    if (button) {
        auto *row = new QHBoxLayout;
        row->addWidget(editor, 1);
        row->addWidget(button);
        layout->addLayout(row);
    } else {
        layout->addWidget(editor);
    }
    for (QLabel *label : below)
        layout->addWidget(label);
    // Any height the form gives beyond what the cell asked for goes below it, rather than
    // into the labels, which would centre their text away from the field.
    layout->addStretch(1);
    return cell;
}

QFormLayout *makeForm()
{
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    form->setVerticalSpacing(14);
    return form;
}

// Why the window does not use this setting now, or empty.
QString overrideNote(const QString &explicitValueAsGiven, const char *option, const char *variable)
{
    // A database URL may carry a password: never shown.
    const auto shown = [](const QString &value) {
        return value.contains(QLatin1String("://"))
                   ? QUrl(value).toDisplayString(QUrl::RemovePassword | QUrl::RemoveQuery)
                   : value;
    };
    const QString explicitValue = shown(explicitValueAsGiven);
    if (!explicitValue.isEmpty())
        return SettingsDialog::tr("This window was started with %1 %2, which comes before this "
                                  "setting; the setting is used when KPI Collector starts "
                                  "without it.")
            .arg(QLatin1String(option), explicitValue);
    if (!qEnvironmentVariableIsEmpty(variable))
        return SettingsDialog::tr("%1 is set (%2), which comes before this setting; the setting "
                                  "is used when it is not set.")
            .arg(QLatin1String(variable), shown(qEnvironmentVariable(variable)));
    return {};
}

} // namespace

SettingsDialog::SettingsDialog(const Context &context, QWidget *parent)
    : SettingsDialog(context, Clock::system(), parent)
{ }

SettingsDialog::SettingsDialog(const Context &context, const Clock &clock, QWidget *parent)
    : QDialog(parent), m_context(context), m_clock(clock), m_tabs(new QTabWidget(this))
{
    setWindowTitle(tr("Settings"));
    setMinimumWidth(640);
    auto *layout = new QVBoxLayout(this);
    m_tabs->addTab(makeFilesPage(), tr("&Files"));
    m_tabs->addTab(makeSchedulePage(), tr("Coll&ecting"));
    m_tabs->addTab(makeDesktopPage(), tr("&Desktop"));
    layout->addWidget(m_tabs);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("ok"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    validate(); // also loads the schedule of the file the Files page names
}

QWidget *SettingsDialog::makeFilesPage()
{
    auto *page = new QWidget(m_tabs);
    auto *outer = new QVBoxLayout(page);
    auto *form = makeForm();
    outer->addLayout(form);
    outer->addStretch(1);

    m_workspace = new QLineEdit(page);
    if (const QString path = settings::AppSettings::workspacePath(); !path.isEmpty())
        m_workspace->setText(homeRelativePath(path));
    m_workspace->setObjectName(QStringLiteral("workspaceEdit"));
    m_workspace->setPlaceholderText(homeRelativePath(workspace::WorkspaceLoader::defaultPath()));
    m_workspace->setClearButtonEnabled(true);
    auto *chooseWorkspace = new QPushButton(tr("Choose…"), page);
    chooseWorkspace->setObjectName(QStringLiteral("chooseWorkspace"));
    chooseWorkspace->setToolTip(tr("Choose a workspace file, or name a new one"));
    connect(chooseWorkspace, &QPushButton::clicked, this, &SettingsDialog::chooseWorkspace);
    m_workspaceError = new QLabel(page);
    m_workspaceError->setObjectName(QStringLiteral("workspaceError"));
    styleAsError(m_workspaceError);
    m_workspaceHelp = helpLabel({}, page);
    m_workspaceHelp->setObjectName(QStringLiteral("workspaceHelp"));
    auto *workspaceNote = helpLabel(
        overrideNote(m_context.explicitWorkspace, "--workspace", "KPI_COLLECTOR_WORKSPACE"), page);
    workspaceNote->setObjectName(QStringLiteral("workspaceNote"));
    auto *workspaceLabel = new QLabel(tr("&Workspace file"), page);
    workspaceLabel->setBuddy(m_workspace);
    form->addRow(workspaceLabel, fieldCell(page, m_workspace, chooseWorkspace,
                                           {m_workspaceError, m_workspaceHelp, workspaceNote}));
    connect(m_workspace, &QLineEdit::textChanged, this, &SettingsDialog::validate);

    m_database = new QLineEdit(page);
    if (const QString spec = settings::AppSettings::databaseSpec(); !spec.isEmpty())
        m_database->setText(spec.contains(QLatin1String("://")) ? spec : homeRelativePath(spec));
    m_database->setObjectName(QStringLiteral("databaseEdit"));
    m_database->setPlaceholderText(
        homeRelativePath(store::DatabaseLocation::defaultLocation().path));
    m_database->setClearButtonEnabled(true);
    auto *chooseDatabase = new QPushButton(tr("Choose…"), page);
    chooseDatabase->setObjectName(QStringLiteral("chooseDatabase"));
    chooseDatabase->setToolTip(tr("Choose an SQLite file, or name a new one"));
    connect(chooseDatabase, &QPushButton::clicked, this, &SettingsDialog::chooseDatabase);
    m_databaseError = new QLabel(page);
    m_databaseError->setObjectName(QStringLiteral("databaseError"));
    styleAsError(m_databaseError);
    auto *databaseHelp =
        helpLabel(tr("An SQLite file, or postgresql://user@host/database for a history shared "
                     "by a team (the password comes from PGPASSWORD or ~/.pgpass). Empty: the "
                     "default file. Takes effect the next time KPI Collector starts."),
                  page);
    auto *databaseNote = helpLabel(
        overrideNote(m_context.explicitDatabase, "--database", "KPI_COLLECTOR_DATABASE"), page);
    databaseNote->setObjectName(QStringLiteral("databaseNote"));
    auto *databaseLabel = new QLabel(tr("&History database"), page);
    databaseLabel->setBuddy(m_database);
    form->addRow(databaseLabel, fieldCell(page, m_database, chooseDatabase,
                                          {m_databaseError, databaseHelp, databaseNote}));
    connect(m_database, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    return page;
}

QWidget *SettingsDialog::makeSchedulePage()
{
    auto *page = new QWidget(m_tabs);
    auto *outer = new QVBoxLayout(page);
    m_scheduleFile = helpLabel({}, page);
    m_scheduleFile->setObjectName(QStringLiteral("scheduleFile"));
    m_scheduleFile->setTextInteractionFlags(Qt::TextSelectableByMouse);
    outer->addWidget(m_scheduleFile);
    m_scheduleProblem = new QLabel(page);
    m_scheduleProblem->setObjectName(QStringLiteral("scheduleProblem"));
    styleAsError(m_scheduleProblem);
    outer->addWidget(m_scheduleProblem);
    auto *form = makeForm();
    outer->addLayout(form);
    outer->addStretch(1);

    m_schedule = new QLineEdit(page);
    m_schedule->setObjectName(QStringLiteral("scheduleEdit"));
    m_schedule->setPlaceholderText(tr("e.g. 0 6 * * *  or  @daily"));
    m_schedule->setClearButtonEnabled(true);
    m_scheduleError = new QLabel(page);
    m_scheduleError->setObjectName(QStringLiteral("scheduleError"));
    styleAsError(m_scheduleError);
    m_preview = new QLabel(page);
    m_preview->setObjectName(QStringLiteral("schedulePreview"));
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *scheduleHelp = helpLabel(
        tr("A cron expression: minute, hour, day of month, month, day of week, e.g. "
           "\"0 6 * * *\" every day at 06:00, \"0 9 * * MON-FRI\" on weekdays at 09:00, or "
           "@hourly, @daily, @weekly. Empty: only when you press Collect now."),
        page);
    auto *scheduleLabel = new QLabel(tr("Collect on sc&hedule"), page);
    scheduleLabel->setBuddy(m_schedule);
    form->addRow(scheduleLabel,
                 fieldCell(page, m_schedule, nullptr, {m_scheduleError, m_preview, scheduleHelp}));

    m_timezone = new QComboBox(page);
    m_timezone->setObjectName(QStringLiteral("timezoneBox"));
    m_timezone->setEditable(true);
    m_timezone->setInsertPolicy(QComboBox::NoInsert);
    m_timezone->setMaxVisibleItems(16);
    m_timezone->addItem(tr("System (%1)").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())));
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_timezone->addItem(QString::fromUtf8(id));
    // Typing "berlin" finds Europe/Berlin.
    m_timezone->completer()->setFilterMode(Qt::MatchContains);
    m_timezone->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_timezone->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_timezoneError = new QLabel(page);
    m_timezoneError->setObjectName(QStringLiteral("timezoneError"));
    styleAsError(m_timezoneError);
    auto *timezoneHelp =
        helpLabel(tr("The schedules run on this zone's clock, and reports and charts count "
                     "days, weeks and months in it."),
                  page);
    auto *timezoneLabel = new QLabel(tr("&Time zone"), page);
    timezoneLabel->setBuddy(m_timezone);
    form->addRow(timezoneLabel,
                 fieldCell(page, m_timezone, nullptr, {m_timezoneError, timezoneHelp}));

    m_catchUp = new QCheckBox(tr("Catch &up a missed run"), page);
    m_catchUp->setObjectName(QStringLiteral("catchUpBox"));
    m_catchUpError = new QLabel(page);
    m_catchUpError->setObjectName(QStringLiteral("catchUpError"));
    styleAsError(m_catchUpError);
    auto *catchUpHelp =
        helpLabel(tr("When a scheduled time passed while KPI Collector was not running or the "
                     "computer slept, collect once at start or wake instead of waiting for the "
                     "next time."),
                  page);
    form->addRow(QString(), fieldCell(page, m_catchUp, nullptr, {m_catchUpError, catchUpHelp}));

    // How the sources are fetched and what is kept of them: the rest of the workspace's own
    // settings, so that none of them needs the file edited by hand.
    m_perHost = new QSpinBox(page);
    m_perHost->setObjectName(QStringLiteral("perHostBox"));
    m_perHost->setRange(1, workspace::Workspace::MaxPerHostConnections);
    m_perHost->setMaximumWidth(90);
    auto *perHostHelp =
        helpLabel(tr("How many sources on one host are fetched at the same time. At most %1, "
                     "as many as Qt opens to one host.")
                      .arg(workspace::Workspace::MaxPerHostConnections),
                  page);
    auto *perHostLabel = new QLabel(tr("&Requests at once per host"), page);
    perHostLabel->setBuddy(m_perHost);
    form->addRow(perHostLabel, fieldCell(page, m_perHost, nullptr, {perHostHelp}));

    m_rawDays = new QSpinBox(page);
    m_rawDays->setObjectName(QStringLiteral("rawDaysBox"));
    m_rawDays->setRange(0, 3660);
    m_rawDays->setSuffix(tr(" days"));
    m_rawMegabytes = new QSpinBox(page);
    m_rawMegabytes->setObjectName(QStringLiteral("rawMegabytesBox"));
    m_rawMegabytes->setRange(0, 100000);
    m_rawMegabytes->setSuffix(tr(" MB"));
    auto *rawRow = new QWidget(page);
    auto *rawLayout = new QHBoxLayout(rawRow);
    rawLayout->setContentsMargins(0, 0, 0, 0);
    rawLayout->addWidget(m_rawDays);
    rawLayout->addWidget(new QLabel(tr("and at most"), rawRow));
    rawLayout->addWidget(m_rawMegabytes);
    rawLayout->addStretch(1);
    auto *rawHelp = helpLabel(tr("Each fetched page or response, compressed, so that "
                                 "kpi-collector reextract can repair the history after a "
                                 "selector is fixed. 0 keeps none."),
                              page);
    auto *rawLabel = new QLabel(tr("&Keep responses for"), page);
    rawLabel->setBuddy(m_rawDays);
    form->addRow(rawLabel, fieldCell(page, rawRow, nullptr, {rawHelp}));

    const auto touched = [this] {
        m_scheduleTouched = true;
        validate();
    };
    connect(m_schedule, &QLineEdit::textChanged, this, touched);
    connect(m_timezone, &QComboBox::currentTextChanged, this, touched);
    connect(m_catchUp, &QCheckBox::toggled, this, touched);
    for (QSpinBox *box : {m_perHost, m_rawDays, m_rawMegabytes})
        connect(box, &QSpinBox::valueChanged, this, touched);
    return page;
}

QWidget *SettingsDialog::makeDesktopPage()
{
    auto *page = new QWidget(m_tabs);
    auto *layout = new QVBoxLayout(page);
    layout->setSpacing(4);
    const auto addBox = [page, layout](QCheckBox *box, const QString &help) {
        layout->addWidget(box);
        auto *label = helpLabel(help, page);
        label->setContentsMargins(24, 0, 0, 0); // under the box's text, not its tick
        layout->addWidget(label);
        return label;
    };

    m_closeToTray = new QCheckBox(tr("&Keep running in the tray when the window is closed"), page);
    m_closeToTray->setObjectName(QStringLiteral("closeToTrayBox"));
    m_closeToTray->setChecked(settings::AppSettings::closeToTray());
    addBox(m_closeToTray, tr("It goes on collecting on its schedule; Quit in the tray's menu "
                             "stops it. Off, closing the window quits."));
    layout->addSpacing(10);
    m_notifyFailures = new QCheckBox(tr("&Notify me when a collection fails"), page);
    m_notifyFailures->setObjectName(QStringLiteral("notifyFailuresBox"));
    m_notifyFailures->setChecked(settings::AppSettings::notifyFailures());
    addBox(m_notifyFailures, tr("A desktop notification names the sources that failed, or says "
                                "why a scheduled collection did not run. The run log keeps "
                                "every failure either way."));
    if (!m_context.trayAvailable) {
        m_closeToTray->setEnabled(false);
        m_notifyFailures->setEnabled(false);
        auto *trayNote = new QLabel(tr("This desktop has no system tray: KPI Collector is its "
                                       "window, closing it quits, and failures show in the "
                                       "window."),
                                    page);
        trayNote->setObjectName(QStringLiteral("trayNote"));
        trayNote->setWordWrap(true);
        layout->addWidget(trayNote);
    }
    layout->addSpacing(10);
    m_autostart = new QCheckBox(tr("Start KPI Collector at &login, in the tray"), page);
    m_autostart->setObjectName(QStringLiteral("autostartBox"));
    m_autostart->setChecked(Autostart::isEnabled());
    m_autostartError = new QLabel(page);
    m_autostartError->setObjectName(QStringLiteral("autostartError"));
    styleAsError(m_autostartError);
    m_autostartError->setContentsMargins(24, 0, 0, 0);
    layout->addWidget(m_autostart);
    layout->addWidget(m_autostartError);
    auto *autostartHelp =
        helpLabel(tr("So the schedule runs without opening the window: an entry in %1.")
                      .arg(homeRelativePath(QFileInfo(Autostart::entryPath()).absolutePath())),
                  page);
    autostartHelp->setContentsMargins(24, 0, 0, 0);
    layout->addWidget(autostartHelp);
    connect(m_autostart, &QCheckBox::toggled, m_autostartError, &QLabel::hide);
    layout->addStretch(1);
    return page;
}

void SettingsDialog::showPage(Page page)
{
    m_tabs->setCurrentIndex(int(page));
}

void SettingsDialog::chooseWorkspace()
{
    const QString current = workspaceFieldPath().isEmpty() ? m_target : workspaceFieldPath();
    auto *dialog = new QFileDialog(this, tr("Choose the workspace file"), current,
                                   tr("Workspace files (*.json);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // A file that does not exist yet is fine: it is created on the first save.
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setOption(QFileDialog::DontConfirmOverwrite);
    dialog->setLabelText(QFileDialog::Accept, tr("Choose"));
    dialog->setDefaultSuffix(QStringLiteral("json"));
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString &file) { m_workspace->setText(homeRelativePath(file)); });
    dialog->open();
}

void SettingsDialog::chooseDatabase()
{
    const auto location =
        store::DatabaseLocation::parse(settings::AppSettings::expandHome(m_database->text()));
    const QString current = location && location->kind == store::DatabaseLocation::Kind::Sqlite
                                ? location->path
                                : store::DatabaseLocation::defaultLocation().path;
    auto *dialog = new QFileDialog(this, tr("Choose the history file"), current,
                                   tr("SQLite databases (*.sqlite *.db);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setOption(QFileDialog::DontConfirmOverwrite);
    dialog->setLabelText(QFileDialog::Accept, tr("Choose"));
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString &file) { m_database->setText(homeRelativePath(file)); });
    dialog->open();
}

QString SettingsDialog::workspaceFieldPath() const
{
    return settings::AppSettings::expandHome(m_workspace->text());
}

void SettingsDialog::loadSchedule(const QString &path)
{
    setMessage(m_scheduleFile, tr("Kept in the workspace file %1, so the window and "
                                  "kpi-collector daemon both follow them.")
                                   .arg(homeRelativePath(path)));
    auto loaded = workspace::WorkspaceDocument::load(path);
    const bool readable = bool(loaded);
    setMessage(m_scheduleProblem,
               readable ? QString()
                        : tr("The workspace file cannot be read, so its schedule cannot be "
                             "changed here: %1")
                              .arg(loaded.error().toString()));
    for (QWidget *field : std::initializer_list<QWidget *>{m_schedule, m_timezone, m_catchUp,
                                                           m_perHost, m_rawDays, m_rawMegabytes})
        field->setEnabled(readable);
    if (!readable) {
        m_document.reset();
        return;
    }
    m_document = std::move(*loaded);
    const QJsonObject &root = m_document->root();
    const QSignalBlocker blockSchedule(m_schedule);
    const QSignalBlocker blockZone(m_timezone);
    const QSignalBlocker blockCatchUp(m_catchUp);
    const QSignalBlocker blockPerHost(m_perHost);
    const QSignalBlocker blockRawDays(m_rawDays);
    const QSignalBlocker blockRawMegabytes(m_rawMegabytes);
    const workspace::RawResponseRetention defaults;
    m_perHost->setValue(root.value(NetworkKey)
                            .toObject()
                            .value(PerHostKey)
                            .toInt(workspace::Workspace::MaxPerHostConnections));
    const QJsonObject raw = root.value(RawResponsesKey).toObject();
    m_rawDays->setValue(raw.value(DaysKey).toInt(defaults.days));
    m_rawMegabytes->setValue(int(raw.value(MegabytesKey).toInteger(defaults.megabytes)));
    m_loadedPerHost = m_perHost->value();
    m_loadedRawDays = m_rawDays->value();
    m_loadedRawMegabytes = m_rawMegabytes->value();
    m_schedule->setText(root.value(ScheduleKey).toString());
    const QString zone = root.value(TimezoneKey).toString();
    if (zone.isEmpty())
        m_timezone->setCurrentIndex(0);
    else if (const int index = m_timezone->findText(zone); index > 0)
        m_timezone->setCurrentIndex(index);
    else
        m_timezone->setEditText(zone);
    m_catchUp->setChecked(root.value(CatchUpKey).toBool(true));
    m_loadedSchedule = m_schedule->text().trimmed();
    m_loadedZone = chosenZone();
    m_loadedCatchUp = m_catchUp->isChecked();
    m_scheduleTouched = false;
}

QString SettingsDialog::chosenZone() const
{
    const QString text = m_timezone->currentText().trimmed();
    if (text.isEmpty() || text == m_timezone->itemText(0))
        return {};
    // "europe/berlin" is meant as the zone the list spells Europe/Berlin.
    if (const int index = m_timezone->findText(text, Qt::MatchFixedString); index > 0)
        return m_timezone->itemText(index);
    return text;
}

workspace::WorkspaceDocument SettingsDialog::edited(workspace::WorkspaceDocument base) const
{
    const QString schedule = m_schedule->text().trimmed();
    if (schedule != m_loadedSchedule)
        base.setRootValue(ScheduleKey, schedule.isEmpty() ? QJsonValue() : QJsonValue(schedule));
    const QString zone = chosenZone();
    if (zone != m_loadedZone)
        base.setRootValue(TimezoneKey, zone.isEmpty() ? QJsonValue() : QJsonValue(zone));
    if (m_catchUp->isChecked() != m_loadedCatchUp)
        base.setRootValue(CatchUpKey, m_catchUp->isChecked());
    if (m_perHost->value() != m_loadedPerHost) {
        QJsonObject network = base.root().value(NetworkKey).toObject();
        if (m_perHost->value() == workspace::Workspace::MaxPerHostConnections)
            network.remove(PerHostKey);
        else
            network.insert(PerHostKey, m_perHost->value());
        base.setRootValue(NetworkKey, network.isEmpty() ? QJsonValue() : QJsonValue(network));
    }
    // Each key on its own: one left alone is not written, nor put back over a change
    // made to the file while the dialog was open.
    QJsonObject raw = base.root().value(RawResponsesKey).toObject();
    if (m_rawDays->value() != m_loadedRawDays)
        raw.insert(DaysKey, m_rawDays->value());
    if (m_rawMegabytes->value() != m_loadedRawMegabytes)
        raw.insert(MegabytesKey, m_rawMegabytes->value());
    if (!raw.isEmpty())
        base.setRootValue(RawResponsesKey, raw);
    return base;
}

bool SettingsDialog::scheduleChanged() const
{
    return m_schedule->text().trimmed() != m_loadedSchedule || chosenZone() != m_loadedZone ||
           m_catchUp->isChecked() != m_loadedCatchUp || m_perHost->value() != m_loadedPerHost ||
           m_rawDays->value() != m_loadedRawDays || m_rawMegabytes->value() != m_loadedRawMegabytes;
}

void SettingsDialog::validate()
{
    validateWorkspacePath();
    validateDatabase();
    validateSchedule();
    m_ok->setEnabled(isValid());
    // A problem on a page not shown still says where it is: its tab is marked.
    const std::pair<Page, bool> pages[] = {{Page::Files, m_workspaceOk && m_databaseOk},
                                           {Page::Schedule, m_scheduleOk},
                                           {Page::Desktop, true}};
    for (const auto &[page, ok] : pages)
        m_tabs->setTabIcon(int(page),
                           ok ? QIcon() : style()->standardIcon(QStyle::SP_MessageBoxWarning));
}

bool SettingsDialog::isValid() const
{
    return m_workspaceOk && m_databaseOk && m_scheduleOk;
}

void SettingsDialog::validateWorkspacePath()
{
    const QString path = workspaceFieldPath();
    QString error;
    QString help;
    if (path.isEmpty()) {
        help = tr("Empty: the default file. A change applies at once.");
    } else if (QDir::isRelativePath(path)) {
        error = tr("Give the full path, such as %1: KPI Collector may start from any folder.")
                    .arg(homeRelativePath(workspace::WorkspaceLoader::defaultPath()));
    } else if (const QFileInfo info(path); info.isDir()) {
        error = tr("%1 is a folder; name a file in it, such as %2.")
                    .arg(homeRelativePath(path),
                         homeRelativePath(QDir(path).filePath(QStringLiteral("workspace.json"))));
    } else if (!info.absoluteDir().exists()) {
        error = tr("The folder %1 does not exist.").arg(homeRelativePath(info.absolutePath()));
    } else if (!info.exists()) {
        help = tr("A new file: it is created when you first save a source. A change applies at "
                  "once.");
    } else {
        help = tr("A change applies at once.");
    }
    setMessage(m_workspaceError, error);
    setMessage(m_workspaceHelp, help);
    m_workspaceOk = error.isEmpty();
    if (!m_workspaceOk)
        return;

    // Where the Schedule page writes: the file the window will use after OK.
    const bool overridden = !m_context.explicitWorkspace.isEmpty() ||
                            !qEnvironmentVariableIsEmpty("KPI_COLLECTOR_WORKSPACE");
    const QString target = overridden       ? m_context.workspaceInUse
                           : path.isEmpty() ? workspace::WorkspaceLoader::defaultPath()
                                            : path;
    if (target == m_target)
        return;
    m_target = target;
    // The page shows the new file's values, with what the user changed on it on top: what
    // is shown is what OK writes, into that file.
    if (!m_schedule)
        return;
    const bool touched = m_scheduleTouched;
    const QString schedule = m_schedule->text();
    const QString zone = chosenZone();
    const bool catchUp = m_catchUp->isChecked();
    const int perHost = m_perHost->value();
    const int days = m_rawDays->value();
    const int megabytes = m_rawMegabytes->value();
    const bool changed[] = {schedule.trimmed() != m_loadedSchedule,
                            zone != m_loadedZone,
                            catchUp != m_loadedCatchUp,
                            perHost != m_loadedPerHost,
                            days != m_loadedRawDays,
                            megabytes != m_loadedRawMegabytes};
    loadSchedule(m_target);
    if (!touched || !m_document)
        return;
    if (changed[0])
        m_schedule->setText(schedule);
    if (changed[1]) {
        if (zone.isEmpty())
            m_timezone->setCurrentIndex(0);
        else
            m_timezone->setEditText(zone);
    }
    if (changed[2])
        m_catchUp->setChecked(catchUp);
    if (changed[3])
        m_perHost->setValue(perHost);
    if (changed[4])
        m_rawDays->setValue(days);
    if (changed[5])
        m_rawMegabytes->setValue(megabytes);
    m_scheduleTouched = true;
}

void SettingsDialog::validateDatabase()
{
    const QString text = settings::AppSettings::expandHome(m_database->text());
    QString error;
    if (!text.isEmpty()) {
        if (const auto parsed = store::DatabaseLocation::parse(text); !parsed)
            error = sentence(parsed.error().message);
        else if (!text.contains(QLatin1String("://")) && QDir::isRelativePath(text))
            error = tr("Give the full path, such as %1: KPI Collector may start from any folder.")
                        .arg(homeRelativePath(store::DatabaseLocation::defaultLocation().path));
        else if (parsed->kind == store::DatabaseLocation::Kind::Sqlite &&
                 QFileInfo(parsed->path).isDir())
            error = tr("%1 is a folder; give the database file in it, such as %2.")
                        .arg(homeRelativePath(parsed->path),
                             homeRelativePath(parsed->path + QStringLiteral("/history.sqlite")));
    }
    setMessage(m_databaseError, error);
    m_databaseOk = error.isEmpty();
}

void SettingsDialog::validateSchedule()
{
    for (QLabel *label : {m_scheduleError, m_timezoneError, m_catchUpError})
        setMessage(label, {});
    if (!m_document) {
        m_scheduleOk = true;
        m_preview->clear();
        return;
    }
    setMessage(m_scheduleProblem, {});
    // The loader's own messages, as `config check` prints them; the rest of the file is not
    // this page's business.
    const auto outcome = edited(*m_document).validate();
    for (const Error &error : outcome.errors) {
        if (error.where == ScheduleKey)
            setMessage(m_scheduleError, sentence(error.message));
        else if (error.where == TimezoneKey)
            setMessage(m_timezoneError, sentence(error.message));
        else if (error.where == CatchUpKey)
            setMessage(m_catchUpError, sentence(error.message));
        else if (error.where.startsWith(NetworkKey) || error.where.startsWith(RawResponsesKey))
            setMessage(m_scheduleProblem, error.toString());
    }
    m_scheduleOk = m_scheduleError->isHidden() && m_timezoneError->isHidden() &&
                   m_catchUpError->isHidden() && m_scheduleProblem->isHidden();
    const QString zone = chosenZone();
    updatePreview(zone.isEmpty() ? std::optional<QTimeZone>(QTimeZone::systemTimeZone())
                  : m_timezoneError->isHidden() ? std::optional<QTimeZone>(QTimeZone(zone.toUtf8()))
                                                : std::nullopt);
}

void SettingsDialog::updatePreview(const std::optional<QTimeZone> &zone)
{
    const QString text = m_schedule->text().trimmed();
    if (text.isEmpty()) {
        m_preview->setText(tr("No schedule: KPI Collector collects when you press Collect now "
                              "(Ctrl+R)."));
        return;
    }
    const auto expression = cron::CronExpression::parse(text);
    if (!expression || !zone) {
        m_preview->clear();
        return;
    }
    const QLocale locale;
    // Cron has no seconds; some locales' short format (C's) still shows them. The year only
    // when it is not this one.
    const QString time = locale.timeFormat(QLocale::ShortFormat).remove(QStringLiteral(":ss"));
    QDateTime after = m_clock.nowUtc();
    const int thisYear = after.toTimeZone(*zone).date().year();
    QStringList times;
    for (int i = 0; i < PreviewCount; ++i) {
        after = expression->next(after, *zone);
        if (!after.isValid())
            break;
        const QString date = after.date().year() == thisYear ? QStringLiteral("ddd d MMM, ")
                                                             : QStringLiteral("ddd d MMM yyyy, ");
        times.append(locale.toString(after, date + time));
    }
    if (times.isEmpty()) {
        // SearchYears is 8: no singular to word.
        m_preview->setText(tr("This expression matches no date in the next %1 years, so it "
                              "would never run.")
                               .arg(cron::CronExpression::SearchYears));
        return;
    }
    m_preview->setText(
        tr("Next runs, %1 time:\n%2")
            .arg(QString::fromUtf8(zone->id()), times.join(QStringLiteral("  ·  "))));
}

void SettingsDialog::accept()
{
    validate();
    if (!isValid())
        return;
    // Start at login first: it is the one change that can fail outside our own files. When
    // a later step fails, it is undone, so that Cancel still leaves everything as it was.
    const bool autostartWas = Autostart::isEnabled();
    if (m_autostart->isChecked() != autostartWas) {
        if (const auto changed = Autostart::setEnabled(m_autostart->isChecked()); !changed) {
            setMessage(m_autostartError,
                       tr("Start at login could not be changed: %1").arg(changed.error().message));
            showPage(Page::Desktop);
            m_autostart->setFocus();
            return;
        }
    }
    // The schedule goes into the file as it is on disk now: a save from the editor while
    // this dialog was open is kept.
    if (m_document && scheduleChanged()) {
        auto current = workspace::WorkspaceDocument::load(m_target);
        const auto saved =
            current ? edited(std::move(*current)).save(m_target) : current.forward<void>();
        if (!saved) {
            if (Autostart::isEnabled() != autostartWas)
                (void)Autostart::setEnabled(autostartWas);
            setMessage(m_scheduleProblem,
                       tr("The schedule could not be saved: %1").arg(saved.error().toString()));
            showPage(Page::Schedule);
            return;
        }
    }
    settings::AppSettings::setWorkspacePath(workspaceFieldPath());
    settings::AppSettings::setDatabaseSpec(settings::AppSettings::expandHome(m_database->text()));
    if (m_closeToTray->isEnabled())
        settings::AppSettings::setCloseToTray(m_closeToTray->isChecked());
    if (m_notifyFailures->isEnabled())
        settings::AppSettings::setNotifyFailures(m_notifyFailures->isChecked());
    Q_EMIT applied();
    QDialog::accept();
}

} // namespace kpi::ui
