#include "storage/error.h"
#include "storage/term_codec.h"

#include <doctest/doctest.h>
#include <vector>

using namespace corridor::storage;

TEST_CASE("encodeTerm/decodeTerm round-trip every kind of term") {
    std::vector<Term> terms = {
        Term::iri("http://example.org/a"),
        Term::blank("b1"),
        Term::literal("plain"),
        Term::literal(std::string("nul\0inside", 10)),
        Term::langLiteral("chat", "fr"),
        Term::langLiteral("Rayong", "EN"),
        Term::literal("01", std::string(xsd::kInteger)),
        Term::literal("2006", "http://www.w3.org/2001/XMLSchema#gYear"),
        Term::literal("", "http://example.org/dt"),
    };
    for (const Term& t : terms) {
        CAPTURE(t.toNTriples());
        CHECK(decodeTerm(encodeTerm(t)) == t);
    }
}

TEST_CASE("xsd:string literals are simple literals (RDF 1.1)") {
    CHECK(Term::literal("x", std::string(xsd::kString)) == Term::literal("x"));
    CHECK(dictionaryTagFor(Term::literal("x")) == IdTag::SimpleLiteral);
}

TEST_CASE("different terms never share an encoding") {
    CHECK(encodeTerm(Term::iri("x")) != encodeTerm(Term::literal("x")));
    CHECK(encodeTerm(Term::langLiteral("ab", "c")) != encodeTerm(Term::langLiteral("b", "ca")));
    CHECK(encodeTerm(Term::literal("a", "http://d")) != encodeTerm(Term::literal("a", "http://e")));
}

TEST_CASE("decodeTerm rejects malformed bytes with a storage error") {
    CHECK_THROWS_AS(decodeTerm(""), corridor::StorageError);
    CHECK_THROWS_AS(decodeTerm(std::string(1, '\x09')), corridor::StorageError);
    CHECK_THROWS_AS(decodeTerm(std::string("\x04\x05"
                                           "ab",
                                           4)),
                    corridor::StorageError);
}

TEST_CASE("only canonical integers and booleans are inlined") {
    auto integer = [](const char* lex) { return Term::literal(lex, std::string(xsd::kInteger)); };
    SUBCASE("canonical forms inline and decode back exactly") {
        for (const char* lex : {"0", "1", "-1", "42", "-576460752303423488", "576460752303423487"}) {
            CAPTURE(lex);
            auto id = inlineIdFor(integer(lex));
            REQUIRE(id);
            CHECK(inlineTerm(*id) == integer(lex));
        }
    }
    SUBCASE("non-canonical forms keep their own identity") {
        for (const char* lex : {"01", "+1", "-0", "00", "1.0", "", "-", "1e3", " 1"}) {
            CAPTURE(lex);
            CHECK_FALSE(inlineIdFor(integer(lex)));
        }
    }
    SUBCASE("out of the 60-bit range stays in the dictionary") {
        CHECK_FALSE(inlineIdFor(integer("576460752303423488")));
        CHECK_FALSE(inlineIdFor(integer("99999999999999999999999")));
    }
    SUBCASE("booleans") {
        auto b = [](const char* lex) { return Term::literal(lex, std::string(xsd::kBoolean)); };
        CHECK(inlineIdFor(b("true")));
        CHECK(inlineIdFor(b("false")));
        CHECK_FALSE(inlineIdFor(b("1")));
        CHECK_FALSE(inlineIdFor(b("TRUE")));
    }
    SUBCASE("inline integer ids sort like their values") {
        CHECK(*inlineIdFor(integer("-5")) < *inlineIdFor(integer("-1")));
        CHECK(*inlineIdFor(integer("-1")) < *inlineIdFor(integer("0")));
        CHECK(*inlineIdFor(integer("0")) < *inlineIdFor(integer("7")));
    }
}

TEST_CASE("N-Triples formatting escapes what must be escaped") {
    CHECK(Term::literal("a\"b\\c\nd\re\tf").toNTriples() == "\"a\\\"b\\\\c\\nd\\re\\u0009f\"");
    CHECK(Term::langLiteral("x", "en-GB").toNTriples() == "\"x\"@en-GB");
    CHECK(Term::literal("5", std::string(xsd::kInteger)).toNTriples() ==
          "\"5\"^^<http://www.w3.org/2001/XMLSchema#integer>");
    CHECK(Term::iri("http://a/b c").toNTriples() == "<http://a/b\\u0020c>");
    CHECK(Term::blank("x1").toNTriples() == "_:x1");
}
