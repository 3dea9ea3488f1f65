// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "extract/html/HtmlDocument.h"
#include "extract/html/HtmlExtractor.h"
#include "extract/html/HtmlSelector.h"

#include <QFile>
#include <QTest>

using kpi::Error;
using kpi::extract::HtmlDocument;
using kpi::extract::HtmlExtraction;
using kpi::extract::HtmlExtractor;
using kpi::extract::HtmlExtractSpec;
using kpi::extract::HtmlSelector;
using Mode = kpi::extract::HtmlExtractSpec::Mode;

Q_DECLARE_METATYPE(kpi::extract::HtmlExtractSpec::Mode)

namespace {

QByteArray fixture(const char *name)
{
    QFile file(QStringLiteral(KPI_HTML_FIXTURES "/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return file.readAll();
}

} // namespace

class TestHtmlExtractor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        auto parsed = HtmlDocument::parse(fixture("blog.html"), "text/html; charset=utf-8");
        KPI_VERIFY_OK(parsed);
        m_doc.emplace(std::move(parsed).value());
    }

    void extract_data()
    {
        QTest::addColumn<Mode>("mode");
        QTest::addColumn<QString>("selector"); // CSS, or XPath when it starts with '/'
        QTest::addColumn<QString>("attribute");
        QTest::addColumn<QString>("regex");
        QTest::addColumn<QChar>("decimal");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text"); // "-" for none
        QTest::addColumn<int>("matches");
        auto row = [](const char *name, Mode mode, const char *selector, const char *attribute,
                      const char *regex, QChar decimal, double value, const char *text,
                      int matches) {
            QTest::newRow(name) << mode << QString::fromUtf8(selector)
                                << QString::fromUtf8(attribute) << QString::fromUtf8(regex)
                                << decimal << value << QString::fromUtf8(text) << matches;
        };
        row("count", Mode::Count, "article.post h2 > a", "", "", u'.', 6, "-", 6);
        row("count of nothing is 0", Mode::Count, "article.draft", "", "", u'.', 0, "-", 0);
        row("count by XPath", Mode::Count, "//article[@data-views]", "", "", u'.', 3, "-", 3);
        row("text, white space normalised", Mode::Text, "h2 a", "", "", u'.', 0, "We launched!", 6);
        row("text across a line break", Mode::Text, "article:nth-child(2) h2", "", "", u'.', 0,
            "Beta is open", 1);
        row("text with a no-break space", Mode::Text, "article:nth-child(3) a", "", "", u'.', 0,
            "Hello world", 1);
        row("text skips script", Mode::Text, "article:nth-child(2)", "", "", u'.', 0,
            "Beta is open 300 views99,90 \u20ac", 1); // textContent: no space between spans
        row("text that is a number", Mode::Text, ".stats b", "", "", u'.', 1234, "1,234", 1);
        row("text with a regex group", Mode::Text, "h1", "", "^Our (\\w+)$", u'.', 0, "blog", 1);
        row("number", Mode::Number, ".stats b", "", "", u'.', 1234, "-", 1);
        row("number with k", Mode::Number, ".views", "", "([\\d.]+k?) views", u'.', 1200, "-", 6);
        row("number with a regex group", Mode::Number, ".stats", "", "([\\d.]+ %) growth", u'.',
            12.5, "-", 1);
        row("number with a whole-match regex", Mode::Number, ".stats", "", "\\d+,\\d+", u'.', 1234,
            "-", 1);
        row("number, decimal comma", Mode::Number, ".price", "", "(.*) \u20ac", u',', 1234.5, "-",
            3);
        row("number from an attribute", Mode::Number, "article", "data-views", "", u'.', 1200, "-",
            6);
        row("sum", Mode::Sum, ".views", "", "(\\S+) views", u'.', 1200 + 300 + 45 + 1 + 2 + 3, "-",
            6);
        row("sum, decimal comma", Mode::Sum, ".price", "", "([\\d.,]+)", u',', 1234.5 + 99.9 + 0.5,
            "-", 3);
        row("sum of attributes", Mode::Sum, "article[data-views]", "data-views", "", u'.', 1545,
            "-", 3);
        row("sum of nothing is 0", Mode::Sum, ".missing", "", "", u'.', 0, "-", 0);
        row("attribute", Mode::Attribute, "h2 > a", "href", "", u'.', 0, "/2026/11/launch", 6);
        row("attribute name in upper case", Mode::Attribute, "h2 > a", "HREF", "", u'.', 0,
            "/2026/11/launch", 6);
        row("attribute with a regex", Mode::Attribute, "h2 > a", "href", "/(\\d{4})/", u'.', 2026,
            "2026", 6);
        row("attribute node by XPath", Mode::Text, "//article[2]/@data-views", "", "", u'.', 300,
            "300", 1);
    }

