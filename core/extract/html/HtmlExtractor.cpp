// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "extract/html/HtmlExtractor.h"

#include "extract/html/NumberParser.h"

#include <QCoreApplication>

#include <limits>

namespace kpi::extract {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::extract::HtmlExtractor", text);
}

constexpr qsizetype MaxQuoted = 60;

QString quoted(const QString &text)
{
    return u'"' + (text.size() > MaxQuoted ? text.left(MaxQuoted) + QChar(0x2026) : text) + u'"';
}

bool skipsContent(xmlNodePtr node)
{
    if (node->type != XML_ELEMENT_NODE || !node->name)
        return false;
    const char *name = reinterpret_cast<const char *>(node->name);
    return qstrcmp(name, "script") == 0 || qstrcmp(name, "style") == 0 ||
           qstrcmp(name, "template") == 0;
}

void appendText(QByteArray &out, const xmlChar *content)
{
    if (content)
        out += reinterpret_cast<const char *>(content);
}

// Iterative, so a deep tree cannot exhaust the stack.
void collectText(xmlNodePtr root, QByteArray &out)
{
    xmlNodePtr node = root->children;
    while (node && node != root) {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            appendText(out, node->content);
        } else if (node->type == XML_ELEMENT_NODE && node->children && !skipsContent(node)) {
            node = node->children;
            continue;
        }
        while (node && node != root && !node->next)
            node = node->parent;
        if (node && node != root)
            node = node->next;
    }
}

QString normalise(const QString &text)
{
    QString out;
    out.reserve(text.size());
    bool space = false;
    for (QChar c : text) {
        if (c.isSpace() || c == QChar(0x00A0)) {
            space = !out.isEmpty();
            continue;
        }
        if (space)
            out += u' ';
        space = false;
        out += c;
    }
    return out;
}

// The text that counts for a node: its attribute or normalised text.
std::optional<QString> nodeValue(xmlNodePtr node, const QString &attribute)
{
    if (attribute.isEmpty())
        return HtmlExtractor::normalisedText(node);
    if (node->type != XML_ELEMENT_NODE)
        return std::nullopt;
    const QByteArray name = attribute.toLower().toUtf8();
    xmlChar *value = xmlGetProp(node, reinterpret_cast<const xmlChar *>(name.constData()));
    if (!value)
        return std::nullopt;
    const QString result = QString::fromUtf8(reinterpret_cast<const char *>(value));
    xmlFree(value);
    return result;
}

Result<QString> applyRegex(const QString &text, const HtmlExtractSpec &spec)
{
    if (!spec.regex)
        return Result<QString>::ok(text);
    const QRegularExpressionMatch match = spec.regex->match(text);
    if (!match.hasMatch()) {
        return Result<QString>::error(Error::Code::Extract,
                                      tr("the regular expression %1 does not match %2")
                                          .arg(quoted(spec.regex->pattern()), quoted(text)));
    }
    return Result<QString>::ok(spec.regex->captureCount() >= 1 ? match.captured(1)
                                                               : match.captured(0));
}

} // namespace

QString HtmlExtractor::normalisedText(xmlNodePtr node)
{
    if (!node)
        return {};
    QByteArray raw;
    switch (node->type) {
    case XML_ELEMENT_NODE:
    case XML_DOCUMENT_NODE:
    case XML_HTML_DOCUMENT_NODE:
    case XML_ATTRIBUTE_NODE:
        if (!skipsContent(node))
            collectText(node, raw);
        break;
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
    case XML_COMMENT_NODE:
        appendText(raw, node->content);
        break;
    default:
        break;
    }
    return normalise(QString::fromUtf8(raw));
}

Result<HtmlExtraction> HtmlExtractor::extract(const HtmlDocument &doc, const HtmlExtractSpec &spec)
{
    using R = Result<HtmlExtraction>;
    if (spec.regex) {
        if (!spec.regex->isValid()) {
            return R::error(Error::Code::InvalidInput,
                            tr("invalid regular expression %1: %2")
                                .arg(quoted(spec.regex->pattern()), spec.regex->errorString()));
        }
        if (spec.regex->captureCount() > 1) {
            return R::error(Error::Code::InvalidInput,
                            tr("the regular expression %1 has %2 capture groups; use at most one "
                               "(write (?:…) for the others)")
                                .arg(quoted(spec.regex->pattern()))
                                .arg(spec.regex->captureCount()));
        }
    }
    if (spec.mode == HtmlExtractSpec::Mode::Attribute && spec.attribute.isEmpty())
        return R::error(Error::Code::InvalidInput, tr("no attribute named to read"));

    const Result<QList<xmlNodePtr>> selected = spec.selector.select(doc);
    if (!selected)
        return selected.forward<HtmlExtraction>();
    const QList<xmlNodePtr> &nodes = *selected;

    HtmlExtraction out;
    out.matches = int(qMin<qsizetype>(nodes.size(), std::numeric_limits<int>::max()));
    for (qsizetype k = 0; k < nodes.size() && k < MaxSamples; ++k)
        out.samples << normalisedText(nodes[k]);

    auto numberOf = [&](const QString &text, qsizetype index) -> Result<double> {
        const Result<QString> cut = applyRegex(text, spec);
        if (!cut)
            return cut.forward<double>();
        const std::optional<double> number = NumberParser::parse(*cut, spec.decimalSeparator);
        if (!number) {
            return Result<double>::error(
                Error::Code::Extract,
                nodes.size() > 1
                    ? tr("%1 (match %2) is not a number").arg(quoted(*cut)).arg(index + 1)
                    : tr("%1 is not a number").arg(quoted(*cut)));
        }
        return Result<double>::ok(*number);
    };

    switch (spec.mode) {
    case HtmlExtractSpec::Mode::Count:
        out.value = out.matches;
        return R::ok(std::move(out));
    case HtmlExtractSpec::Mode::Sum:
        for (qsizetype k = 0; k < nodes.size(); ++k) {
            const std::optional<QString> text = nodeValue(nodes[k], spec.attribute);
            if (!text) {
                return R::error(
                    Error::Code::Extract,
                    tr("match %1 has no attribute %2").arg(k + 1).arg(quoted(spec.attribute)));
            }
            const Result<double> number = numberOf(*text, k);
            if (!number)
                return number.forward<HtmlExtraction>();
            out.value += *number;
        }
        return R::ok(std::move(out));
    case HtmlExtractSpec::Mode::Text:
    case HtmlExtractSpec::Mode::Number:
    case HtmlExtractSpec::Mode::Attribute:
        break;
    }

    if (nodes.isEmpty())
        return R::error(Error::Code::Extract, tr("the selector matched nothing"));
    const std::optional<QString> text = nodeValue(nodes.first(), spec.attribute);
    if (!text) {
        return R::error(Error::Code::Extract,
                        tr("the first match has no attribute %1").arg(quoted(spec.attribute)));
    }
    if (spec.mode == HtmlExtractSpec::Mode::Number) {
        const Result<double> number = numberOf(*text, 0);
        if (!number)
            return number.forward<HtmlExtraction>();
        out.value = *number;
        return R::ok(std::move(out));
    }
    const Result<QString> cut = applyRegex(*text, spec);
    if (!cut)
        return cut.forward<HtmlExtraction>();
    out.text = *cut;
    out.value = NumberParser::parse(*cut, spec.decimalSeparator).value_or(0);
    return R::ok(std::move(out));
}

} // namespace kpi::extract
