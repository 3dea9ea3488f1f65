// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "forms/ManualValueDialog.h"

#include "forms/FormStyle.h"
#include "pipeline/ManualRecorder.h"
#include "store/HistoryStore.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace kpi::ui {

ManualValueDialog::ManualValueDialog(store::HistoryStore *history,
                                     const workspace::Workspace &workspace, QWidget *parent)
    : QDialog(parent),
      m_history(history),
      m_workspace(workspace),
      m_metric(new QComboBox(this)),
      m_value(new QLineEdit(this)),
      m_date(new QDateTimeEdit(QDateTime::currentDateTime(), this)),
      m_error(new QLabel(this)),
      m_record(new QPushButton(tr("&Record"), this))
{
    setWindowTitle(tr("Record a value"));
    setMinimumWidth(440);
    auto *layout = new QVBoxLayout(this);
    QStringList manualKeys;
    for (const auto &source : m_workspace.sources) {
        if (source.type == QLatin1String("manual")) {
            for (const auto &metric : source.metrics)
                manualKeys.append(metric.key);
        }
    }
    auto *intro = new QLabel(
        manualKeys.isEmpty()
            ? tr("No metric is entered by hand yet. Add a source of type <b>manual</b> in "
                 "<b>Sources and destinations…</b> (Ctrl+E) with the metrics you will record, "
                 "such as MRR.")
            : tr("For a number no source can fetch: it is kept in the history like a "
                 "collected one."),
        this);
    intro->setWordWrap(true);
    styleAsHelp(intro);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    for (const QString &key : manualKeys) {
        const workspace::MetricConfig *metric = m_workspace.metric(key);
        const QString label = metric && !metric->label.isEmpty() && metric->label != key
                                  ? QStringLiteral("%1 (%2)").arg(metric->label, key)
                                  : key;
        m_metric->addItem(label, key);
    }
    form->addRow(tr("&Metric"), m_metric);
    m_value->setPlaceholderText(QLocale().toString(1234.5));
    form->addRow(tr("&Value"), m_value);
    m_date->setCalendarPopup(true);
    // The user's date order, to the minute: seconds mean nothing for a value typed by hand.
    QString dateFormat = QLocale().dateTimeFormat(QLocale::ShortFormat);
    dateFormat.remove(QRegularExpression(QStringLiteral("[:.]ss?")));
    m_date->setDisplayFormat(dateFormat);
    form->addRow(tr("&Date"), m_date);
    layout->addLayout(form);
    styleAsError(m_error);
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_record, QDialogButtonBox::AcceptRole);
    m_record->setDefault(true);
    disconnect(buttons, &QDialogButtonBox::accepted, this, nullptr);
    connect(m_record, &QPushButton::clicked, this, &ManualValueDialog::onRecord);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    for (QWidget *field : std::initializer_list<QWidget *>{m_metric, m_value, m_date, m_record})
        field->setEnabled(!manualKeys.isEmpty());
    m_value->setFocus();
}

void ManualValueDialog::onRecord()
{
    const QString text = m_value->text().trimmed();
    bool ok = false;
    // The user's own way of writing numbers, or the plain one.
    double value = QLocale().toDouble(text, &ok);
    if (!ok)
        value = QLocale::c().toDouble(text, &ok);
    QString problem;
    if (!ok) {
        problem = tr("\"%1\" is not a number").arg(text);
    } else if (!m_history) {
        problem = tr("the history is not open");
    } else if (const auto recorded = pipeline::ManualRecorder::record(
                   *m_history, m_workspace, m_metric->currentData().toString(), value,
                   m_date->dateTime().toMSecsSinceEpoch());
               !recorded) {
        problem = recorded.error().message;
    }
    if (!problem.isEmpty()) {
        problem[0] = problem[0].toUpper();
        m_error->setText(problem);
        m_error->setVisible(true);
        return;
    }
    accept();
}

QString ManualValueDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

} // namespace kpi::ui
