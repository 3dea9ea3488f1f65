// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "FakeHttpServer.h"

#include <QList>

namespace kpi::test {

// A strict InfluxDB 2 write API (POST /api/v2/write): it answers as the real one does
// (docs.influxdata.com, "Troubleshoot issues writing data"): 401 without the right
// `Authorization: Token …`, 404 for an unknown org or bucket, 400 for a bad precision or
// a line that is not line protocol, all with a JSON {"code", "message"} body; 204 when
// every line was written. `script` holds answers to give before writing again.
class FakeInfluxDb
{
public:
    FakeInfluxDb(QByteArray token, QString org, QString bucket);

    QUrl url() const { return m_server.url(); }
    FakeHttpServer &server() { return m_server; }
    int requestCount() const { return m_server.requestCount("/api/v2/write"); }

    // Checks one line against the line protocol grammar; an error message, or empty.
    static QString checkLine(const QByteArray &line);

    QList<FakeResponse> script;
    QList<QByteArray> lines; // every line written, in order

private:
    FakeResponse answer(const RecordedRequest &request);

    FakeHttpServer m_server;
    QByteArray m_token;
    QString m_org;
    QString m_bucket;
};

} // namespace kpi::test
