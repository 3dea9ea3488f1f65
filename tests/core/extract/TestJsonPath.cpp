// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "extract/JsonPath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using kpi::Error;
using kpi::extract::JsonPath;

namespace {

// Fixtures shaped like the APIs the collector reads.
const QByteArray GitHubRepo = R"({
    "id": 123, "full_name": "octo/kpi", "stargazers_count": 1523, "forks_count": 87,
    "open_issues_count": 12, "archived": false, "homepage": null,
    "license": {"key": "mit", "name": "MIT License"},
    "topics": ["qt", "kpi", "desktop"], "owner": {"login": "octo", "id": 1}, "empty": []
})";

const QByteArray GitHubReleases = R"([
    {"tag_name": "v2.0.0", "prerelease": false,
     "assets": [{"name": "a.deb", "download_count": 120},
                {"name": "a.tar.gz", "download_count": 30}]},
    {"tag_name": "v2.0.0-rc1", "prerelease": true,
     "assets": [{"name": "a.deb", "download_count": 5}]},
    {"tag_name": "v1.0.0", "prerelease": false, "assets": []}
])";

const QByteArray NpmPoint =
    R"({"downloads": 51234, "start": "2026-01-01", "end": "2026-01-07", "package": "left-pad"})";

const QByteArray NpmRange = R"({"package": "left-pad", "downloads": [
    {"day": "2026-01-01", "downloads": 10}, {"day": "2026-01-02", "downloads": 20},
    {"day": "2026-01-03", "downloads": 30}
]})";

// pypistats.org answers some counters as strings.
const QByteArray PyPiRecent = R"({"data": {"last_day": 1200, "last_week": "8400",
    "last_month": " 35000 "}, "package": "requests", "type": "recent_downloads"})";

// Goessner's bookstore.
const QByteArray Store = R"({"store": {"book": [
    {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century",
     "price": 8.95},
    {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
    {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick",
     "isbn": "0-553-21311-3", "price": 8.99},
    {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings",
     "isbn": "0-395-19395-8", "price": 22.99}],
    "bicycle": {"color": "red", "price": 399}}, "expensive": 10})";

const QByteArray Digits = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";

// One element per JSON type, for filters comparing across types.
const QByteArray Mixed = R"({"ref": [1], "obj": {"a": 1}, "items": [
    {"id": 0, "v": 1}, {"id": 1, "v": "1"}, {"id": 2, "v": "b"}, {"id": 3, "v": true},
    {"id": 4, "v": null}, {"id": 5, "v": [1]}, {"id": 6, "v": {"a": 1}}, {"id": 7},
    {"id": 8, "v": 2.5}, {"id": 9, "v": "a"}
]})";

const QByteArray Values = R"({"values": [1, 2, "3", " 4 "], "negatives": [-5, -1.5, 3],
    "n": 7, "s": "5", "empty": [], "word": "abc", "flag": true, "nothing": null,
    "obj": {"a": 1, "b": 2, "c": 3}})";

// Any JSON text, scalars included (QJsonDocument only takes objects and arrays);
// Undefined when the fixture itself is broken.
QJsonValue parseJson(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson('[' + text + ']', &error);
    if (error.error != QJsonParseError::NoError || document.array().size() != 1)
        return QJsonValue(QJsonValue::Undefined);
    return document.array().at(0);
}

QByteArray compact(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

JsonPath compiled(const QString &expression)
{
    const auto path = JsonPath::compile(expression);
    if (!path) {
        qWarning("%s", qPrintable(path.error().toString()));
        return {};
    }
    return path.value();
}

} // namespace

class TestJsonPath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compile_keepsExpression_data();
    void compile_keepsExpression();
    void compile_rejectsInvalidSyntax_data();
    void compile_rejectsInvalidSyntax();
    void compile_acceptsLongestAndDeepestAllowed();
    void compile_survivesHostileInput_data();
    void compile_survivesHostileInput();
    void isSingular_reportsPathShape_data();
    void isSingular_reportsPathShape();
    void select_returnsNodesInOrder_data();
    void select_returnsNodesInOrder();
    void evaluateNumber_returnsValue_data();
    void evaluateNumber_returnsValue();
    void evaluateNumber_reportsError_data();
    void evaluateNumber_reportsError();
    void defaultConstructed_selectsNothing();
    void copies_shareTheCompiledPath();
};

void TestJsonPath::compile_keepsExpression_data()
{
    QTest::addColumn<QString>("expression");
    QTest::newRow("root") << QStringLiteral("$");
    QTest::newRow("every form") << QStringLiteral(
        "$.a['b'][\"c\"][0][-1][1:2][::-1][0,'x'].*[*]..d..*..[0]");
    QTest::newRow("filter spellings") << QStringLiteral("$[?(@.a == 1)][?@.b != 'x'][? ( @ ) ]");
    QTest::newRow("function") << QStringLiteral("$.a[*].sum()");
    QTest::newRow("blanks in brackets") << QStringLiteral("$[ 0 , 'a' , 1 : 2 ]");
}

void TestJsonPath::compile_keepsExpression()
{
    QFETCH(QString, expression);
    const auto path = JsonPath::compile(expression);
    QVERIFY2(path.isOk(), qPrintable(path.error().toString()));
    QCOMPARE(path->expression(), expression);
}

