// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "extract/html/HtmlDocument.h"
#include "extract/html/HtmlSelector.h"

#include <QFile>
#include <QTest>

using kpi::Error;
using kpi::extract::HtmlDocument;
using kpi::extract::HtmlSelector;

namespace {

QByteArray fixture(const char *name)
{
    QFile file(QStringLiteral(KPI_HTML_FIXTURES "/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return file.readAll();
}

// The matched nodes named by their id (or tag name), space-separated, in result order.
QString ids(const QList<xmlNodePtr> &nodes)
{
    QStringList names;
    for (xmlNodePtr node : nodes) {
        xmlChar *id = xmlGetProp(node, reinterpret_cast<const xmlChar *>("id"));
        names << QString::fromUtf8(reinterpret_cast<const char *>(id ? id : node->name));
        xmlFree(id);
    }
    return names.join(u' ');
}

} // namespace

class TestHtmlSelector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        auto parsed = HtmlDocument::parse(fixture("selectors.html"));
        KPI_VERIFY_OK(parsed);
        m_doc.emplace(std::move(parsed).value());
    }

    void css_data()
    {
        QTest::addColumn<QString>("selector");
        QTest::addColumn<QString>("expected");
        auto row = [](const char *name, const char *selector, const char *expected) {
            QTest::newRow(name) << QString::fromUtf8(selector) << QString::fromUtf8(expected);
        };
        row("type", "h2", "post1-h post2-h post3-h");
        row("type in upper case", "ARTICLE", "post1 post2 post3");
        row("universal child", "#nav > *", "nav-home nav-blog nav-ext");
        row("universal descendant", "ul *", "li1 li2 li3 li4 li5 li6 li7");
        row("class", ".post", "post1 post2 post3");
        row("class across a line break", ".external", "nav-ext");
        row("two classes", ".post.featured", "post1");
        row("class is a whole word", ".pos", "");
        row("class is case-sensitive", ".POST", "");
        row("id", "#post2", "post2");
        row("type, id, class", "article#post3.draft", "post3");
        row("id with a hex escape", "#post\\31 -h", "post1-h");
        row("id with a character escape", "#post1\\-likes", "post1-likes");
        row("escape to a control character matches nothing", "#\\1 post1, [id=\\f]", "");
        row("attribute present", "[rel]", "nav-ext");
        row("attribute name case-insensitive", "[REL]", "nav-ext");
        row("attribute equals, double quotes", "[data-id=\"2\"]", "post2");
        row("attribute equals, single quotes", "[data-id='2']", "post2");
        row("attribute equals, unquoted number", "[data-id=2]", "post2");
        row("attribute equals, identifier", "a[class=nav-link]", "nav-blog");
        row("attribute equals is exact", "[lang=en]", "post1");
        row("~= word", "[rel~=nofollow]", "nav-ext");
        row("~= not a part of a word", "[rel~=nofol]", "");
        row("~= empty matches nothing", "[rel~='']", "");
        row("^= prefix", "a[href^=\"/p/\"]", "post1-a post2-a");
        row("^= empty matches nothing", "a[href^='']", "");
        row("$= suffix", "a[href$=\".pdf\"]", "nav-ext");
        row("$= longer than the value", "a[href$='x/blog']", "");
        row("*= substring", "a[href*=example]", "nav-ext");
        row("|= exact or dash", "[lang|=en]", "html post1 post2");
        row("i flag", "[lang='EN-us' i]", "html");
        row("value with both quotes, escaped", "[title=\"it's \\\"quoted\\\"\"]", "post3");
        row("value with both quotes, single", "[title='it\\'s \"quoted\"']", "post3");
        row("descendant", "main a", "post1-a post2-a");
        row("descendant, three levels", "body main h2 span", "post2-s");
        row("child", "h2 > a", "post1-a post2-a");
        row("child without spaces", "article>h2", "post1-h post2-h post3-h");
        row("child does not skip levels", "article > a", "");
        row("adjacent sibling", "h2 + p", "post1-p1 post2-p1");
        row("adjacent sibling without spaces", "p+p", "post1-p2");
        row("adjacent sibling is the next element only", "h2 + span", "");
        row("general sibling", "h2 ~ span", "post1-likes post2-likes post3-likes");
        row("general sibling inside h2", "#post2-s ~ a", "post2-a");
        row("combinators chained", "article.featured > h2 + p ~ span", "post1-likes");
        row("descendant, child, sibling", "main article > h2 ~ span",
            "post1-likes post2-likes post3-likes");
        row("descendant, adjacent", "body h2 + p", "post1-p1 post2-p1");
        row("descendant, nth-child, sibling", "ul li:nth-child(2) ~ li", "li3 li4 li5 li6 li7");
        row("no duplicates", "body * *",
            "nav nav-home nav-blog nav-ext post1 post1-h post1-a post1-p1 post1-p2 post1-likes "
            "post2 post2-h post2-s post2-a post2-p1 post2-likes post3 post3-h post3-empty "
            "post3-likes li1 li2 li3 li4 li5 li6 li7 footer-p");
        row("first-child", "li:first-child", "li1");
        row("first-child of articles", "article:first-child", "post1");
        row("last-child", "li:last-child", "li7");
        row("only-child", "h2 > a:only-child", "post1-a");
        row("nth-child(2)", "li:nth-child(2)", "li2");
        row("nth-child(odd)", "li:nth-child(odd)", "li1 li3 li5 li7");
        row("nth-child(even)", "li:nth-child(even)", "li2 li4 li6");
        row("nth-child(EVEN)", "li:nth-child( EVEN )", "li2 li4 li6");
        row("nth-child(3n+1)", "li:nth-child(3n+1)", "li1 li4 li7");
        row("nth-child(2n - 1)", "li:nth-child(2n - 1)", "li1 li3 li5 li7");
        row("nth-child(-n+3)", "li:nth-child(-n+3)", "li1 li2 li3");
        row("nth-child(n+5)", "li:nth-child(n+5)", "li5 li6 li7");
        row("nth-child(-2n+5)", "li:nth-child(-2n+5)", "li1 li3 li5");
        row("nth-child(n)", "li:nth-child(n)", "li1 li2 li3 li4 li5 li6 li7");
        row("nth-child(0)", "li:nth-child(0)", "");
        row("nth-child(+4)", "li:nth-child(+4)", "li4");
        row("nth-last-child(1)", "li:nth-last-child(1)", "li7");
        row("nth-last-child(2n)", "li:nth-last-child(2n)", "li2 li4 li6");
        row("empty", "div:empty", "post3-empty");
        row("root", ":root", "html");
        row("not class", "article:not(.featured)", "post2 post3");
        row("not pseudo", "li:not(:nth-child(odd))", "li2 li4 li6");
        row("not list", ".nav-link:not(.active, .external)", "nav-blog");
        row("not type", "#post2-h > :not(a)", "post2-s");
        row("not attribute", "article:not([lang|=en])", "post3");
        row("list in document order", "#footer-p, #nav-home", "nav-home footer-p");
        row("list without duplicates", "h2 > a, a[href^='/p']", "post1-a post2-a");
        row("list of complex selectors", "#nav a:last-child, main h2 + p, li:nth-child(3)",
            "nav-ext post1-p1 post2-p1 li3");
        row("comment", "article /* the posts */ h2", "post1-h post2-h post3-h");
        row("leading and trailing space", "  li:last-child  ", "li7");
        row("non-ASCII text is no problem", "#footer-p", "footer-p");
    }

