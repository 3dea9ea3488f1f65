// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeHttpServer.h"
#include "FakeSecretStore.h"
#include "TestSupport.h"
#include "net/HttpClient.h"
#include "net/HttpJob.h"
#include "pipeline/CollectRun.h"
#include "sources/HtmlSource.h"
#include "sources/LoginForm.h"
#include "util/Clock.h"
#include "workspace/WorkspaceLoader.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace kpi;
using kpi::sources::HtmlSource;
using kpi::sources::SecretValues;
using kpi::sources::SourceOutcome;
using kpi::test::FakeHttpServer;
using kpi::test::FakeResponse;
using kpi::test::FakeSecretStore;
using kpi::test::RecordedRequest;

class TestHtmlSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void blog_countOfPostsIsTheSumAcrossPages();
    void blog_textAndNumberComeFromTheFirstPage();
    void pagination_stopsAtMaxPages();
    void pagination_stopsOnALoop();
    void pagination_staysOnTheSameOrigin();
    void forbidden_isAnError();
    void podcast_logsInWithTheCsrfTokenAndSavesTheSession();
    void podcast_secondRunReusesTheSession();
    void podcast_expiredSessionLogsInAgainOnce();
    void podcast_dryRunKeepsNoSession();
    void evidence_neverShowsACredentialThePageEchoes();
    void podcast_wrongPasswordIsAClearError();
    void podcast_fakeRejectsAMissingOrWrongCsrfToken();
    void podcast_loginAnswering403IsAnError();
    void podcast_unknownFieldListsTheFormsFields();
    void podcast_missingLoginFormIsAnError();

private:
    workspace::SourceConfig source(const QString &json);
    SourceOutcome run(const workspace::SourceConfig &config, const SecretValues &secrets = {});
    void servePodcastHost();
    workspace::SourceConfig
    podcastSource(const QString &fields = QStringLiteral(R"("email": "host@example.com",
                                                  "password": {"secret": "podcast-password"})"));
    SecretValues podcastSecrets(const QString &password = QStringLiteral("correct horse"))
    {
        return {{QStringLiteral("podcast-password"), secrets::Secret(password)}};
    }

    QNetworkAccessManager m_network;
    std::unique_ptr<net::HttpClient> m_client;
    std::unique_ptr<FakeHttpServer> m_server;
    FakeSecretStore m_secrets;
    // The podcast host's state.
    QSet<QByteArray> m_sessions;
    QByteArray m_csrf;
    int m_csrfCounter = 0;
};

namespace {

QByteArray blogPage(int page, int posts, const QByteArray &next)
{
    QByteArray html = "<!doctype html><html><head><title>Blog</title></head><body>"
                      "<h1>The Acme blog</h1><p class=\"subscribers\">Subscribers: 1.2k</p>";
    for (int i = 0; i < posts; ++i)
        html += "<article class=\"post\"><h2>Post " + QByteArray::number(page) + "." +
                QByteArray::number(i) + "</h2><span class=\"comments\">" +
                QByteArray::number(i + 1) + "</span></article>";
    if (!next.isEmpty())
        html += "<nav><a rel=\"next\" class=\"next\" href=\"" + next + "\">Older posts</a></nav>";
    return html + "</body></html>";
}

FakeResponse html(const QByteArray &body, int status = 200)
{
    FakeResponse response;
    response.status = status;
    response.headers.append(
        std::pair<QByteArray, QByteArray>("Content-Type", "text/html; charset=utf-8"));
    response.body = body;
    return response;
}

QByteArray cookieValue(const RecordedRequest &request, const QByteArray &name)
{
    const auto parts = request.header("Cookie").split(';');
    for (const QByteArray &part : parts) {
        const QByteArray trimmed = part.trimmed();
        if (trimmed.startsWith(QByteArray(name + '=')))
            return trimmed.mid(name.size() + 1);
    }
    return {};
}

} // namespace

void TestHtmlSource::init()
{
    m_client = std::make_unique<net::HttpClient>(&m_network);
    m_server = std::make_unique<FakeHttpServer>();
    m_secrets.values.clear();
    m_sessions.clear();
}

void TestHtmlSource::cleanup()
{
    m_client.reset();
    m_server.reset();
}

