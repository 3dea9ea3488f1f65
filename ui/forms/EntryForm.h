// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "forms/FieldSpec.h"
#include "util/Error.h"
#include "workspace/WorkspaceDocument.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QWidget>

class QFormLayout;
class QLabel;

namespace kpi::ui {

class MetricsTable;
class SecretField;

// The form of one source or destination, built from its type's FieldSpecs: a field per
// key, each with its error under it. entry() is the JSON the workspace file gets; keys no
// field edits are kept as they were.
class EntryForm : public QWidget
{
    Q_OBJECT

public:
    using Kind = workspace::WorkspaceDocument::Kind;

    EntryForm(Kind kind, const QJsonObject &entry, QWidget *parent = nullptr);

    Kind kind() const { return m_kind; }
    QString type() const { return m_type; }
    QString id() const;
    QJsonObject entry() const;

    // "sources[2]": which of the loader's errors are this form's.
    void setEntryPath(const QString &path) { m_path = path; }
    const QString &entryPath() const { return m_path; }
    // Shows the errors about this entry next to their fields (others are ignored); an
    // error no field owns (an unknown key) goes to the form's own label.
    void setErrors(const QList<Error> &errors);
    QString fieldError(const QString &key) const;
    QString formError() const;
    // Problems the loader cannot see, such as JSON typed in a JSON field that does not parse.
    bool hasLocalErrors() const;

    QWidget *fieldWidget(const QString &key) const;
    SecretField *secretField(const QString &key) const;
    MetricsTable *metricsTable() const { return m_metrics; }
    bool isFieldVisible(const QString &key) const;

    struct PendingSecret
    {
        QString name;
        QString value;
    };
    // The values typed into secret fields, to be stored under their names.
    QList<PendingSecret> pendingSecrets() const;
    void clearPendingSecrets();
    // Which secret names the store already has: their fields say "Stored in the keychain".
    void setStoredSecrets(const QSet<QString> &names);

Q_SIGNALS:
    void changed();

private:
    struct Field
    {
        FieldSpec spec;
        QWidget *editor = nullptr;
        QLabel *error = nullptr;
        QString localError;
    };

    QWidget *makeEditor(Field &field, const QJsonValue &value);
    // The field's value for the file; undefined leaves the key out. `problem` gets why a
    // typed value cannot be used at all.
    QJsonValue valueOf(const Field &field, QString *problem = nullptr) const;
    void updateVisibility();
    QString currentValueText(const QString &key) const;
    void onEdited();
    void proposeSecretNames();

    Kind m_kind;
    QString m_type;
    QJsonObject m_original;
    QString m_path;
    QList<Field> m_fields;
    QFormLayout *m_layout;
    MetricsTable *m_metrics = nullptr;
    QLabel *m_formError;
    QSet<QString> m_storedSecrets;
    // Secret names the user typed or the file had; others follow the id.
    QSet<QString> m_fixedSecretNames;
};

} // namespace kpi::ui