    void css()
    {
        QFETCH(QString, selector);
        QFETCH(QString, expected);
        const auto compiled = HtmlSelector::css(selector);
        KPI_VERIFY_OK(compiled);
        QVERIFY(compiled->isCss());
        QCOMPARE(compiled->source(), selector);
        const auto nodes = compiled->select(*m_doc);
        KPI_VERIFY_OK(nodes);
        QCOMPARE(ids(*nodes), expected);
    }

    void cssErrors_data()
    {
        QTest::addColumn<QString>("selector");
        QTest::addColumn<QString>("message");
        auto row = [](const char *selector, const char *message) {
            QTest::newRow(selector) << QString::fromUtf8(selector) << QString::fromUtf8(message);
        };
        row("", "at position 1: expected a selector, got the end");
        row("a,", "at position 3: expected a selector, got the end");
        row("a, ,b", "at position 4: expected a selector, got \",\"");
        row("a >", "at position 4: expected a selector, got the end");
        row("a > > b", "at position 5: expected a selector, got \">\"");
        row("div[", "at position 5: expected an attribute name, got the end");
        row("a[href=]", "at position 8: expected a value, got \"]\"");
        row("a[href",
            "at position 7: expected \"]\" or an operator (=, ~=, ^=, $=, *=, |=), got the end");
        row("a[href!=x]",
            "at position 7: expected \"]\" or an operator (=, ~=, ^=, $=, *=, |=), got \"!\"");
        row("a[href=x y]", "at position 10: expected \"]\", got \"y\"");
        row("[title='x", "at position 8: the string is not closed");
        row("li:nth-child(x)", "at position 14: expected an+b, odd or even");
        row("li:nth-child(2n+)", "at position 14: expected an+b, odd or even");
        row("li:nth-child(2", "at position 15: expected \")\", got the end");
        row("a:hover", "at position 2: unsupported pseudo-class \":hover\"");
        row("p::before", "at position 2: pseudo-elements (\"::\") are not supported");
        row("svg|a", "at position 4: namespaces (\"|\") are not supported");
        row("a $ b", "at position 3: expected a selector, got \"$\"");
        row("a$", "at position 2: unexpected \"$\"");
        row("a)", "at position 2: unexpected \")\"");
        row(".5x", "at position 2: expected a class name after \".\", got \"5\"");
        row("#", "at position 2: expected an id after \"#\", got the end");
        row(":not(a b)", "at position 8: expected \")\" closing :not(, got \"b\"");
        row(":not(", "at position 6: expected a selector, got the end");
    }

