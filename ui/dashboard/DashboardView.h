// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "dashboard/CardData.h"

#include <QWidget>

class QComboBox;
class QGridLayout;
class QAction;
class QHBoxLayout;
class QLabel;
class QScrollArea;
class QStackedWidget;

namespace kpi::ui {

class MetricCard;

// The window's first page: a card per metric, the North Star first and larger, in a grid
// whose column count follows the width; or, before there is any metric, what to do first.
class DashboardView : public QWidget
{
    Q_OBJECT

public:
    explicit DashboardView(QWidget *parent = nullptr);

    void setCards(const QList<CardData> &cards);
    // Shown instead of the cards when there are none.
    void setEmptyText(const QString &html);
    // A button under that text (Add a source…, Settings…).
    void addEmptyAction(QAction *action);
    QList<MetricCard *> cards() const { return m_cards; }
    MetricCard *card(const QString &metricKey) const;
    int columnCount() const { return m_columns; }
    int compareDays() const;
    void setCompareDays(int days);

    // During Collect now, as each source's values arrive.
    void applyValue(const QString &metricKey, double value, const QDateTime &at);
    void markFailed(const QString &metricKey, const QString &message);

Q_SIGNALS:
    void metricActivated(const QString &metricKey);
    void northStarRequested(const QString &metricKey);
    void compareDaysChanged(int days);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void relayout();
    int columnsFor(int width) const;
    void moveFocus(MetricCard *from, Qt::Key key);

    QStackedWidget *m_stack;
    QScrollArea *m_scroll;
    QWidget *m_grid;
    QGridLayout *m_layout;
    QWidget *m_emptyPage;
    QLabel *m_empty;
    QHBoxLayout *m_emptyButtons;
    QComboBox *m_compare;
    QList<MetricCard *> m_cards;
    int m_columns = 0;
};

} // namespace kpi::ui
