// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

class QTextStream;

namespace kpi::cli {

// A plain-text table for the terminal: columns padded to their widest cell, numbers
// right-aligned, the last column left to run as long as it needs.
class TextTable
{
public:
    enum class Align { Left, Right };

    void addColumn(const QString &header, Align align = Align::Left);
    void addRow(const QStringList &cells);
    void print(QTextStream &out) const;
    bool isEmpty() const { return m_rows.isEmpty(); }

private:
    QStringList m_headers;
    QList<Align> m_aligns;
    QList<QStringList> m_rows;
};

} // namespace kpi::cli
