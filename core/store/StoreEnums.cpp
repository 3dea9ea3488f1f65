// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
// The database spellings of the store's enums; they are part of the schema, never translated.
#include "store/Run.h"
#include "store/RunEvent.h"
#include "store/Sample.h"

#include <array>
#include <utility>

namespace kpi::store {

namespace {

template<typename Enum, std::size_t N>
QString spell(const std::array<std::pair<Enum, const char *>, N> &table, Enum value)
{
    for (const auto &[candidate, name] : table) {
        if (candidate == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template<typename Enum, std::size_t N>
std::optional<Enum> parse(const std::array<std::pair<Enum, const char *>, N> &table,
                          const QString &text)
{
    for (const auto &[candidate, name] : table) {
        if (text == QLatin1String(name))
            return candidate;
    }
    return std::nullopt;
}

constexpr std::array<std::pair<SampleOrigin, const char *>, 5> Origins{{
    {SampleOrigin::Collected, "collected"},
    {SampleOrigin::Manual, "manual"},
    {SampleOrigin::Imported, "imported"},
    {SampleOrigin::Backfilled, "backfilled"},
    {SampleOrigin::Reextracted, "reextracted"},
}};

constexpr std::array<std::pair<RunStatus, const char *>, 5> Statuses{{
    {RunStatus::Running, "running"},
    {RunStatus::Ok, "ok"},
    {RunStatus::Partial, "partial"},
    {RunStatus::Failed, "failed"},
    {RunStatus::Canceled, "canceled"},
}};

constexpr std::array<std::pair<EventLevel, const char *>, 3> Levels{{
    {EventLevel::Info, "info"},
    {EventLevel::Warning, "warning"},
    {EventLevel::Error, "error"},
}};

} // namespace

QString toDbText(SampleOrigin origin)
{
    return spell(Origins, origin);
}
std::optional<SampleOrigin> sampleOriginFromDbText(const QString &text)
{
    return parse(Origins, text);
}
QString toDbText(RunStatus status)
{
    return spell(Statuses, status);
}
std::optional<RunStatus> runStatusFromDbText(const QString &text)
{
    return parse(Statuses, text);
}
QString toDbText(EventLevel level)
{
    return spell(Levels, level);
}
std::optional<EventLevel> eventLevelFromDbText(const QString &text)
{
    return parse(Levels, text);
}

} // namespace kpi::store