workspace::SourceConfig TestHtmlSource::source(const QString &json)
{
    const QString workspace =
        QStringLiteral(R"({"version": 1, "sources": [)") + json + QStringLiteral("]}");
    const auto outcome = workspace::WorkspaceLoader::parse(workspace.toUtf8());
    for (const Error &error : outcome.errors)
        qWarning().noquote() << error.toString();
    if (!outcome.isOk() || outcome.workspace.sources.isEmpty())
        return {};
    return outcome.workspace.sources.constFirst();
}

SourceOutcome TestHtmlSource::run(const workspace::SourceConfig &config,
                                  const SecretValues &secrets)
{
    HtmlSource html(config, m_client.get(), &m_secrets);
    QSignalSpy finished(&html, &sources::Source::finished);
    html.start(secrets);
    if (!finished.wait(20000))
        return {};
    return finished.constFirst().constFirst().value<SourceOutcome>();
}

// A podcast host's dashboard behind a login form with a CSRF token, as Rails, Django and
// Laravel render them: the token is issued with the form and checked with the POST (403
// when missing or wrong); the right password sets a session cookie and redirects (303) to
// the dashboard; a wrong one shows the form again. Without a valid session the dashboard
// redirects to the login page.
void TestHtmlSource::servePodcastHost()
{
    m_server->route("/login", [this](const RecordedRequest &r) {
        const auto loginForm = [this](const QByteArray &message) {
            m_csrf = "csrf-" + QByteArray::number(++m_csrfCounter) + "-x9f";
            return html("<html><body><h1>Sign in</h1>" + message +
                        "<form method=\"post\" action=\"/login\" id=\"signin\">"
                        "<input type=\"hidden\" name=\"authenticity_token\" value=\"" +
                        m_csrf +
                        "\">"
                        "<input type=\"email\" name=\"email\">"
                        "<input type=\"password\" name=\"password\">"
                        "<input type=\"checkbox\" name=\"remember_me\" value=\"1\" checked>"
                        "<input type=\"checkbox\" name=\"newsletter\" value=\"1\">"
                        "<input type=\"text\" name=\"nickname\" disabled value=\"x\">"
                        "<button type=\"submit\" name=\"commit\" value=\"Sign in\">Sign in</button>"
                        "</form></body></html>");
        };
        if (r.method == "GET")
            return loginForm({});
        if (r.header("Content-Type") != "application/x-www-form-urlencoded")
            return html("unsupported form encoding", 415);
        const QUrlQuery form(QString::fromUtf8(QByteArray(r.body).replace('+', ' ')));
        if (form.queryItemValue(QStringLiteral("authenticity_token")).toUtf8() != m_csrf ||
            m_csrf.isEmpty())
            return html("<p>Invalid authenticity token</p>", 403);
        if (form.queryItemValue(QStringLiteral("email"), QUrl::FullyDecoded) !=
                QLatin1String("host@example.com") ||
            form.queryItemValue(QStringLiteral("password"), QUrl::FullyDecoded) !=
                QLatin1String("correct horse") ||
            form.hasQueryItem(QStringLiteral("nickname")) ||
            form.queryItemValue(QStringLiteral("remember_me")) != QLatin1String("1"))
            return loginForm("<p class=\"error\">Invalid email or password.</p>");
        const QByteArray session = "s" + QByteArray::number(m_sessions.size() + 1) + "-7d1a";
        m_sessions.insert(session);
        FakeResponse response = FakeResponse::redirect(303, "/dashboard");
        response.headers.append(std::pair<QByteArray, QByteArray>(
            "Set-Cookie", "_podcast_session=" + session + "; Path=/; HttpOnly"));
        return response;
    });
    m_server->route("/dashboard", [this](const RecordedRequest &r) {
        if (!m_sessions.contains(cookieValue(r, "_podcast_session")))
            return FakeResponse::redirect(302, "/login");
        return html("<html><body><nav><a href=\"/logout\">Sign out</a></nav>"
                    "<div class=\"stat\"><h3>Total downloads</h3>"
                    "<span id=\"total-downloads\">12,345</span></div></body></html>");
    });
}

workspace::SourceConfig TestHtmlSource::podcastSource(const QString &fields)
{
    return source(QStringLiteral(R"({"id": "podcast", "type": "html", "url": "%1", "attempts": 1,
        "metrics": [{"key": "PODCAST_DOWNLOADS", "css": "#total-downloads"}],
        "login": {"url": "%2", "fields": {%3}}})")
                      .arg(m_server->url(QStringLiteral("/dashboard")).toString(),
                           m_server->url(QStringLiteral("/login")).toString(), fields));
}

