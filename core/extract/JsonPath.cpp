// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "extract/JsonPath.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <optional>
#include <vector>

namespace kpi::extract {

namespace {

constexpr qsizetype MaxExpressionLength = 1000;
constexpr int MaxFilterDepth = 64;
constexpr qsizetype MaxQuotedLength = 40;
// RFC 9535 §2.1: indexes and slice bounds are I-JSON integers.
constexpr qint64 MaxInteger = (qint64(1) << 53) - 1;

// JsonPath is not a QObject; this keeps the messages in one translation context.
QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::extract::JsonPath", text);
}

QString atPosition(qsizetype index)
{
    return tr(" at position %1").arg(index + 1);
}

enum class Function { None, Length, Sum, Min, Max, Avg };
enum class CompareOp { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual };

QString functionName(Function function)
{
    switch (function) {
    case Function::Length:
        return QStringLiteral("length");
    case Function::Sum:
        return QStringLiteral("sum");
    case Function::Min:
        return QStringLiteral("min");
    case Function::Max:
        return QStringLiteral("max");
    case Function::Avg:
        return QStringLiteral("avg");
    case Function::None:
        break;
    }
    return {};
}

struct Expr;

struct Selector
{
    enum class Kind { Name, Wildcard, Index, Slice, Filter };
    Kind kind = Kind::Name;
    QString name;
    qint64 index = 0;
    std::optional<qint64> start;
    std::optional<qint64> end;
    qint64 step = 1;
    std::shared_ptr<const Expr> filter;
};

struct Segment
{
    bool descendant = false;
    std::vector<Selector> selectors;
};

// `$…` or `@…`: the top-level path, and every path inside a filter.
struct Query
{
    bool absolute = true;
    std::vector<Segment> segments;

    bool isSingular() const
    {
        for (const Segment &segment : segments) {
            if (segment.descendant || segment.selectors.size() != 1)
                return false;
            const Selector::Kind kind = segment.selectors.front().kind;
            if (kind != Selector::Kind::Name && kind != Selector::Kind::Index)
                return false;
        }
        return true;
    }
};

struct Expr
{
    enum class Kind { Or, And, Not, Compare, Exists, Literal, Query };
    Kind kind = Kind::Literal;
    CompareOp op = CompareOp::Equal;
    std::vector<Expr> operands; // Or/And: two or more, Not: one, Compare: two
    QJsonValue literal;
    Query query; // Exists and Query
};

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isNameChar(QChar c)
{
    if (c.unicode() < 0x80)
        return isAsciiLetter(c) || isAsciiDigit(c) || c == u'_' || c == u'-';
    // Surrogates let names use letters outside the BMP.
    return c.isLetterOrNumber() || c.isMark() || c.isSurrogate();
}

// RFC 9535 blank space: inside brackets and filters only.
bool isBlank(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
}

// Recursive descent over the expression text. The first error wins; every parse function
// returns false once it is set, so callers just propagate.
class Parser
{
public:
    explicit Parser(const QString &text) : m_text(text) { }

    bool parseRoot(Query &query, Function &function)
    {
        m_pos = 1; // past the `$` the caller checked
        query.absolute = true;
        return parseSegments(query, false, &function);
    }

    QString error() const { return m_error; }

private:
    QChar peek(qsizetype offset = 0) const
    {
        const qsizetype index = m_pos + offset;
        return index < m_text.size() ? m_text.at(index) : QChar();
    }
    bool atEnd() const { return m_pos >= m_text.size(); }

    void skipBlanks()
    {
        while (!atEnd() && isBlank(peek()))
            ++m_pos;
    }

    bool fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
        return false;
    }
    bool failAt(qsizetype index, const QString &what) { return fail(what + atPosition(index)); }

    // The character at m_pos as the user sees it (a whole surrogate pair).
    QString currentCharacter() const
    {
        if (peek().isHighSurrogate() && peek(1).isLowSurrogate())
            return m_text.mid(m_pos, 2);
        return QString(peek());
    }

    bool failUnexpected() { return failAt(m_pos, tr("unexpected \"%1\"").arg(currentCharacter())); }

    bool enterNesting(qsizetype index)
    {
        if (++m_depth > MaxFilterDepth)
            return failAt(index, tr("filter nested deeper than %1 levels").arg(MaxFilterDepth));
        return true;
    }

