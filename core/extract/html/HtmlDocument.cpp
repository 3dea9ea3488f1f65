// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "extract/html/HtmlDocument.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QStringDecoder>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xpath.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>

namespace kpi::extract {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::extract::HtmlDocument", text);
}

// libxml2 takes an int length.
constexpr qsizetype MaxBodyBytes = qsizetype(1) << 30;
// How far into the page a <meta> charset is looked for (WHATWG says 1024 bytes; browsers
// that find one later re-decode, so looking further is closer to what a user sees).
constexpr qsizetype MetaScanBytes = 64 * 1024;

// No network, no DTD, no entity substitution (neither XML_PARSE_NOENT nor
// XML_PARSE_DTDLOAD), no XML_PARSE_HUGE (keeps libxml2's depth and size limits), and the
// page's own charset declarations ignored: the bytes handed over are already UTF-8.
constexpr int ParseOptions = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                             HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// WHATWG label -> the name we decode with; empty when unknown.
QString canonicalCharset(QByteArray label)
{
    label = label.trimmed().toLower();
    if (label.isEmpty())
        return {};
    static const char *const utf8[] = {"utf-8", "utf8", "unicode-1-1-utf-8", "unicode20utf8",
                                       "x-unicode20utf8"};
    static const char *const utf16le[] = {"utf-16le",  "utf-16",          "unicode",    "ucs-2",
                                          "csunicode", "iso-10646-ucs-2", "unicodefeff"};
    static const char *const utf16be[] = {"utf-16be", "unicodefffe"};
    static const char *const latin1[] = {
        "windows-1252",   "cp1252",          "x-cp1252", "iso-8859-1", "iso8859-1",  "iso_8859-1",
        "iso88591",       "iso_8859-1:1987", "latin1",   "l1",         "us-ascii",   "ascii",
        "ansi_x3.4-1968", "cp819",           "ibm819",   "iso-ir-100", "csisolatin1"};
    for (const char *l : utf8)
        if (label == l)
            return QStringLiteral("UTF-8");
    for (const char *l : utf16le)
        if (label == l)
            return QStringLiteral("UTF-16LE");
    for (const char *l : utf16be)
        if (label == l)
            return QStringLiteral("UTF-16BE");
    for (const char *l : latin1)
        if (label == l)
            return QStringLiteral("windows-1252");
    // Anything else ICU knows (Qt's QStringDecoder uses ICU): Shift_JIS, GBK, KOI8-R …
    QStringDecoder decoder(label.constData());
    return decoder.isValid() ? QString::fromLatin1(decoder.name()) : QString();
}

// The value of `charset=` in a Content-Type header or a meta's content attribute.
QByteArray charsetParameter(const QByteArray &value)
{
    const QByteArray lowered = value.toLower();
    qsizetype at = 0;
    while ((at = lowered.indexOf("charset", at)) >= 0) {
        qsizetype i = at + 7;
        while (i < value.size() && isSpace(value[i]))
            ++i;
        if (i >= value.size() || value[i] != '=') {
            at = i;
            continue;
        }
        ++i;
        while (i < value.size() && isSpace(value[i]))
            ++i;
        if (i < value.size() && (value[i] == '"' || value[i] == '\'')) {
            const char quote = value[i];
            const qsizetype end = value.indexOf(quote, i + 1);
            return end < 0 ? QByteArray() : value.mid(i + 1, end - i - 1);
        }
        qsizetype end = i;
        while (end < value.size() && !isSpace(value[end]) && value[end] != ';')
            ++end;
        return value.mid(i, end - i);
    }
    return {};
}