void TestJsonPath::compile_rejectsInvalidSyntax_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("message");

    auto row = [](const char *name, const QString &expression, const QString &message) {
        QTest::newRow(name) << expression << message;
    };
    const QString selector =
        QStringLiteral("expected a quoted name, an index, a slice, \"*\" or a filter");
    const QString operand =
        QStringLiteral("expected a path, a string, a number, true, false or null");
    const QString singular =
        QStringLiteral("expected a singular path (names and indexes only) in a comparison");
    const QString functions = QStringLiteral("; expected length(), sum(), min(), max() or avg()");

    // The root.
    row("empty", QString(), QStringLiteral("expected a JSONPath, got \"\""));
    row("bare word", QStringLiteral("stars"), QStringLiteral("expected a JSONPath, got \"stars\""));
    row("no root", QStringLiteral(".stars"), QStringLiteral("expected a JSONPath, got \".stars\""));
    row("leading blank", QStringLiteral(" $.a"),
        QStringLiteral("expected a JSONPath, got \" $.a\""));
    row("relative root", QStringLiteral("@.a"), QStringLiteral("expected a JSONPath, got \"@.a\""));

    // Dot segments.
    row("dot at end", QStringLiteral("$."),
        QStringLiteral("expected a name after \".\" at position 3"));
    row("dot then dot at end", QStringLiteral("$.a."),
        QStringLiteral("expected a name after \".\" at position 5"));
    row("dot then bracket", QStringLiteral("$.[0]"),
        QStringLiteral("expected a name after \".\" at position 3"));
    row("dot then quote", QStringLiteral("$.'a'"),
        QStringLiteral("expected a name after \".\" at position 3"));
    row("descendant at end", QStringLiteral("$.."),
        QStringLiteral("expected a name, \"*\" or \"[\" after \"..\" at position 4"));
    row("three dots", QStringLiteral("$...a"),
        QStringLiteral("expected a name, \"*\" or \"[\" after \"..\" at position 4"));
    row("name glued to root", QStringLiteral("$a"),
        QStringLiteral("unexpected \"a\" at position 2"));
    row("blank between segments", QStringLiteral("$.a .b"),
        QStringLiteral("unexpected \" \" at position 4"));
    row("trailing blank", QStringLiteral("$.a "), QStringLiteral("unexpected \" \" at position 4"));
    row("stray bracket", QStringLiteral("$.a]"), QStringLiteral("unexpected \"]\" at position 4"));
    row("function after descendant", QStringLiteral("$..a()"),
        QStringLiteral("unexpected \"(\" at position 5"));

    // Brackets.
    row("open bracket at end", QStringLiteral("$["), selector + QStringLiteral(" at position 3"));
    row("empty bracket", QStringLiteral("$[]"), selector + QStringLiteral(" at position 3"));
    row("unquoted name", QStringLiteral("$[name]"), selector + QStringLiteral(" at position 3"));
    row("trailing comma", QStringLiteral("$[0,]"), selector + QStringLiteral(" at position 5"));
    row("unclosed index", QStringLiteral("$.items[0"),
        QStringLiteral("expected \",\" or \"]\" at position 10"));
    row("two indexes without comma", QStringLiteral("$[0 1]"),
        QStringLiteral("expected \",\" or \"]\" at position 5"));
    row("unclosed name", QStringLiteral("$['a'"),
        QStringLiteral("expected \",\" or \"]\" at position 6"));
    row("letter in slice", QStringLiteral("$[1:x]"),
        QStringLiteral("expected \",\" or \"]\" at position 5"));
    row("lone minus", QStringLiteral("$[-]"), QStringLiteral("expected a digit at position 4"));
    row("index too large", QStringLiteral("$[9007199254740992]"),
        QStringLiteral("expected an integer between -9007199254740991 and 9007199254740991 at "
                       "position 3"));
    row("slice step 0", QStringLiteral("$[1:2:0]"),
        QStringLiteral("slice step cannot be 0 at position 7"));
    row("slice step 0 alone", QStringLiteral("$[::0]"),
        QStringLiteral("slice step cannot be 0 at position 5"));

    // Strings.
    row("unterminated single", QStringLiteral("$['abc"),
        QStringLiteral("unterminated string starting at position 3"));
    row("unterminated double", QStringLiteral("$.a[\"abc"),
        QStringLiteral("unterminated string starting at position 5"));
    row("escaped closing quote", QStringLiteral("$[\"a\\\"]"),
        QStringLiteral("unterminated string starting at position 3"));
    row("backslash at end", QStringLiteral("$['a\\"),
        QStringLiteral("unterminated string starting at position 3"));
    row("unknown escape", QStringLiteral("$['a\\q']"),
        QStringLiteral("invalid escape \"\\q\" at position 5"));
    row("short unicode escape", QStringLiteral("$['\\u12']"),
        QStringLiteral("expected 4 hex digits after \"\\u\" at position 6"));
    row("bad unicode escape", QStringLiteral("$['\\u12g4']"),
        QStringLiteral("expected 4 hex digits after \"\\u\" at position 6"));
    row("signed unicode escape", QStringLiteral("$['\\u+123']"),
        QStringLiteral("expected 4 hex digits after \"\\u\" at position 6"));

    // Functions.
    row("unknown function", QStringLiteral("$.foo()"),
        QStringLiteral("unknown function \"foo()\" at position 3") + functions);
    row("unknown function after name", QStringLiteral("$.a.count()"),
        QStringLiteral("unknown function \"count()\" at position 5") + functions);
    row("function names are case sensitive", QStringLiteral("$.a.Sum()"),
        QStringLiteral("unknown function \"Sum()\" at position 5") + functions);
    row("function with argument", QStringLiteral("$.a.sum(1)"),
        QStringLiteral("expected \")\" at position 9"));
    row("unclosed function", QStringLiteral("$.a.max("),
        QStringLiteral("expected \")\" at position 9"));
    row("segment after function", QStringLiteral("$.a.length().b"),
        QStringLiteral("expected the end of the path after \"length()\" at position 13"));
    row("index after function", QStringLiteral("$.a.sum()[0]"),
        QStringLiteral("expected the end of the path after \"sum()\" at position 10"));
    row("function inside filter", QStringLiteral("$[?@.length() > 1]"),
        QStringLiteral("functions cannot be used inside a filter at position 6"));

    // Filters.
    row("unclosed parenthesis", QStringLiteral("$[?(@.a == 1]"),
        QStringLiteral("expected \")\" at position 13"));
    row("single equals", QStringLiteral("$[?@.a = 1]"),
        QStringLiteral("expected \"==\" at position 8"));
    row("single ampersand", QStringLiteral("$[?@.a & @.b]"),
        QStringLiteral("expected \"&&\" at position 8"));
    row("single bar", QStringLiteral("$[?@.a | @.b]"),
        QStringLiteral("expected \"||\" at position 8"));
    row("empty filter", QStringLiteral("$[?]"), operand + QStringLiteral(" at position 4"));
    row("empty parentheses", QStringLiteral("$[?()]"), operand + QStringLiteral(" at position 5"));
    row("missing right operand", QStringLiteral("$[?@.a == ]"),
        operand + QStringLiteral(" at position 11"));
    row("unquoted word", QStringLiteral("$[?@.a == yes]"),
        operand + QStringLiteral(" at position 11"));
    row("word starting like a literal", QStringLiteral("$[?@.a == trueish]"),
        operand + QStringLiteral(" at position 11"));
    row("dangling and", QStringLiteral("$[?@.a &&]"), operand + QStringLiteral(" at position 10"));
    row("unterminated literal", QStringLiteral("$[?@.a == 'x]"),
        QStringLiteral("unterminated string starting at position 11"));
    row("number without fraction", QStringLiteral("$[?@.a == 1.]"),
        QStringLiteral("expected a digit at position 13"));
    row("number without exponent", QStringLiteral("$[?@.a == 1e]"),
        QStringLiteral("expected a digit at position 13"));
    row("number out of range", QStringLiteral("$[?@.a == 1e999]"),
        QStringLiteral("number out of range at position 11"));
    row("string literal alone", QStringLiteral("$[?'a']"),
        QStringLiteral("expected a comparison operator at position 7"));
    row("true alone", QStringLiteral("$[?true]"),
        QStringLiteral("expected a comparison operator at position 8"));
    row("negated literal", QStringLiteral("$[?!1]"),
        QStringLiteral("expected a comparison operator at position 6"));
    row("wildcard in comparison", QStringLiteral("$[?@.* == 1]"),
        singular + QStringLiteral(" at position 4"));
    row("descendant on the right", QStringLiteral("$[?1 == @..a]"),
        singular + QStringLiteral(" at position 9"));
    row("absolute slice in comparison", QStringLiteral("$[?@.a < $.b[0:2]]"),
        singular + QStringLiteral(" at position 10"));
    row("negated comparison", QStringLiteral("$[?!@.a == 1]"),
        QStringLiteral("use \"!(...)\" to negate a comparison at position 9"));
    row("comparison after group", QStringLiteral("$[?(@.a) == 1]"),
        QStringLiteral("expected \",\" or \"]\" at position 10"));
    row("junk after filter", QStringLiteral("$[?(@.a)x]"),
        QStringLiteral("expected \",\" or \"]\" at position 9"));
    row("dot at end in filter", QStringLiteral("$[?@.]"),
        QStringLiteral("expected a name after \".\" at position 6"));
    row("unclosed filter", QStringLiteral("$[?@.a"),
        QStringLiteral("expected \",\" or \"]\" at position 7"));

    // Limits.
    row("too long", QStringLiteral("$") + QStringLiteral(".a").repeated(500),
        QStringLiteral("JSONPath is too long (1001 characters, at most 1000)"));
    row("parentheses too deep",
        QStringLiteral("$[?") + QStringLiteral("(").repeated(64) + QStringLiteral("@") +
            QStringLiteral(")").repeated(64) + QStringLiteral("]"),
        QStringLiteral("filter nested deeper than 64 levels at position 67"));
    row("negations too deep",
        QStringLiteral("$[?") + QStringLiteral("!").repeated(64) + QStringLiteral("@]"),
        QStringLiteral("filter nested deeper than 64 levels at position 67"));
    row("filters too deep", QStringLiteral("$") + QStringLiteral("[?@").repeated(70),
        QStringLiteral("filter nested deeper than 64 levels at position 195"));
}

