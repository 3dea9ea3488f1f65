// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "util/Error.h"

namespace kpi {

Error Error::prefixed(const QString &outer) const
{
    Error copy = *this;
    if (outer.isEmpty())
        return copy;
    if (where.isEmpty())
        copy.where = outer;
    else if (where.startsWith(QLatin1Char('[')))
        copy.where = outer + where;
    else
        copy.where = outer + QLatin1Char('.') + where;
    return copy;
}

} // namespace kpi
