// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace kpi::ui {

// A secret in a form: the workspace file gets only its name; the value typed here goes to
// the keychain when the workspace is saved. A value already stored is never shown: the
// field says so, with Replace to type a new one.
class SecretField : public QWidget
{
    Q_OBJECT

public:
    explicit SecretField(QWidget *parent = nullptr);

    QString name() const;
    void setName(const QString &name);
    // What was typed, to store under name(); empty when nothing was.
    QString pendingValue() const;
    void clearPendingValue();
    bool isStored() const { return m_stored; }
    void setStored(bool stored);

    QLineEdit *valueEdit() const { return m_value; }
    QLineEdit *nameEdit() const { return m_name; }
    QPushButton *replaceButton() const { return m_replace; }
    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    void nameChanged();
    void valueChanged();

private:
    void updateState();

    QLineEdit *m_value;
    QLabel *m_status;
    QPushButton *m_replace;
    QLineEdit *m_name;
    bool m_stored = false;
    bool m_replacing = false;
};

} // namespace kpi::ui