    void extract()
    {
        QFETCH(Mode, mode);
        QFETCH(QString, selector);
        QFETCH(QString, attribute);
        QFETCH(QString, regex);
        QFETCH(QChar, decimal);
        QFETCH(double, value);
        QFETCH(QString, text);
        QFETCH(int, matches);
        HtmlExtractSpec spec;
        spec.mode = mode;
        auto compiled =
            selector.startsWith(u'/') ? HtmlSelector::xpath(selector) : HtmlSelector::css(selector);
        KPI_VERIFY_OK(compiled);
        spec.selector = *compiled;
        spec.attribute = attribute;
        if (!regex.isEmpty())
            spec.regex = QRegularExpression(regex);
        spec.decimalSeparator = decimal;
        const auto result = HtmlExtractor::extract(*m_doc, spec);
        KPI_VERIFY_OK(result);
        QCOMPARE(result->value, value);
        QCOMPARE(result->text.value_or(QStringLiteral("-")), text);
        QCOMPARE(result->matches, matches);
        QCOMPARE(result->samples.size(), qMin(matches, HtmlExtractor::MaxSamples));
    }

    void samples()
    {
        HtmlExtractSpec spec;
        spec.mode = Mode::Count;
        spec.selector = *HtmlSelector::css(QStringLiteral("h2"));
        const auto result = HtmlExtractor::extract(*m_doc, spec);
        KPI_VERIFY_OK(result);
        QCOMPARE(
            result->samples,
            (QStringList{QStringLiteral("We launched!"), QStringLiteral("Beta is open"),
                         QStringLiteral("Hello world"), QStringLiteral("A"), QStringLiteral("B")}));
    }

    void errors_data()
    {
        QTest::addColumn<Mode>("mode");
        QTest::addColumn<QString>("selector");
        QTest::addColumn<QString>("attribute");
        QTest::addColumn<QString>("regex");
        QTest::addColumn<Error::Code>("code");
        QTest::addColumn<QString>("message");
        auto row = [](const char *name, Mode mode, const char *selector, const char *attribute,
                      const char *regex, Error::Code code, const char *message) {
            QTest::newRow(name) << mode << QString::fromUtf8(selector)
                                << QString::fromUtf8(attribute) << QString::fromUtf8(regex) << code
                                << QString::fromUtf8(message);
        };
        row("number, nothing matched", Mode::Number, ".missing", "", "", Error::Code::Extract,
            "the selector matched nothing");
        row("text, nothing matched", Mode::Text, ".missing", "", "", Error::Code::Extract,
            "the selector matched nothing");
        row("number, not a number", Mode::Number, ".na", "", "", Error::Code::Extract,
            "\"n/a\" is not a number");
        row("number, empty", Mode::Number, ".empty", "", "", Error::Code::Extract,
            "\"\" is not a number");
        row("sum names the match", Mode::Sum, ".views", "", "", Error::Code::Extract,
            "\"1.2k views\" (match 1) is not a number");
        row("sum, missing attribute", Mode::Sum, "article", "data-views", "", Error::Code::Extract,
            "match 4 has no attribute \"data-views\"");
        row("attribute missing", Mode::Attribute, "h1", "href", "", Error::Code::Extract,
            "the first match has no attribute \"href\"");
        row("attribute mode without a name", Mode::Attribute, "h1", "", "",
            Error::Code::InvalidInput, "no attribute named to read");
        row("regex does not match", Mode::Number, ".stats b", "", "views: (\\d+)",
            Error::Code::Extract,
            "the regular expression \"views: (\\d+)\" does not match \"1,234\"");
        row("two capture groups", Mode::Number, ".stats b", "", "(\\d),(\\d+)",
            Error::Code::InvalidInput,
            "the regular expression \"(\\d),(\\d+)\" has 2 capture groups; use at most one (write "
            "(?:…) for the others)");
        row("invalid regex", Mode::Number, ".stats b", "", "(", Error::Code::InvalidInput,
            "invalid regular expression \"(\": missing closing parenthesis");
    }

    void errors()
    {
        QFETCH(Mode, mode);
        QFETCH(QString, selector);
        QFETCH(QString, attribute);
        QFETCH(QString, regex);
        QFETCH(Error::Code, code);
        QFETCH(QString, message);
        HtmlExtractSpec spec;
        spec.mode = mode;
        spec.selector = *HtmlSelector::css(selector);
        spec.attribute = attribute;
        if (!regex.isEmpty())
            spec.regex = QRegularExpression(regex);
        const auto result = HtmlExtractor::extract(*m_doc, spec);
        QVERIFY(!result);
        QCOMPARE(result.error().code, code);
        QCOMPARE(result.error().message, message);
    }

    void noSelector()
    {
        const HtmlExtractSpec spec; // default: Number, empty selector
        const auto result = HtmlExtractor::extract(*m_doc, spec);
        QVERIFY(!result);
    }

    void normalisedTextOfDeepTree()
    {
        // The text walk is iterative: 250 levels (libxml2's limit is 256) is no problem.
        QByteArray html;
        for (int i = 0; i < 250; ++i)
            html += "<span> x";
        auto doc = HtmlDocument::parse(html);
        KPI_VERIFY_OK(doc);
        QCOMPARE(HtmlExtractor::normalisedText(xmlDocGetRootElement(doc->handle())).size(),
                 250 * 2 - 1);
    }

private:
    std::optional<HtmlDocument> m_doc;
};

QTEST_GUILESS_MAIN(TestHtmlExtractor)
#include "TestHtmlExtractor.moc"
