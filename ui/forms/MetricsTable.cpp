// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "forms/MetricsTable.h"

#include "forms/FormStyle.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace kpi::ui {

MetricsTable::MetricsTable(const QList<MetricColumn> &columns, QWidget *parent)
    : QWidget(parent),
      m_columns(columns),
      m_table(new QTableWidget(0, int(columns.size()), this)),
      m_add(new QPushButton(tr("Add &metric"), this)),
      m_remove(new QPushButton(tr("Remo&ve metric"), this)),
      m_errors(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    QStringList headers;
    for (const auto &column : m_columns)
        headers.append(column.label);
    m_table->setHorizontalHeaderLabels(headers);
    m_table->verticalHeader()->setVisible(false);
    // Every column in view: a cut-off column is a field nobody finds. What says where the
    // value is (a JSONPath, a selector, a column) gets twice the room of the short fields.
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Stretch);
    for (int i = 0; i < m_columns.size(); ++i) {
        static const QStringList wide{QStringLiteral("path"), QStringLiteral("css"),
                                      QStringLiteral("xpath")};
        if (!wide.contains(m_columns.at(i).key))
            continue;
        header->setSectionResizeMode(i, QHeaderView::Interactive);
        m_wideColumn = i;
    }
    m_table->viewport()->installEventFilter(this);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_table->setTabKeyNavigation(false); // Tab leaves the table, as in the rest of the form
    m_table->setMinimumHeight(150);
    layout->addWidget(m_table);
    styleAsError(m_errors);
    layout->addWidget(m_errors);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, &MetricsTable::addMetric);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0)
            return;
        m_table->removeRow(row);
        m_originals.removeAt(row);
        Q_EMIT changed();
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_filling)
            Q_EMIT changed();
    });
}

bool MetricsTable::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize && m_wideColumn >= 0)
        m_table->horizontalHeader()->resizeSection(m_wideColumn, 2 * m_table->viewport()->width() /
                                                                     int(m_columns.size() + 1));
    return QWidget::eventFilter(watched, event);
}

int MetricsTable::columnOf(const QString &key) const
{
    for (int i = 0; i < m_columns.size(); ++i) {
        if (m_columns.at(i).key == key)
            return i;
    }
    return -1;
}

void MetricsTable::appendRow(const QJsonObject &metric)
{
    const bool filling = m_filling;
    m_filling = true;
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_originals.append(metric);
    for (int column = 0; column < m_columns.size(); ++column) {
        const MetricColumn &spec = m_columns.at(column);
        const QString text = metric.value(spec.key).toString();
        if (!spec.choices.isEmpty()) {
            auto *combo = new QComboBox(m_table);
            combo->setEditable(true); // attr:NAME
            combo->addItems(spec.choices);
            combo->setCurrentText(text.isEmpty() ? spec.placeholder : text);
            connect(combo, &QComboBox::currentTextChanged, this, [this] {
                if (!m_filling)
                    Q_EMIT changed();
            });
            m_table->setCellWidget(row, column, combo);
        } else {
            auto *item = new QTableWidgetItem(text);
            item->setToolTip(tr("For example: %1").arg(spec.placeholder));
            m_table->setItem(row, column, item);
        }
    }
    m_filling = filling;
}

void MetricsTable::setMetrics(const QJsonArray &metrics)
{
    m_filling = true;
    m_table->setRowCount(0);
    m_originals.clear();
    for (const auto &metric : metrics)
        appendRow(metric.toObject());
    m_filling = false;
}

void MetricsTable::addMetric()
{
    appendRow({});
    const int row = m_table->rowCount() - 1;
    m_table->setCurrentCell(row, 0);
    m_table->editItem(m_table->item(row, 0));
    Q_EMIT changed();
}

void MetricsTable::setCell(int row, const QString &key, const QString &text)
{
    const int column = columnOf(key);
    if (column < 0 || row < 0 || row >= m_table->rowCount())
        return;
    if (auto *combo = qobject_cast<QComboBox *>(m_table->cellWidget(row, column)))
        combo->setCurrentText(text);
    else
        m_table->item(row, column)->setText(text); // emits changed()
}

QString MetricsTable::cell(int row, const QString &key) const
{
    const int column = columnOf(key);
    if (column < 0 || row < 0 || row >= m_table->rowCount())
        return {};
    if (auto *combo = qobject_cast<QComboBox *>(m_table->cellWidget(row, column)))
        return combo->currentText().trimmed();
    const QTableWidgetItem *item = m_table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

QJsonArray MetricsTable::metrics() const
{
    QJsonArray array;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QJsonObject metric = m_originals.value(row);
        for (const auto &column : m_columns) {
            const QString text = cell(row, column.key);
            if (text.isEmpty())
                metric.remove(column.key);
            else
                metric.insert(column.key, text);
        }
        // A CSS selector typed over an XPath one replaces it (the loader takes one of them).
        if (metric.contains(QStringLiteral("css")) && !cell(row, QStringLiteral("css")).isEmpty())
            metric.remove(QStringLiteral("xpath"));
        array.append(metric);
    }
    return array;
}

void MetricsTable::setErrors(const QList<std::pair<QString, QString>> &relativeErrors)
{
    m_filling = true;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        for (int column = 0; column < m_columns.size(); ++column) {
            if (QTableWidgetItem *item = m_table->item(row, column)) {
                item->setData(Qt::BackgroundRole, {});
                item->setToolTip(tr("For example: %1").arg(m_columns.at(column).placeholder));
            }
        }
    }
    static const QRegularExpression at(QStringLiteral("^\\[(\\d+)\\](?:\\.(\\w+))?"));
    QStringList lines;
    for (const auto &[where, message] : relativeErrors) {
        const auto match = at.match(where);
        if (!match.hasMatch()) {
            lines.append(message);
            continue;
        }
        const int row = match.captured(1).toInt();
        const QString key = match.captured(2);
        const int column = columnOf(key);
        const QString columnName =
            column >= 0 ? m_columns.at(column).label : (key.isEmpty() ? QString() : key);
        lines.append(columnName.isEmpty()
                         ? tr("Metric %1: %2").arg(row + 1).arg(message)
                         : tr("Metric %1, %2: %3").arg(row + 1).arg(columnName, message));
        if (column >= 0) {
            if (QTableWidgetItem *item = m_table->item(row, column)) {
                QColor tint = errorColor(palette());
                tint.setAlpha(48);
                item->setData(Qt::BackgroundRole, tint);
                item->setToolTip(message);
            }
        }
    }
    m_filling = false;
    m_errors->setText(lines.join(QLatin1Char('\n')));
    m_errors->setVisible(!lines.isEmpty());
}

QString MetricsTable::errorText() const
{
    return m_errors->isHidden() ? QString() : m_errors->text();
}

} // namespace kpi::ui
