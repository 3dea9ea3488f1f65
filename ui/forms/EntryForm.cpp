// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "forms/EntryForm.h"

#include "forms/FormStyle.h"
#include "forms/MetricsTable.h"
#include "forms/SecretField.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTableWidget>
#include <QVBoxLayout>

namespace kpi::ui {

namespace {

using SpecKind = FieldSpec::Kind;

QJsonValue nested(const QJsonObject &object, const QString &dottedKey)
{
    const QStringList parts = dottedKey.split(QLatin1Char('.'));
    QJsonValue value = object;
    for (const QString &part : parts)
        value = value.toObject().value(part);
    return value;
}

void setNested(QJsonObject &object, const QStringList &parts, const QJsonValue &value)
{
    if (parts.size() == 1) {
        if (value.isUndefined())
            object.remove(parts.first());
        else
            object.insert(parts.first(), value);
        return;
    }
    QJsonObject inner = object.value(parts.first()).toObject();
    setNested(inner, parts.mid(1), value);
    // An object the form emptied goes: `"auth": {}` would be an error.
    if (inner.isEmpty())
        object.remove(parts.first());
    else
        object.insert(parts.first(), inner);
}

QString jsonText(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return {};
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

QString sentence(QString message)
{
    if (!message.isEmpty())
        message[0] = message[0].toUpper();
    return message;
}

} // namespace

EntryForm::EntryForm(Kind kind, const QJsonObject &entry, QWidget *parent)
    : QWidget(parent),
      m_kind(kind),
      m_type(entry.value(QStringLiteral("type")).toString()),
      m_original(entry),
      m_layout(new QFormLayout),
      m_formError(new QLabel(this))
{
    auto *outer = new QVBoxLayout(this);
    auto *title = new QLabel(this);
    title->setText(kind == Kind::Source
                       ? tr("<b>%1 source</b>").arg(FormSpecs::typeLabel(m_type))
                       : tr("<b>%1 destination</b>").arg(FormSpecs::typeLabel(m_type)));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    title->setFont(titleFont);
    outer->addWidget(title);
    styleAsError(m_formError);
    outer->addWidget(m_formError);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_layout->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_layout->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_layout->setVerticalSpacing(10);
    outer->addLayout(m_layout);

    const QList<FieldSpec> specs =
        kind == Kind::Source ? FormSpecs::source(m_type) : FormSpecs::destination(m_type);
    m_fields.reserve(specs.size());
    for (const FieldSpec &spec : specs) {
        m_fields.append(Field{spec, nullptr, nullptr, {}});
        Field &field = m_fields.last();
        const QJsonValue value = nested(entry, spec.key);
        auto *cell = new QWidget(this);
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(2);
        field.editor = makeEditor(field, value);
        field.editor->setObjectName(spec.key);
        // Short editors keep their width; the help under them uses the row's.
        const bool narrow = spec.kind == SpecKind::Choice || spec.kind == SpecKind::Bool ||
                            spec.kind == SpecKind::Integer;
        cellLayout->addWidget(field.editor, 0, narrow ? Qt::AlignLeft : Qt::Alignment());
        field.error = new QLabel(cell);
        field.error->setObjectName(spec.key + QStringLiteral(".error"));
        styleAsError(field.error);
        cellLayout->addWidget(field.error);
        if (!spec.help.isEmpty()) {
            auto *help = new QLabel(spec.help, cell);
            styleAsHelp(help);
            cellLayout->addWidget(help);
            field.editor->setToolTip(spec.help);
        }
        auto *label =
            new QLabel(spec.required ? spec.label + QStringLiteral(" *") : spec.label, this);
        label->setBuddy(field.editor);
        m_layout->addRow(label, cell);
    }

    if (kind == Kind::Source) {
        m_metrics = new MetricsTable(FormSpecs::metricColumns(m_type),
                                     m_type != QLatin1String("manual"), this);
        m_metrics->setObjectName(QStringLiteral("metrics"));
        m_metrics->setMetrics(entry.value(QStringLiteral("metrics")).toArray());
        auto *label = new QLabel(tr("Metr&ics *"), this);
        label->setBuddy(m_metrics->table());
        // What the source yields comes right after where it is fetched from; the finer
        // settings (headers, pages, login, timeouts) after it.
        int row = m_layout->rowCount();
        for (const Field &field : m_fields) {
            const QString &key = field.spec.key;
            if (key == QLatin1String("headers") || key == QLatin1String("nextPage.css")) {
                m_layout->getWidgetPosition(field.editor->parentWidget(), &row, nullptr);
                break;
            }
        }
        m_layout->insertRow(row, label, m_metrics);
        connect(m_metrics, &MetricsTable::changed, this, &EntryForm::onEdited);
    }
    outer->addStretch(1);
    // Tab follows the rows as they are shown, not the order the widgets were made in.
    QWidget *previous = nullptr;
    for (int row = 0; row < m_layout->rowCount(); ++row) {
        QLayoutItem *item = m_layout->itemAt(row, QFormLayout::FieldRole);
        QWidget *cell = item ? item->widget() : nullptr;
        if (!cell)
            continue;
        QList<QWidget *> chain{cell};
        chain.append(cell->findChildren<QWidget *>());
        for (QWidget *widget : std::as_const(chain)) {
            if (!(widget->focusPolicy() & Qt::TabFocus) || widget->focusProxy())
                continue;
            if (previous)
                QWidget::setTabOrder(previous, widget);
            previous = widget;
        }
    }
    updateVisibility();
    proposeSecretNames();
}

QWidget *EntryForm::makeEditor(Field &field, const QJsonValue &value)
{
    const FieldSpec &spec = field.spec;
    switch (spec.kind) {
    case SpecKind::Text:
    case SpecKind::Url:
    case SpecKind::Integer: {
        auto *edit = new QLineEdit(this);
        edit->setPlaceholderText(spec.placeholder);
        edit->setText(value.isDouble() ? QString::number(value.toDouble(), 'g', 15)
                                       : value.toString());
        if (spec.kind == SpecKind::Integer)
            edit->setMaximumWidth(edit->fontMetrics().horizontalAdvance(QLatin1Char('0')) * 14);
        connect(edit, &QLineEdit::textEdited, this, &EntryForm::onEdited);
        return edit;
    }
    case SpecKind::Secret: {
        auto *secret = new SecretField(this);
        const QString name = spec.plainSecretName
                                 ? value.toString()
                                 : value.toObject().value(QStringLiteral("secret")).toString();
        secret->setName(name);
        if (!name.isEmpty())
            m_fixedSecretNames.insert(spec.key);
        connect(secret, &SecretField::nameChanged, this, [this, key = spec.key] {
            m_fixedSecretNames.insert(key);
            onEdited();
        });
        connect(secret, &SecretField::valueChanged, this, &EntryForm::onEdited);
        return secret;
    }
    case SpecKind::Choice: {
        auto *combo = new QComboBox(this);
        for (qsizetype i = 0; i < spec.choices.size(); ++i)
            combo->addItem(spec.choiceLabels.value(i, spec.choices.at(i)), spec.choices.at(i));
        const QString current = value.toString();
        if (!current.isEmpty() && combo->findData(current) < 0)
            combo->addItem(current, current); // shown, and the loader says what is wrong
        combo->setCurrentIndex(current.isEmpty() ? 0 : combo->findData(current));
        connect(combo, &QComboBox::activated, this, &EntryForm::onEdited);
        return combo;
    }
    case SpecKind::Bool: {
        auto *box = new QCheckBox(this);
        box->setChecked(value.isBool() ? value.toBool() : spec.boolDefault);
        connect(box, &QCheckBox::toggled, this, &EntryForm::onEdited);
        return box;
    }
    case SpecKind::Json: {
        auto *edit = new QPlainTextEdit(this);
        edit->setPlaceholderText(spec.placeholder);
        edit->setPlainText(jsonText(value));
        edit->setTabChangesFocus(true);
        QFont mono(QStringLiteral("monospace"));
        mono.setStyleHint(QFont::Monospace);
        edit->setFont(mono);
        edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 3 + 12);
        connect(edit, &QPlainTextEdit::textChanged, this, &EntryForm::onEdited);
        return edit;
    }
    }
    return new QWidget(this);
}

QJsonValue EntryForm::valueOf(const Field &field, QString *problem) const
{
    const FieldSpec &spec = field.spec;
    switch (spec.kind) {
    case SpecKind::Text:
    case SpecKind::Url: {
        const QString text = static_cast<QLineEdit *>(field.editor)->text().trimmed();
        return text.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(text);
    }
    case SpecKind::Integer: {
        const QString text = static_cast<QLineEdit *>(field.editor)->text().trimmed();
        if (text.isEmpty())
            return QJsonValue::Undefined;
        bool ok = false;
        const double number = text.toDouble(&ok);
        // Anything else goes in as typed, and the loader says what it expected.
        return ok ? QJsonValue(number) : QJsonValue(text);
    }
    case SpecKind::Secret: {
        const QString name = static_cast<SecretField *>(field.editor)->name();
        if (name.isEmpty())
            return QJsonValue::Undefined;
        return spec.plainSecretName ? QJsonValue(name)
                                    : QJsonValue(QJsonObject{{QStringLiteral("secret"), name}});
    }
    case SpecKind::Choice: {
        const auto *combo = static_cast<QComboBox *>(field.editor);
        const QString value = combo->currentData().toString();
        // The first choice is the default: left out unless the file said it.
        if (combo->currentIndex() == 0 && nested(m_original, spec.key).isUndefined())
            return QJsonValue::Undefined;
        // "none" authentication is no authentication: the whole auth object goes.
        if (spec.key == QLatin1String("auth.type") && value == QLatin1String("none"))
            return QJsonValue::Undefined;
        return value;
    }
    case SpecKind::Bool: {
        const bool checked = static_cast<QCheckBox *>(field.editor)->isChecked();
        if (checked == spec.boolDefault && !nested(m_original, spec.key).isBool())
            return QJsonValue::Undefined;
        return checked;
    }
    case SpecKind::Json: {
        const QString text = static_cast<QPlainTextEdit *>(field.editor)->toPlainText().trimmed();
        if (text.isEmpty())
            return QJsonValue::Undefined;
        // Wrapped in an array so a bare "string" or number parses too.
        QJsonParseError error;
        const QJsonDocument document =
            QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + "]", &error);
        if (error.error != QJsonParseError::NoError || document.array().size() != 1) {
            if (problem)
                *problem = tr("Not valid JSON: %1 at character %2")
                               .arg(error.errorString())
                               .arg(qMax(1, error.offset));
            return nested(m_original, spec.key); // the last good value stays meanwhile
        }
        return document.array().first();
    }
    }
    return QJsonValue::Undefined;
}