void TestJsonPath::compile_rejectsInvalidSyntax()
{
    QFETCH(QString, expression);
    QFETCH(QString, message);
    const auto path = JsonPath::compile(expression);
    QVERIFY(!path.isOk());
    QCOMPARE(path.error().message, message);
    QCOMPARE(path.error().code, Error::Code::InvalidInput);
    QVERIFY(path.error().where.isEmpty());
}

void TestJsonPath::compile_acceptsLongestAndDeepestAllowed()
{
    // 1000 characters exactly.
    const QString longest =
        QStringLiteral("$") + QStringLiteral(".a").repeated(499) + QStringLiteral("b");
    QCOMPARE(longest.size(), 1000);
    const auto path = JsonPath::compile(longest);
    QVERIFY2(path.isOk(), qPrintable(path.error().toString()));

    // The filter itself is level 1, so 63 parentheses make 64 levels.
    const QString deepest = QStringLiteral("$[?") + QStringLiteral("(").repeated(63) +
                            QStringLiteral("@.a") + QStringLiteral(")").repeated(63) +
                            QStringLiteral("]");
    const auto deep = JsonPath::compile(deepest);
    QVERIFY2(deep.isOk(), qPrintable(deep.error().toString()));
    const auto selected = deep->select(parseJson(R"([{"a": 1}, {"b": 2}])"));
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().toObject().value(QStringLiteral("a")).toInt(), 1);
}

void TestJsonPath::compile_survivesHostileInput_data()
{
    QTest::addColumn<QString>("expression");
    QTest::newRow("many negations") << QStringLiteral("$[?") + QStringLiteral("!").repeated(997);
    QTest::newRow("many parentheses") << QStringLiteral("$[?") + QStringLiteral("(").repeated(997);
    QTest::newRow("many filters") << QStringLiteral("$") + QStringLiteral("[?@").repeated(333);
    QTest::newRow("many brackets") << QStringLiteral("$") + QStringLiteral("[").repeated(999);
    QTest::newRow("many quotes") << QStringLiteral("$[") + QStringLiteral("'").repeated(998);
}

void TestJsonPath::compile_survivesHostileInput()
{
    QFETCH(QString, expression);
    QCOMPARE(expression.size() <= 1000, true);
    const auto path = JsonPath::compile(expression);
    QVERIFY(!path.isOk());
    QCOMPARE(path.error().code, Error::Code::InvalidInput);
    QVERIFY(path.error().message.contains(QStringLiteral(" at position ")));
}

void TestJsonPath::isSingular_reportsPathShape_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<bool>("singular");
    QTest::newRow("root") << QStringLiteral("$") << true;
    QTest::newRow("name") << QStringLiteral("$.a") << true;
    QTest::newRow("names and indexes") << QStringLiteral("$['a'][0].b[-1]") << true;
    QTest::newRow("function on singular") << QStringLiteral("$.a.length()") << true;
    QTest::newRow("wildcard") << QStringLiteral("$.a[*]") << false;
    QTest::newRow("dot wildcard") << QStringLiteral("$.*") << false;
    QTest::newRow("slice of one") << QStringLiteral("$[0:1]") << false;
    QTest::newRow("index union") << QStringLiteral("$[0,1]") << false;
    QTest::newRow("name union") << QStringLiteral("$['a','b']") << false;
    QTest::newRow("descendant") << QStringLiteral("$..a") << false;
    QTest::newRow("descendant index") << QStringLiteral("$..[0]") << false;
    QTest::newRow("filter") << QStringLiteral("$[?@.a]") << false;
    QTest::newRow("function on wildcard") << QStringLiteral("$.a[*].length()") << false;
}

