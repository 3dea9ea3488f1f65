// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

// What a user does to a form, for the widget tests (header-only: tests/support links no
// widgets library).
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QTest>

namespace kpi::test {

// As a user types: the text replaced key by key, so textEdited is what the form hears.
inline void typeInto(QWidget *widget, const QString &text)
{
    auto *edit = qobject_cast<QLineEdit *>(widget);
    QVERIFY(edit);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

// Picks the item whose data is `value`, as a click in the list does.
inline void chooseData(QWidget *widget, const QString &value)
{
    auto *box = qobject_cast<QComboBox *>(widget);
    QVERIFY(box);
    const int index = box->findData(value);
    QVERIFY2(index >= 0, qPrintable(value));
    box->setCurrentIndex(index);
    Q_EMIT box->activated(index);
}

// A file's bytes; empty when it does not exist.
inline QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace kpi::test
