// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "destinations/Destination.h"

namespace kpi::destinations {

// Appends one row per value to a CSV file under the stable header
//
//   period,collected_at,key,label,unit,value
//
// (RFC 4180 quoting, UTF-8, LF line ends). The file is rewritten through QSaveFile: the
// new version is written beside it, synced and renamed over it, so a reader or a crash
// sees the old file or the new one, never a torn row. Rows of the item's period already
// in the file are replaced, not repeated: a delivery retried after a crash between the
// rename and the outbox's commit writes the same rows again, once.
class CsvDestination : public Destination
{
    Q_OBJECT

public:
    static inline const QByteArray Header = "period,collected_at,key,label,unit,value";

    explicit CsvDestination(workspace::DestinationConfig config, QObject *parent = nullptr);

    Result<QList<DeliveryRequest>> preview(const DeliveryItem &item,
                                           const SecretValues &secrets) const override;
    void deliver(const DeliveryItem &item, const SecretValues &secrets) override;

    // The rows of an item, each ending in "\n"; public for the tests.
    static QByteArray rows(const DeliveryItem &item);
    // One field, quoted when it holds a comma, a quote or a line break.
    static QByteArray field(const QString &text);

private:
    QString path() const;
    // Writes the file; a Permanent outcome for a header mismatch, Retry for I/O errors.
    DeliveryOutcome write(const DeliveryItem &item) const;
};

} // namespace kpi::destinations