void TestJsonPath::isSingular_reportsPathShape()
{
    QFETCH(QString, expression);
    QFETCH(bool, singular);
    const auto path = JsonPath::compile(expression);
    QVERIFY2(path.isOk(), qPrintable(path.error().toString()));
    QCOMPARE(path->isSingular(), singular);
}

void TestJsonPath::select_returnsNodesInOrder_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QByteArray>("expected"); // a JSON array of the selected nodes

    auto row = [](const char *name, const QByteArray &json, const QString &expression,
                  const QByteArray &expected) {
        QTest::newRow(name) << json << expression << expected;
    };

    // Names.
    row("root", R"({"a": 1})", QStringLiteral("$"), R"([{"a": 1}])");
    row("scalar root", "42", QStringLiteral("$"), "[42]");
    row("dot name", GitHubRepo, QStringLiteral("$.stargazers_count"), "[1523]");
    row("nested names", GitHubRepo, QStringLiteral("$.license.key"), R"(["mit"])");
    row("single-quoted name", GitHubRepo, QStringLiteral("$['full_name']"), R"(["octo/kpi"])");
    row("double-quoted names", GitHubRepo, QStringLiteral("$[\"owner\"][\"login\"]"),
        R"(["octo"])");
    row("name with dash, underscore, digits", R"({"x-rate_limit2": 5})",
        QStringLiteral("$.x-rate_limit2"), "[5]");
    row("name of digits", R"({"0": "zero"})", QStringLiteral("$.0"), R"(["zero"])");
    row("non-ASCII name", R"({"größe": 3})", QStringLiteral("$.größe"), "[3]");
    row("name with blank", R"({"a b": 1})", QStringLiteral("$['a b']"), "[1]");
    row("escaped single quote", R"({"it's": 1})", QStringLiteral("$['it\\'s']"), "[1]");
    row("escaped double quote", R"({"say \"hi\"": 2})", QStringLiteral("$[\"say \\\"hi\\\"\"]"),
        "[2]");
    row("other quote unescaped", R"({"say \"hi\"": 2})", QStringLiteral("$['say \"hi\"']"), "[2]");
    row("escaped backslash", R"({"a\\b": 3})", QStringLiteral("$['a\\\\b']"), "[3]");
    row("escaped newline and tab", R"({"a\nb\tc": 4})", QStringLiteral("$['a\\nb\\tc']"), "[4]");
    row("unicode escape", R"({"é": 5})", QStringLiteral("$['\\u00e9']"), "[5]");
    row("null member", GitHubRepo, QStringLiteral("$.homepage"), "[null]");
    row("missing member", GitHubRepo, QStringLiteral("$.missing"), "[]");
    row("name on array", GitHubRepo, QStringLiteral("$.topics.qt"), "[]");
    row("name on scalar", GitHubRepo, QStringLiteral("$.id.value"), "[]");
    row("member named like a function", R"({"sum": 9})", QStringLiteral("$.sum"), "[9]");

    // Indexes.
    row("first index", GitHubRepo, QStringLiteral("$.topics[0]"), R"(["qt"])");
    row("last index", GitHubRepo, QStringLiteral("$.topics[2]"), R"(["desktop"])");
    row("minus one", GitHubRepo, QStringLiteral("$.topics[-1]"), R"(["desktop"])");
    row("minus length", GitHubRepo, QStringLiteral("$.topics[-3]"), R"(["qt"])");
    row("index past end", GitHubRepo, QStringLiteral("$.topics[3]"), "[]");
    row("negative index past start", GitHubRepo, QStringLiteral("$.topics[-4]"), "[]");
    row("index on object", GitHubRepo, QStringLiteral("$.license[0]"), "[]");
    row("index then name", GitHubReleases, QStringLiteral("$[1].tag_name"), R"(["v2.0.0-rc1"])");
    row("nested indexes", GitHubReleases, QStringLiteral("$[0].assets[-1].download_count"), "[30]");

    // Wildcards.
    row("bracket wildcard", GitHubRepo, QStringLiteral("$.topics[*]"),
        R"(["qt", "kpi", "desktop"])");
    row("dot wildcard on array", GitHubRepo, QStringLiteral("$.topics.*"),
        R"(["qt", "kpi", "desktop"])");
    row("wildcard on object", GitHubRepo, QStringLiteral("$.license.*"),
        R"(["mit", "MIT License"])");
    row("object wildcard in key order", R"({"z": 1, "a": 2, "m": 3})", QStringLiteral("$.*"),
        "[2, 3, 1]");
    row("wildcard on scalar", GitHubRepo, QStringLiteral("$.id.*"), "[]");
    row("wildcard then name", GitHubReleases, QStringLiteral("$[*].tag_name"),
        R"(["v2.0.0", "v2.0.0-rc1", "v1.0.0"])");
    row("two wildcards", GitHubReleases, QStringLiteral("$[*].assets[*].download_count"),
        "[120, 30, 5]");

    // Slices.
    row("slice", Digits, QStringLiteral("$[1:3]"), "[1, 2]");
    row("slice without start", Digits, QStringLiteral("$[:2]"), "[0, 1]");
    row("slice without end", Digits, QStringLiteral("$[7:]"), "[7, 8, 9]");
    row("slice with only step", Digits, QStringLiteral("$[::3]"), "[0, 3, 6, 9]");
    row("slice all", Digits, QStringLiteral("$[:]"), "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
    row("slice negative start", Digits, QStringLiteral("$[-2:]"), "[8, 9]");
    row("slice negative end", Digits, QStringLiteral("$[:-8]"), "[0, 1]");
    row("slice with step", Digits, QStringLiteral("$[1:8:2]"), "[1, 3, 5, 7]");
    row("slice reversed", Digits, QStringLiteral("$[::-1]"), "[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]");
    row("slice negative step", Digits, QStringLiteral("$[8:2:-2]"), "[8, 6, 4]");
    row("slice negative bounds and step", Digits, QStringLiteral("$[-1:-4:-1]"), "[9, 8, 7]");
    row("slice empty range", Digits, QStringLiteral("$[5:2]"), "[]");
    row("slice past end", Digits, QStringLiteral("$[20:30]"), "[]");
    row("slice clamped start", Digits, QStringLiteral("$[-20:2]"), "[0, 1]");
    row("slice reversed clamped", Digits, QStringLiteral("$[20:7:-1]"), "[9, 8]");
    row("slice with blanks", Digits, QStringLiteral("$[ 1 : 3 ]"), "[1, 2]");
    row("slice on object", GitHubRepo, QStringLiteral("$.license[0:2]"), "[]");

    // Unions.
    row("index union", Digits, QStringLiteral("$[0,2]"), "[0, 2]");
    row("union keeps its order", Digits, QStringLiteral("$[2,0]"), "[2, 0]");
    row("union keeps duplicates", Digits, QStringLiteral("$[0,0]"), "[0, 0]");
    row("name union", R"({"a": 1, "b": 2, "c": 3})", QStringLiteral("$['b','a']"), "[2, 1]");
    row("mixed union", Digits, QStringLiteral("$[-1, 1:3, 'x', 0]"), "[9, 1, 2, 0]");
    row("union with blanks", GitHubRepo, QStringLiteral("$[ 'id' , \"forks_count\" ]"),
        "[123, 87]");

    // Descendants.
    row("descendant name", Store, QStringLiteral("$..author"),
        R"(["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"])");
    row("descendant visits keys in order", Store, QStringLiteral("$..price"),
        "[399, 8.95, 12.99, 8.99, 22.99]");
    row("descendant below a name", Store, QStringLiteral("$.store.book..title"),
        R"(["Sayings of the Century", "Sword of Honour", "Moby Dick", "The Lord of the Rings"])");
    row("descendant then index", Store, QStringLiteral("$..book[2].title"), R"(["Moby Dick"])");
    row("descendant then negative index", Store, QStringLiteral("$..book[-1].author"),
        R"(["J. R. R. Tolkien"])");
    row("descendant includes the node itself", R"({"x": 1, "y": {"x": 2, "z": [{"x": 3}]}})",
        QStringLiteral("$..['x']"), "[1, 2, 3]");
    row("descendant index", R"({"a": [1, [2, 3]], "b": {"c": [4]}})", QStringLiteral("$..[0]"),
        "[1, 2, 4]");
    row("descendant wildcard", R"({"a": {"b": 1}, "c": [2]})", QStringLiteral("$..*"),
        R"([{"b": 1}, [2], 1, 2])");
    row("descendant union", R"({"a": 1, "b": {"a": 2, "c": 3}})", QStringLiteral("$..['c','a']"),
        "[1, 3, 2]");
    row("descendant filter", R"({"a": {"n": 1, "k": {"n": 2}}, "b": [{"n": 3}]})",
        QStringLiteral("$..[?@.n >= 2].n"), "[2, 3]");
    row("descendant on scalar", "5", QStringLiteral("$..a"), "[]");

    // Filters: the bookstore.
    row("filter less than", Store, QStringLiteral("$.store.book[?(@.price < 10)].title"),
        R"(["Sayings of the Century", "Moby Dick"])");
    row("filter RFC spelling", Store, QStringLiteral("$.store.book[?@.price < 10].title"),
        R"(["Sayings of the Century", "Moby Dick"])");
    row("filter less or equal", Store, QStringLiteral("$.store.book[?(@.price <= 8.99)].title"),
        R"(["Sayings of the Century", "Moby Dick"])");
    row("filter greater than", Store, QStringLiteral("$.store.book[?(@.price > 12.99)].title"),
        R"(["The Lord of the Rings"])");
    row("filter greater or equal", Store, QStringLiteral("$.store.book[?(@.price >= 12.99)].title"),
        R"(["Sword of Honour", "The Lord of the Rings"])");
    row("filter equal string", Store,
        QStringLiteral("$.store.book[?(@.category == 'reference')].author"), R"(["Nigel Rees"])");
    row("filter not equal string", Store,
        QStringLiteral("$.store.book[?(@.category != \"fiction\")].author"), R"(["Nigel Rees"])");
    row("filter string ordering", Store, QStringLiteral("$.store.book[?(@.author > 'I')].title"),
        R"(["Sayings of the Century", "The Lord of the Rings"])");
    row("filter existence", Store, QStringLiteral("$.store.book[?(@.isbn)].title"),
        R"(["Moby Dick", "The Lord of the Rings"])");
    row("filter negated existence", Store, QStringLiteral("$.store.book[?(!@.isbn)].title"),
        R"(["Sayings of the Century", "Sword of Honour"])");
    row("filter and", Store,
        QStringLiteral("$.store.book[?(@.category == 'fiction' && @.price > 20)].title"),
        R"(["The Lord of the Rings"])");
    row("filter or", Store,
        QStringLiteral("$.store.book[?(@.category == 'reference' || @.price > 20)].title"),
        R"(["Sayings of the Century", "The Lord of the Rings"])");
    row("and binds tighter than or", Store,
        QStringLiteral("$.store.book[?@.price > 20 || @.isbn && @.price < 10].title"),
        R"(["Moby Dick", "The Lord of the Rings"])");
    row("parentheses override precedence", Store,
        QStringLiteral("$.store.book[?(@.price > 20 || @.isbn) && @.price < 10].title"),
        R"(["Moby Dick"])");
    row("negated group", Store,
        QStringLiteral("$.store.book[?(!(@.price < 10 || @.category == 'reference'))].title"),
        R"(["Sword of Honour", "The Lord of the Rings"])");
    row("double negation", Store, QStringLiteral("$.store.book[?!!@.isbn].title"),
        R"(["Moby Dick", "The Lord of the Rings"])");
    row("filter against absolute path", Store,
        QStringLiteral("$.store.book[?(@.price < $.expensive)].title"),
        R"(["Sayings of the Century", "Moby Dick"])");
    row("filter with blanks", Store, QStringLiteral("$.store.book[? ( @.price>22 ) ].title"),
        R"(["The Lord of the Rings"])");
    row("filter on object members", Store, QStringLiteral("$.store[?(@.color == 'red')].price"),
        "[399]");
    row("filter on scalar", GitHubRepo, QStringLiteral("$.id[?(@ == 123)]"), "[]");
    row("filter on current value", Digits, QStringLiteral("$[?@ > 6]"), "[7, 8, 9]");
    row("filter literal on the left", Digits, QStringLiteral("$[?(3 >= @)]"), "[0, 1, 2, 3]");
    row("current node always exists", "[null, false, 0]", QStringLiteral("$[?@]"),
        "[null, false, 0]");
    row("absolute existence", R"({"flag": true, "a": 1, "b": 2})", QStringLiteral("$[?$.flag]"),
        "[1, 2, true]");
    row("absolute non-existence", R"({"a": 1, "b": 2})", QStringLiteral("$[?$.flag]"), "[]");
    row("filter in union", Digits, QStringLiteral("$[0, ?@ > 8]"), "[0, 9]");
    row("index inside filter", R"([[1, 2], [3], []])", QStringLiteral("$[?@[1]]"), "[[1, 2]]");
    row("negative index inside filter", R"([[1, 2], [3], []])", QStringLiteral("$[?@[-1] == 3]"),
        "[[3]]");
    row("non-singular existence", GitHubReleases, QStringLiteral("$[?@.assets[*]].tag_name"),
        R"(["v2.0.0", "v2.0.0-rc1"])");

    // Filters: GitHub releases.
    row("filter on boolean", GitHubReleases, QStringLiteral("$[?@.prerelease == false].tag_name"),
        R"(["v2.0.0", "v1.0.0"])");
    row("nested filter", GitHubReleases,
        QStringLiteral("$[?(@.assets[?(@.download_count > 100)])].tag_name"), R"(["v2.0.0"])");
    row("filter after index", GitHubReleases,
        QStringLiteral("$[0].assets[?(@.name == 'a.deb')].download_count"), "[120]");
    row("filter on npm days", NpmRange,
        QStringLiteral("$.downloads[?(@.day >= '2026-01-02')].downloads"), "[20, 30]");

    // Filters across types: ids of the matching items.
    row("number equals only numbers", Mixed, QStringLiteral("$.items[?@.v == 1].id"), "[0]");
    row("float literal equals integer", Mixed, QStringLiteral("$.items[?@.v == 1.0].id"), "[0]");
    row("exponent literal", Mixed, QStringLiteral("$.items[?@.v == 25e-1].id"), "[8]");
    row("string equals only strings", Mixed, QStringLiteral("$.items[?@.v == '1'].id"), "[1]");
    row("not equal across types", Mixed, QStringLiteral("$.items[?@.v != 1].id"),
        "[1, 2, 3, 4, 5, 6, 7, 8, 9]");
    row("number ordering skips other types", Mixed, QStringLiteral("$.items[?@.v < 2].id"), "[0]");
    row("negative literal", Mixed, QStringLiteral("$.items[?@.v > -1].id"), "[0, 8]");
    row("string ordering skips other types", Mixed, QStringLiteral("$.items[?@.v > 'a'].id"),
        "[2]");
    row("string greater or equal", Mixed, QStringLiteral("$.items[?@.v >= 'a'].id"), "[2, 9]");
    row("true literal", Mixed, QStringLiteral("$.items[?@.v == true].id"), "[3]");
    row("booleans are not ordered", Mixed, QStringLiteral("$.items[?@.v < true].id"), "[]");
    row("less or equal means equal too", Mixed, QStringLiteral("$.items[?@.v <= true].id"), "[3]");
    row("null literal", Mixed, QStringLiteral("$.items[?@.v == null].id"), "[4]");
    row("array equality", Mixed, QStringLiteral("$.items[?@.v == $.ref].id"), "[5]");
    row("object equality", Mixed, QStringLiteral("$.items[?@.v == $.obj].id"), "[6]");
    row("nothing equals nothing", Mixed, QStringLiteral("$.items[?@.v == $.missing].id"), "[7]");
    row("nothing is not less than nothing", Mixed, QStringLiteral("$.items[?@.v < $.missing].id"),
        "[]");
    row("existence includes null", Mixed, QStringLiteral("$.items[?@.v].id"),
        "[0, 1, 2, 3, 4, 5, 6, 8, 9]");
    row("negated existence", Mixed, QStringLiteral("$.items[?!@.v].id"), "[7]");
}