    void cssErrors()
    {
        QFETCH(QString, selector);
        QFETCH(QString, message);
        const auto compiled = HtmlSelector::css(selector);
        QVERIFY(!compiled);
        QCOMPARE(compiled.error().code, Error::Code::InvalidInput);
        QCOMPARE(compiled.error().message, message);
    }

    void translation()
    {
        // What libxml2 is given, for the simplest cases; the node sets above test the rest.
        QCOMPARE(HtmlSelector::css(QStringLiteral("article.post h2 > a"))->xpath(),
                 QStringLiteral("descendant::a[parent::h2[ancestor::article[contains(concat(' ',"
                                "normalize-space(@class),' '),' post ')][1]]]"));
        QCOMPARE(HtmlSelector::css(QStringLiteral("ul li ~ li"))->xpath(),
                 QStringLiteral("descendant::li[preceding-sibling::li[ancestor::ul[1]][1]]"));
        QCOMPARE(HtmlSelector::css(QStringLiteral("h2 + p"))->xpath(),
                 QStringLiteral("descendant::p[preceding-sibling::*[1][self::h2]]"));
        QCOMPARE(HtmlSelector::css(QStringLiteral("a, b > i"))->xpath(),
                 QStringLiteral("descendant::*[(self::a) or (self::i and parent::b)]"));
    }