    // Segments after `$` or `@`. Inside a filter a path simply ends at any other character;
    // at the top level that character is an error, and a trailing function is allowed.
    bool parseSegments(Query &query, bool inFilter, Function *function)
    {
        while (!atEnd()) {
            const QChar c = peek();
            if (c == u'[') {
                Segment segment;
                if (!parseBracket(segment))
                    return false;
                query.segments.push_back(std::move(segment));
            } else if (c == u'.' && peek(1) == u'.') {
                m_pos += 2;
                Segment segment;
                segment.descendant = true;
                if (peek() == u'[') {
                    if (!parseBracket(segment))
                        return false;
                } else if (peek() == u'*') {
                    ++m_pos;
                    segment.selectors.push_back(wildcardSelector());
                } else if (!atEnd() && isNameChar(peek())) {
                    segment.selectors.push_back(nameSelector(scanName()));
                } else {
                    return failAt(m_pos, tr("expected a name, \"*\" or \"[\" after \"..\""));
                }
                query.segments.push_back(std::move(segment));
            } else if (c == u'.') {
                ++m_pos;
                Segment segment;
                if (peek() == u'*') {
                    ++m_pos;
                    segment.selectors.push_back(wildcardSelector());
                } else if (!atEnd() && isNameChar(peek())) {
                    const qsizetype nameStart = m_pos;
                    const QString name = scanName();
                    if (peek() == u'(') {
                        if (inFilter)
                            return failAt(nameStart,
                                          tr("functions cannot be used inside a filter"));
                        return parseFunction(name, nameStart, *function);
                    }
                    segment.selectors.push_back(nameSelector(name));
                } else {
                    return failAt(m_pos, tr("expected a name after \".\""));
                }
                query.segments.push_back(std::move(segment));
            } else if (inFilter) {
                return true;
            } else {
                return failUnexpected();
            }
        }
        return true;
    }

    static Selector wildcardSelector()
    {
        Selector selector;
        selector.kind = Selector::Kind::Wildcard;
        return selector;
    }

    static Selector nameSelector(const QString &name)
    {
        Selector selector;
        selector.kind = Selector::Kind::Name;
        selector.name = name;
        return selector;
    }

