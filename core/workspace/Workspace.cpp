// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "workspace/Workspace.h"

namespace kpi::workspace {

QStringList SourceConfig::secretNames() const
{
    QStringList names;
    if (!http.auth.secret.isEmpty())
        names.append(http.auth.secret);
    for (const auto &header : http.headers) {
        if (header.second.isSecret())
            names.append(header.second.secret);
    }
    if (!sql.passwordSecret.isEmpty())
        names.append(sql.passwordSecret);
    if (login) {
        for (const auto &field : login->fields) {
            if (field.second.isSecret())
                names.append(field.second.secret);
        }
    }
    names.removeDuplicates();
    return names;
}

const SourceConfig *Workspace::source(const QString &id) const
{
    for (const SourceConfig &candidate : sources) {
        if (candidate.id == id)
            return &candidate;
    }
    return nullptr;
}

const DestinationConfig *Workspace::destination(const QString &id) const
{
    for (const DestinationConfig &candidate : destinations) {
        if (candidate.id == id)
            return &candidate;
    }
    return nullptr;
}

QStringList Workspace::metricKeys() const
{
    QStringList keys;
    for (const SourceConfig &source : sources) {
        for (const MetricConfig &metric : source.metrics)
            keys.append(metric.key);
    }
    return keys;
}

QTimeZone Workspace::zone() const
{
    const QTimeZone named(timezone.toUtf8());
    return timezone.isEmpty() || !named.isValid() ? QTimeZone::systemTimeZone() : named;
}

const MetricConfig *Workspace::metric(const QString &key) const
{
    for (const SourceConfig &source : sources) {
        for (const MetricConfig &metric : source.metrics) {
            if (metric.key == key)
                return &metric;
        }
    }
    return nullptr;
}

} // namespace kpi::workspace