void TestHtmlSource::blog_countOfPostsIsTheSumAcrossPages()
{
    m_server->route("/blog", [](const RecordedRequest &r) {
        if (r.target == "/blog")
            return html(blogPage(1, 3, "/blog?page=2"));
        if (r.target == "/blog?page=2")
            return html(blogPage(2, 3, "?page=3"));
        if (r.target == "/blog?page=3")
            return html(blogPage(3, 1, {}));
        return html("not found", 404);
    });
    const auto config = source(QStringLiteral(R"({"id": "blog", "type": "html", "url": "%1",
        "nextPage": {"css": "a[rel=next]", "maxPages": 10},
        "metrics": [{"key": "BLOG_POSTS", "css": "article.post", "extract": "count"},
                    {"key": "BLOG_COMMENTS", "css": "article .comments", "extract": "sum"}]})")
                                   .arg(m_server->url(QStringLiteral("/blog")).toString()));
    const SourceOutcome outcome = run(config);
    QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->message : QString()));
    QCOMPARE(outcome.values.size(), 2);
    QCOMPARE(outcome.values[0].key, QStringLiteral("BLOG_POSTS"));
    QCOMPARE(outcome.values[0].value, 7.0);
    QCOMPARE(outcome.values[1].value, 6.0 + 6.0 + 1.0);
    QCOMPARE(m_server->requestCount("/blog"), 3);
    QCOMPARE(outcome.evidence.size(), 2);
    QCOMPARE(outcome.evidence[0].matches, 7);
    QCOMPARE(outcome.evidence[0].pages, 3);
    QCOMPARE(outcome.evidence[0].samples.size(), 5);
    QCOMPARE(outcome.evidence[0].samples[0],
             QStringLiteral("Post 1.01")); // textContent: no space between h2 and span

    // Every page was kept for `reextract`, and extracting from them again, without the
    // network, gives the run's values; a changed selector gives its own.
    QCOMPARE(outcome.rawPages.size(), 3);
    QVERIFY(outcome.rawPages[1].url.endsWith(QStringLiteral("/blog?page=2")));
    const sources::Extraction again = HtmlSource::extract(config, outcome.rawPages);
    QVERIFY(!again.error);
    QCOMPARE(again.values.size(), 2);
    QCOMPARE(again.values[0].value, 7.0);
    QCOMPARE(again.values[1].value, 13.0);
    workspace::SourceConfig fixed = config;
    fixed.metrics[0].html.css = QStringLiteral("p.subscribers"); // one per page
    QCOMPARE(HtmlSource::extract(fixed, outcome.rawPages).values[0].value, 3.0);
}

void TestHtmlSource::blog_textAndNumberComeFromTheFirstPage()
{
    m_server->route("/blog", [](const RecordedRequest &r) {
        return html(r.target == "/blog" ? blogPage(1, 2, "/blog?page=2") : blogPage(2, 2, {}));
    });
    const auto config = source(QStringLiteral(R"~({"id": "blog", "type": "html", "url": "%1",
        "nextPage": {"css": "a.next"},
        "metrics": [{"key": "SUBSCRIBERS", "css": "p.subscribers", "regex": "Subscribers: (\\S+)"},
                    {"key": "NEXT", "css": "a.next", "extract": "attr:href"},
                    {"key": "POSTS", "xpath": "//article", "extract": "count"}]})~")
                                   .arg(m_server->url(QStringLiteral("/blog")).toString()));
    const SourceOutcome outcome = run(config);
    QVERIFY(!outcome.error);
    QCOMPARE(outcome.metricErrors.size(), 0);
    QCOMPARE(outcome.values[0].value, 1200.0);
    QCOMPARE(outcome.evidence[0].matches, 1);
    QCOMPARE(outcome.evidence[1].text, std::optional<QString>(QStringLiteral("/blog?page=2")));
    QCOMPARE(outcome.values[2].value, 4.0);
}

