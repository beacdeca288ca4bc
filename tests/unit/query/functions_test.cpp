#include "query/functions/compare.h"
#include "query/functions/datetime.h"
#include "query/functions/numeric.h"
#include "query/functions/regex.h"
#include "query/functions/registry.h"

#include <chrono>
#include <doctest/doctest.h>
#include <set>

using namespace corridor::query::functions;
using corridor::storage::Term;

namespace {
const std::string X = "http://www.w3.org/2001/XMLSchema#";
Term lit(const std::string& v, const std::string& type) {
    return Term::literal(v, X + type);
}
Term call(const char* name, std::vector<Term> args) {
    FunctionContext ctx;
    RegexCache regexes;
    ctx.regexes = &regexes;
    auto fn = findBuiltIn(name);
    REQUIRE(static_cast<bool>(fn));
    auto r = fn(args, ctx);
    REQUIRE(r);
    return *r;
}
bool fails(const char* name, std::vector<Term> args) {
    FunctionContext ctx;
    RegexCache regexes;
    ctx.regexes = &regexes;
    return !findBuiltIn(name)(args, ctx).has_value();
}
} // namespace

TEST_CASE("numeric type promotion and exact decimals") {
    auto n = [](const Term& t) { return *numericValue(t); };
    auto sum = arithmetic(ArithOp::Add, n(lit("0.1", "decimal")), n(lit("0.2", "decimal")));
    CHECK(numericTerm(*sum) == lit("0.3", "decimal"));
    auto div = arithmetic(ArithOp::Divide, n(lit("1", "integer")), n(lit("4", "integer")));
    CHECK(numericTerm(*div) == lit("0.25", "decimal"));
    auto mixed = arithmetic(ArithOp::Add, n(lit("1", "int")), n(lit("2.5", "double")));
    CHECK(mixed->type == NumType::Double);
    CHECK(!arithmetic(ArithOp::Divide, n(lit("1", "integer")), n(lit("0", "integer"))));
    CHECK(numericTerm(*arithmetic(ArithOp::Multiply, n(lit("3", "integer")), n(lit("-4", "short")))) ==
          lit("-12", "integer"));
    CHECK(!numericValue(lit("abc", "integer")));
    CHECK(!numericValue(lit("300", "byte"))); // out of the type's range
}

TEST_CASE("equality and order follow SPARQL's operator rules") {
    CHECK(*valueEquals(lit("1", "integer"), lit("1.0", "decimal")));
    CHECK(*valueEquals(Term::langLiteral("a", "EN"), Term::langLiteral("a", "en")));
    CHECK_FALSE(*valueEquals(Term::literal("a"), Term::langLiteral("a", "en")));
    CHECK_FALSE(*valueEquals(Term::literal("1"), lit("1", "integer")));
    CHECK_FALSE(valueEquals(Term::literal("x", "http://e/unknown"), Term::literal("y", "http://e/unknown")));
    CHECK(*valueCompare(lit("2", "integer"), lit("10", "integer")) < 0);
    CHECK(*valueCompare(Term::literal("b"), Term::literal("a")) > 0);
    CHECK_FALSE(valueCompare(Term::literal("1"), lit("1", "integer")));
    // ORDER BY: unbound < blank < IRI < literal, numbers by value
    CHECK(orderCompare(std::nullopt, Term::blank("b")) < 0);
    CHECK(orderCompare(Term::blank("b"), Term::iri("http://a")) < 0);
    CHECK(orderCompare(Term::iri("http://a"), Term::literal("a")) < 0);
    CHECK(orderCompare(lit("9", "integer"), lit("10", "integer")) < 0);
}

TEST_CASE("dates with and without a timezone compare only when it is decidable") {
    auto d = [](const char* v) { return lit(v, "date"); };
    CHECK(*valueCompare(d("2006-08-23Z"), d("2006-08-22")) > 0);
    CHECK_FALSE(valueEquals(d("2006-08-23Z"), d("2006-08-23")));
    CHECK(*valueEquals(d("2006-08-23Z"), d("2006-08-23+00:00")));
    CHECK_FALSE(valueCompare(d("2006-08-23"), lit("2006-08-23T00:00:00Z", "dateTime")));
    auto dt = temporalValue(lit("2014-07-04T10:30:15.25-05:00", "dateTime"));
    REQUIRE(dt);
    CHECK(dt->year == 2014);
    CHECK(*timezoneDuration(*dt) == "-PT5H");
}

