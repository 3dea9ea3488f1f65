// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "extract/html/HtmlSelector.h"

#include "extract/html/CssToXPath.h"

#include <QCoreApplication>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

namespace kpi::extract {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::extract::HtmlSelector", text);
}

constexpr qsizetype MaxExpressionLength = 8000;

// Errors are read from the context's lastError; this keeps libxml2 from printing them.
void ignoreError(void *, xmlErrorPtr) { }

struct ContextFree
{
    void operator()(xmlXPathContext *context) const { xmlXPathFreeContext(context); }
};
using ContextPtr = std::unique_ptr<xmlXPathContext, ContextFree>;

struct ObjectFree
{
    void operator()(xmlXPathObject *object) const { xmlXPathFreeObject(object); }
};
using ObjectPtr = std::unique_ptr<xmlXPathObject, ObjectFree>;

void ignoreGeneric(void *, const char *, ...) { }

// Some evaluation errors go to libxml2's (thread-local) generic handler, which prints to
// stderr; the context's lastError has them too, so they are muted while we evaluate.
class MuteGenericErrors
{
public:
    MuteGenericErrors() : m_function(xmlGenericError), m_context(xmlGenericErrorContext)
    {
        xmlSetGenericErrorFunc(nullptr, ignoreGeneric);
    }
    ~MuteGenericErrors() { xmlSetGenericErrorFunc(m_context, m_function); }
    MuteGenericErrors(const MuteGenericErrors &) = delete;
    MuteGenericErrors &operator=(const MuteGenericErrors &) = delete;

private:
    xmlGenericErrorFunc m_function;
    void *m_context;
};

ContextPtr newContext(xmlDocPtr doc)
{
    ContextPtr context(xmlXPathNewContext(doc));
    if (context)
        context->error = ignoreError;
    return context;
}

QString lastErrorMessage(const xmlXPathContext *context)
{
    const char *message = context->lastError.message;
    return message ? QString::fromUtf8(message).trimmed() : tr("unknown XPath error");
}

QString typeName(xmlXPathObjectType type)
{
    switch (type) {
    case XPATH_BOOLEAN:
        return tr("a boolean");
    case XPATH_NUMBER:
        return tr("a number");
    case XPATH_STRING:
        return tr("a string");
    default:
        return tr("a value");
    }
}

} // namespace

struct HtmlSelector::Compiled
{
    QString source;
    QString xpath;
    bool css = false;
    std::shared_ptr<xmlXPathCompExpr> expression;

    ObjectPtr evaluate(const HtmlDocument &doc, xmlNodePtr node, unsigned long limit,
                       QString *error) const
    {
        // A written XPath expression may sort large node sets; the CSS translations are one
        // forward step whose results come out in order (measured: numbering costs 15% of a
        // parse and gains them nothing).
        if (!css)
            doc.ensureDocumentOrder();
        ContextPtr context = newContext(doc.handle());
        if (!context) {
            *error = tr("out of memory");
            return {};
        }
        context->node = node ? node : reinterpret_cast<xmlNodePtr>(doc.handle());
        context->opLimit = limit;
        const MuteGenericErrors mute;
        ObjectPtr result(xmlXPathCompiledEval(expression.get(), context.get()));
        if (!result && context->lastError.code ==
                           int(XML_XPATH_EXPRESSION_OK) + int(XPATH_OP_LIMIT_EXCEEDED)) {
            *error =
                tr("the selector takes too much work on this page (over %L1 steps)").arg(limit);
        } else if (!result) {
            *error = tr("XPath evaluation failed: %1").arg(lastErrorMessage(context.get()));
        }
        return result;
    }
};

Result<HtmlSelector> HtmlSelector::css(const QString &selector)
{
    const Result<QString> translated = CssToXPath::translate(selector);
    if (!translated)
        return translated.forward<HtmlSelector>();
    Result<HtmlSelector> compiled = xpath(*translated);
    if (!compiled) {
        return Result<HtmlSelector>::error(Error::Code::Internal,
                                           tr("the CSS selector translated to invalid XPath %1: %2")
                                               .arg(*translated, compiled.error().message));
    }
    auto data = std::make_shared<Compiled>(*compiled.value().m_compiled);
    data->source = selector;
    data->css = true;
    HtmlSelector result;
    result.m_compiled = std::move(data);
    return Result<HtmlSelector>::ok(std::move(result));
}