void TestJsonPath::select_returnsNodesInOrder()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expression);
    QFETCH(QByteArray, expected);
    const QJsonValue root = parseJson(json);
    QVERIFY2(!root.isUndefined(), "broken fixture");
    const QJsonValue expectedValue = parseJson(expected);
    QVERIFY2(expectedValue.isArray(), "broken expectation");

    // A path that failed to compile would select nothing and pass the "[]" rows.
    const auto path = JsonPath::compile(expression);
    QVERIFY2(path.isOk(), qPrintable(path.error().toString()));
    const QList<QJsonValue> nodes = path->select(root);
    QJsonArray actual;
    for (const QJsonValue &node : nodes)
        actual.append(node);
    QCOMPARE(compact(actual), compact(expectedValue.toArray()));
}

void TestJsonPath::evaluateNumber_returnsValue_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<double>("expected");

    auto row = [](const char *name, const QByteArray &json, const QString &expression,
                  double expected) {
        QTest::newRow(name) << json << expression << expected;
    };

    // Single values.
    row("GitHub stars", GitHubRepo, QStringLiteral("$.stargazers_count"), 1523);
    row("npm downloads", NpmPoint, QStringLiteral("$.downloads"), 51234);
    row("PyPI number", PyPiRecent, QStringLiteral("$.data.last_day"), 1200);
    row("PyPI numeric string", PyPiRecent, QStringLiteral("$.data.last_week"), 8400);
    row("numeric string with blanks", PyPiRecent, QStringLiteral("$.data.last_month"), 35000);
    row("negative exponent string", R"({"v": "-1e3"})", QStringLiteral("$.v"), -1000);
    row("plus sign string", R"({"v": "+7"})", QStringLiteral("$.v"), 7);
    row("decimal string", R"({"v": " 3.5 "})", QStringLiteral("$.v"), 3.5);
    row("leading dot string", R"({"v": ".5"})", QStringLiteral("$.v"), 0.5);
    row("trailing dot string", R"({"v": "1."})", QStringLiteral("$.v"), 1);
    row("capital exponent string", R"({"v": "1E2"})", QStringLiteral("$.v"), 100);
    row("tab and newline trimmed", R"({"v": "\t42\n"})", QStringLiteral("$.v"), 42);
    row("negative number", R"({"v": -2.25})", QStringLiteral("$.v"), -2.25);
    row("scalar root", "17", QStringLiteral("$"), 17);
    row("negative index", NpmRange, QStringLiteral("$.downloads[-1].downloads"), 30);
    row("one filter match", NpmRange,
        QStringLiteral("$.downloads[?(@.day == '2026-01-02')].downloads"), 20);
    row("one descendant match", Store, QStringLiteral("$..bicycle.price"), 399);
    row("one slice match", Digits, QStringLiteral("$[4:5]"), 4);

    // length().
    row("length of array", GitHubRepo, QStringLiteral("$.topics.length()"), 3);
    row("length of object", GitHubRepo, QStringLiteral("$.license.length()"), 2);
    row("length of string", GitHubRepo, QStringLiteral("$.full_name.length()"), 8);
    row("length counts characters", R"({"s": "a\ud83d\ude00b"})", QStringLiteral("$.s.length()"),
        3);
    row("length of empty array", GitHubRepo, QStringLiteral("$.empty.length()"), 0);
    row("length of root", GitHubReleases, QStringLiteral("$.length()"), 3);
    row("length of node list", GitHubReleases, QStringLiteral("$[*].length()"), 3);
    row("length of descendants", GitHubReleases, QStringLiteral("$..download_count.length()"), 3);
    row("length of filter", GitHubReleases, QStringLiteral("$[?@.prerelease == true].length()"), 1);
    row("length of empty node list", GitHubReleases, QStringLiteral("$[?(@.x)].length()"), 0);
    row("length of one array node", GitHubRepo, QStringLiteral("$['topics','x'].length()"), 1);

    // sum(), min(), max(), avg().
    row("sum of node list", NpmRange, QStringLiteral("$.downloads[*].downloads.sum()"), 60);
    row("sum of descendants", GitHubReleases, QStringLiteral("$..download_count.sum()"), 155);
    row("sum of array with numeric strings", Values, QStringLiteral("$.values.sum()"), 10);
    row("sum of number", Values, QStringLiteral("$.n.sum()"), 7);
    row("sum of numeric string", Values, QStringLiteral("$.s.sum()"), 5);
    row("sum of empty array", Values, QStringLiteral("$.empty.sum()"), 0);
    row("sum of empty node list", GitHubReleases, QStringLiteral("$[?(@.x)].sum()"), 0);
    row("sum of object members", Values, QStringLiteral("$.obj.*.sum()"), 6);
    row("min of node list", NpmRange, QStringLiteral("$.downloads[*].downloads.min()"), 10);
    row("max of node list", NpmRange, QStringLiteral("$.downloads[*].downloads.max()"), 30);
    row("avg of node list", NpmRange, QStringLiteral("$.downloads[*].downloads.avg()"), 20);
    row("min of array", Values, QStringLiteral("$.values.min()"), 1);
    row("max of array", Values, QStringLiteral("$.values.max()"), 4);
    row("avg of array", Values, QStringLiteral("$.values.avg()"), 2.5);
    row("min of negatives", Values, QStringLiteral("$.negatives.min()"), -5);
    row("max of negatives", Values, QStringLiteral("$.negatives.max()"), 3);
    row("avg of negatives", Values, QStringLiteral("$.negatives.avg()"), -3.5 / 3);
    row("min of number", Values, QStringLiteral("$.n.min()"), 7);
    row("max of numeric string", Values, QStringLiteral("$.s.max()"), 5);
    row("avg of number", Values, QStringLiteral("$.n.avg()"), 7);
    row("min of slice", Digits, QStringLiteral("$[3:6].min()"), 3);
    row("max of union", Digits, QStringLiteral("$[1,8,2].max()"), 8);
    row("avg of filter", Store, QStringLiteral("$.store.book[?(@.isbn)].price.avg()"), 15.99);
    row("sum of one-element node list", Values, QStringLiteral("$[?@ == 7].sum()"), 7);
}