TEST_CASE("dates of every precision compare as the periods they denote") {
    auto y = [](const char* v) { return lit(v, "gYear"); };
    auto ym = [](const char* v) { return lit(v, "gYearMonth"); };
    auto d = [](const char* v) { return lit(v, "date"); };
    auto dt = [](const char* v) { return lit(v, "dateTime"); };
    // Decided by the periods.
    CHECK(*valueCompare(y("2009"), d("2011-12-31")) < 0);
    CHECK(*valueCompare(ym("2013-07"), d("2011-12-31")) > 0);
    CHECK(*valueCompare(y("2007"), y("2009")) < 0);
    CHECK(*valueCompare(ym("2011-12"), y("2012")) < 0);
    CHECK(*valueCompare(dt("2012-01-01T00:00:00"), y("2011")) > 0);
    CHECK(*valueCompare(y("2014"), ym("2015-01")) < 0);
    // Overlapping periods are equal: compared at the coarser precision.
    CHECK(*valueEquals(y("2011"), d("2011-06-01")));
    CHECK(*valueCompare(y("2011"), d("2011-06-01")) == 0);
    CHECK(*valueEquals(ym("2011-06"), dt("2011-06-30T23:59:59")));
    CHECK_FALSE(*valueEquals(ym("2011-06"), d("2011-07-01")));
    CHECK(*valueEquals(d("2014-12-31"), dt("2014-12-31T12:00:00")));
    // Leap years and the length of months decide which dates exist.
    CHECK(temporalValue(d("2012-02-29")));
    CHECK_FALSE(temporalValue(d("2011-02-29")));
    CHECK_FALSE(temporalValue(d("2011-04-31")));
    CHECK_FALSE(temporalValue(y("11")));
    CHECK_FALSE(temporalValue(ym("2011-13")));
    CHECK(temporalValue(y("-0044"))->year == -44);
    CHECK(temporalValue(y("12011"))->year == 12011);
    CHECK_FALSE(temporalValue(y("02011")));
    CHECK_FALSE(temporalValue(dt("2011-01-01T24:00:01")));
    CHECK_FALSE(temporalValue(d("2011-01-01+15:00")));
    // Timezones: a value without one may lie 14 hours either way of UTC.
    CHECK(*valueCompare(y("2011Z"), y("2013")) < 0);
    CHECK(*valueCompare(y("2011Z"), y("2012")) < 0);                   // one type: XPath, by the starts
    CHECK_FALSE(valueCompare(y("2011Z"), ym("2012-01")));              // January 2012 may start before 2011Z ends
    CHECK(*valueCompare(d("2011-06-01+05:00"), d("2011-06-01Z")) < 0); // XPath: by start
    CHECK(*valueEquals(y("2011Z"), d("2011-06-01")));                  // overlap under every shift
    CHECK_FALSE(valueCompare(y("2011Z"), d("2011-12-31")));            // the last day may fall in 2012
    CHECK_FALSE(valueCompare(dt("2011-06-01T10:00:00Z"), dt("2011-06-01T10:00:00")));
    CHECK(*valueCompare(dt("2011-06-01T10:00:00Z"), dt("2011-06-02T10:00:00")) < 0);
    // ORDER BY: by start, the longer period first; a total order.
    CHECK(orderCompare(y("2011"), d("2011-01-01")) < 0);
    CHECK(orderCompare(d("2011-01-01"), ym("2011-02")) < 0);
    CHECK(orderCompare(ym("2010-12"), y("2011")) < 0);
}

TEST_CASE("YEAR, MONTH and DAY on every date type, and casts between them") {
    auto y = [](const char* v) { return lit(v, "gYear"); };
    auto ym = [](const char* v) { return lit(v, "gYearMonth"); };
    auto d = [](const char* v) { return lit(v, "date"); };
    auto dt = [](const char* v) { return lit(v, "dateTime"); };
    CHECK(call("YEAR", {y("2009")}) == lit("2009", "integer"));
    CHECK(call("YEAR", {ym("2013-07")}) == lit("2013", "integer"));
    CHECK(call("MONTH", {ym("2013-07")}) == lit("7", "integer"));
    CHECK(call("DAY", {d("2011-12-31")}) == lit("31", "integer"));
    CHECK(call("DAY", {dt("2011-12-31T10:00:00Z")}) == lit("31", "integer"));
    CHECK(fails("MONTH", {y("2009")}));
    CHECK(fails("DAY", {ym("2013-07")}));
    CHECK(fails("HOURS", {d("2011-12-31")}));
    CHECK(call("TZ", {y("2011Z")}) == Term::literal("Z"));
    auto cast = [](const char* type, Term t) {
        FunctionContext ctx;
        return findFunction(std::string("http://www.w3.org/2001/XMLSchema#") + type)({std::move(t)}, ctx);
    };
    CHECK(cast("date", Term::literal(" 2011-06-01 ")) == d("2011-06-01"));
    CHECK_FALSE(cast("date", Term::literal("2011-06")));
    CHECK(cast("gYear", Term::literal("2011")) == y("2011"));
    CHECK(cast("gYearMonth", Term::literal("2011-06")) == ym("2011-06"));
    CHECK(cast("gYear", dt("2011-06-01T10:00:00-05:00")) == y("2011-05:00"));
    CHECK(cast("gYearMonth", d("2011-06-01")) == ym("2011-06"));
    CHECK(cast("date", dt("2011-06-01T23:30:00Z")) == d("2011-06-01Z"));
    CHECK(cast("dateTime", d("2011-06-01")) == dt("2011-06-01T00:00:00"));
    CHECK_FALSE(cast("date", y("2011"))); // a year has no day to pick
    CHECK_FALSE(cast("gYearMonth", y("2011")));
    CHECK_FALSE(cast("gYear", lit("2011", "integer")));
}

