// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include <QHttpServer>
#include <QUrl>

namespace kpi::test {

// Three JSON APIs on loopback, each as strict about credentials as the service it stands
// for, answering with that service's own error shapes:
//  /repos/acme/widget  GitHub REST: a Bearer token, and a User-Agent (GitHub answers 403
//                      without one); 401 {"message":"Bad credentials",…} otherwise.
//  /api/stats          an in-house stats endpoint behind HTTP Basic auth; 401 with
//                      WWW-Authenticate otherwise.
//  /api/v1/subscribers a newsletter API taking its key in an X-Api-Key header; 401
//                      {"error":"Invalid API key"} otherwise.
// Built on QHttpServer: every answer is immediate, which is what QHttpServer 6.4 handles
// safely (see FakeHttpServer for the misbehaving kinds).
class FakeJsonApis
{
public:
    static constexpr const char *GithubToken = "ghp-test-token-not-real-000000000001";
    static constexpr const char *StatsUser = "kpi";
    static constexpr const char *StatsPassword = "stats-test-password-not-real-02";
    static constexpr const char *NewsletterKey = "nl-test-key-not-real-0000000003";

    FakeJsonApis();

    QUrl url(const QString &path) const;
    int requests() const { return m_requests; }

    // The values the APIs serve; change them between runs.
    int stars = 1523;
    int forks = 87;
    int activeUsers = 412;
    int subscribers = 2048;
    bool statsDown = false; // /api/stats answers 500

private:
    QHttpServer m_server;
    quint16 m_port = 0;
    int m_requests = 0;
};

} // namespace kpi::test
