// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "destinations/DiscordPreview.h"

#include <QJsonArray>
#include <QPainter>
#include <QPainterPath>

namespace kpi::ui {

namespace {

// Discord's dark theme, so the preview looks like what the team will see.
const QColor Background(0x31, 0x33, 0x38);
const QColor EmbedBackground(0x2b, 0x2d, 0x31);
const QColor Text(0xdb, 0xde, 0xe1);
const QColor Muted(0xb5, 0xba, 0xc1);
const QColor Heading(0xf2, 0xf3, 0xf5);
constexpr int Margin = 16;
constexpr int AvatarSize = 40;
constexpr int EmbedPadding = 12;
constexpr int BarWidth = 4;
constexpr int Columns = 3;

QFont scaled(const QFont &base, double factor, bool bold)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * factor);
    font.setBold(bold);
    return font;
}

// Discord's markdown as far as the digest uses it: **bold** and a leading "# " heading.
QString plain(QString text)
{
    return text.remove(QStringLiteral("**")).remove(QLatin1Char('\\'));
}

// Green up, red down, as Discord users read the markers.
QColor changeColor(const QString &line)
{
    if (line.startsWith(QStringLiteral("▲")))
        return {0x57, 0xf2, 0x87};
    if (line.startsWith(QStringLiteral("▼")))
        return {0xed, 0x42, 0x45};
    return Text;
}

} // namespace