void TestHtmlSource::pagination_stopsAtMaxPages()
{
    int served = 0;
    m_server->route("/blog", [&served](const RecordedRequest &) {
        ++served;
        return html(blogPage(served, 2, "/blog?page=" + QByteArray::number(served + 1)));
    });
    const auto config = source(QStringLiteral(R"({"id": "blog", "type": "html", "url": "%1",
        "nextPage": {"css": "a[rel=next]", "maxPages": 2},
        "metrics": [{"key": "BLOG_POSTS", "css": "article.post", "extract": "count"}]})")
                                   .arg(m_server->url(QStringLiteral("/blog")).toString()));
    const SourceOutcome outcome = run(config);
    QVERIFY(!outcome.error);
    QCOMPARE(outcome.values[0].value, 4.0);
    QCOMPARE(served, 2);
}

void TestHtmlSource::pagination_stopsOnALoop()
{
    m_server->route("/blog", [](const RecordedRequest &r) {
        // Page 3's "next" goes back to page 1, as some archives wrap around.
        if (r.target == "/blog?page=2")
            return html(blogPage(2, 2, "/blog?page=3#top"));
        if (r.target == "/blog?page=3")
            return html(blogPage(3, 2, "/blog"));
        return html(blogPage(1, 2, "/blog?page=2"));
    });
    const auto config = source(QStringLiteral(R"({"id": "blog", "type": "html", "url": "%1",
        "nextPage": {"css": "a[rel=next]", "maxPages": 50},
        "metrics": [{"key": "BLOG_POSTS", "css": "article.post", "extract": "count"}]})")
                                   .arg(m_server->url(QStringLiteral("/blog")).toString()));
    const SourceOutcome outcome = run(config);
    QVERIFY(!outcome.error);
    QCOMPARE(outcome.values[0].value, 6.0);
    QCOMPARE(m_server->requestCount("/blog"), 3);
}

void TestHtmlSource::pagination_staysOnTheSameOrigin()
{
    FakeHttpServer other(QHostAddress(QStringLiteral("127.0.0.2")));
    other.route("/blog", [](const RecordedRequest &) { return html(blogPage(9, 9, {})); });
    const QByteArray elsewhere = other.url(QStringLiteral("/blog")).toEncoded();
    m_server->route(
        "/blog", [elsewhere](const RecordedRequest &) { return html(blogPage(1, 2, elsewhere)); });
    const auto config = source(QStringLiteral(R"({"id": "blog", "type": "html", "url": "%1",
        "nextPage": {"css": "a[rel=next]"},
        "metrics": [{"key": "BLOG_POSTS", "css": "article.post", "extract": "count"}]})")
                                   .arg(m_server->url(QStringLiteral("/blog")).toString()));
    const SourceOutcome outcome = run(config);
    QVERIFY(!outcome.error);
    QCOMPARE(outcome.values[0].value, 2.0);
    QCOMPARE(other.requests().size(), 0);
}

void TestHtmlSource::forbidden_isAnError()
{
    m_server->route("/stats",
                    [](const RecordedRequest &) { return html("<h1>Forbidden</h1>", 403); });
    const auto config = source(QStringLiteral(R"({"id": "stats", "type": "html", "url": "%1",
        "metrics": [{"key": "K", "css": "span"}]})")
                                   .arg(m_server->url(QStringLiteral("/stats")).toString()));
    const SourceOutcome outcome = run(config);
    QVERIFY(outcome.error);
    QCOMPARE(outcome.step, QStringLiteral("fetch"));
    QCOMPARE(outcome.httpStatus, 403);
    QVERIFY2(outcome.error->message.contains(QLatin1String("HTTP 403")),
             qPrintable(outcome.error->message));
    QVERIFY(outcome.values.isEmpty());
}

void TestHtmlSource::podcast_logsInWithTheCsrfTokenAndSavesTheSession()
{
    servePodcastHost();
    const SourceOutcome outcome = run(podcastSource(), podcastSecrets());
    QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->message : QString()));
    QCOMPARE(outcome.values.size(), 1);
    QCOMPARE(outcome.values[0].value, 12345.0);
    QCOMPARE(outcome.evidence[0].samples, QStringList{QStringLiteral("12,345")});

    // dashboard (→ login), login form, POST (→ dashboard with the cookie): nothing more.
    QStringList seen;
    for (const RecordedRequest &r : m_server->requests())
        seen.append(QString::fromLatin1(r.method + ' ' + r.target));
    QCOMPARE(seen, (QStringList{QStringLiteral("GET /dashboard"), QStringLiteral("GET /login"),
                                QStringLiteral("GET /login"), QStringLiteral("POST /login"),
                                QStringLiteral("GET /dashboard")}));
    const RecordedRequest &post = m_server->requests().at(3);
    QCOMPARE(post.body, QByteArray("authenticity_token=csrf-2-x9f&email=host%40example.com&"
                                   "password=correct+horse&remember_me=1"));
    QVERIFY(!outcome.error);
    const QString saved = m_secrets.values.value(QStringLiteral("session.podcast"));
    QVERIFY2(saved.contains(QLatin1String("_podcast_session=s1-7d1a")), qPrintable(saved));
}