QString EntryForm::currentValueText(const QString &key) const
{
    for (const Field &field : m_fields) {
        if (field.spec.key == key) {
            if (field.spec.kind == SpecKind::Choice)
                return static_cast<QComboBox *>(field.editor)->currentData().toString();
            const QJsonValue value = valueOf(field);
            return value.isString() ? value.toString() : jsonText(value);
        }
    }
    return {};
}

bool EntryForm::isFieldVisible(const QString &key) const
{
    for (const Field &field : m_fields) {
        if (field.spec.key != key)
            continue;
        if (field.spec.visibleWhenKey.isEmpty())
            return true;
        const QString other = currentValueText(field.spec.visibleWhenKey);
        // No values listed: shown whenever the other field is filled in.
        return field.spec.visibleWhenValues.isEmpty()
                   ? !other.isEmpty()
                   : field.spec.visibleWhenValues.contains(other);
    }
    return false;
}

void EntryForm::updateVisibility()
{
    for (const Field &field : m_fields) {
        if (!field.spec.visibleWhenKey.isEmpty())
            m_layout->setRowVisible(field.editor->parentWidget(), isFieldVisible(field.spec.key));
    }
}

QString EntryForm::id() const
{
    return currentValueText(QStringLiteral("id"));
}

QJsonObject EntryForm::entry() const
{
    QJsonObject entry = m_original;
    for (const Field &field : m_fields) {
        const QJsonValue value =
            isFieldVisible(field.spec.key) ? valueOf(field) : QJsonValue(QJsonValue::Undefined);
        setNested(entry, field.spec.key.split(QLatin1Char('.')), value);
    }
    if (m_metrics)
        entry.insert(QStringLiteral("metrics"), m_metrics->metrics());
    return entry;
}