    QString scanName()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isNameChar(peek()))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }

    // At "(" after `.name`; the function must end the expression.
    bool parseFunction(const QString &name, qsizetype nameStart, Function &function)
    {
        static const std::pair<QLatin1String, Function> known[] = {
            {QLatin1String("length"), Function::Length}, {QLatin1String("sum"), Function::Sum},
            {QLatin1String("min"), Function::Min},       {QLatin1String("max"), Function::Max},
            {QLatin1String("avg"), Function::Avg},
        };
        function = Function::None;
        for (const auto &[knownName, knownFunction] : known) {
            if (name == knownName)
                function = knownFunction;
        }
        if (function == Function::None) {
            return fail(tr("unknown function \"%1()\"").arg(name) + atPosition(nameStart) +
                        tr("; expected length(), sum(), min(), max() or avg()"));
        }
        ++m_pos; // "("
        skipBlanks();
        if (peek() != u')')
            return failAt(m_pos, tr("expected \")\""));
        ++m_pos;
        if (!atEnd())
            return failAt(m_pos, tr("expected the end of the path after \"%1()\"").arg(name));
        return true;
    }

    // At "[": one or more selectors separated by commas.
    bool parseBracket(Segment &segment)
    {
        ++m_pos;
        for (;;) {
            skipBlanks();
            Selector selector;
            if (!parseSelector(selector))
                return false;
            segment.selectors.push_back(std::move(selector));
            skipBlanks();
            if (peek() == u',') {
                ++m_pos;
            } else if (peek() == u']') {
                ++m_pos;
                return true;
            } else {
                return failAt(m_pos, tr("expected \",\" or \"]\""));
            }
        }
    }

    bool parseSelector(Selector &selector)
    {
        const QChar c = peek();
        if (c == u'\'' || c == u'"') {
            selector.kind = Selector::Kind::Name;
            return parseString(selector.name);
        }
        if (c == u'*') {
            ++m_pos;
            selector.kind = Selector::Kind::Wildcard;
            return true;
        }
        if (c == u'?') {
            const qsizetype start = m_pos;
            ++m_pos;
            if (!enterNesting(start))
                return false;
            auto filter = std::make_shared<Expr>();
            if (!parseOr(*filter))
                return false;
            --m_depth;
            selector.kind = Selector::Kind::Filter;
            selector.filter = std::move(filter);
            return true;
        }
        if (c == u'-' || isAsciiDigit(c) || c == u':')
            return parseIndexOrSlice(selector);
        return failAt(m_pos, tr("expected a quoted name, an index, a slice, \"*\" or a filter"));
    }

    bool parseIndexOrSlice(Selector &selector)
    {
        std::optional<qint64> start;
        if (peek() != u':') {
            qint64 value = 0;
            if (!parseInteger(value))
                return false;
            start = value;
            skipBlanks();
            if (peek() != u':') {
                selector.kind = Selector::Kind::Index;
                selector.index = value;
                return true;
            }
        }
        selector.kind = Selector::Kind::Slice;
        selector.start = start;
        ++m_pos; // ":"
        skipBlanks();
        if (peek() == u'-' || isAsciiDigit(peek())) {
            qint64 value = 0;
            if (!parseInteger(value))
                return false;
            selector.end = value;
            skipBlanks();
        }
        if (peek() == u':') {
            ++m_pos;
            skipBlanks();
            if (peek() == u'-' || isAsciiDigit(peek())) {
                const qsizetype stepStart = m_pos;
                if (!parseInteger(selector.step))
                    return false;
                if (selector.step == 0)
                    return failAt(stepStart, tr("slice step cannot be 0"));
            }
        }
        return true;
    }

    bool parseInteger(qint64 &value)
    {
        const qsizetype start = m_pos;
        const bool negative = peek() == u'-';
        if (negative)
            ++m_pos;
        if (!isAsciiDigit(peek()))
            return failAt(m_pos, tr("expected a digit"));
        value = 0;
        while (isAsciiDigit(peek())) {
            value = value * 10 + (peek().unicode() - u'0');
            if (value > MaxInteger) {
                return failAt(start, tr("expected an integer between -%1 and %1").arg(MaxInteger));
            }
            ++m_pos;
        }
        if (negative)
            value = -value;
        return true;
    }

    // At a quote: a JSON-like string in single or double quotes.
    bool parseString(QString &out)
    {
        const QChar quote = peek();
        const qsizetype start = m_pos;
        ++m_pos;
        out.clear();
        for (;;) {
            if (atEnd())
                return failAt(start, tr("unterminated string starting"));
            const QChar c = peek();
            if (c == quote) {
                ++m_pos;
                return true;
            }
            if (c != u'\\') {
                out.append(c);
                ++m_pos;
                continue;
            }
            const qsizetype escapeStart = m_pos;
            ++m_pos;
            if (atEnd())
                return failAt(start, tr("unterminated string starting"));
            const QChar e = peek();
            ++m_pos;
            switch (e.unicode()) {
            case u'\'':
            case u'"':
            case u'\\':
            case u'/':
                out.append(e);
                break;
            case u'b':
                out.append(u'\b');
                break;
            case u'f':
                out.append(u'\f');
                break;
            case u'n':
                out.append(u'\n');
                break;
            case u'r':
                out.append(u'\r');
                break;
            case u't':
                out.append(u'\t');
                break;
            case u'u': {
                bool ok = false;
                const uint code = m_text.mid(m_pos, 4).toUInt(&ok, 16);
                // toUInt accepts a sign or blanks; a \u escape is exactly four hex digits.
                for (qsizetype i = 0; ok && i < 4; ++i) {
                    const QChar h = peek(i);
                    ok = isAsciiDigit(h) || (h >= u'a' && h <= u'f') || (h >= u'A' && h <= u'F');
                }
                if (!ok)
                    return failAt(m_pos, tr("expected 4 hex digits after \"\\u\""));
                out.append(QChar(char16_t(code)));
                m_pos += 4;
                break;
            }
            default:
                m_pos = escapeStart;
                return failAt(escapeStart, tr("invalid escape \"\\%1\"").arg(e));
            }
        }
    }

    // Filter grammar (RFC 9535 §2.3.5): or := and ("||" and)*, and := basic ("&&" basic)*,
    // basic := "!" basic | "(" or ")" | comparable [op comparable].
    bool parseOr(Expr &out) { return parseLogical(out, Expr::Kind::Or, u'|'); }

    bool parseAnd(Expr &out) { return parseLogical(out, Expr::Kind::And, u'&'); }

    bool parseLogical(Expr &out, Expr::Kind kind, char16_t symbol)
    {
        Expr first;
        if (!(kind == Expr::Kind::Or ? parseAnd(first) : parseBasic(first, false)))
            return false;
        std::vector<Expr> operands;
        operands.push_back(std::move(first));
        for (;;) {
            skipBlanks();
            if (peek() != symbol)
                break;
            if (peek(1) != symbol) {
                const QString op(2, QChar(symbol));
                return failAt(m_pos, tr("expected \"%1\"").arg(op));
            }
            m_pos += 2;
            Expr next;
            if (!(kind == Expr::Kind::Or ? parseAnd(next) : parseBasic(next, false)))
                return false;
            operands.push_back(std::move(next));
        }
        if (operands.size() == 1) {
            out = std::move(operands.front());
        } else {
            out.kind = kind;
            out.operands = std::move(operands);
        }
        return true;
    }

    bool parseBasic(Expr &out, bool negated)
    {
        skipBlanks();
        const qsizetype start = m_pos;
        if (peek() == u'!') {
            ++m_pos;
            if (!enterNesting(start))
                return false;
            Expr inner;
            if (!parseBasic(inner, true))
                return false;
            --m_depth;
            out.kind = Expr::Kind::Not;
            out.operands.push_back(std::move(inner));
            return true;
        }
        if (peek() == u'(') {
            ++m_pos;
            if (!enterNesting(start) || !parseOr(out))
                return false;
            skipBlanks();
            if (peek() != u')')
                return failAt(m_pos, tr("expected \")\""));
            ++m_pos;
            --m_depth;
            return true;
        }

        Expr left;
        if (!parseComparable(left))
            return false;
        skipBlanks();
        const qsizetype opStart = m_pos;
        std::optional<CompareOp> op;
        if (!parseCompareOp(op))
            return false;
        if (!op) {
            if (left.kind == Expr::Kind::Literal)
                return failAt(m_pos, tr("expected a comparison operator"));
            out.kind = Expr::Kind::Exists;
            out.query = std::move(left.query);
            return true;
        }
        // RFC 9535 lets "!" negate only a test or a parenthesised expression, which keeps
        // `!@.a == 1` from silently meaning one of two things.
        if (negated)
            return failAt(opStart, tr("use \"!(...)\" to negate a comparison"));
        if (left.kind == Expr::Kind::Query && !left.query.isSingular())
            return failAt(start, expectedSingular());
        skipBlanks();
        const qsizetype rightStart = m_pos;
        Expr right;
        if (!parseComparable(right))
            return false;
        if (right.kind == Expr::Kind::Query && !right.query.isSingular())
            return failAt(rightStart, expectedSingular());
        out.kind = Expr::Kind::Compare;
        out.op = *op;
        out.operands.push_back(std::move(left));
        out.operands.push_back(std::move(right));
        return true;
    }

    // Leaves op empty when no comparison operator follows (an existence test).
    bool parseCompareOp(std::optional<CompareOp> &op)
    {
        const QChar c = peek();
        const bool equalsNext = peek(1) == u'=';
        if (c == u'=') {
            if (!equalsNext)
                return failAt(m_pos, tr("expected \"==\""));
            op = CompareOp::Equal;
        } else if (c == u'!' && equalsNext) {
            op = CompareOp::NotEqual;
        } else if (c == u'<') {
            op = equalsNext ? CompareOp::LessEqual : CompareOp::Less;
        } else if (c == u'>') {
            op = equalsNext ? CompareOp::GreaterEqual : CompareOp::Greater;
        } else {
            return true;
        }
        m_pos += (c == u'=' || c == u'!' || equalsNext) ? 2 : 1;
        return true;
    }

    bool parseComparable(Expr &out)
    {
        const QChar c = peek();
        if (c == u'@' || c == u'$') {
            ++m_pos;
            out.kind = Expr::Kind::Query;
            out.query.absolute = c == u'$';
            return parseSegments(out.query, true, nullptr);
        }
        out.kind = Expr::Kind::Literal;
        if (c == u'\'' || c == u'"') {
            QString text;
            if (!parseString(text))
                return false;
            out.literal = text;
            return true;
        }
        if (c == u'-' || isAsciiDigit(c))
            return parseNumber(out.literal);
        if (isAsciiLetter(c)) {
            const qsizetype start = m_pos;
            while (isAsciiLetter(peek()))
                ++m_pos;
            const QStringView word = QStringView(m_text).mid(start, m_pos - start);
            if (word == u"true") {
                out.literal = true;
            } else if (word == u"false") {
                out.literal = false;
            } else if (word == u"null") {
                out.literal = QJsonValue(QJsonValue::Null);
            } else {
                m_pos = start;
                return failAt(start, expectedOperand());
            }
            return true;
        }
        return failAt(m_pos, expectedOperand());
    }

    // RFC 9535 §2.3.5.1: a comparison needs one value per side, not a node list.
    static QString expectedSingular()
    {
        return tr("expected a singular path (names and indexes only) in a comparison");
    }

    static QString expectedOperand()
    {
        return tr("expected a path, a string, a number, true, false or null");
    }

    // JSON number grammar; the text is ASCII, so the C-locale conversion is exact.
    bool parseNumber(QJsonValue &out)
    {
        const qsizetype start = m_pos;
        auto digits = [this] {
            if (!isAsciiDigit(peek()))
                return failAt(m_pos, tr("expected a digit"));
            while (isAsciiDigit(peek()))
                ++m_pos;
            return true;
        };
        if (peek() == u'-')
            ++m_pos;
        if (!digits())
            return false;
        if (peek() == u'.') {
            ++m_pos;
            if (!digits())
                return false;
        }
        if (peek() == u'e' || peek() == u'E') {
            ++m_pos;
            if (peek() == u'+' || peek() == u'-')
                ++m_pos;
            if (!digits())
                return false;
        }
        bool ok = false;
        const double value = QStringView(m_text).mid(start, m_pos - start).toDouble(&ok);
        if (!ok)
            return failAt(start, tr("number out of range"));
        out = value;
        return true;
    }

    const QString &m_text;
    qsizetype m_pos = 0;
    int m_depth = 0;
    QString m_error;
};