void TestJsonPath::evaluateNumber_returnsValue()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expression);
    QFETCH(double, expected);
    const QJsonValue root = parseJson(json);
    QVERIFY2(!root.isUndefined(), "broken fixture");

    const auto path = JsonPath::compile(expression);
    QVERIFY2(path.isOk(), qPrintable(path.error().toString()));
    const auto value = path->evaluateNumber(root);
    QVERIFY2(value.isOk(), qPrintable(value.error().toString()));
    QCOMPARE(*value, expected);
}

void TestJsonPath::evaluateNumber_reportsError_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("message");

    auto row = [](const char *name, const QByteArray &json, const QString &expression,
                  const QString &message) {
        QTest::newRow(name) << json << expression << message;
    };
    const QString noValue = QStringLiteral("no value at this path");
    const QString combine = QStringLiteral(
        "; end the path with .sum(), .length(), .min(), .max() or .avg() to combine them");
    auto notNumber = [](const char *text) {
        return QStringLiteral("found a string \"%1\", expected a number")
            .arg(QString::fromUtf8(text));
    };

    // Nothing, or too much.
    row("missing member", GitHubRepo, QStringLiteral("$.missing"), noValue);
    row("index past end", GitHubRepo, QStringLiteral("$.topics[5]"), noValue);
    row("empty filter", GitHubReleases, QStringLiteral("$[?@.x].assets"), noValue);
    row("function on missing member", GitHubRepo, QStringLiteral("$.missing.length()"), noValue);
    row("sum on missing member", GitHubRepo, QStringLiteral("$.missing.sum()"), noValue);
    row("several matches", GitHubRepo, QStringLiteral("$.topics[*]"),
        QStringLiteral("matched 3 values") + combine);
    row("several descendants", GitHubReleases, QStringLiteral("$..download_count"),
        QStringLiteral("matched 3 values") + combine);

    // One match that is not a number.
    row("string", GitHubRepo, QStringLiteral("$.full_name"), notNumber("octo/kpi"));
    row("long string shortened", R"({"s": "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"})",
        QStringLiteral("$.s"),
        QStringLiteral("found a string \"abcdefghijklmnopqrstuvwxyzabcdefghijklmn\u2026\", "
                       "expected a number"));
    row("string of 40 kept", R"({"s": "abcdefghijklmnopqrstuvwxyzabcdefghijklmn"})",
        QStringLiteral("$.s"), notNumber("abcdefghijklmnopqrstuvwxyzabcdefghijklmn"));
    row("string with quotes and newline", R"({"s": "say \"hi\"\n"})", QStringLiteral("$.s"),
        notNumber(R"(say \"hi\"\n)"));
    row("thousands separator", R"({"v": "1,234"})", QStringLiteral("$.v"), notNumber("1,234"));
    row("percent", R"({"v": "12%"})", QStringLiteral("$.v"), notNumber("12%"));
    row("empty string", R"({"v": ""})", QStringLiteral("$.v"), notNumber(""));
    row("blank string", R"({"v": "  "})", QStringLiteral("$.v"), notNumber("  "));
    row("hexadecimal", R"({"v": "0x10"})", QStringLiteral("$.v"), notNumber("0x10"));
    row("nan", R"({"v": "nan"})", QStringLiteral("$.v"), notNumber("nan"));
    row("inf", R"({"v": "inf"})", QStringLiteral("$.v"), notNumber("inf"));
    row("exponent without digits", R"({"v": "1e"})", QStringLiteral("$.v"), notNumber("1e"));
    row("two dots", R"({"v": "1.2.3"})", QStringLiteral("$.v"), notNumber("1.2.3"));
    row("double sign", R"({"v": "--1"})", QStringLiteral("$.v"), notNumber("--1"));
    row("lone dot", R"({"v": "."})", QStringLiteral("$.v"), notNumber("."));
    row("out of double range", R"({"v": "1e400"})", QStringLiteral("$.v"), notNumber("1e400"));
    row("non-breaking space not trimmed", R"({"v": "\u00a042"})", QStringLiteral("$.v"),
        notNumber("\u00a042"));
    row("object", GitHubRepo, QStringLiteral("$.license"),
        QStringLiteral("found an object, expected a number"));
    row("array", GitHubRepo, QStringLiteral("$.topics"),
        QStringLiteral("found an array of 3 elements, expected a number; end the path with "
                       ".length() to count them"));
    row("array of one", R"({"a": [1]})", QStringLiteral("$.a"),
        QStringLiteral("found an array of 1 element, expected a number; end the path with "
                       ".length() to count them"));
    row("boolean", GitHubRepo, QStringLiteral("$.archived"),
        QStringLiteral("found a boolean (false), expected a number"));
    row("null", GitHubRepo, QStringLiteral("$.homepage"),
        QStringLiteral("found null, expected a number"));

    // Functions over elements that are not numbers.
    row("sum over string element", R"({"a": [1, 2, "n/a"]})", QStringLiteral("$.a.sum()"),
        QStringLiteral("sum(): element [2] is a string \"n/a\", not a number"));
    row("min over boolean element", R"({"a": [1, true]})", QStringLiteral("$.a.min()"),
        QStringLiteral("min(): element [1] is a boolean (true), not a number"));
    row("max over null element", R"({"a": [null]})", QStringLiteral("$.a.max()"),
        QStringLiteral("max(): element [0] is null, not a number"));
    row("avg over object element", R"({"a": [1, 2, 3, {}]})", QStringLiteral("$.a.avg()"),
        QStringLiteral("avg(): element [3] is an object, not a number"));
    row("sum over array element", R"({"a": [[1]]})", QStringLiteral("$.a.sum()"),
        QStringLiteral("sum(): element [0] is an array, not a number"));
    row("sum over node list", GitHubReleases, QStringLiteral("$[*].tag_name.sum()"),
        QStringLiteral("sum(): element [0] is a string \"v2.0.0\", not a number"));
    row("avg over node list", Values, QStringLiteral("$.*.avg()"),
        QStringLiteral("avg(): element [0] is an array, not a number"));

    // Functions with nothing to aggregate.
    row("min of empty node list", GitHubReleases, QStringLiteral("$[?@.x].min()"),
        QStringLiteral("min(): no values to compare"));
    row("max of empty node list", GitHubReleases, QStringLiteral("$[?@.x].max()"),
        QStringLiteral("max(): no values to compare"));
    row("avg of empty node list", GitHubReleases, QStringLiteral("$[?@.x].avg()"),
        QStringLiteral("avg(): no values to average"));
    row("min of empty array", Values, QStringLiteral("$.empty.min()"),
        QStringLiteral("min(): no values to compare"));
    row("avg of empty array", Values, QStringLiteral("$.empty.avg()"),
        QStringLiteral("avg(): no values to average"));

    // Functions on a single value of the wrong kind.
    row("length of number", GitHubRepo, QStringLiteral("$.stargazers_count.length()"),
        QStringLiteral("length(): found a number (1523), expected an array, an object or a "
                       "string"));
    row("length of boolean", Values, QStringLiteral("$.flag.length()"),
        QStringLiteral("length(): found a boolean (true), expected an array, an object or a "
                       "string"));
    row("length of null", Values, QStringLiteral("$.nothing.length()"),
        QStringLiteral("length(): found null, expected an array, an object or a string"));
    row("sum of object", Values, QStringLiteral("$.obj.sum()"),
        QStringLiteral("sum(): found an object, expected a number or an array"));
    row("avg of word", Values, QStringLiteral("$.word.avg()"),
        QStringLiteral("avg(): found a string \"abc\", expected a number or an array"));
    row("max of null", Values, QStringLiteral("$.nothing.max()"),
        QStringLiteral("max(): found null, expected a number or an array"));
}

