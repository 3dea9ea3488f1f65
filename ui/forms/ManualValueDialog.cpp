// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "forms/ManualValueDialog.h"

#include "forms/FormStyle.h"
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

#include <cmath>

namespace kpi::ui {

ManualValueDialog::ManualValueDialog(store::HistoryStore *history, const QStringList &metricKeys,
                                     QWidget *parent)
    : QDialog(parent),
      m_history(history),
      m_metric(new QComboBox(this)),
      m_value(new QLineEdit(this)),
      m_date(new QDateTimeEdit(QDateTime::currentDateTime(), this)),
      m_error(new QLabel(this)),
      m_record(new QPushButton(tr("&Record"), this))
{
    setWindowTitle(tr("Record a value"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("For a number no source can fetch: it is kept in the history "
                                "like a collected one."),
                             this);
    styleAsHelp(intro);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_metric->setEditable(true);
    QStringList keys = metricKeys;
    if (m_history) {
        if (const auto stored = m_history->metricKeys()) {
            for (const QString &key : *stored) {
                if (!keys.contains(key))
                    keys.append(key);
            }
        }
    }
    m_metric->addItems(keys);
    m_metric->lineEdit()->setPlaceholderText(QStringLiteral("MRR"));
    form->addRow(tr("&Metric"), m_metric);
    m_value->setPlaceholderText(QLocale().toString(1234.5));
    form->addRow(tr("&Value"), m_value);
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QLocale().dateTimeFormat(QLocale::ShortFormat));
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
    m_value->setFocus();
}

Result<void> ManualValueDialog::record(store::HistoryStore &history, const QString &metricKey,
                                       double value, const QDateTime &at)
{
    static const QRegularExpression keyPattern(QStringLiteral("^[A-Za-z][A-Za-z0-9_]{0,63}$"));
    if (!keyPattern.match(metricKey).hasMatch())
        return Result<void>::error(
            Error::Code::InvalidInput,
            tr("expected a metric key of letters, digits and \"_\" starting with a letter "
               "(such as MRR), got \"%1\"")
                .arg(metricKey));
    if (!std::isfinite(value))
        return Result<void>::error(Error::Code::InvalidInput, tr("expected a number"));
    store::Sample sample;
    sample.metricKey = metricKey;
    sample.value = value;
    sample.timestampMs = at.toMSecsSinceEpoch();
    sample.origin = store::SampleOrigin::Manual;
    return history.addSamples({sample});
}

void ManualValueDialog::onRecord()
{
    const QString text = m_value->text().trimmed();
    bool ok = false;
    // The user's own way of writing numbers, or the plain one.
    double value = QLocale().toDouble(text, &ok);
    if (!ok)
        value = QLocale::c().toDouble(text, &ok);
    Result<void> recorded = Result<void>::ok();
    if (!ok)
        recorded =
            Result<void>::error(Error::Code::InvalidInput, tr("\"%1\" is not a number").arg(text));
    else if (!m_history)
        recorded = Result<void>::error(Error::Code::Storage, tr("the history is not open"));
    else
        recorded = record(*m_history, m_metric->currentText().trimmed(), value, m_date->dateTime());
    if (!recorded) {
        QString message = recorded.error().message;
        if (!message.isEmpty())
            message[0] = message[0].toUpper();
        m_error->setText(message);
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