// A simplified WHATWG "prescan a byte stream to determine its encoding": <meta charset>
// and <meta http-equiv="content-type" content="…charset=…"> before <body>, comments skipped.
QByteArray metaCharset(QByteArrayView bytes)
{
    const qsizetype n = qMin(bytes.size(), MetaScanBytes);
    const char *p = bytes.data();
    qsizetype i = 0;
    auto startsWith = [&](qsizetype at, const char *word) {
        for (qsizetype k = 0; word[k]; ++k)
            if (at + k >= n || lower(p[at + k]) != word[k])
                return false;
        return true;
    };
    while (i < n) {
        if (p[i] != '<') {
            ++i;
            continue;
        }
        if (startsWith(i, "<!--")) {
            const qsizetype end = QByteArrayView(p + i + 4, n - i - 4).indexOf("-->");
            if (end < 0)
                return {};
            i += 4 + end + 3;
            continue;
        }
        if (startsWith(i, "<body"))
            return {};
        const bool meta =
            startsWith(i, "<meta") && i + 5 < n && (isSpace(p[i + 5]) || p[i + 5] == '/');
        if (!meta && !(i + 1 < n && (std::isalpha(uchar(p[i + 1])) || p[i + 1] == '/' ||
                                     p[i + 1] == '!' || p[i + 1] == '?'))) {
            ++i;
            continue;
        }
        // Attributes, with quotes respected, up to the tag's '>'.
        i += meta ? 5 : 1;
        QByteArray charset, httpEquiv, content;
        while (i < n && p[i] != '>') {
            while (i < n && (isSpace(p[i]) || p[i] == '/'))
                ++i;
            qsizetype nameStart = i;
            while (i < n && !isSpace(p[i]) && p[i] != '=' && p[i] != '>' && p[i] != '/')
                ++i;
            const QByteArray name = QByteArray(p + nameStart, i - nameStart).toLower();
            while (i < n && isSpace(p[i]))
                ++i;
            QByteArray value;
            if (i < n && p[i] == '=') {
                ++i;
                while (i < n && isSpace(p[i]))
                    ++i;
                if (i < n && (p[i] == '"' || p[i] == '\'')) {
                    const char quote = p[i++];
                    const qsizetype start = i;
                    while (i < n && p[i] != quote)
                        ++i;
                    value = QByteArray(p + start, i - start);
                    ++i;
                } else {
                    const qsizetype start = i;
                    while (i < n && !isSpace(p[i]) && p[i] != '>')
                        ++i;
                    value = QByteArray(p + start, i - start);
                }
            }
            if (name.isEmpty() && value.isEmpty() && i < n && p[i] != '>')
                ++i; // a stray character; go on
            if (!meta)
                continue;
            if (name == "charset" && charset.isEmpty())
                charset = value;
            else if (name == "http-equiv")
                httpEquiv = value.trimmed().toLower();
            else if (name == "content")
                content = value;
        }
        if (meta) {
            if (!charset.isEmpty())
                return charset;
            if (httpEquiv == "content-type") {
                const QByteArray fromContent = charsetParameter(content);
                if (!fromContent.isEmpty())
                    return fromContent;
            }
        }
        ++i;
    }
    return {};
}

bool isBadControl(uint c)
{
    return c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r';
}

struct Utf8Scan
{
    qsizetype invalid = 0;  // undecodable sequences
    qsizetype controls = 0; // C0 controls other than tab, LF, FF, CR
};

// One pass over the bytes: UTF-8 validity and control characters, eight ASCII bytes at a
// time where it can (most of a page).
Utf8Scan scanUtf8(const unsigned char *p, qsizetype n)
{
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    Utf8Scan scan;
    qsizetype i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            // No byte >= 0x80 and no byte < 0x20.
            if (!(w & highs) && !((w - ones * 0x20) & ~w & highs)) {
                i += 8;
                continue;
            }
        }
        const unsigned c = p[i];
        if (c < 0x80) {
            if (isBadControl(c))
                ++scan.controls;
            ++i;
            continue;
        }
        int length;
        std::uint32_t cp, minimum;
        if ((c & 0xE0) == 0xC0) {
            length = 2, cp = c & 0x1F, minimum = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3, cp = c & 0x0F, minimum = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4, cp = c & 0x07, minimum = 0x10000;
        } else {
            ++scan.invalid, ++i;
            continue;
        }
        bool ok = i + length <= n;
        for (int k = 1; ok && k < length; ++k) {
            ok = (p[i + k] & 0xC0) == 0x80;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (!ok || cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            ++scan.invalid, ++i;
            continue;
        }
        i += length;
    }
    return scan;
}