// ---- evaluation ----

void evaluateQuery(const Query &query, const QJsonValue &current, const QJsonValue &root,
                   QList<QJsonValue> &out);
bool evaluateFilter(const Expr &expr, const QJsonValue &current, const QJsonValue &root);

// RFC 9535 §2.3.4.2.2: bounds clamp to the array, negative values count from the end.
void selectSlice(const Selector &selector, const QJsonArray &array, QList<QJsonValue> &out)
{
    const qint64 length = array.size();
    const qint64 step = selector.step;
    auto normalize = [length](qint64 i) {
        return i >= 0 ? i : length + i;
    };
    if (step > 0) {
        const qint64 lower = qBound<qint64>(0, normalize(selector.start.value_or(0)), length);
        const qint64 upper = qBound<qint64>(0, normalize(selector.end.value_or(length)), length);
        for (qint64 i = lower; i < upper; i += step)
            out.append(array.at(i));
    } else {
        const qint64 lower =
            qBound<qint64>(-1, selector.end ? normalize(*selector.end) : -1, length - 1);
        const qint64 upper = qBound<qint64>(
            -1, selector.start ? normalize(*selector.start) : length - 1, length - 1);
        for (qint64 i = upper; i > lower; i += step)
            out.append(array.at(i));
    }
}

