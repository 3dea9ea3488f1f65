// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"

#include <QFile>

namespace kpi::test {

QByteArray readTestData(const QString &relativePath)
{
    QFile file(QStringLiteral(KPI_TEST_DATA_DIR "/") + relativePath);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data file %s", qPrintable(file.fileName()));
    return file.readAll();
}

} // namespace kpi::test