DiscordPreview::DiscordPreview(QWidget *parent) : QWidget(parent)
{
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void DiscordPreview::setMessages(const QList<QJsonObject> &messages)
{
    m_messages = messages;
    updateGeometry();
    update();
}

QSize DiscordPreview::sizeHint() const
{
    return {620, heightForWidth(620)};
}

int DiscordPreview::heightForWidth(int width) const
{
    int bottom = 0;
    for (const Item &item : layout(width))
        bottom = std::max(bottom, item.rect.bottom());
    return bottom + Margin;
}

QList<std::pair<QString, QRect>> DiscordPreview::fieldRects(int width) const
{
    QList<std::pair<QString, QRect>> fields;
    for (const Item &item : layout(width)) {
        if (item.kind == Item::Kind::FieldName)
            fields.append({item.text, item.rect});
    }
    return fields;
}

QList<DiscordPreview::Item> DiscordPreview::layout(int width) const
{
    QList<Item> items;
    const QFont base = font();
    const auto heightOf = [&](const QFont &f, const QString &text, int w) {
        return QFontMetrics(f).boundingRect(QRect(0, 0, w, 10000), Qt::TextWordWrap, text).height();
    };
    int y = Margin;
    const int left = Margin + AvatarSize + Margin;
    const int embedWidth = std::min(width - left - Margin, 520);
    for (const QJsonObject &message : m_messages) {
        const QString sender =
            message.value(QLatin1String("username")).toString(tr("KPI Collector"));
        items.append({Item::Kind::Sender, QRect(Margin, y, width - 2 * Margin, AvatarSize), sender,
                      Heading, scaled(base, 1.0, true)});
        y += QFontMetrics(scaled(base, 1.0, true)).height() + 6;
        for (const QJsonValue &value : message.value(QLatin1String("embeds")).toArray()) {
            const QJsonObject embed = value.toObject();
            const int top = y;
            const int inner = left + BarWidth + EmbedPadding;
            const int innerWidth = embedWidth - BarWidth - 2 * EmbedPadding;
            int cy = y + EmbedPadding;
            const auto add = [&](Item::Kind kind, const QFont &f, const QString &text,
                                 QColor color) {
                const int h = heightOf(f, text, innerWidth);
                items.append({kind, QRect(inner, cy, innerWidth, h), text, color, f});
                cy += h + 6;
            };
            const QString author = embed.value(QLatin1String("author"))
                                       .toObject()
                                       .value(QLatin1String("name"))
                                       .toString();
            if (!author.isEmpty())
                add(Item::Kind::Text, scaled(base, 0.9, true), author, Heading);
            const QString title = embed.value(QLatin1String("title")).toString();
            if (!title.isEmpty())
                add(Item::Kind::Text, scaled(base, 1.05, true), title, Heading);
            const QString description = embed.value(QLatin1String("description")).toString();
            for (const QString &line : description.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
                if (line.startsWith(QLatin1String("# ")))
                    add(Item::Kind::Text, scaled(base, 1.9, true), plain(line.mid(2)), Heading);
                else
                    add(Item::Kind::Text, base, plain(line), changeColor(line));
            }
            // Inline fields, three to a row, each row as high as its tallest field.
            const QJsonArray fields = embed.value(QLatin1String("fields")).toArray();
            const int columnWidth = (innerWidth - (Columns - 1) * 8) / Columns;
            for (qsizetype i = 0; i < fields.size(); i += Columns) {
                int rowHeight = 0;
                for (qsizetype j = i; j < std::min<qsizetype>(fields.size(), i + Columns); ++j) {
                    const QJsonObject field = fields.at(j).toObject();
                    const int x = inner + int(j - i) * (columnWidth + 8);
                    const QString name = plain(field.value(QLatin1String("name")).toString());
                    const QStringList lines =
                        field.value(QLatin1String("value")).toString().split(QLatin1Char('\n'));
                    const QFont nameFont = scaled(base, 0.95, true);
                    const int nameHeight = heightOf(nameFont, name, columnWidth);
                    items.append({Item::Kind::FieldName, QRect(x, cy, columnWidth, nameHeight),
                                  name, Heading, nameFont});
                    int fy = cy + nameHeight + 2;
                    for (const QString &line : lines) {
                        const bool bold = line.startsWith(QLatin1String("**"));
                        const QFont f = scaled(base, bold ? 1.1 : 0.95, bold);
                        const int h = heightOf(f, plain(line), columnWidth);
                        items.append({Item::Kind::Text, QRect(x, fy, columnWidth, h), plain(line),
                                      changeColor(line), f});
                        fy += h + 1;
                    }
                    rowHeight = std::max(rowHeight, fy - cy);
                }
                cy += rowHeight + 8;
            }
            const QString footer = embed.value(QLatin1String("footer"))
                                       .toObject()
                                       .value(QLatin1String("text"))
                                       .toString();
            if (!footer.isEmpty())
                add(Item::Kind::Text, scaled(base, 0.8, false), footer, Muted);
            const int bottom = cy - 6 + EmbedPadding;
            const QColor bar =
                QColor::fromRgb(QRgb(embed.value(QLatin1String("color")).toInt(0x5865f2)));
            items.append({Item::Kind::EmbedBox,
                          QRect(left, top, embedWidth, bottom - top),
                          {},
                          EmbedBackground,
                          {}});
            items.append({Item::Kind::Bar, QRect(left, top, BarWidth, bottom - top), {}, bar, {}});
            y = bottom + 8;
        }
        y += Margin;
    }
    // Boxes first, so text is painted over them.
    std::stable_sort(items.begin(), items.end(), [](const Item &a, const Item &b) {
        return (a.kind == Item::Kind::EmbedBox) > (b.kind == Item::Kind::EmbedBox);
    });
    return items;
}

void DiscordPreview::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), Background);
    const QFont base = font();
    for (const Item &item : layout(width())) {
        switch (item.kind) {
        case Item::Kind::Sender: {
            QPainterPath avatar;
            avatar.addEllipse(QRectF(item.rect.left(), item.rect.top(), AvatarSize, AvatarSize));
            painter.fillPath(avatar, QColor(0x58, 0x65, 0xf2));
            painter.setPen(Qt::white);
            painter.setFont(scaled(base, 1.2, true));
            painter.drawText(QRect(item.rect.left(), item.rect.top(), AvatarSize, AvatarSize),
                             Qt::AlignCenter, QStringLiteral("K"));
            painter.setFont(item.font);
            painter.setPen(item.color);
            const QRect name = item.rect.adjusted(AvatarSize + Margin, 0, 0, 0);
            painter.drawText(name, Qt::AlignLeft | Qt::AlignTop, item.text);
            const int nameWidth = QFontMetrics(painter.font()).horizontalAdvance(item.text);
            QFont badgeFont = scaled(base, 0.7, true);
            painter.setFont(badgeFont);
            const QRect badge(name.left() + nameWidth + 6, name.top() + 2,
                              QFontMetrics(badgeFont).horizontalAdvance(QStringLiteral("APP")) + 8,
                              QFontMetrics(badgeFont).height() + 2);
            painter.setBrush(QColor(0x58, 0x65, 0xf2));
            painter.setPen(Qt::NoPen);
            painter.drawRoundedRect(badge, 3, 3);
            painter.setPen(Qt::white);
            painter.drawText(badge, Qt::AlignCenter, QStringLiteral("APP"));
            break;
        }
        case Item::Kind::EmbedBox:
            painter.setPen(Qt::NoPen);
            painter.setBrush(item.color);
            painter.drawRoundedRect(item.rect, 4, 4);
            break;
        case Item::Kind::Bar:
            painter.fillRect(item.rect, item.color);
            break;
        case Item::Kind::Text:
        case Item::Kind::FieldName:
            painter.setFont(item.font);
            painter.setPen(item.color);
            painter.drawText(item.rect, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, item.text);
            break;
        }
    }
}

} // namespace kpi::ui
