// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "dashboard/DashboardView.h"

#include "dashboard/MetricCard.h"
#include "report/ReportBuilder.h"

#include <QAction>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QResizeEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace kpi::ui {

namespace {

constexpr int MinCardWidth = 240;
constexpr int Spacing = 12;

} // namespace

DashboardView::DashboardView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *header = new QHBoxLayout;
    header->setContentsMargins(Spacing, Spacing, Spacing, 0);
    header->addStretch(1);
    auto *compareLabel = new QLabel(tr("C&ompare with:"), this);
    m_compare = new QComboBox(this);
    m_compare->setObjectName(QStringLiteral("compareDays"));
    m_compare->addItem(tr("the day before"), 1);
    m_compare->addItem(tr("7 days before"), 7);
    m_compare->addItem(tr("14 days before"), 14);
    m_compare->addItem(tr("30 days before"), 30);
    m_compare->addItem(tr("90 days before"), 90);
    m_compare->addItem(tr("a year before"), 365);
    m_compare->setCurrentIndex(m_compare->findData(report::ReportBuilder::DefaultCompareDays));
    compareLabel->setBuddy(m_compare);
    header->addWidget(compareLabel);
    header->addWidget(m_compare);
    layout->addLayout(header);
    connect(m_compare, &QComboBox::currentIndexChanged, this,
            [this] { Q_EMIT compareDaysChanged(compareDays()); });

    m_stack = new QStackedWidget(this);
    m_scroll = new QScrollArea(m_stack);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_grid = new QWidget(m_scroll);
    m_layout = new QGridLayout(m_grid);
    m_layout->setContentsMargins(Spacing, Spacing, Spacing, Spacing);
    m_layout->setSpacing(Spacing);
    m_layout->setAlignment(Qt::AlignTop);
    m_scroll->setWidget(m_grid);
    m_scroll->viewport()->installEventFilter(this);
    m_stack->addWidget(m_scroll);

    // Before there is any metric: what to do first, and buttons that do it.
    m_emptyPage = new QWidget(m_stack);
    auto *emptyLayout = new QVBoxLayout(m_emptyPage);
    emptyLayout->addStretch(1);
    m_empty = new QLabel(m_emptyPage);
    m_empty->setObjectName(QStringLiteral("emptyState"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_empty->setOpenExternalLinks(true);
    m_empty->setContentsMargins(40, 0, 40, 0);
    emptyLayout->addWidget(m_empty);
    emptyLayout->addSpacing(16);
    m_emptyButtons = new QHBoxLayout;
    m_emptyButtons->setSpacing(12);
    m_emptyButtons->addStretch(1);
    m_emptyButtons->addStretch(1);
    emptyLayout->addLayout(m_emptyButtons);
    emptyLayout->addStretch(1);
    m_stack->addWidget(m_emptyPage);
    layout->addWidget(m_stack, 1);
    m_stack->setCurrentWidget(m_emptyPage);
}

int DashboardView::compareDays() const
{
    return m_compare->currentData().toInt();
}

void DashboardView::setCompareDays(int days)
{
    if (const int index = m_compare->findData(days); index >= 0)
        m_compare->setCurrentIndex(index);
}

void DashboardView::setEmptyText(const QString &html)
{
    m_empty->setText(html);
}

void DashboardView::addEmptyAction(QAction *action)
{
    auto *button = new QToolButton(m_emptyPage);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(false);
    button->setFocusPolicy(Qt::StrongFocus);
    button->setIconSize(QSize(18, 18));
    button->setMinimumSize(160, 34);
    m_emptyButtons->insertWidget(m_emptyButtons->count() - 1, button);
}

MetricCard *DashboardView::card(const QString &metricKey) const
{
    for (MetricCard *card : m_cards) {
        if (card->data().key() == metricKey)
            return card;
    }
    return nullptr;
}

void DashboardView::setCards(const QList<CardData> &cards)
{
    // Cards are kept and updated where the metric is the same, so a refresh after a run
    // keeps focus and scroll position.
    QList<MetricCard *> kept;
    for (const CardData &data : cards) {
        MetricCard *card = this->card(data.key());
        if (card) {
            m_cards.removeOne(card);
        } else {
            card = new MetricCard(data, m_grid);
            connect(card, &MetricCard::activated, this, &DashboardView::metricActivated);
            connect(card, &MetricCard::northStarRequested, this,
                    &DashboardView::northStarRequested);
            connect(card, &MetricCard::arrowPressed, this,
                    [this, card](Qt::Key key) { moveFocus(card, key); });
        }
        card->setCompareDays(compareDays());
        card->setData(data);
        kept.append(card);
    }
    qDeleteAll(m_cards);
    m_cards = kept;
    m_columns = 0; // lay out again
    relayout();
    m_stack->setCurrentWidget(m_cards.isEmpty() ? m_emptyPage : m_scroll);
}

void DashboardView::applyValue(const QString &metricKey, double value, const QDateTime &at)
{
    if (MetricCard *card = this->card(metricKey)) {
        CardData data = card->data();
        ui::applyValue(data, value, at);
        card->setData(data);
    }
}

void DashboardView::markFailed(const QString &metricKey, const QString &message)
{
    if (MetricCard *card = this->card(metricKey)) {
        CardData data = card->data();
        data.error = message;
        card->setData(data);
    }
}

// Left and Right go to the previous and next card in reading order; Up and Down to the
// card above or below in the grid (the North Star spans two rows and two columns). At an
// edge the focus stays.
void DashboardView::moveFocus(MetricCard *from, Qt::Key key)
{
    const int index = int(m_cards.indexOf(from));
    const int layoutIndex = m_layout->indexOf(from);
    if (index < 0 || layoutIndex < 0)
        return;
    MetricCard *to = nullptr;
    if (key == Qt::Key_Left || key == Qt::Key_Right) {
        to = m_cards.value(key == Qt::Key_Left ? index - 1 : index + 1);
    } else {
        int row = 0, column = 0, rowSpan = 0, columnSpan = 0;
        m_layout->getItemPosition(layoutIndex, &row, &column, &rowSpan, &columnSpan);
        const int targetRow = key == Qt::Key_Up ? row - 1 : row + rowSpan;
        for (MetricCard *card : std::as_const(m_cards)) {
            int r = 0, c = 0, rs = 0, cs = 0;
            m_layout->getItemPosition(m_layout->indexOf(card), &r, &c, &rs, &cs);
            if (targetRow >= r && targetRow < r + rs && column >= c && column < c + cs) {
                to = card;
                break;
            }
        }
    }
    if (to)
        to->setFocus(Qt::OtherFocusReason);
}

int DashboardView::columnsFor(int width) const
{
    const int usable = width - 2 * Spacing;
    return std::max(1, (usable + Spacing) / (MinCardWidth + Spacing));
}

// The columns follow the viewport's width, known only once the scroll area has laid it out.
bool DashboardView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_scroll->viewport() && event->type() == QEvent::Resize)
        relayout();
    return QWidget::eventFilter(watched, event);
}