// More than 1% of the characters are control characters or undecodable.
bool tooManyBad(qsizetype bad, qsizetype total)
{
    return bad > 0 && bad * 100 > total;
}

Error binaryError(qsizetype bad, qsizetype total)
{
    return Error{Error::Code::Parse,
                 tr("binary content, not HTML: %1 of %2 bytes are control characters or "
                    "undecodable")
                     .arg(bad)
                     .arg(total),
                 {}};
}

void initLibxml()
{
    static const bool initialised = [] {
        xmlInitParser();
        return true;
    }();
    Q_UNUSED(initialised);
}

} // namespace

void HtmlDocument::ensureDocumentOrder() const
{
    if (!m_ordered && m_doc) {
        xmlXPathOrderDocElems(m_doc.get());
        m_ordered = true;
    }
}

QByteArray HtmlDocument::charsetFromContentType(const QByteArray &contentType)
{
    return charsetParameter(contentType).trimmed();
}

Result<HtmlDocument> HtmlDocument::parse(const QByteArray &body, const QByteArray &contentType)
{
    using R = Result<HtmlDocument>;
    if (std::all_of(body.cbegin(), body.cend(), isSpace)) // no copy, unlike trimmed()
        return R::error(Error::Code::Parse, tr("the page is empty"));
    if (body.size() > MaxBodyBytes)
        return R::error(Error::Code::TooLarge, tr("the page is larger than 1 GiB"));

    // 1. The charset: BOM > header > <meta> > UTF-8.
    QByteArrayView bytes(body);
    QString charset;
    CharsetSource source = CharsetSource::Default;
    if (bytes.startsWith("\xEF\xBB\xBF")) {
        charset = QStringLiteral("UTF-8"), source = CharsetSource::ByteOrderMark;
        bytes = bytes.sliced(3);
    } else if (bytes.startsWith("\xFF\xFE")) {
        charset = QStringLiteral("UTF-16LE"), source = CharsetSource::ByteOrderMark;
        bytes = bytes.sliced(2);
    } else if (bytes.startsWith("\xFE\xFF")) {
        charset = QStringLiteral("UTF-16BE"), source = CharsetSource::ByteOrderMark;
        bytes = bytes.sliced(2);
    }
    if (charset.isEmpty()) {
        charset = canonicalCharset(charsetFromContentType(contentType));
        if (!charset.isEmpty())
            source = CharsetSource::HttpHeader;
    }
    if (charset.isEmpty()) {
        charset = canonicalCharset(metaCharset(bytes));
        if (!charset.isEmpty()) {
            source = CharsetSource::MetaTag;
            // Found in ASCII-compatible bytes, so the page cannot be UTF-16 (WHATWG).
            if (charset.startsWith(QLatin1String("UTF-16")))
                charset = QStringLiteral("UTF-8");
        }
    }
    if (charset.isEmpty())
        charset = QStringLiteral("UTF-8");

    // 2. The text as UTF-8, refusing what is not text. Valid UTF-8 is passed on as it is.
    QByteArray converted;
    QByteArrayView utf8;
    if (charset == QLatin1String("UTF-8")) {
        if (const void *nul = std::memchr(bytes.data(), 0, bytes.size())) {
            return R::error(Error::Code::Parse,
                            tr("binary content, not HTML: a NUL byte at offset %1")
                                .arg(static_cast<const char *>(nul) - body.constData()));
        }
        const Utf8Scan scan =
            scanUtf8(reinterpret_cast<const unsigned char *>(bytes.data()), bytes.size());
        if (tooManyBad(scan.controls, bytes.size()))
            return R::error(binaryError(scan.controls + scan.invalid, bytes.size()));
        if (scan.invalid == 0) {
            utf8 = bytes;
        } else if (source == CharsetSource::Default) {
            // Nothing declared and not UTF-8: a legacy Western page, as browsers guess.
            charset = QStringLiteral("windows-1252");
        } else if (tooManyBad(scan.invalid + scan.controls, bytes.size())) {
            return R::error(
                Error::Code::Parse,
                tr("the page is not decodable as %1 (declared by the %2): %3 invalid "
                   "byte sequences in %4 bytes")
                    .arg(charset, source == CharsetSource::HttpHeader ? tr("Content-Type header")
                                  : source == CharsetSource::MetaTag  ? tr("<meta> tag")
                                                                      : tr("byte order mark"))
                    .arg(scan.invalid)
                    .arg(bytes.size()));
        } else {
            converted = QString::fromUtf8(bytes).toUtf8(); // stray bytes become U+FFFD
            utf8 = converted;
        }
    }
    if (utf8.isNull()) {
        QStringDecoder decoder(charset.toLatin1().constData());
        if (!decoder.isValid())
            return R::error(Error::Code::Internal, tr("no decoder for %1").arg(charset));
        const QString text = decoder.decode(bytes);
        qsizetype bad = 0;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const char16_t c = text[i].unicode();
            if (c == 0) {
                return R::error(Error::Code::Parse,
                                tr("binary content, not HTML: a NUL character at position %1 "
                                   "(decoded as %2)")
                                    .arg(i + 1)
                                    .arg(charset));
            }
            if (isBadControl(c) || c == 0xFFFD)
                ++bad;
        }
        if (tooManyBad(bad, text.size()))
            return R::error(binaryError(bad, bytes.size()));
        converted = text.toUtf8();
        utf8 = converted;
    }

    // 3. libxml2's HTML parser, recovering. The text is declared UTF-8 without a converter:
    // libxml2 reads UTF-8 natively, where naming "UTF-8" as the encoding would run every byte
    // through its UTF-8-to-UTF-8 converter and keep a second copy of the page.
    initLibxml();
    htmlParserCtxtPtr context = htmlCreateMemoryParserCtxt(utf8.data(), int(utf8.size()));
    if (!context)
        return R::error(Error::Code::Internal, tr("out of memory"));
    xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8);
    htmlCtxtUseOptions(context, ParseOptions);
    htmlParseDocument(context);
    xmlDocPtr doc = context->myDoc;
    context->myDoc = nullptr;
    // libxml2 halts (and keeps what it had) at 256 levels of nesting without XML_PARSE_HUGE,
    // where a recursive parser would run out of stack; and when out of memory.
    const bool halted = context->instate == XML_PARSER_EOF && context->disableSAX;
    const int code = context->lastError.code;
    const QString libxmlMessage =
        QString::fromUtf8(context->lastError.message ? context->lastError.message : "").trimmed();
    htmlFreeParserCtxt(context);
    HtmlDocument document;
    document.m_doc.reset(doc);
    if (!doc)
        return R::error(Error::Code::Parse, tr("libxml2 could not parse the page"));
    if (halted) {
        if (libxmlMessage.contains(QLatin1String("depth"))) {
            return R::error(Error::Code::Parse,
                            tr("the page nests elements more than %1 levels deep, libxml2's "
                               "limit; refused rather than cut short")
                                .arg(xmlParserMaxDepth));
        }
        if (code == XML_ERR_NO_MEMORY)
            return R::error(Error::Code::TooLarge, tr("out of memory while parsing the page"));
        return R::error(Error::Code::Parse,
                        tr("libxml2 stopped parsing the page: %1").arg(libxmlMessage));
    }
    document.m_charset = charset;
    document.m_charsetSource = source;
    return R::ok(std::move(document));
}

} // namespace kpi::extract