void applySelector(const Selector &selector, const QJsonValue &node, const QJsonValue &root,
                   QList<QJsonValue> &out)
{
    switch (selector.kind) {
    case Selector::Kind::Name:
        if (node.isObject()) {
            const QJsonObject object = node.toObject();
            const auto it = object.constFind(selector.name);
            if (it != object.constEnd())
                out.append(it.value());
        }
        break;
    case Selector::Kind::Index:
        if (node.isArray()) {
            const QJsonArray array = node.toArray();
            const qint64 index =
                selector.index >= 0 ? selector.index : array.size() + selector.index;
            if (index >= 0 && index < array.size())
                out.append(array.at(index));
        }
        break;
    case Selector::Kind::Slice:
        if (node.isArray())
            selectSlice(selector, node.toArray(), out);
        break;
    case Selector::Kind::Wildcard:
    case Selector::Kind::Filter: {
        const bool all = selector.kind == Selector::Kind::Wildcard;
        auto visit = [&](const QJsonValue &child) {
            if (all || evaluateFilter(*selector.filter, child, root))
                out.append(child);
        };
        // QJsonObject keeps its keys sorted, so members come in key order: the source
        // document's order is already gone after QJsonDocument::fromJson.
        if (node.isArray()) {
            const QJsonArray array = node.toArray();
            for (qsizetype i = 0; i < array.size(); ++i)
                visit(array.at(i));
        } else if (node.isObject()) {
            const QJsonObject object = node.toObject();
            for (auto it = object.constBegin(); it != object.constEnd(); ++it)
                visit(it.value());
        }
        break;
    }
    }
}

