// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "cli/TextTable.h"

#include <QTextStream>

#include <algorithm>

namespace kpi::cli {

void TextTable::addColumn(const QString &header, Align align)
{
    m_headers.append(header);
    m_aligns.append(align);
}

void TextTable::addRow(const QStringList &cells)
{
    m_rows.append(cells);
}

void TextTable::print(QTextStream &out) const
{
    QList<qsizetype> widths;
    for (const QString &header : m_headers)
        widths.append(header.size());
    for (const QStringList &row : m_rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    }
    const auto printRow = [&](const QStringList &cells) {
        QString line;
        for (qsizetype i = 0; i < m_headers.size(); ++i) {
            const QString cell = cells.value(i);
            const bool last = i == m_headers.size() - 1;
            if (i > 0)
                line += QStringLiteral("  ");
            if (m_aligns[i] == Align::Right)
                line += cell.rightJustified(widths[i]);
            else
                line += last ? cell : cell.leftJustified(widths[i]);
        }
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        out << line << '\n';
    };
    printRow(m_headers);
    for (const QStringList &row : m_rows)
        printRow(row);
}

} // namespace kpi::cli
