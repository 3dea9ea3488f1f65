// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "extract/html/HtmlDocument.h"
#include "extract/html/HtmlExtractor.h"
#include "extract/html/HtmlSelector.h"

#include <QFile>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <type_traits>

using kpi::Error;
using kpi::extract::HtmlDocument;
using kpi::extract::HtmlExtractor;
using kpi::extract::HtmlSelector;
using Source = kpi::extract::HtmlDocument::CharsetSource;

Q_DECLARE_METATYPE(kpi::extract::HtmlDocument::CharsetSource)

static_assert(!std::is_copy_constructible_v<HtmlDocument>);
static_assert(std::is_nothrow_move_constructible_v<HtmlDocument>);

namespace {

QByteArray fixture(const char *name)
{
    QFile file(QStringLiteral(KPI_HTML_FIXTURES "/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return file.readAll();
}

QStringList texts(const HtmlDocument &doc, const char *css)
{
    QStringList out;
    const auto selector = HtmlSelector::css(QString::fromUtf8(css));
    if (!selector)
        return {QStringLiteral("bad selector: ") + selector.error().message};
    const auto nodes = selector->select(doc);
    for (xmlNodePtr node : *nodes)
        out << HtmlExtractor::normalisedText(node);
    return out;
}

QByteArray utf16(const QString &text, bool bigEndian, bool bom)
{
    QByteArray out;
    if (bom)
        out += bigEndian ? QByteArray("\xFE\xFF") : QByteArray("\xFF\xFE");
    for (QChar c : text) {
        const char hi = char(c.unicode() >> 8), lo = char(c.unicode() & 0xFF);
        out += bigEndian ? QByteArray{&hi, 1} + QByteArray{&lo, 1}
                         : QByteArray{&lo, 1} + QByteArray{&hi, 1};
    }
    return out;
}

QByteArray nested(int depth)
{
    QByteArray html = "<html><body>";
    html.reserve(depth * 11 + 100);
    for (int i = 0; i < depth; ++i)
        html += "<div>";
    html += "<p id=t>deep</p>";
    for (int i = 0; i < depth; ++i)
        html += "</div>";
    html += "<p id=after>after</p></body></html>";
    return html;
}

} // namespace

class TestHtmlDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void charset_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QString>("charset");
        QTest::addColumn<Source>("source");
        QTest::addColumn<QString>("text");
        const QString cafe = QStringLiteral("caf\u00e9");
        const QByteArray latinMeta = "<meta charset=iso-8859-1>";
        QTest::newRow("UTF-8 by default") << QByteArray("<p id=t>caf\xc3\xa9</p>") << QByteArray()
                                          << "UTF-8" << Source::Default << cafe;
        QTest::newRow("meta charset, Latin-1 read as windows-1252")
            << latinMeta + "<p id=t>caf\xe9 \x80</p>" << QByteArray() << "windows-1252"
            << Source::MetaTag << cafe + QStringLiteral(" \u20ac");
        QTest::newRow("meta http-equiv")
            << QByteArray("<head><META HTTP-EQUIV='Content-Type' CONTENT='text/html; "
                          "charset=windows-1252'></head><p id=t>caf\xe9</p>")
            << QByteArray() << "windows-1252" << Source::MetaTag << cafe;
        QTest::newRow("meta in a comment is ignored")
            << "<!-- " + latinMeta + " --><p id=t>caf\xc3\xa9</p>" << QByteArray() << "UTF-8"
            << Source::Default << cafe;
        QTest::newRow("meta after <body> is ignored")
            << "<body>" + latinMeta + "<p id=t>caf\xc3\xa9</p>" << QByteArray() << "UTF-8"
            << Source::Default << cafe;
        QTest::newRow("meta utf-16 means UTF-8")
            << QByteArray("<meta charset=utf-16><p id=t>caf\xc3\xa9</p>") << QByteArray() << "UTF-8"
            << Source::MetaTag << cafe;
        QTest::newRow("header beats meta")
            << latinMeta + "<p id=t>caf\xc3\xa9</p>" << QByteArray("text/html; charset=utf-8")
            << "UTF-8" << Source::HttpHeader << cafe;
        QTest::newRow("header Latin-1 beats meta UTF-8")
            << QByteArray("<meta charset=utf-8><p id=t>caf\xe9</p>")
            << QByteArray("text/html;charset=\"ISO-8859-1\"") << "windows-1252"
            << Source::HttpHeader << cafe;
        QTest::newRow("unknown header label, then meta")
            << latinMeta + "<p id=t>caf\xe9</p>" << QByteArray("text/html; charset=x-bogus")
            << "windows-1252" << Source::MetaTag << cafe;
        QTest::newRow("BOM beats header and meta")
            << "\xEF\xBB\xBF" + latinMeta + "<p id=t>caf\xc3\xa9</p>"
            << QByteArray("text/html; charset=iso-8859-1") << "UTF-8" << Source::ByteOrderMark
            << cafe;
        QTest::newRow("UTF-16LE BOM") << utf16(QStringLiteral("<p id=t>caf\u00e9</p>"), false, true)
                                      << QByteArray("text/html; charset=iso-8859-1") << "UTF-16LE"
                                      << Source::ByteOrderMark << cafe;
        QTest::newRow("UTF-16BE BOM")
            << utf16(QStringLiteral("<p id=t>caf\u00e9</p>"), true, true) << QByteArray()
            << "UTF-16BE" << Source::ByteOrderMark << cafe;
        QTest::newRow("UTF-16LE by header")
            << utf16(QStringLiteral("<p id=t>caf\u00e9</p>"), false, false)
            << QByteArray("text/html; charset=utf-16le") << "UTF-16LE" << Source::HttpHeader
            << cafe;
        QTest::newRow("Shift_JIS by header")
            << QByteArray("<p id=t>\x93\xfa\x96\x7b</p>")
            << QByteArray("text/html; charset=Shift_JIS") << "Shift_JIS" << Source::HttpHeader
            << QStringLiteral("\u65e5\u672c");
        QTest::newRow("undeclared and not UTF-8: windows-1252")
            << QByteArray("<p id=t>caf\xe9</p>") << QByteArray() << "windows-1252"
            << Source::Default << cafe;
        QTest::newRow("declared UTF-8 with a stray byte: U+FFFD")
            << "<p id=t>caf\xe9</p>" + QByteArray(200, 'x')
            << QByteArray("text/html; charset=UTF-8") << "UTF-8" << Source::HttpHeader
            << QStringLiteral("caf\ufffd");
        QTest::newRow("Latin-1 fixture") << fixture("latin1.html") << QByteArray() << "windows-1252"
                                         << Source::MetaTag << QStringLiteral("12,50 \u20ac");
    }