    void xpath_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("expected");
        QTest::newRow("path") << QStringLiteral("//article[@data-id='2']/h2")
                              << QStringLiteral("post2-h");
        QTest::newRow("position") << QStringLiteral("(//li)[last()]") << QStringLiteral("li7");
        QTest::newRow("union in document order")
            << QStringLiteral("//footer | //nav") << QStringLiteral("nav footer");
        QTest::newRow("attribute nodes")
            << QStringLiteral("//h2/a/@href") << QStringLiteral("href href");
        QTest::newRow("namespace nodes are left out")
            << QStringLiteral("//nav/namespace::*") << QString();
        QTest::newRow("nothing") << QStringLiteral("//table") << QString();
    }

    void xpath()
    {
        QFETCH(QString, expression);
        QFETCH(QString, expected);
        const auto compiled = HtmlSelector::xpath(expression);
        KPI_VERIFY_OK(compiled);
        QCOMPARE(compiled->xpath(), expression);
        const auto nodes = compiled->select(*m_doc);
        KPI_VERIFY_OK(nodes);
        QCOMPARE(ids(*nodes), expected);
    }

    void xpathErrors()
    {
        const auto unclosed = HtmlSelector::xpath(QStringLiteral("//a[@href"));
        QVERIFY(!unclosed);
        QCOMPARE(unclosed.error().code, Error::Code::InvalidInput);
        QVERIFY2(unclosed.error().message.startsWith(QLatin1String("at position 10: ")),
                 qPrintable(unclosed.error().message));

        const auto empty = HtmlSelector::xpath(QStringLiteral("  "));
        QVERIFY(!empty);

        // Compiles, but is a number, not nodes; evaluateString gives it.
        const auto count = HtmlSelector::xpath(QStringLiteral("count(//li)"));
        KPI_VERIFY_OK(count);
        const auto nodes = count->select(*m_doc);
        QVERIFY(!nodes);
        QCOMPARE(nodes.error().message,
                 QStringLiteral("the XPath expression gives a number, not a set of nodes"));
        QCOMPARE(*count->evaluateString(*m_doc), QStringLiteral("7"));

        const auto unknownFunction = HtmlSelector::xpath(QStringLiteral("//a[frobnicate()]"));
        if (unknownFunction) { // libxml2 finds unknown functions when evaluating
            const auto evaluated = unknownFunction->select(*m_doc);
            QVERIFY(!evaluated);
            QCOMPARE(evaluated.error().code, Error::Code::Extract);
        }
    }

    void operationLimit()
    {
        auto selector = HtmlSelector::css(QStringLiteral("li:nth-child(odd)"));
        KPI_VERIFY_OK(selector);
        KPI_VERIFY_OK(selector->select(*m_doc));
        selector->setMaxOperations(20);
        const auto stopped = selector->select(*m_doc);
        QVERIFY(!stopped);
        QCOMPARE(stopped.error().code, Error::Code::Extract);
        QCOMPARE(stopped.error().message,
                 QStringLiteral("the selector takes too much work on this page (over 20 steps)"));
    }

    void emptySelector()
    {
        const HtmlSelector none;
        QVERIFY(none.isEmpty());
        QVERIFY(none.xpath().isEmpty());
        QVERIFY(!none.select(*m_doc));
    }

    void contextNode()
    {
        const auto post2 = HtmlSelector::css(QStringLiteral("#post2"))->select(*m_doc);
        QCOMPARE(post2->size(), 1);
        QCOMPARE(ids(*HtmlSelector::css(QStringLiteral("h2 a"))->select(*m_doc, post2->first())),
                 QStringLiteral("post2-a"));
        // As querySelectorAll: the subjects are inside the context, the rest may be above it.
        QCOMPARE(ids(*HtmlSelector::css(QStringLiteral("main h2"))->select(*m_doc, post2->first())),
                 QStringLiteral("post2-h"));
        QCOMPARE(ids(*HtmlSelector::css(QStringLiteral("body main h2 *"))
                          ->select(*m_doc, post2->first())),
                 QStringLiteral("post2-s post2-a"));
        QCOMPARE(ids(*HtmlSelector::css(QStringLiteral("#post2, #post2 > p"))
                          ->select(*m_doc, post2->first())),
                 QStringLiteral("post2-p1"));
        QCOMPARE(ids(*HtmlSelector::xpath(QStringLiteral("./p"))->select(*m_doc, post2->first())),
                 QStringLiteral("post2-p1"));
    }

    void reusedAcrossDocuments()
    {
        const auto selector = HtmlSelector::css(QStringLiteral("li:nth-child(2n)"));
        KPI_VERIFY_OK(selector);
        const auto other = HtmlDocument::parse(QByteArrayLiteral("<ul><li id=a><li id=b></ul>"));
        KPI_VERIFY_OK(other);
        QCOMPARE(ids(*selector->select(*other)), QStringLiteral("b"));
        QCOMPARE(ids(*selector->select(*m_doc)), QStringLiteral("li2 li4 li6"));
        const HtmlSelector copy = *selector; // shares the compiled expression
        QCOMPARE(copy.xpath(), selector->xpath());
        QCOMPARE(ids(*copy.select(*other)), QStringLiteral("b"));
    }

private:
    std::optional<HtmlDocument> m_doc;
};

QTEST_GUILESS_MAIN(TestHtmlSelector)
#include "TestHtmlSelector.moc"