void TestHtmlSource::podcast_secondRunReusesTheSession()
{
    servePodcastHost();
    QVERIFY(!run(podcastSource(), podcastSecrets()).error);
    const qsizetype before = m_server->requests().size();
    const SourceOutcome second = run(podcastSource(), podcastSecrets());
    QVERIFY(!second.error);
    QCOMPARE(second.values[0].value, 12345.0);
    QCOMPARE(m_server->requests().size(), before + 1); // the dashboard alone
    QCOMPARE(m_server->requests().constLast().target, QByteArray("/dashboard"));
    QCOMPARE(m_sessions.size(), 1);
}

void TestHtmlSource::podcast_expiredSessionLogsInAgainOnce()
{
    servePodcastHost();
    QVERIFY(!run(podcastSource(), podcastSecrets()).error);
    m_sessions.clear(); // the host expired every session
    const qsizetype before = m_server->requests().size();
    const SourceOutcome outcome = run(podcastSource(), podcastSecrets());
    QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->message : QString()));
    QCOMPARE(outcome.values[0].value, 12345.0);
    int posts = 0;
    for (qsizetype i = before; i < m_server->requests().size(); ++i)
        posts += m_server->requests().at(i).method == "POST";
    QCOMPARE(posts, 1);
    QVERIFY(m_secrets.values.value(QStringLiteral("session.podcast"))
                .contains(QLatin1String("_podcast_session=s1-7d1a")));
}

// Trying a source (`collect --dry-run`, the window's Test) changes nothing: it logs in and
// extracts, and the session it got is not kept.
void TestHtmlSource::podcast_dryRunKeepsNoSession()
{
    servePodcastHost();
    m_secrets.values.insert(QStringLiteral("podcast-password"), QStringLiteral("correct horse"));
    workspace::Workspace workspace;
    workspace.sources = {podcastSource()};
    pipeline::CollectOptions options;
    options.dryRun = true;
    pipeline::CollectRun run(workspace, options, nullptr, m_client.get(), &m_secrets,
                             Clock::system());
    const auto report = test::runToEnd(run);
    QCOMPARE(report.outcomes.size(), 1);
    const SourceOutcome &outcome = report.outcomes.constFirst();
    QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->message : QString()));
    QCOMPARE(outcome.values[0].value, 12345.0);
    QCOMPARE(m_server->requestCount("/login"), 3); // it did log in
    QVERIFY(!m_secrets.values.contains(QStringLiteral("session.podcast")));
    QCOMPARE(m_secrets.values.size(), 1);
}

// What matched is shown to people (Test, collect --dry-run): an account page that prints
// the token it was fetched with shows it scrubbed.
void TestHtmlSource::evidence_neverShowsACredentialThePageEchoes()
{
    m_server->route("/account", [](const RecordedRequest &) {
        return html("<html><body><p class=\"key\">Your API key: tok-9f8e7d6c5b4a</p>"
                    "<p class=\"plan\">Plan: team</p></body></html>");
    });
    const auto config = source(QStringLiteral(R"({"id": "acct", "type": "html", "url": "%1",
        "auth": {"type": "bearer", "secret": "acct-token"},
        "metrics": [{"key": "K", "css": "p", "extract": "count"},
                    {"key": "T", "css": "p.key", "extract": "text"}]})")
                                   .arg(m_server->url(QStringLiteral("/account")).toString()));
    const SourceOutcome outcome =
        run(config,
            {{QStringLiteral("acct-token"), secrets::Secret(QStringLiteral("tok-9f8e7d6c5b4a"))}});
    QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->message : QString()));
    QCOMPARE(outcome.evidence.size(), 2);
    QCOMPARE(outcome.evidence[0].samples.size(), 2);
    QCOMPARE(outcome.evidence[0].samples[1], QStringLiteral("Plan: team"));
    for (const auto &evidence : outcome.evidence) {
        for (const QString &sample : evidence.samples)
            QVERIFY2(!sample.contains(QLatin1String("9f8e7d6c5b4a")), qPrintable(sample));
        QVERIFY(!evidence.text.value_or(QString()).contains(QLatin1String("9f8e7d6c5b4a")));
    }
    QVERIFY(outcome.evidence[0].samples[0].startsWith(QStringLiteral("Your API key: ")));
}

