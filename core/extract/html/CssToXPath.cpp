// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "extract/html/CssToXPath.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <optional>

namespace kpi::extract {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::extract::CssToXPath", text);
}

constexpr qsizetype MaxSelectorLength = 4000;
constexpr int MaxNotDepth = 16;
const QLatin1String Upper("'ABCDEFGHIJKLMNOPQRSTUVWXYZ'");
const QLatin1String Lower("'abcdefghijklmnopqrstuvwxyz'");

// An XPath 1.0 string literal: it has no escapes, so a value holding both quote kinds is
// built with concat().
QString literal(QString value)
{
    // Characters XML forbids (C0 controls, from CSS escapes such as `\f`) cannot occur in a
    // parsed page, and libxml2's XPath refuses them: U+FFFD keeps the meaning (no match).
    for (QChar &c : value) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\t' && u != u'\n' && u != u'\r') || u == 0xFFFE || u == 0xFFFF)
            c = QChar(0xFFFD);
    }
    if (!value.contains(u'\''))
        return u'\'' + value + u'\'';
    if (!value.contains(u'"'))
        return u'"' + value + u'"';
    QStringList parts;
    const QStringList pieces = value.split(u'\'');
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        if (i > 0)
            parts << QStringLiteral("\"'\"");
        if (!pieces[i].isEmpty())
            parts << u'\'' + pieces[i] + u'\'';
    }
    return QStringLiteral("concat(") + parts.join(u',') + u')';
}

QString whitespaceListContains(const QString &attribute, const QString &word)
{
    return QStringLiteral("contains(concat(' ',normalize-space(") + attribute +
           QStringLiteral("),' '),") + literal(u' ' + word + u' ') + u')';
}