// A new secret's name follows the id, `discord-webhook`, until someone types one.
void EntryForm::proposeSecretNames()
{
    const QString id = this->id();
    for (const Field &field : m_fields) {
        if (field.spec.kind != SpecKind::Secret || m_fixedSecretNames.contains(field.spec.key))
            continue;
        auto *secret = static_cast<SecretField *>(field.editor);
        secret->setName(id.isEmpty() ? QString() : id + QLatin1Char('-') + field.spec.secretSuffix);
        secret->setStored(m_storedSecrets.contains(secret->name()));
    }
}

void EntryForm::onEdited()
{
    bool anyLocal = false;
    for (Field &field : m_fields) {
        QString problem;
        valueOf(field, &problem);
        if (problem != field.localError) {
            field.localError = problem;
            anyLocal = true;
        }
    }
    if (anyLocal)
        setErrors({}); // shows the local ones now; the loader's come with the next validation
    proposeSecretNames();
    for (const Field &field : m_fields) {
        if (field.spec.kind == SpecKind::Secret) {
            auto *secret = static_cast<SecretField *>(field.editor);
            secret->setStored(m_storedSecrets.contains(secret->name()));
        }
    }
    updateVisibility();
    Q_EMIT changed();
}

void EntryForm::setErrors(const QList<Error> &errors)
{
    QHash<QString, QStringList> byField;
    QList<std::pair<QString, QString>> metricErrors;
    QStringList formLevel;
    const QString prefix = m_path + QLatin1Char('.');
    for (const Error &error : errors) {
        if (m_path.isEmpty() || (error.where != m_path && !error.where.startsWith(prefix)))
            continue;
        const QString relative = error.where.mid(prefix.size());
        if (m_metrics && relative.startsWith(QLatin1String("metrics"))) {
            metricErrors.append({relative.mid(7), sentence(error.message)});
            continue;
        }
        QString owner;
        for (const Field &field : m_fields) {
            const QString &key = field.spec.key;
            if ((relative == key || relative.startsWith(key + QLatin1Char('.')) ||
                 relative.startsWith(key + QLatin1Char('['))) &&
                key.size() > owner.size())
                owner = key;
        }
        if (owner.isEmpty())
            formLevel.append(relative.isEmpty() ? sentence(error.message)
                                                : relative + QStringLiteral(": ") + error.message);
        else
            byField[owner].append(sentence(error.message));
    }
    for (Field &field : m_fields) {
        QStringList lines = byField.value(field.spec.key);
        if (!field.localError.isEmpty())
            lines.prepend(field.localError);
        field.error->setText(lines.join(QLatin1Char('\n')));
        field.error->setVisible(!lines.isEmpty());
    }
    if (m_metrics)
        m_metrics->setErrors(metricErrors);
    m_formError->setText(formLevel.join(QLatin1Char('\n')));
    m_formError->setVisible(!formLevel.isEmpty());
}