// The North Star takes a 2×2 block at the top left (a full row when there are only two
// columns, one cell with one); the other cards fill the free cells row by row.
void DashboardView::relayout()
{
    const int columns = columnsFor(m_scroll->viewport()->width());
    if (columns == m_columns && m_layout->count() == m_cards.size())
        return;
    m_columns = columns;
    while (m_layout->count() > 0)
        delete m_layout->takeAt(0);
    QList<QList<bool>> taken;
    const auto isTaken = [&](int row, int column) {
        return row < taken.size() && taken[row][column];
    };
    const auto take = [&](int row, int column, int rowSpan, int columnSpan) {
        while (taken.size() < row + rowSpan)
            taken.append(QList<bool>(columns, false));
        for (int r = row; r < row + rowSpan; ++r) {
            for (int c = column; c < column + columnSpan; ++c)
                taken[r][c] = true;
        }
    };
    int next = 0; // the next cell to try, row * columns + column
    for (MetricCard *card : std::as_const(m_cards)) {
        while (isTaken(next / columns, next % columns))
            ++next;
        const int row = next / columns;
        const int column = next % columns;
        if (card->data().line.northStar && columns >= 2) {
            const int rowSpan = columns >= 3 ? 2 : 1;
            take(row, column, rowSpan, 2);
            m_layout->addWidget(card, row, column, rowSpan, 2);
            continue;
        }
        take(row, column, 1, 1);
        m_layout->addWidget(card, row, column);
    }
    // Tab and the arrows follow the cards as shown, also after a new North Star moved one.
    for (qsizetype i = 1; i < m_cards.size(); ++i)
        setTabOrder(m_cards.at(i - 1), m_cards.at(i));
    // Every column of the grid gets its share, also those no card reaches yet: two cards
    // keep a card's width instead of stretching over the whole window.
    for (int c = 0; c < std::max(columns, m_layout->columnCount()); ++c) {
        m_layout->setColumnStretch(c, c < columns ? 1 : 0);
        m_layout->setColumnMinimumWidth(c, 0);
    }
}

} // namespace kpi::ui