void TestJsonPath::evaluateNumber_reportsError()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expression);
    QFETCH(QString, message);
    const QJsonValue root = parseJson(json);
    QVERIFY2(!root.isUndefined(), "broken fixture");

    const auto path = JsonPath::compile(expression);
    QVERIFY2(path.isOk(), qPrintable(path.error().toString()));
    const auto value = path->evaluateNumber(root);
    QVERIFY(!value.isOk());
    QCOMPARE(value.error().message, message);
    QCOMPARE(value.error().code, Error::Code::Extract);
    QVERIFY(value.error().where.isEmpty());
}

void TestJsonPath::defaultConstructed_selectsNothing()
{
    const JsonPath path;
    QCOMPARE(path.expression(), QString());
    QVERIFY(path.isSingular());
    QVERIFY(path.select(parseJson(GitHubRepo)).isEmpty());
    const auto value = path.evaluateNumber(parseJson(GitHubRepo));
    QVERIFY(!value.isOk());
    QCOMPARE(value.error().message, QStringLiteral("no JSONPath compiled"));
    QCOMPARE(value.error().code, Error::Code::Extract);
}

void TestJsonPath::copies_shareTheCompiledPath()
{
    const QJsonValue root = parseJson(GitHubRepo);
    JsonPath copy;
    {
        const JsonPath original = compiled(QStringLiteral("$.forks_count"));
        copy = original;
        QCOMPARE(original.expression(), QStringLiteral("$.forks_count"));
    }
    QCOMPARE(copy.expression(), QStringLiteral("$.forks_count"));
    QCOMPARE(*copy.evaluateNumber(root), 87.0);

    JsonPath moved(std::move(copy));
    QCOMPARE(moved.expression(), QStringLiteral("$.forks_count"));
    QCOMPARE(*moved.evaluateNumber(root), 87.0);

    JsonPath assigned = compiled(QStringLiteral("$.topics.length()"));
    assigned = std::move(moved);
    QCOMPARE(*assigned.evaluateNumber(root), 87.0);

    const JsonPath copied(assigned);
    QCOMPARE(copied.select(root), QList<QJsonValue>{QJsonValue(87)});
}

QTEST_GUILESS_MAIN(TestJsonPath)
#include "TestJsonPath.moc"
