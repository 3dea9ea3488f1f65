// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QJsonObject>
#include <QWidget>

namespace kpi::ui {

// Shows Discord messages (the bodies DiscordDestination sends) roughly as Discord draws
// them: the sender, then each embed with its colour bar, author, title, description,
// inline fields three to a row and footer. The destination form uses it so a user sees
// the digest before the first Monday; the picture in docs/destinations.md comes from it.
class DiscordPreview : public QWidget
{
    Q_OBJECT

public:
    explicit DiscordPreview(QWidget *parent = nullptr);

    void setMessages(const QList<QJsonObject> &messages);
    QSize sizeHint() const override;
    int heightForWidth(int width) const override;
    bool hasHeightForWidth() const override { return true; }

    // Where each embed field was laid out at `width` (for the tests): its name and box.
    QList<std::pair<QString, QRect>> fieldRects(int width) const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Item
    {
        enum class Kind { Sender, EmbedBox, Bar, Text, FieldName };
        Kind kind;
        QRect rect;
        QString text;
        QColor color;
        QFont font;
    };
    QList<Item> layout(int width) const;

    QList<QJsonObject> m_messages;
};

} // namespace kpi::ui