QString EntryForm::fieldError(const QString &key) const
{
    for (const Field &field : m_fields) {
        if (field.spec.key == key)
            return field.error->isHidden() ? QString() : field.error->text();
    }
    if (key == QLatin1String("metrics") && m_metrics)
        return m_metrics->errorText();
    return {};
}

QString EntryForm::formError() const
{
    return m_formError->isHidden() ? QString() : m_formError->text();
}

bool EntryForm::hasLocalErrors() const
{
    for (const Field &field : m_fields) {
        if (!field.localError.isEmpty() && isFieldVisible(field.spec.key))
            return true;
    }
    return false;
}

QWidget *EntryForm::fieldWidget(const QString &key) const
{
    for (const Field &field : m_fields) {
        if (field.spec.key == key)
            return field.editor;
    }
    return key == QLatin1String("metrics") ? m_metrics : nullptr;
}

SecretField *EntryForm::secretField(const QString &key) const
{
    return qobject_cast<SecretField *>(fieldWidget(key));
}

QList<EntryForm::PendingSecret> EntryForm::pendingSecrets() const
{
    QList<PendingSecret> pending;
    for (const Field &field : m_fields) {
        if (field.spec.kind != SpecKind::Secret || !isFieldVisible(field.spec.key))
            continue;
        const auto *secret = static_cast<SecretField *>(field.editor);
        if (!secret->name().isEmpty() && !secret->pendingValue().isEmpty())
            pending.append({secret->name(), secret->pendingValue()});
    }
    return pending;
}

void EntryForm::clearPendingSecrets()
{
    for (const Field &field : m_fields) {
        if (field.spec.kind == SpecKind::Secret)
            static_cast<SecretField *>(field.editor)->clearPendingValue();
    }
}

void EntryForm::setStoredSecrets(const QSet<QString> &names)
{
    m_storedSecrets = names;
    for (const Field &field : m_fields) {
        if (field.spec.kind == SpecKind::Secret) {
            auto *secret = static_cast<SecretField *>(field.editor);
            secret->setStored(names.contains(secret->name()));
        }
    }
}

} // namespace kpi::ui
