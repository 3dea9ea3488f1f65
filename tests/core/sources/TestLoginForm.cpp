// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "extract/html/HtmlDocument.h"
#include "sources/LoginForm.h"

#include <QTest>

using kpi::extract::HtmlDocument;
using kpi::sources::FormSubmission;
using kpi::sources::LoginForm;

using Fields = QList<std::pair<QString, QString>>;

class TestLoginForm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void find_firstFormWithAPasswordUnlessASelectorIsGiven();
    void submit_keepsWhatABrowserSends();
    void submit_getPutsTheFieldsInTheQuery();
    void submit_multipart();
    void submit_textPlain();
    void submit_unknownFieldListsTheFields();
    void urlEncode_likeBrowsers();

private:
    static FormSubmission
    submit(const QByteArray &html, const Fields &fields = {},
           const QUrl &page = QUrl(QStringLiteral("https://x.example/a/login?next=1")));
};

FormSubmission TestLoginForm::submit(const QByteArray &html, const Fields &fields, const QUrl &page)
{
    auto doc = HtmlDocument::parse(html, "text/html; charset=utf-8");
    if (!doc)
        return {};
    xmlNodePtr form = LoginForm::find(*doc, {});
    if (!form)
        return {};
    auto submission = LoginForm::submit(form, page, fields);
    return submission ? *submission : FormSubmission{};
}

void TestLoginForm::find_firstFormWithAPasswordUnlessASelectorIsGiven()
{
    const auto doc = HtmlDocument::parse("<form id=search><input name=q></form>"
                                         "<form id=login><input type=PASSWORD name=p></form>"
                                         "<form id=other><input type=password name=p2></form>");
    KPI_VERIFY_OK(doc);
    xmlNodePtr first = LoginForm::find(*doc, {});
    QVERIFY(first);
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(xmlGetProp(first, BAD_CAST "id"))),
             QByteArray("login"));
    xmlNodePtr chosen = LoginForm::find(*doc, QStringLiteral("form#other"));
    QVERIFY(chosen);
    QVERIFY(chosen != first);
    const auto none = HtmlDocument::parse("<form><input name=q></form>");
    QVERIFY(!LoginForm::find(*none, {}));
}

void TestLoginForm::submit_keepsWhatABrowserSends()
{
    const FormSubmission s =
        submit("<form method=POST action='../session'>"
               "<input type=hidden name=csrf value='t0k=n'>"
               "<input name=user value='preset'>"
               "<input type=password name=pw>"
               "<input type=checkbox name=remember checked>"
               "<input type=checkbox name=spam value=yes>"
               "<input type=radio name=plan value=a><input type=radio name=plan value=b checked>"
               "<select name=lang><option value=de>Deutsch<option selected>English</select>"
               "<select name=tz><option disabled>--<option value=utc>UTC</select>"
               "<textarea name=note>\nhello</textarea>"
               "<input name=off disabled value=1>"
               "<fieldset disabled><input name=infs value=1></fieldset>"
               "<input type=file name=f><input type=submit name=go value=Go>"
               "<button name=b value=1>B</button><input value=noname>"
               "</form>",
               {{QStringLiteral("pw"), QStringLiteral("s3cret pw")}});
    QCOMPARE(s.method, QByteArray("POST"));
    QCOMPARE(s.url, QUrl(QStringLiteral("https://x.example/session")));
    QCOMPARE(s.contentType, QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(s.body, QByteArray("csrf=t0k%3Dn&user=preset&pw=s3cret+pw&remember=on&plan=b&"
                                "lang=English&tz=utc&note=hello"));
}

void TestLoginForm::submit_getPutsTheFieldsInTheQuery()
{
    const FormSubmission s = submit("<form action='/go?old=1#frag'><input name=u>"
                                    "<input type=password name=p></form>",
                                    {{QStringLiteral("u"), QStringLiteral("a b")}});
    QCOMPARE(s.method, QByteArray("GET"));
    QCOMPARE(s.url.toString(), QStringLiteral("https://x.example/go?u=a+b&p="));
    QVERIFY(s.body.isEmpty());
    // No action: the page itself.
    const FormSubmission self = submit("<form method=post><input type=password name=p></form>");
    QCOMPARE(self.url, QUrl(QStringLiteral("https://x.example/a/login?next=1")));
}

void TestLoginForm::submit_multipart()
{
    const FormSubmission s =
        submit("<form method=post enctype='multipart/form-data'><input type=hidden name=t value=1>"
               "<input type=password name=p></form>",
               {{QStringLiteral("p"), QStringLiteral("pw")}});
    QVERIFY(s.contentType.startsWith("multipart/form-data; boundary="));
    const QByteArray boundary = s.contentType.mid(s.contentType.indexOf('=') + 1);
    QCOMPARE(s.body,
             "--" + boundary + "\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\n1\r\n--" +
                 boundary + "\r\nContent-Disposition: form-data; name=\"p\"\r\n\r\npw\r\n--" +
                 boundary + "--\r\n");
}

void TestLoginForm::submit_textPlain()
{
    const FormSubmission s = submit("<form method=post enctype=TEXT/PLAIN><input name=u value=me>"
                                    "<input type=password name=p></form>",
                                    {{QStringLiteral("p"), QStringLiteral("pw")}});
    QCOMPARE(s.contentType, QByteArray("text/plain;charset=UTF-8"));
    QCOMPARE(s.body, QByteArray("u=me\r\np=pw\r\n"));
}

void TestLoginForm::submit_unknownFieldListsTheFields()
{
    const auto doc =
        HtmlDocument::parse("<form><input name=email><input type=password name=password></form>");
    const auto s =
        LoginForm::submit(LoginForm::find(*doc, {}), QUrl(QStringLiteral("https://x.example/")),
                          {{QStringLiteral("user"), QStringLiteral("me")}});
    QVERIFY(!s);
    QCOMPARE(
        s.error().message,
        QStringLiteral("the login form has no field \"user\"; its fields are: email, password"));
}

void TestLoginForm::urlEncode_likeBrowsers()
{
    QCOMPARE(LoginForm::urlEncode({{QStringLiteral("a b"), QStringLiteral("x&y=z~*ü+")}}),
             QByteArray("a+b=x%26y%3Dz%7E*%C3%BC%2B"));
}

QTEST_GUILESS_MAIN(TestLoginForm)
#include "TestLoginForm.moc"