void TestHtmlSource::podcast_wrongPasswordIsAClearError()
{
    servePodcastHost();
    const SourceOutcome outcome = run(podcastSource(), podcastSecrets(QStringLiteral("hunter2")));
    QVERIFY(outcome.error);
    QCOMPARE(outcome.step, QStringLiteral("login"));
    QVERIFY2(outcome.error->message.contains(QLatin1String("login did not work")),
             qPrintable(outcome.error->message));
    QVERIFY(!outcome.error->message.contains(QLatin1String("hunter2")));
    QCOMPARE(m_server->requestCount("/login"), 3); // one POST: no second try
    QVERIFY(!m_secrets.values.contains(QStringLiteral("session.podcast")));
}

void TestHtmlSource::podcast_fakeRejectsAMissingOrWrongCsrfToken()
{
    servePodcastHost();
    const auto post = [this](const QByteArray &body) {
        net::HttpRequest request;
        request.method = "POST";
        request.url = m_server->url(QStringLiteral("/login"));
        request.body = body;
        request.setHeader("Content-Type", "application/x-www-form-urlencoded");
        QPointer<net::HttpJob> job = m_client->send(request);
        QSignalSpy finished(job.data(), &net::HttpJob::finished);
        finished.wait(10000);
        return finished.constFirst().constFirst().value<Result<net::HttpResponse>>()->status;
    };
    QCOMPARE(post("email=host%40example.com&password=correct+horse&remember_me=1"), 403);
    QCOMPARE(post("authenticity_token=forged&email=host%40example.com&password=correct+horse&"
                  "remember_me=1"),
             403);
}

void TestHtmlSource::podcast_loginAnswering403IsAnError()
{
    servePodcastHost();
    m_server->route("/login", [](const RecordedRequest &r) {
        if (r.method == "POST")
            return html("<p>Forbidden</p>", 403);
        return html("<form method=post><input name=u><input type=password name=p></form>");
    });
    const SourceOutcome outcome =
        run(podcastSource(QStringLiteral(R"("u": "me", "p": {"secret": "podcast-password"})")),
            podcastSecrets());
    QVERIFY(outcome.error);
    QCOMPARE(outcome.step, QStringLiteral("login"));
    QCOMPARE(outcome.httpStatus, 403);
    QVERIFY2(outcome.error->message.startsWith(QLatin1String("the login did not work: HTTP 403")),
             qPrintable(outcome.error->message));
}

void TestHtmlSource::podcast_unknownFieldListsTheFormsFields()
{
    servePodcastHost();
    const SourceOutcome outcome =
        run(podcastSource(QStringLiteral(
                R"("username": "host", "password": {"secret": "podcast-password"})")),
            podcastSecrets());
    QVERIFY(outcome.error);
    QCOMPARE(outcome.step, QStringLiteral("login"));
    QCOMPARE(outcome.error->message,
             QStringLiteral("the login form has no field \"username\"; its fields are: "
                            "authenticity_token, email, password, remember_me, newsletter, "
                            "nickname, commit"));
    QCOMPARE(m_server->requestCount("/login"), 2); // no POST
}

void TestHtmlSource::podcast_missingLoginFormIsAnError()
{
    servePodcastHost();
    m_server->route("/login", [](const RecordedRequest &) { return html("<p>Maintenance</p>"); });
    const SourceOutcome outcome = run(podcastSource(), podcastSecrets());
    QVERIFY(outcome.error);
    QCOMPARE(outcome.step, QStringLiteral("login"));
    QVERIFY2(outcome.error->message.contains(QLatin1String("has no form with a password field")),
             qPrintable(outcome.error->message));
}

QTEST_GUILESS_MAIN(TestHtmlSource)
#include "TestHtmlSource.moc"