// `..`: the node and all its descendants, pre-order. An explicit stack rather than recursion,
// so even a document nested deeper than QJsonDocument's parser limit cannot exhaust the stack.
void applyDescendant(const Segment &segment, const QJsonValue &node, const QJsonValue &root,
                     QList<QJsonValue> &out)
{
    std::vector<QJsonValue> stack{node};
    while (!stack.empty()) {
        const QJsonValue current = std::move(stack.back());
        stack.pop_back();
        for (const Selector &selector : segment.selectors)
            applySelector(selector, current, root, out);
        const qsizetype before = qsizetype(stack.size());
        if (current.isArray()) {
            const QJsonArray array = current.toArray();
            for (qsizetype i = 0; i < array.size(); ++i)
                stack.push_back(array.at(i));
        } else if (current.isObject()) {
            const QJsonObject object = current.toObject();
            for (auto it = object.constBegin(); it != object.constEnd(); ++it)
                stack.push_back(it.value());
        }
        std::reverse(stack.begin() + before, stack.end()); // first child on top
    }
}

void evaluateQuery(const Query &query, const QJsonValue &current, const QJsonValue &root,
                   QList<QJsonValue> &out)
{
    QList<QJsonValue> nodes{query.absolute ? root : current};
    for (const Segment &segment : query.segments) {
        QList<QJsonValue> next;
        for (const QJsonValue &node : std::as_const(nodes)) {
            if (segment.descendant) {
                applyDescendant(segment, node, root, next);
            } else {
                for (const Selector &selector : segment.selectors)
                    applySelector(selector, node, root, next);
            }
        }
        nodes = std::move(next);
        if (nodes.isEmpty())
            return;
    }
    out.append(nodes);
}

// A comparison operand: a value, or "nothing" when a path selects no node (RFC 9535 §2.3.5.2.2).
using Operand = std::optional<QJsonValue>;

Operand evaluateOperand(const Expr &expr, const QJsonValue &current, const QJsonValue &root)
{
    if (expr.kind == Expr::Kind::Literal)
        return expr.literal;
    QList<QJsonValue> nodes;
    evaluateQuery(expr.query, current, root, nodes);
    if (nodes.isEmpty())
        return std::nullopt;
    return nodes.constFirst();
}

bool equal(const Operand &a, const Operand &b)
{
    if (!a || !b)
        return a.has_value() == b.has_value();
    // QJsonValue compares integers and doubles numerically and arrays/objects deeply.
    return *a == *b;
}

bool less(const Operand &a, const Operand &b)
{
    if (!a || !b)
        return false;
    if (a->isDouble() && b->isDouble())
        return a->toDouble() < b->toDouble();
    if (a->isString() && b->isString())
        return a->toString() < b->toString();
    return false;
}

bool evaluateFilter(const Expr &expr, const QJsonValue &current, const QJsonValue &root)
{
    switch (expr.kind) {
    case Expr::Kind::Or:
        for (const Expr &operand : expr.operands) {
            if (evaluateFilter(operand, current, root))
                return true;
        }
        return false;
    case Expr::Kind::And:
        for (const Expr &operand : expr.operands) {
            if (!evaluateFilter(operand, current, root))
                return false;
        }
        return true;
    case Expr::Kind::Not:
        return !evaluateFilter(expr.operands.front(), current, root);
    case Expr::Kind::Exists: {
        QList<QJsonValue> nodes;
        evaluateQuery(expr.query, current, root, nodes);
        return !nodes.isEmpty();
    }
    case Expr::Kind::Compare: {
        const Operand a = evaluateOperand(expr.operands.at(0), current, root);
        const Operand b = evaluateOperand(expr.operands.at(1), current, root);
        switch (expr.op) {
        case CompareOp::Equal:
            return equal(a, b);
        case CompareOp::NotEqual:
            return !equal(a, b);
        case CompareOp::Less:
            return less(a, b);
        case CompareOp::LessEqual:
            return less(a, b) || equal(a, b);
        case CompareOp::Greater:
            return less(b, a);
        case CompareOp::GreaterEqual:
            return less(b, a) || equal(a, b);
        }
        return false;
    }
    case Expr::Kind::Literal:
    case Expr::Kind::Query:
        break; // the parser only builds these as comparison operands
    }
    return false;
}