TEST_CASE("effective boolean value") {
    CHECK(*effectiveBooleanValue(lit("true", "boolean")));
    CHECK_FALSE(*effectiveBooleanValue(lit("0", "integer")));
    CHECK_FALSE(*effectiveBooleanValue(lit("NaN", "double")));
    CHECK_FALSE(*effectiveBooleanValue(lit("xyz", "integer"))); // ill-formed: false
    CHECK(*effectiveBooleanValue(Term::literal("x")));
    CHECK_FALSE(*effectiveBooleanValue(Term::literal("")));
    CHECK_FALSE(effectiveBooleanValue(Term::iri("http://a")));
}

TEST_CASE("string functions keep language tags and count characters") {
    CHECK(call("STRLEN", {Term::literal("泰中")}) == lit("2", "integer"));
    CHECK(call("SUBSTR", {Term::langLiteral("Rayong", "en"), lit("2", "integer"), lit("3", "integer")}) ==
          Term::langLiteral("ayo", "en"));
    CHECK(call("UCASE", {Term::literal("tcriz")}) == Term::literal("TCRIZ"));
    CHECK(call("STRAFTER", {Term::literal("2006-07"), Term::literal("-")}) == Term::literal("07"));
    CHECK(call("CONTAINS", {Term::langLiteral("land", "en"), Term::literal("an")}) == lit("true", "boolean"));
    CHECK(fails("CONTAINS", {Term::literal("land"), Term::langLiteral("an", "fr")}));
    CHECK(call("ENCODE_FOR_URI", {Term::literal("a b/c")}) == Term::literal("a%20b%2Fc"));
    CHECK(call("LANGMATCHES", {Term::literal("en-GB"), Term::literal("en")}) == lit("true", "boolean"));
    CHECK(call("CONCAT", {Term::langLiteral("a", "en"), Term::langLiteral("b", "en")}) ==
          Term::langLiteral("ab", "en"));
}

TEST_CASE("regular expressions: flags, replacement groups, invalid patterns") {
    CHECK(call("REGEX", {Term::literal("Thai-Chinese"), Term::literal("^thai"), Term::literal("i")}) ==
          lit("true", "boolean"));
    CHECK(call("REGEX", {Term::literal("a.c"), Term::literal("."), Term::literal("q")}) == lit("true", "boolean"));
    CHECK(call("REPLACE", {Term::literal("abcd"), Term::literal("(b)(x)?"), Term::literal("[$1$2]")}) ==
          Term::literal("a[b]cd"));
    CHECK(fails("REGEX", {Term::literal("a"), Term::literal("(")}));
    CHECK(fails("REPLACE", {Term::literal("abc"), Term::literal("x*"), Term::literal("y")}));
}

TEST_CASE("casts") {
    FunctionContext ctx;
    auto cast = [&](const char* type, const Term& t) { return findFunction(X + type)({t}, ctx); };
    CHECK(*cast("integer", Term::literal(" 42 ")) == lit("42", "integer"));
    CHECK(*cast("integer", lit("3.9", "decimal")) == lit("3", "integer"));
    CHECK(!cast("integer", Term::literal("4.2")));
    CHECK(*cast("string", lit("1.50", "decimal")) == Term::literal("1.5"));
    CHECK(*cast("string", lit("1E0", "double")) == Term::literal("1"));
    CHECK(*cast("boolean", lit("0", "integer")) == lit("false", "boolean"));
    CHECK(*cast("decimal", lit("true", "boolean")) == lit("1.0", "decimal"));
    CHECK(!cast("dateTime", Term::literal("yesterday")));
}

TEST_CASE("a query's NOW() is the moment its context was made, the same at every call; its random numbers differ") {
    FunctionContext ctx;
    ctx.started = std::chrono::system_clock::time_point(std::chrono::milliseconds(1'700'000'000'123));
    const Term& first = ctx.now();
    CHECK(first.value == "2023-11-14T22:13:20.123Z");
    CHECK(&ctx.now() == &first);
    FunctionContext a, b;
    std::set<std::uint64_t> drawn;
    for (int i = 0; i < 100; ++i) {
        drawn.insert(a.rng());
        drawn.insert(b.rng());
    }
    CHECK(drawn.size() == 200);
}