    void charset()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(QString, charset);
        QFETCH(Source, source);
        QFETCH(QString, text);
        const auto doc = HtmlDocument::parse(body, contentType);
        KPI_VERIFY_OK(doc);
        QCOMPARE(doc->charset(), charset);
        QCOMPARE(doc->charsetSource(), source);
        const QStringList found = texts(*doc, "#t, #price");
        QCOMPARE(found.value(0), text);
    }

    void latin1Fixture()
    {
        const auto doc = HtmlDocument::parse(fixture("latin1.html"));
        KPI_VERIFY_OK(doc);
        QCOMPARE(texts(*doc, "#name"), QStringList{QStringLiteral("Cr\u00e8me br\u00fbl\u00e9e")});
        QCOMPARE(texts(*doc, "title"), QStringList{QStringLiteral("Caf\u00e9")});
    }

    void contentTypeCharset_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("charset");
        QTest::newRow("none") << QByteArray("text/html") << QByteArray();
        QTest::newRow("plain") << QByteArray("text/html; charset=utf-8") << QByteArray("utf-8");
        QTest::newRow("quoted") << QByteArray("text/html; charset=\"UTF-8\"")
                                << QByteArray("UTF-8");
        QTest::newRow("spaces, upper case")
            << QByteArray("text/html ; CHARSET = ISO-8859-1 ; x=y") << QByteArray("ISO-8859-1");
        QTest::newRow("empty") << QByteArray() << QByteArray();
    }

    void contentTypeCharset()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, charset);
        QCOMPARE(HtmlDocument::charsetFromContentType(header), charset);
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray() << QByteArray() << "the page is empty";
        QTest::newRow("white space only")
            << QByteArray(" \r\n\t") << QByteArray() << "the page is empty";
        QTest::newRow("NUL byte") << QByteArray("<html>\0<p>", 10) << QByteArray()
                                  << "binary content, not HTML: a NUL byte at offset 6";
        QTest::newRow("PNG") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)
                             << QByteArray("text/html")
                             << "binary content, not HTML: a NUL byte at offset 8";
        QByteArray noise; // no NUL, many control bytes
        quint32 seed = 42;
        for (int i = 0; i < 4096; ++i) {
            seed = seed * 1664525u + 1013904223u;
            noise += char(1 + (seed >> 24) % 255);
        }
        QTest::newRow("noise without NUL") << noise << QByteArray() << "binary content, not HTML: ";
        QByteArray invalid = "<p>";
        for (int i = 0; i < 100; ++i)
            invalid += "\xff\xc3x";
        QTest::newRow("declared UTF-8, not decodable")
            << invalid << QByteArray("text/html; charset=utf-8")
            << "the page is not decodable as UTF-8 (declared by the Content-Type header): 200 "
               "invalid byte sequences in 303 bytes";
        QTest::newRow("UTF-16 with a NUL character")
            << utf16(QStringLiteral("<p>a"), false, true) + QByteArray(2, '\0') << QByteArray()
            << "binary content, not HTML: a NUL character at position 5 (decoded as UTF-16LE)";
        QTest::newRow("100,000 levels of nesting")
            << nested(100000) << QByteArray()
            << "the page nests elements more than 256 levels deep, libxml2's limit; refused rather "
               "than cut short";
    }

    void refused()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(QString, message);
        const auto doc = HtmlDocument::parse(body, contentType);
        QVERIFY(!doc);
        QCOMPARE(doc.error().code, Error::Code::Parse);
        QVERIFY2(doc.error().message.startsWith(message), qPrintable(doc.error().message));
    }

    void nestingWithinTheLimit()
    {
        const auto doc = HtmlDocument::parse(nested(250));
        KPI_VERIFY_OK(doc);
        QCOMPARE(texts(*doc, "#t"), QStringList{QStringLiteral("deep")});
        QCOMPARE(texts(*doc, "#after"), QStringList{QStringLiteral("after")});
        QCOMPARE(HtmlSelector::css(QStringLiteral("div"))->select(*doc)->size(), 250);
    }

    void brokenHtmlRecovered()
    {
        const auto doc = HtmlDocument::parse(fixture("broken.html"));
        KPI_VERIFY_OK(doc);
        QCOMPARE(texts(*doc, "title"), QStringList{QStringLiteral("Broken page")});
        QCOMPARE(texts(*doc, "td"),
                 (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")}));
        QCOMPARE(texts(*doc, "tr"), (QStringList{QStringLiteral("12"), QStringLiteral("3")}));
        QCOMPARE(texts(*doc, "li"), (QStringList{QStringLiteral("one"), QStringLiteral("two"),
                                                 QStringLiteral("three")}));
        QCOMPARE(texts(*doc, ".post h2"),
                 (QStringList{QStringLiteral("Post A"), QStringLiteral("Post B")}));
        QCOMPARE(texts(*doc, "#content > p").value(0), QStringLiteral("unclosed paragraph"));
        // Known entities decoded, an unknown one kept as written.
        QCOMPARE(texts(*doc, "p").constLast(), QStringLiteral("after & &bogus; A"));
    }

    void entityBombNotExpanded()
    {
        QByteArray bomb = "<!DOCTYPE html [\n<!ENTITY lol \"lol\">\n";
        for (int i = 1; i <= 9; ++i) {
            bomb += "<!ENTITY lol" + QByteArray::number(i) + " \"";
            for (int k = 0; k < 10; ++k)
                bomb += "&lol" + (i == 1 ? QByteArray() : QByteArray::number(i - 1)) + ";";
            bomb += "\">\n";
        }
        bomb += "]>\n<html><body><p id=t>&lol9;</p></body></html>";
        const auto doc = HtmlDocument::parse(bomb);
        KPI_VERIFY_OK(doc);
        QCOMPARE(texts(*doc, "#t"), QStringList{QStringLiteral("&lol9;")});
        // Nothing anywhere in the document grew: the whole text is about the input's size.
        QVERIFY(HtmlExtractor::normalisedText(reinterpret_cast<xmlNodePtr>(doc->handle())).size() <
                bomb.size());
    }

    void externalEntityNotFetched()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile secret(dir.filePath(QStringLiteral("secret.txt")));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("TOP-SECRET-FILE");
        secret.close();
        QFile dtd(dir.filePath(QStringLiteral("evil.dtd")));
        QVERIFY(dtd.open(QIODevice::WriteOnly));
        dtd.write("<!ENTITY fromdtd \"FROM-DTD\">");
        dtd.close();
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const QByteArray port = QByteArray::number(server.serverPort());

        const QByteArray page = "<!DOCTYPE html SYSTEM \"http://127.0.0.1:" + port +
                                "/evil.dtd\" [\n<!ENTITY xxe SYSTEM \"file://" +
                                secret.fileName().toUtf8() +
                                "\">\n<!ENTITY net SYSTEM \"http://127.0.0.1:" + port +
                                "/x\">\n<!ENTITY % p SYSTEM \"file://" + dtd.fileName().toUtf8() +
                                "\"> %p;\n]>\n<html><body><p id=t>&xxe;|&net;|&fromdtd;</p>"
                                "<img src=\"http://127.0.0.1:" +
                                port + "/img.png\"></body></html>";
        const auto doc = HtmlDocument::parse(page);
        KPI_VERIFY_OK(doc);
        QCOMPARE(texts(*doc, "#t"), QStringList{QStringLiteral("&xxe;|&net;|&fromdtd;")});
        const QString all =
            HtmlExtractor::normalisedText(reinterpret_cast<xmlNodePtr>(doc->handle()));
        QVERIFY(!all.contains(QLatin1String("TOP-SECRET")));
        QVERIFY(!all.contains(QLatin1String("FROM-DTD")));
        // Parsing is synchronous: a connection attempt would be queued by now.
        QVERIFY(!server.waitForNewConnection(0));
        QVERIFY(!server.hasPendingConnections());
    }

    void movedDocumentKeepsItsTree()
    {
        auto parsed = HtmlDocument::parse(QByteArrayLiteral("<p id=t>kept</p>"));
        KPI_VERIFY_OK(parsed);
        HtmlDocument moved = std::move(parsed).value();
        QVERIFY(moved.handle());
        HtmlDocument again = std::move(moved);
        QCOMPARE(texts(again, "#t"), QStringList{QStringLiteral("kept")});
    }
};

QTEST_GUILESS_MAIN(TestHtmlDocument)
#include "TestHtmlDocument.moc"