bool hasXPathSpace(const QString &s)
{
    for (QChar c : s)
        if (c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f')
            return true;
    return false;
}

QString asciiLower(QString s)
{
    for (QChar &c : s)
        if (c >= u'A' && c <= u'Z')
            c = QChar(c.unicode() + 32);
    return s;
}

// A name XPath can use as a node test as it is.
bool isSimpleName(const QString &name)
{
    if (name.isEmpty() || !(name[0].isLetter() || name[0] == u'_') || name[0].unicode() > 0x7F)
        return false;
    for (QChar c : name)
        if (!(c.unicode() < 0x80 && (c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.')))
            return false;
    return true;
}

struct Compound
{
    QString type; // lower case, empty for `*` or none
    QStringList conditions;

    // As a location step after an axis: `name[c1][c2]`.
    QString step() const
    {
        QString s = isSimpleName(type) || type.isEmpty()
                        ? (type.isEmpty() ? QStringLiteral("*") : type)
                        : QStringLiteral("*");
        if (!type.isEmpty() && !isSimpleName(type))
            s += QStringLiteral("[local-name()=") + literal(type) + u']';
        for (const QString &c : conditions)
            s += u'[' + c + u']';
        return s;
    }

    // As one boolean about the context element (inside :not()).
    QString test() const
    {
        QStringList all;
        if (!type.isEmpty())
            all << (isSimpleName(type) ? QStringLiteral("self::") + type
                                       : QStringLiteral("local-name()=") + literal(type));
        for (const QString &c : conditions)
            all << u'(' + c + u')';
        return all.isEmpty() ? QStringLiteral("true()") : all.join(QLatin1String(" and "));
    }
};

// The rightmost compound of a complex selector, and the rest as a relative path from it.
struct Subject
{
    Compound compound;
    QString context;
};

class Parser
{
public:
    explicit Parser(const QString &text) : s(text) { }

    // Every selector is matched right to left, as browsers do: the subject element first,
    // its context as nested predicates, `descendant::a[parent::h2[ancestor::article[…][1]]]`,
    // and a list as one test per element, `descendant::*[(…) or (…)]`. libxml2 then walks the
    // document once. The left-to-right path (`/descendant::body/descendant::*/descendant::*`)
    // merges one node set per context node, and unions sort and merge theirs: on a 10 MB page
    // `body * *` took two minutes that way, and a list of three types 1.4 s. The `[1]` after
    // an ancestor or preceding-sibling step stops at the nearest match (libxml2 ends the
    // predicate early for a final positional predicate).
    Result<QString> run()
    {
        QList<Subject> subjects;
        for (;;) {
            skipSpace();
            std::optional<Subject> subject = complex();
            if (!subject)
                return failure();
            subjects << *subject;
            skipSpace();
            if (atEnd())
                break;
            if (peek() != u',')
                return fail(tr("unexpected \"%1\"").arg(peek())), failure();
            ++i;
        }
        if (subjects.size() == 1) {
            const Subject &only = subjects.first();
            return Result<QString>::ok(
                QStringLiteral("descendant::") + only.compound.step() +
                (only.context.isEmpty() ? QString() : u'[' + only.context + u']'));
        }
        QStringList alternatives;
        for (const Subject &subject : subjects) {
            QString test = subject.compound.test();
            if (!subject.context.isEmpty())
                test += QStringLiteral(" and ") + subject.context;
            alternatives << u'(' + test + u')';
        }
        return Result<QString>::ok(QStringLiteral("descendant::*[") +
                                   alternatives.join(QLatin1String(" or ")) + u']');
    }

private:
    const QString &s;
    qsizetype i = 0;
    qsizetype errorAt = 0;
    QString errorMessage;
    int notDepth = 0;

    bool atEnd() const { return i >= s.size(); }
    QChar peek(qsizetype ahead = 0) const { return i + ahead < s.size() ? s[i + ahead] : QChar(); }

    void fail(const QString &message, std::optional<qsizetype> at = {})
    {
        if (errorMessage.isEmpty()) {
            errorMessage = message;
            errorAt = at.value_or(i);
        }
    }
    Result<QString> failure() const
    {
        return Result<QString>::error(Error::Code::InvalidInput,
                                      tr("at position %1: %2").arg(errorAt + 1).arg(errorMessage));
    }

    static bool isSpace(QChar c)
    {
        return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f';
    }

    // White space and /* comments */; true when any was skipped.
    bool skipSpace()
    {
        const qsizetype start = i;
        for (;;) {
            while (!atEnd() && isSpace(peek()))
                ++i;
            if (peek() == u'/' && peek(1) == u'*') {
                const qsizetype end = s.indexOf(QLatin1String("*/"), i + 2);
                if (end < 0) {
                    i = s.size();
                    break;
                }
                i = end + 2;
                continue;
            }
            break;
        }
        return i > start;
    }

    static bool isNameStart(QChar c) { return c.isLetter() || c == u'_' || c.unicode() >= 0x80; }
    static bool isNameChar(QChar c) { return isNameStart(c) || c.isDigit() || c == u'-'; }
    static bool isHex(QChar c)
    {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
    }
    bool escapeAhead(qsizetype ahead = 0) const
    {
        return peek(ahead) == u'\\' && i + ahead + 1 < s.size() && s[i + ahead + 1] != u'\n';
    }

    // After a backslash (CSS Syntax §4.3.7).
    void escape(QString &out)
    {
        ++i; // the backslash
        if (isHex(peek())) {
            uint cp = 0;
            int digits = 0;
            while (digits < 6 && isHex(peek())) {
                cp = cp * 16 + QString(peek()).toUInt(nullptr, 16);
                ++i, ++digits;
            }
            if (isSpace(peek()))
                ++i;
            if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                cp = 0xFFFD;
            out += QString::fromUcs4(reinterpret_cast<const char32_t *>(&cp), 1);
            return;
        }
        out += peek();
        ++i;
    }

    std::optional<QString> identifier(const QString &what)
    {
        QString out;
        const bool dash = peek() == u'-';
        const qsizetype after = dash ? 1 : 0;
        if (!(isNameStart(peek(after)) || escapeAhead(after) || (dash && peek(1) == u'-'))) {
            fail(atEnd() ? tr("expected %1, got the end").arg(what)
                         : tr("expected %1, got \"%2\"").arg(what, peek()));
            return std::nullopt;
        }
        while (!atEnd()) {
            if (escapeAhead())
                escape(out);
            else if (isNameChar(peek()))
                out += peek(), ++i;
            else
                break;
        }
        return out;
    }

    std::optional<QString> string()
    {
        const QChar quote = peek();
        const qsizetype start = i++;
        QString out;
        while (!atEnd() && peek() != quote) {
            if (peek() == u'\n') {
                fail(tr("a line break inside a quoted string"));
                return std::nullopt;
            }
            if (peek() == u'\\') {
                if (peek(1) == u'\n') {
                    i += 2; // a continued line
                    continue;
                }
                if (i + 1 >= s.size())
                    break;
                escape(out);
                continue;
            }
            out += peek();
            ++i;
        }
        if (atEnd()) {
            fail(tr("the string is not closed"), start);
            return std::nullopt;
        }
        ++i;
        return out;
    }

    // A complex selector: compounds joined by combinators, as one location path.
    // A complex selector: compounds joined by combinators.
    std::optional<Subject> complex()
    {
        QList<Compound> compounds(1);
        QList<QChar> combinators{QChar()}; // combinators[k] joins compounds k-1 and k
        if (!compound(compounds[0]))
            return std::nullopt;
        for (;;) {
            const bool space = skipSpace();
            if (atEnd() || peek() == u',')
                break;
            QChar combinator = u' ';
            if (peek() == u'>' || peek() == u'+' || peek() == u'~') {
                combinator = peek();
                ++i;
                skipSpace();
            } else if (!space) {
                fail(tr("unexpected \"%1\"").arg(peek()));
                return std::nullopt;
            }
            compounds.append(Compound());
            combinators.append(combinator);
            if (!compound(compounds.last()))
                return std::nullopt;
        }
        // From the left: each compound's step holds the steps to its left as a predicate.
        QString context;
        for (qsizetype k = 1; k < compounds.size(); ++k) {
            const Compound &left = compounds[k - 1];
            const QString inner = context.isEmpty() ? QString() : u'[' + context + u']';
            switch (combinators[k].unicode()) {
            case u' ':
                context =
                    QStringLiteral("ancestor::") + left.step() + inner + QStringLiteral("[1]");
                break;
            case u'>':
                context = QStringLiteral("parent::") + left.step() + inner;
                break;
            case u'~':
                context = QStringLiteral("preceding-sibling::") + left.step() + inner +
                          QStringLiteral("[1]");
                break;
            default: { // `+`: the element just before, then the compound as a test on it
                const QString test = left.test();
                context = QStringLiteral("preceding-sibling::*[1]") +
                          (test == QLatin1String("true()") ? QString() : u'[' + test + u']') +
                          inner;
            }
            }
        }
        return Subject{compounds.last(), context};
    }

    bool compound(Compound &out)
    {
        const qsizetype start = i;
        if (peek() == u'*') {
            ++i;
        } else if (isNameStart(peek()) || escapeAhead() || (peek() == u'-' && !atEnd())) {
            if (peek() != u'-' || isNameStart(peek(1)) || peek(1) == u'-' || escapeAhead(1)) {
                const std::optional<QString> name = identifier(tr("an element name"));
                if (!name)
                    return false;
                out.type = name->toLower();
            }
        }
        if (peek() == u'|') {
            fail(tr("namespaces (\"|\") are not supported"));
            return false;
        }
        for (;;) {
            const QChar c = peek();
            if (c == u'#') {
                ++i;
                const std::optional<QString> id = identifier(tr("an id after \"#\""));
                if (!id)
                    return false;
                out.conditions << QStringLiteral("@id=") + literal(*id);
            } else if (c == u'.') {
                ++i;
                const std::optional<QString> name = identifier(tr("a class name after \".\""));
                if (!name)
                    return false;
                out.conditions << (hasXPathSpace(*name)
                                       ? QStringLiteral("false()")
                                       : whitespaceListContains(QStringLiteral("@class"), *name));
            } else if (c == u'[') {
                if (!attribute(out))
                    return false;
            } else if (c == u':') {
                if (!pseudo(out))
                    return false;
            } else {
                break;
            }
        }
        if (i == start) {
            fail(atEnd() ? tr("expected a selector, got the end")
                         : tr("expected a selector, got \"%1\"").arg(peek()));
            return false;
        }
        return true;
    }

    bool attribute(Compound &out)
    {
        ++i; // [
        skipSpace();
        const std::optional<QString> rawName = identifier(tr("an attribute name"));
        if (!rawName)
            return false;
        if (peek() == u'|' && peek(1) != u'=') {
            fail(tr("namespaces (\"|\") are not supported"));
            return false;
        }
        const QString name = rawName->toLower();
        const QString at = isSimpleName(name)
                               ? QString(u'@' + name)
                               : QString(QStringLiteral("@*[local-name()=") + literal(name) + u']');
        skipSpace();
        if (peek() == u']') {
            ++i;
            out.conditions << at;
            return true;
        }
        QChar op;
        if (peek() == u'=') {
            op = u'=';
            ++i;
        } else if (QStringLiteral("~^$*|").contains(peek()) && peek(1) == u'=') {
            op = peek();
            i += 2;
        } else {
            fail(atEnd() ? tr("expected \"]\" or an operator (=, ~=, ^=, $=, *=, |=), got the end")
                         : tr("expected \"]\" or an operator (=, ~=, ^=, $=, *=, |=), got \"%1\"")
                               .arg(peek()));
            return false;
        }
        skipSpace();
        QString value;
        if (peek() == u'"' || peek() == u'\'') {
            const std::optional<QString> quoted = string();
            if (!quoted)
                return false;
            value = *quoted;
        } else if (isNameStart(peek()) || escapeAhead() || peek() == u'-') {
            const std::optional<QString> ident = identifier(tr("a value"));
            if (!ident)
                return false;
            value = *ident;
        } else {
            // Lenient: unquoted numbers and the like ([data-page=2]), which browsers refuse.
            while (!atEnd() && (peek().isLetterOrNumber() || peek() == u'.' || peek() == u'-' ||
                                peek() == u'_'))
                value += peek(), ++i;
            if (value.isEmpty()) {
                fail(atEnd() ? tr("expected a value, got the end")
                             : tr("expected a value, got \"%1\"").arg(peek()));
                return false;
            }
        }
        skipSpace();
        bool caseless = false;
        if (peek().toLower() == u'i' || peek().toLower() == u's') {
            caseless = peek().toLower() == u'i';
            ++i;
            skipSpace();
        }
        if (peek() != u']') {
            fail(atEnd() ? tr("expected \"]\", got the end")
                         : tr("expected \"]\", got \"%1\"").arg(peek()));
            return false;
        }
        ++i;
        QString a = at;
        if (caseless) {
            a = QStringLiteral("translate(") + at + u',' + Upper + u',' + Lower + u')';
            value = asciiLower(value);
        }
        const QString v = literal(value);
        QString condition;
        switch (op.unicode()) {
        case u'=':
            condition = a + u'=' + v;
            break;
        case u'~':
            condition = value.isEmpty() || hasXPathSpace(value) ? QStringLiteral("false()")
                                                                : whitespaceListContains(a, value);
            break;
        case u'^':
            condition = value.isEmpty() ? QStringLiteral("false()")
                                        : QStringLiteral("starts-with(") + a + u',' + v + u')';
            break;
        case u'$': {
            const qsizetype length = value.toUcs4().size(); // XPath counts characters
            condition = value.isEmpty() ? QStringLiteral("false()")
                                        : QStringLiteral("substring(%1,string-length(%1)-%2)=%3")
                                              .arg(a)
                                              .arg(length - 1)
                                              .arg(v);
            break;
        }
        case u'*':
            condition = value.isEmpty() ? QStringLiteral("false()")
                                        : QStringLiteral("contains(") + a + u',' + v + u')';
            break;
        case u'|':
            condition = a + u'=' + v + QStringLiteral(" or starts-with(") + a + u',' +
                        literal(value + u'-') + u')';
            break;
        }
        out.conditions << condition;
        return true;
    }

    bool pseudo(Compound &out)
    {
        const qsizetype start = i;
        ++i; // :
        if (peek() == u':') {
            fail(tr("pseudo-elements (\"::\") are not supported"), start);
            return false;
        }
        const std::optional<QString> rawName = identifier(tr("a pseudo-class name after \":\""));
        if (!rawName)
            return false;
        const QString name = rawName->toLower();
        if (name == QLatin1String("first-child")) {
            // [1]: libxml2 stops at the first sibling instead of collecting them all.
            out.conditions << QStringLiteral("not(preceding-sibling::*[1])");
        } else if (name == QLatin1String("last-child")) {
            out.conditions << QStringLiteral("not(following-sibling::*[1])");
        } else if (name == QLatin1String("only-child")) {
            out.conditions << QStringLiteral(
                "not(preceding-sibling::*[1]) and not(following-sibling::*[1])");
        } else if (name == QLatin1String("empty")) {
            out.conditions << QStringLiteral("not(*) and not(text())");
        } else if (name == QLatin1String("root")) {
            out.conditions << QStringLiteral("not(parent::*)");
        } else if (name == QLatin1String("nth-child") || name == QLatin1String("nth-last-child")) {
            if (peek() != u'(') {
                fail(tr("expected \"(\" after :%1").arg(name));
                return false;
            }
            ++i;
            skipSpace();
            qint64 a = 0, b = 0;
            if (!anPlusB(a, b))
                return false;
            skipSpace();
            if (peek() != u')') {
                fail(atEnd() ? tr("expected \")\", got the end")
                             : tr("expected \")\", got \"%1\"").arg(peek()));
                return false;
            }
            ++i;
            const QString position = name == QLatin1String("nth-child")
                                         ? QStringLiteral("(count(preceding-sibling::*)+1)")
                                         : QStringLiteral("(count(following-sibling::*)+1)");
            out.conditions << nthCondition(position,
                                           name == QLatin1String("nth-child")
                                               ? QStringLiteral("preceding-sibling")
                                               : QStringLiteral("following-sibling"),
                                           a, b);
        } else if (name == QLatin1String("not")) {
            if (peek() != u'(') {
                fail(tr("expected \"(\" after :not"));
                return false;
            }
            if (++notDepth > MaxNotDepth) {
                fail(tr(":not() nested too deeply"));
                return false;
            }
            ++i;
            QStringList alternatives;
            for (;;) {
                skipSpace();
                Compound inner;
                if (!compound(inner))
                    return false;
                alternatives << u'(' + inner.test() + u')';
                skipSpace();
                if (peek() == u',') {
                    ++i;
                    continue;
                }
                if (peek() == u')')
                    break;
                fail(atEnd() ? tr("expected \")\" closing :not(, got the end")
                             : tr("expected \")\" closing :not(, got \"%1\"").arg(peek()));
                return false;
            }
            ++i;
            --notDepth;
            out.conditions << QStringLiteral("not(") + alternatives.join(QLatin1String(" or ")) +
                                  u')';
        } else {
            fail(tr("unsupported pseudo-class \":%1\"").arg(name), start);
            return false;
        }
        return true;
    }

    // p: the 1-based position among the element siblings, as `(count(…-sibling::*)+1)`,
    // which costs one visit per sibling; axis: that sibling axis, for a fixed position.
    static QString nthCondition(const QString &p, const QString &axis, qint64 a, qint64 b)
    {
        if (a == 0) {
            // A fixed position: libxml2 stops at the b-th sibling ([n] on an axis step).
            if (b < 1)
                return QStringLiteral("false()");
            const QString none = QStringLiteral("not(%1::*[%2])").arg(axis).arg(b);
            return b == 1 ? none
                          : QStringLiteral("%1::*[%2] and %3").arg(axis).arg(b - 1).arg(none);
        }
        if (a > 0) {
            if (a == 1 && b <= 1)
                return QStringLiteral("true()");
            return QStringLiteral("%1>=%2 and (%1-%2) mod %3=0").arg(p).arg(b).arg(a);
        }
        if (b < 1)
            return QStringLiteral("false()");
        return QStringLiteral("%1<=%2 and (%2-%1) mod %3=0").arg(p).arg(b).arg(-a);
    }

    bool digits(qint64 &value)
    {
        const qsizetype start = i;
        value = 0;
        while (peek().isDigit() && peek().unicode() < 0x80) {
            if (value < 1000000000)
                value = value * 10 + (peek().unicode() - u'0');
            ++i;
        }
        return i > start;
    }

    // an+b, odd, even (CSS Syntax §6).
    bool anPlusB(qint64 &a, qint64 &b)
    {
        const qsizetype start = i;
        auto bad = [&] {
            fail(tr("expected an+b, odd or even"), start);
            return false;
        };
        if (peek().toLower() == u'o' || peek().toLower() == u'e') {
            QString word;
            while (peek().isLetter())
                word += peek().toLower(), ++i;
            if (word == QLatin1String("odd"))
                a = 2, b = 1;
            else if (word == QLatin1String("even"))
                a = 2, b = 0;
            else
                return bad();
            return true;
        }
        qint64 sign = 1;
        if (peek() == u'+' || peek() == u'-') {
            sign = peek() == u'-' ? -1 : 1;
            ++i;
        }
        qint64 number = 0;
        const bool hasNumber = digits(number);
        if (peek().toLower() == u'n') {
            ++i;
            a = sign * (hasNumber ? number : 1);
            b = 0;
            skipSpace();
            if (peek() == u'+' || peek() == u'-') {
                const qint64 bSign = peek() == u'-' ? -1 : 1;
                ++i;
                skipSpace();
                qint64 offset = 0;
                if (!digits(offset))
                    return bad();
                b = bSign * offset;
            }
            return true;
        }
        if (!hasNumber)
            return bad();
        a = 0;
        b = sign * number;
        return true;
    }
};

} // namespace

Result<QString> CssToXPath::translate(const QString &selector)
{
    if (selector.size() > MaxSelectorLength) {
        return Result<QString>::error(
            Error::Code::InvalidInput,
            tr("the selector is longer than %1 characters").arg(MaxSelectorLength));
    }
    return Parser(selector).run();
}

} // namespace kpi::extract