// ---- numbers and messages ----

bool isAsciiSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f' || c == u'\v';
}

// A plain C-locale decimal: [+-] digits [. digits] [e [+-] digits]. Checked by hand because
// QString::toDouble also takes "inf", "nan" and group separators would need QLocale.
std::optional<double> parseNumericString(const QString &text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isAsciiSpace(text.at(begin)))
        ++begin;
    while (end > begin && isAsciiSpace(text.at(end - 1)))
        --end;
    const QStringView view = QStringView(text).mid(begin, end - begin);

    qsizetype i = 0;
    auto digits = [&] {
        const qsizetype from = i;
        while (i < view.size() && isAsciiDigit(view.at(i)))
            ++i;
        return i - from;
    };
    if (i < view.size() && (view.at(i) == u'+' || view.at(i) == u'-'))
        ++i;
    qsizetype mantissa = digits();
    if (i < view.size() && view.at(i) == u'.') {
        ++i;
        mantissa += digits();
    }
    if (mantissa == 0)
        return std::nullopt;
    if (i < view.size() && (view.at(i) == u'e' || view.at(i) == u'E')) {
        ++i;
        if (i < view.size() && (view.at(i) == u'+' || view.at(i) == u'-'))
            ++i;
        if (digits() == 0)
            return std::nullopt;
    }
    if (i != view.size())
        return std::nullopt;
    bool ok = false;
    const double value = view.toDouble(&ok);
    if (!ok)
        return std::nullopt; // out of double range
    return value;
}

std::optional<double> toNumber(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble();
    if (value.isString())
        return parseNumericString(value.toString());
    return std::nullopt;
}

