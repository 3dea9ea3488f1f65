// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "forms/MetricsTable.h"

#include "forms/FormStyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace kpi::ui {

namespace {

// The detail fields' names in messages, as the form shows them.
QString detailLabel(const QString &key)
{
    static const QHash<QString, const char *> labels{
        {QStringLiteral("min"), QT_TRANSLATE_NOOP("kpi::ui::MetricsTable", "Plausible from")},
        {QStringLiteral("max"), QT_TRANSLATE_NOOP("kpi::ui::MetricsTable", "Plausible to")},
        {QStringLiteral("maxChangePercent"),
         QT_TRANSLATE_NOOP("kpi::ui::MetricsTable", "Largest change")},
        {QStringLiteral("scale"), QT_TRANSLATE_NOOP("kpi::ui::MetricsTable", "Scale")},
        {QStringLiteral("better"), QT_TRANSLATE_NOOP("kpi::ui::MetricsTable", "Better when")},
    };
    const char *label = labels.value(key);
    return label ? MetricsTable::tr(label) : key;
}

// What was typed: a number in the user's way of writing it or the plain one, else the text
// itself, so the loader names the mistake under the field ("expected a number").
QJsonValue typedNumber(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    bool ok = false;
    double value = QLocale().toDouble(trimmed, &ok);
    if (!ok)
        value = QLocale::c().toDouble(trimmed, &ok);
    return ok ? QJsonValue(value) : QJsonValue(trimmed);
}

QString numberText(const QJsonValue &value)
{
    if (value.isDouble())
        return QLocale().toString(value.toDouble(), 'g', 15);
    return value.toString();
}

} // namespace

MetricsTable::MetricsTable(const QList<MetricColumn> &columns, bool scalable, QWidget *parent)
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
    m_details = makeDetails(scalable);
    layout->addWidget(m_details);
    connect(m_table, &QTableWidget::currentCellChanged, this,
            [this](int row) { showDetails(row); });

    connect(m_add, &QPushButton::clicked, this, &MetricsTable::addMetric);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0)
            return;
        m_originals.removeAt(row);
        m_table->removeRow(row);
        showDetails(m_table->currentRow());
        Q_EMIT changed();
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_filling)
            Q_EMIT changed();
    });
}

// The settings a metric has beyond its table row, for the row chosen: typed into the
// metric's JSON as the user edits them (the loader checks them with the rest).
QWidget *MetricsTable::makeDetails(bool scalable)
{
    auto *box = new QGroupBox(tr("The selected metric"), this);
    auto *grid = new QGridLayout(box);
    const auto numberField = [this, box](const QString &key, const QString &placeholder,
                                         const QString &tip) {
        auto *edit = new QLineEdit(box);
        edit->setPlaceholderText(placeholder);
        edit->setToolTip(tip);
        edit->setMaximumWidth(120);
        connect(edit, &QLineEdit::textEdited, this, [this, key] { storeDetail(key); });
        m_detailFields.insert(key, edit);
        return edit;
    };
    const auto label = [box](const QString &text, QWidget *buddy) {
        auto *shown = new QLabel(text, box);
        shown->setBuddy(buddy);
        return shown;
    };
    QWidget *min = numberField(QStringLiteral("min"), tr("none"),
                               tr("A value below this is kept as suspect and not delivered"));
    QWidget *max = numberField(QStringLiteral("max"), tr("none"),
                               tr("A value above this is kept as suspect and not delivered"));
    QWidget *change = numberField(
        QStringLiteral("maxChangePercent"), tr("any"),
        tr("A change larger than this percentage of the previous value is kept as suspect"));
    grid->addWidget(label(tr("Plausible &from"), min), 0, 0);
    grid->addWidget(min, 0, 1);
    grid->addWidget(label(tr("t&o"), max), 0, 2);
    grid->addWidget(max, 0, 3);
    grid->addWidget(label(tr("Largest c&hange (%)"), change), 0, 4);
    grid->addWidget(change, 0, 5);

    auto *better = new QComboBox(box);
    better->addItem(tr("higher"), QStringLiteral("higher"));
    better->addItem(tr("lower"), QStringLiteral("lower"));
    better->setToolTip(tr("Which way is good news: a rise shows green when higher is better, "
                          "red when lower is (churn, response time)"));
    connect(better, &QComboBox::activated, this, [this] { storeDetail(QStringLiteral("better")); });
    m_detailFields.insert(QStringLiteral("better"), better);
    grid->addWidget(label(tr("&Better when"), better), 1, 0);
    grid->addWidget(better, 1, 1);
    if (scalable) {
        QWidget *scale = numberField(QStringLiteral("scale"), QStringLiteral("1"),
                                     tr("The number found is multiplied by this: 0.01 turns "
                                        "cents into euros"));
        grid->addWidget(label(tr("&Scale"), scale), 1, 2);
        grid->addWidget(scale, 1, 3);
    }
    auto *dropToZero = new QCheckBox(tr("A fall to &0 is real"), box);
    dropToZero->setToolTip(tr("Without it, 0 after a positive value is taken for a broken "
                              "selector and kept as suspect"));
    connect(dropToZero, &QCheckBox::toggled, this,
            [this] { storeDetail(QStringLiteral("allowDropToZero")); });
    m_detailFields.insert(QStringLiteral("allowDropToZero"), dropToZero);
    grid->addWidget(dropToZero, 1, 4, 1, 2);
    grid->setColumnStretch(6, 1);
    box->setEnabled(false);
    return box;
}

void MetricsTable::showDetails(int row)
{
    const bool valid = row >= 0 && row < m_originals.size();
    m_details->setEnabled(valid);
    const QJsonObject metric = valid ? m_originals.at(row) : QJsonObject();
    const bool filling = m_filling;
    m_filling = true;
    for (auto it = m_detailFields.cbegin(); it != m_detailFields.cend(); ++it) {
        const QJsonValue value = metric.value(it.key());
        if (auto *edit = qobject_cast<QLineEdit *>(it.value())) {
            edit->setText(numberText(value));
        } else if (auto *box = qobject_cast<QComboBox *>(it.value())) {
            const int index = box->findData(value.toString());
            box->setCurrentIndex(index >= 0 ? index : 0);
        } else if (auto *check = qobject_cast<QCheckBox *>(it.value())) {
            check->setChecked(value.toBool());
        }
    }
    m_filling = filling;
}

// Only the key edited is written: the others stay as they were typed in the file.
void MetricsTable::storeDetail(const QString &key)
{
    const int row = m_table->currentRow();
    QWidget *field = m_detailFields.value(key);
    if (m_filling || !field || row < 0 || row >= m_originals.size())
        return;
    QJsonValue value(QJsonValue::Undefined);
    if (auto *edit = qobject_cast<QLineEdit *>(field)) {
        value = typedNumber(edit->text());
    } else if (auto *box = qobject_cast<QComboBox *>(field)) {
        // "higher" is the default: written only when it is not.
        if (box->currentData() != QLatin1String("higher"))
            value = box->currentData().toString();
    } else if (auto *check = qobject_cast<QCheckBox *>(field)) {
        if (check->isChecked())
            value = true;
    }
    QJsonObject &metric = m_originals[row];
    if (value.isUndefined())
        metric.remove(key);
    else
        metric.insert(key, value);
    Q_EMIT changed();
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
    if (m_table->rowCount() > 0)
        m_table->setCurrentCell(0, 0); // the details show the first metric's
    else
        showDetails(-1);
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
        const QString columnName = column >= 0 ? m_columns.at(column).label : detailLabel(key);
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
