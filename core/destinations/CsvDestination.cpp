// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "destinations/CsvDestination.h"

#include "util/Logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocale>
#include <QMetaObject>
#include <QSaveFile>

namespace kpi::destinations {

CsvDestination::CsvDestination(workspace::DestinationConfig config, QObject *parent)
    : Destination(std::move(config), parent)
{ }

QString CsvDestination::path() const
{
    QString file = config().settings.value(QLatin1String("path")).toString();
    if (file.startsWith(QLatin1String("~/")))
        file = QDir::homePath() + file.mid(1);
    return file;
}

QByteArray CsvDestination::field(const QString &text)
{
    QString value = text;
    // One row per line, always: a line break inside a label would split the row for every
    // reader that reads lines.
    value.replace(QLatin1String("\r\n"), QLatin1String(" "))
        .replace(QLatin1Char('\n'), QLatin1Char(' '))
        .replace(QLatin1Char('\r'), QLatin1Char(' '));
    if (value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"'))) {
        value.replace(QLatin1String("\""), QLatin1String("\"\""));
        value = QLatin1Char('"') + value + QLatin1Char('"');
    }
    return value.toUtf8();
}

QByteArray CsvDestination::rows(const DeliveryItem &item)
{
    const QString collectedAt = item.payload.value(QLatin1String("collectedAt")).toString();
    QByteArray out;
    for (const QJsonValue &entry : item.payload.value(QLatin1String("values")).toArray()) {
        const QJsonObject value = entry.toObject();
        const QJsonValue number = value.value(QLatin1String("value"));
        out +=
            field(item.period) + ',' +
            field(value.value(QLatin1String("at")).toString(collectedAt)) + ',' +
            field(value.value(QLatin1String("key")).toString()) + ',' +
            field(value.value(QLatin1String("label")).toString()) + ',' +
            field(value.value(QLatin1String("unit")).toString()) + ',' +
            (number.isDouble()
                 ? QString::number(number.toDouble(), 'g', QLocale::FloatingPointShortest).toUtf8()
                 : QByteArray()) +
            '\n';
    }
    return out;
}

Result<QList<DeliveryRequest>> CsvDestination::preview(const DeliveryItem &item,
                                                       const SecretValues &) const
{
    QByteArray body = rows(item);
    if (!QFileInfo::exists(path()) || QFileInfo(path()).size() == 0)
        body.prepend(Header + '\n');
    return Result<QList<DeliveryRequest>>::ok({{"APPEND", path(), {}, body}});
}

void CsvDestination::deliver(const DeliveryItem &item, const SecretValues &)
{
    // One part, written at once; finished() still comes from the event loop, as promised.
    const DeliveryOutcome outcome = write(item);
    QMetaObject::invokeMethod(
        this, [this, outcome] { Q_EMIT finished(outcome); }, Qt::QueuedConnection);
}

DeliveryOutcome CsvDestination::write(const DeliveryItem &item) const
{
    const QString file = path();
    QByteArray kept;
    QFile existing(file);
    if (existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly))
            return DeliveryOutcome::retry(
                tr("cannot read %1: %2").arg(file, existing.errorString()));
        const QByteArray content = existing.readAll();
        existing.close();
        QList<QByteArray> lines = content.split('\n');
        if (!lines.isEmpty() && lines.constLast().isEmpty())
            lines.removeLast();
        if (!lines.isEmpty()) {
            QByteArray header = lines.takeFirst();
            if (header.endsWith('\r'))
                header.chop(1);
            if (header.startsWith("\xEF\xBB\xBF")) // a BOM a spreadsheet may have added
                header.remove(0, 3);
            if (header != Header)
                return DeliveryOutcome::permanent(
                    tr("%1 has the header \"%2\", not \"%3\"; move the file away or choose "
                       "another path")
                        .arg(file, QString::fromUtf8(header.left(200)),
                             QString::fromLatin1(Header)));
        }
        // Rows of this period from an earlier attempt are replaced, never repeated.
        const QByteArray ownPrefix = field(item.period) + ',';
        for (const QByteArray &line : std::as_const(lines)) {
            if (!line.startsWith(ownPrefix))
                kept += line + '\n';
        }
    } else if (!QDir().mkpath(QFileInfo(file).absolutePath())) {
        return DeliveryOutcome::retry(
            tr("cannot create the folder %1").arg(QFileInfo(file).absolutePath()));
    }

    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return DeliveryOutcome::retry(tr("cannot write %1: %2").arg(file, out.errorString()));
    out.write(Header + '\n');
    out.write(kept);
    out.write(rows(item));
    if (!out.commit()) // syncs, then renames over the old file
        return DeliveryOutcome::retry(tr("cannot write %1: %2").arg(file, out.errorString()));
    qCDebug(lcDestinations).noquote() << id() << "wrote" << item.period << "to" << file;
    return DeliveryOutcome::delivered();
}

} // namespace kpi::destinations