QString formatNumber(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

// `"text"`, cut after MaxQuotedLength characters and escaped so the message stays one line.
QString quoted(const QString &text)
{
    QString shown = text;
    bool cut = false;
    if (shown.size() > MaxQuotedLength) {
        qsizetype length = MaxQuotedLength;
        if (shown.at(length - 1).isHighSurrogate())
            --length;
        shown.truncate(length);
        cut = true;
    }
    QString result = QStringLiteral("\"");
    for (const QChar c : std::as_const(shown)) {
        if (c == u'"' || c == u'\\') {
            result += u'\\';
            result += c;
        } else if (c == u'\n') {
            result += QStringLiteral("\\n");
        } else if (c == u'\t') {
            result += QStringLiteral("\\t");
        } else if (c.unicode() < 0x20) {
            result += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        } else {
            result += c;
        }
    }
    if (cut)
        result += QChar(0x2026); // …
    result += u'"';
    return result;
}

// "a string \"abc\"", "a boolean (true)", "null", "an object", "an array of 3 elements".
QString describe(const QJsonValue &value, bool withArraySize)
{
    switch (value.type()) {
    case QJsonValue::String:
        return tr("a string %1").arg(quoted(value.toString()));
    case QJsonValue::Double:
        return tr("a number (%1)").arg(formatNumber(value.toDouble()));
    case QJsonValue::Bool:
        return tr("a boolean (%1)")
            .arg(value.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
    case QJsonValue::Null:
        return tr("null");
    case QJsonValue::Object:
        return tr("an object");
    case QJsonValue::Array: {
        if (!withArraySize)
            return tr("an array");
        const qsizetype size = value.toArray().size();
        return size == 1 ? tr("an array of 1 element") : tr("an array of %1 elements").arg(size);
    }
    case QJsonValue::Undefined:
        break;
    }
    return tr("nothing");
}

Result<double> extractError(const QString &message)
{
    return Result<double>::error(Error::Code::Extract, message);
}

// sum/min/max/avg over a list (the selected nodes, or a singular path's array).
template<typename List>
Result<double> aggregate(Function function, const List &values)
{
    const QString name = functionName(function);
    const qsizetype count = values.size();
    if (count == 0) {
        if (function == Function::Sum)
            return Result<double>::ok(0);
        if (function == Function::Avg)
            return extractError(tr("avg(): no values to average"));
        return extractError(tr("%1(): no values to compare").arg(name));
    }
    double sum = 0;
    double minimum = 0;
    double maximum = 0;
    for (qsizetype i = 0; i < count; ++i) {
        const QJsonValue value = values.at(i);
        const std::optional<double> number = toNumber(value);
        if (!number) {
            return extractError(tr("%1(): element [%2] is %3, not a number")
                                    .arg(name)
                                    .arg(i)
                                    .arg(describe(value, false)));
        }
        sum += *number;
        minimum = i == 0 ? *number : std::min(minimum, *number);
        maximum = i == 0 ? *number : std::max(maximum, *number);
    }
    switch (function) {
    case Function::Min:
        return Result<double>::ok(minimum);
    case Function::Max:
        return Result<double>::ok(maximum);
    case Function::Avg:
        return Result<double>::ok(sum / double(count));
    default:
        return Result<double>::ok(sum);
    }
}

// A function applied to the one value a singular path selected.
Result<double> applyToValue(Function function, const QJsonValue &value)
{
    if (value.isArray())
        return function == Function::Length ? Result<double>::ok(value.toArray().size())
                                            : aggregate(function, value.toArray());
    if (function == Function::Length) {
        if (value.isObject())
            return Result<double>::ok(value.toObject().size());
        if (value.isString()) // characters, not UTF-16 units
            return Result<double>::ok(value.toString().toUcs4().size());
        return extractError(tr("length(): found %1, expected an array, an object or a string")
                                .arg(describe(value, true)));
    }
    if (const std::optional<double> number = toNumber(value))
        return Result<double>::ok(*number);
    return extractError(tr("%1(): found %2, expected a number or an array")
                            .arg(functionName(function), describe(value, true)));
}

} // namespace

struct JsonPath::Compiled
{
    QString expression;
    Query query;
    Function function = Function::None;
    bool singular = true;
};

Result<JsonPath> JsonPath::compile(const QString &expression)
{
    auto invalid = [](const QString &message) {
        return Result<JsonPath>::error(Error::Code::InvalidInput, message);
    };
    // Bounds the work of compiling and, with MaxFilterDepth, the parser's recursion.
    if (expression.size() > MaxExpressionLength) {
        return invalid(tr("JSONPath is too long (%1 characters, at most %2)")
                           .arg(expression.size())
                           .arg(MaxExpressionLength));
    }
    if (!expression.startsWith(u'$'))
        return invalid(tr("expected a JSONPath, got \"%1\"").arg(expression));

    auto compiled = std::make_shared<Compiled>();
    compiled->expression = expression;
    Parser parser(expression);
    if (!parser.parseRoot(compiled->query, compiled->function))
        return invalid(parser.error());
    compiled->singular = compiled->query.isSingular();

    JsonPath path;
    path.m_compiled = std::move(compiled);
    return Result<JsonPath>::ok(std::move(path));
}

QString JsonPath::expression() const
{
    return m_compiled ? m_compiled->expression : QString();
}

bool JsonPath::isSingular() const
{
    return !m_compiled || m_compiled->singular;
}

QList<QJsonValue> JsonPath::select(const QJsonValue &root) const
{
    QList<QJsonValue> nodes;
    if (m_compiled)
        evaluateQuery(m_compiled->query, root, root, nodes);
    return nodes;
}

Result<double> JsonPath::evaluateNumber(const QJsonValue &root) const
{
    if (!m_compiled)
        return extractError(tr("no JSONPath compiled"));
    const QList<QJsonValue> nodes = select(root);
    const Function function = m_compiled->function;

    if (function != Function::None && !m_compiled->singular) {
        if (function == Function::Length)
            return Result<double>::ok(nodes.size());
        return aggregate(function, nodes);
    }
    if (nodes.isEmpty())
        return extractError(tr("no value at this path"));
    if (nodes.size() > 1) {
        // Only reachable without a function: a singular path selects at most one node.
        return extractError(tr("matched %1 values; end the path with .sum(), .length(), .min(), "
                               ".max() or .avg() to combine them")
                                .arg(nodes.size()));
    }
    const QJsonValue &value = nodes.constFirst();
    if (function != Function::None)
        return applyToValue(function, value);
    if (const std::optional<double> number = toNumber(value))
        return Result<double>::ok(*number);
    QString message = tr("found %1, expected a number").arg(describe(value, true));
    if (value.isArray())
        message += tr("; end the path with .length() to count them");
    return extractError(message);
}

JsonPath::JsonPath() = default;
JsonPath::~JsonPath() = default;
JsonPath::JsonPath(const JsonPath &) = default;
JsonPath &JsonPath::operator=(const JsonPath &) = default;
JsonPath::JsonPath(JsonPath &&) noexcept = default;
JsonPath &JsonPath::operator=(JsonPath &&) noexcept = default;

} // namespace kpi::extract