Result<HtmlSelector> HtmlSelector::xpath(const QString &expression)
{
    using R = Result<HtmlSelector>;
    if (expression.trimmed().isEmpty())
        return R::error(Error::Code::InvalidInput, tr("the XPath expression is empty"));
    if (expression.size() > MaxExpressionLength) {
        return R::error(
            Error::Code::InvalidInput,
            tr("the XPath expression is longer than %1 characters").arg(MaxExpressionLength));
    }
    ContextPtr context = newContext(nullptr);
    if (!context)
        return R::error(Error::Code::Internal, tr("out of memory"));
    const QByteArray utf8 = expression.toUtf8();
    const MuteGenericErrors mute;
    xmlXPathCompExprPtr compiled =
        xmlXPathCtxtCompile(context.get(), reinterpret_cast<const xmlChar *>(utf8.constData()));
    if (!compiled) {
        // int1 is the byte offset in the UTF-8 text; count characters up to it.
        const int offset = qBound(0, context->lastError.int1, int(utf8.size()));
        const qsizetype position = QString::fromUtf8(utf8.constData(), offset).size() + 1;
        return R::error(
            Error::Code::InvalidInput,
            tr("at position %1: %2").arg(position).arg(lastErrorMessage(context.get())));
    }
    auto data = std::make_shared<Compiled>();
    data->source = expression;
    data->xpath = expression;
    data->expression.reset(compiled, xmlXPathFreeCompExpr);
    HtmlSelector result;
    result.m_compiled = std::move(data);
    return R::ok(std::move(result));
}

const QString &HtmlSelector::xpath() const
{
    static const QString none;
    return m_compiled ? m_compiled->xpath : none;
}

const QString &HtmlSelector::source() const
{
    static const QString none;
    return m_compiled ? m_compiled->source : none;
}

bool HtmlSelector::isCss() const
{
    return m_compiled && m_compiled->css;
}

Result<QList<xmlNodePtr>> HtmlSelector::select(const HtmlDocument &doc, xmlNodePtr context) const
{
    using R = Result<QList<xmlNodePtr>>;
    if (!m_compiled)
        return R::error(Error::Code::InvalidInput, tr("no selector"));
    if (!doc.handle())
        return R::error(Error::Code::InvalidInput, tr("no document"));
    QString error;
    const ObjectPtr result = m_compiled->evaluate(doc, context, m_maxOperations, &error);
    if (!result)
        return R::error(Error::Code::Extract, error);
    if (result->type != XPATH_NODESET) {
        return R::error(
            Error::Code::Extract,
            tr("the XPath expression gives %1, not a set of nodes").arg(typeName(result->type)));
    }
    QList<xmlNodePtr> nodes;
    xmlNodeSetPtr set = result->nodesetval;
    if (set && set->nodeNr > 0) {
        xmlXPathNodeSetSort(set); // document order (unions are not always sorted)
        nodes.reserve(set->nodeNr);
        for (int k = 0; k < set->nodeNr; ++k) {
            // Namespace nodes are copies owned by the result, freed with it.
            xmlNodePtr node = set->nodeTab[k];
            if (node && node->type != XML_NAMESPACE_DECL)
                nodes.append(node);
        }
    }
    return R::ok(std::move(nodes));
}

Result<QString> HtmlSelector::evaluateString(const HtmlDocument &doc, xmlNodePtr context) const
{
    using R = Result<QString>;
    if (!m_compiled)
        return R::error(Error::Code::InvalidInput, tr("no selector"));
    if (!doc.handle())
        return R::error(Error::Code::InvalidInput, tr("no document"));
    QString error;
    const ObjectPtr result = m_compiled->evaluate(doc, context, m_maxOperations, &error);
    if (!result)
        return R::error(Error::Code::Extract, error);
    xmlChar *text = xmlXPathCastToString(result.get());
    const QString value = QString::fromUtf8(reinterpret_cast<const char *>(text));
    xmlFree(text);
    return R::ok(value);
}

HtmlSelector::HtmlSelector() = default;
HtmlSelector::~HtmlSelector() = default;
HtmlSelector::HtmlSelector(const HtmlSelector &) = default;
HtmlSelector &HtmlSelector::operator=(const HtmlSelector &) = default;
HtmlSelector::HtmlSelector(HtmlSelector &&) noexcept = default;
HtmlSelector &HtmlSelector::operator=(HtmlSelector &&) noexcept = default;

} // namespace kpi::extract
