// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "destinations/HttpDestination.h"

namespace kpi::destinations {

// Writes each value as a point to an InfluxDB 2 bucket (or InfluxDB 3 / Cloud, which keep
// the v2 write API): POST {url}/api/v2/write?org=…&bucket=…&precision=s with
// `Authorization: Token …` and line protocol, one line per metric:
//
//   kpi,key=GITHUB_STARS,unit=stars value=1234 1795820400
//
// The timestamp is the start of the period (the collection day in the workspace's time
// zone), so a second run on the same day overwrites the day's point instead of adding one:
// InfluxDB keeps one point per series and timestamp. See docs/destinations.md for why
// InfluxDB rather than a Prometheus Pushgateway.
class InfluxDbDestination : public HttpDestination
{
    Q_OBJECT

public:
    InfluxDbDestination(workspace::DestinationConfig config, net::HttpClient *client,
                        QObject *parent = nullptr);

    // Line protocol escaping (docs.influxdata.com, "Line protocol", special characters).
    static QString escapeMeasurement(QString text);
    static QString escapeKey(QString text); // tag keys, tag values and field keys
    // The lines of an item; values that are not finite numbers are left out (line
    // protocol has no NaN or infinity).
    static QByteArray lines(const QJsonObject &payload, const QString &measurement,
                            const QJsonObject &extraTags);

protected:
    Result<QList<net::HttpRequest>> requests(const DeliveryItem &item,
                                             const SecretValues &secrets) const override;
};

} // namespace kpi::destinations
