// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#pragma once

#include "FakeHttpServer.h"

#include <QHash>
#include <QString>

namespace kpi::test {

// The five APIs behind the presets (resources/presets), on one loopback port, each
// answering with the real service's response shape and error bodies, and as strict:
//  GET /repos/OWNER/NAME                 GitHub REST: 403 without a User-Agent, 400 for an
//                                        unsupported X-GitHub-Api-Version, 401 for a wrong
//                                        token, 404 {"message":"Not Found",…} for unknown
//                                        repositories and for private ones without a token.
//  GET /api/packages/NAME/recent         pypistats.org: "." and "_" read as "-", but no
//                                        lower-casing; unknown: 404 with the body "404".
//  GET /downloads/point/last-week/NAME   npm (scoped names too): 404 {"error":"package … not
//  found"}. GET /v2/repositories/NS/NAME/         Docker Hub: 404 {"message":"httperror 404: object
//  not found",…}. GET /api/v10/invites/CODE             Discord: counts only with
//  ?with_counts=true;
//                                        404 {"message":"Unknown Invite","code":10006}.
class FakePresetApis
{
public:
    static constexpr const char *GithubToken = "github-test-token-not-real-0000000001";
    static constexpr const char *GithubApiVersion = "2022-11-28";

    FakePresetApis();

    QString baseUrl() const; // http://127.0.0.1:PORT, no trailing slash
    FakeHttpServer &server() { return m_server; }

    struct Repo
    {
        int stars = 0;
        int forks = 0;
        int openIssues = 0;
        bool isPrivate = false;
    };
    struct Recent
    {
        qint64 day = 0;
        qint64 week = 0;
        qint64 month = 0;
    };
    struct Image
    {
        qint64 pulls = 0;
        int stars = 0;
    };
    struct Server
    {
        int members = 0;
        int online = 0;
    };
    QHash<QString, Repo> githubRepos; // "owner/name" in lower case
    bool githubRateLimited = false;   // the 60 an hour without a token are used up
    QHash<QString, Recent> pypi;      // normalised names, as pypistats stores them
    QHash<QString, qint64> npmWeek;   // "express", "@slack/client"
    QHash<QString, Image> dockerHub;  // "library/nginx"
    QHash<QString, Server> discord;   // invite code

private:
    FakeResponse answer(const RecordedRequest &request) const;
    FakeResponse github(const RecordedRequest &request, const QString &repo) const;

    FakeHttpServer m_server;
};

} // namespace kpi::test
