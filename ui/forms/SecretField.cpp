// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "forms/SecretField.h"

#include "forms/FormStyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kpi::ui {

SecretField::SecretField(QWidget *parent)
    : QWidget(parent),
      m_value(new QLineEdit(this)),
      m_status(new QLabel(this)),
      m_replace(new QPushButton(tr("Re&place…"), this)),
      m_name(new QLineEdit(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *valueRow = new QHBoxLayout;
    m_value->setEchoMode(QLineEdit::Password);
    m_value->setPlaceholderText(tr("Paste the value; it goes to the keychain"));
    m_value->setClearButtonEnabled(true);
    m_status->setText(QStringLiteral("\u2713 ") + tr("Stored in the keychain"));
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, okColor(palette));
    m_status->setPalette(palette);
    m_replace->setToolTip(tr("Type a new value; the stored one is kept until you save"));
    valueRow->addWidget(m_value, 1);
    valueRow->addWidget(m_status, 1);
    valueRow->addWidget(m_replace);
    layout->addLayout(valueRow);

    auto *nameRow = new QHBoxLayout;
    auto *nameLabel = new QLabel(tr("Keychain name:"), this);
    styleAsHelp(nameLabel);
    nameLabel->setWordWrap(false);
    nameLabel->setBuddy(m_name);
    m_name->setToolTip(tr("The workspace file holds only this name: {\"secret\": \"NAME\"}"));
    QFont small = m_name->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_name->setFont(small);
    nameRow->addWidget(nameLabel);
    nameRow->addWidget(m_name, 1);
    layout->addLayout(nameRow);
    setFocusProxy(m_value);

    connect(m_name, &QLineEdit::textEdited, this, &SecretField::nameChanged);
    connect(m_value, &QLineEdit::textEdited, this, &SecretField::valueChanged);
    connect(m_replace, &QPushButton::clicked, this, [this] {
        m_replacing = true;
        updateState();
        m_value->setFocus();
    });
    updateState();
}

QString SecretField::name() const
{
    return m_name->text().trimmed();
}

void SecretField::setName(const QString &name)
{
    m_name->setText(name);
}

QString SecretField::pendingValue() const
{
    return m_value->isHidden() ? QString() : m_value->text();
}

void SecretField::clearPendingValue()
{
    m_value->clear();
}

void SecretField::setStored(bool stored)
{
    if (stored == m_stored)
        return;
    m_stored = stored;
    if (stored && m_value->text().isEmpty())
        m_replacing = false;
    updateState();
}

void SecretField::updateState()
{
    const bool showValue = !m_stored || m_replacing;
    m_value->setVisible(showValue);
    m_status->setVisible(!showValue);
    m_replace->setVisible(!showValue);
    setFocusProxy(showValue ? static_cast<QWidget *>(m_value) : m_replace);
}

} // namespace kpi::ui
