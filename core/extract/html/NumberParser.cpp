// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "extract/html/NumberParser.h"

#include <cmath>

namespace kpi::extract {

namespace {

bool isSpace(QChar c)
{
    return c.isSpace() || c == QChar(0x00A0) || c == QChar(0x202F) || c == QChar(0x2009) ||
           c == QChar(0x2007);
}

bool isCurrency(QChar c)
{
    return c == u'$' || c == QChar(0x20AC) || c == QChar(0x00A3) || c == QChar(0x00A5) ||
           c == QChar(0x20B9);
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

} // namespace

std::optional<double> NumberParser::parse(const QString &input, QChar decimalSeparator)
{
    if (decimalSeparator != u'.' && decimalSeparator != u',')
        return std::nullopt;
    const QChar groupSeparator = decimalSeparator == u'.' ? u',' : u'.';
    const QString s = input;
    qsizetype i = 0, n = s.size();
    auto skipSpaces = [&] {
        while (i < n && isSpace(s[i]))
            ++i;
    };
    while (n > 0 && isSpace(s[n - 1]))
        --n;
    skipSpaces();

    bool negative = false, signSeen = false, currencySeen = false;
    for (;;) {
        if (i < n && !signSeen && (s[i] == u'-' || s[i] == QChar(0x2212) || s[i] == u'+')) {
            negative = s[i] != u'+';
            signSeen = true;
            ++i;
            skipSpaces();
        } else if (i < n && !currencySeen && isCurrency(s[i])) {
            currencySeen = true;
            ++i;
            skipSpaces();
        } else {
            break;
        }
    }

    // The integer part, with group separators checked.
    QString digits;
    int groupLength = 0, groups = 0;
    bool lastGroupShort = false, bad = false;
    while (i < n) {
        const QChar c = s[i];
        if (isAsciiDigit(c)) {
            digits += c;
            ++groupLength;
            ++i;
            continue;
        }
        const bool separator =
            c == groupSeparator || c == u'\'' || c == QChar(0x2019) || (isSpace(c) && c != u'\n');
        if (!separator || digits.isEmpty() || i + 1 >= n || !isAsciiDigit(s[i + 1]))
            break;
        // Close the group before the separator: the first may be 1-3 digits (any if it is
        // the only one); later ones 3, or 2 for lakh grouping, but not the last.
        if (groups == 0 ? groupLength > 3 : (groupLength != 3 && groupLength != 2))
            bad = true;
        ++groups;
        groupLength = 0;
        ++i;
    }
    if (groups > 0) {
        lastGroupShort = groupLength != 3;
        if (lastGroupShort)
            bad = true;
    }
    if (bad)
        return std::nullopt;

    QString number = digits;
    if (i < n && s[i] == decimalSeparator && i + 1 < n && isAsciiDigit(s[i + 1])) {
        number += u'.';
        ++i;
        while (i < n && isAsciiDigit(s[i]))
            number += s[i++];
    }
    if (number.isEmpty())
        return std::nullopt;
    if (number.startsWith(u'.'))
        number.prepend(u'0');
    // An exponent, only on an ungrouped number.
    if (groups == 0 && i < n && (s[i] == u'e' || s[i] == u'E')) {
        qsizetype j = i + 1;
        QString exponent = QStringLiteral("e");
        if (j < n && (s[j] == u'-' || s[j] == u'+'))
            exponent += s[j++];
        if (j < n && isAsciiDigit(s[j])) {
            while (j < n && isAsciiDigit(s[j]))
                exponent += s[j++];
            number += exponent;
            i = j;
        }
    }
    bool ok = false;
    double value = number.toDouble(&ok);
    if (!ok)
        return std::nullopt;

    skipSpaces();
    if (i < n) {
        const QString rest = s.mid(i, n - i);
        double factor = 0;
        if (rest == QLatin1String("k") || rest == QLatin1String("K"))
            factor = 1e3;
        else if (rest == QLatin1String("m") || rest == QLatin1String("M") ||
                 rest == QLatin1String("mn"))
            factor = 1e6;
        else if (rest == QLatin1String("b") || rest == QLatin1String("B") ||
                 rest == QLatin1String("bn"))
            factor = 1e9;
        else if (rest == QLatin1String("t") || rest == QLatin1String("T"))
            factor = 1e12;
        else if (rest == QLatin1String("%"))
            factor = 1;
        else if (rest.size() == 1 && isCurrency(rest[0]) && !currencySeen)
            factor = 1;
        if (factor == 0)
            return std::nullopt;
        value *= factor;
    }
    if (!std::isfinite(value))
        return std::nullopt;
    return negative ? -value : value;
}

} // namespace kpi::extract
