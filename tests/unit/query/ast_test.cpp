#include "query/ast/parse.h"

#include <doctest/doctest.h>

using namespace corridor;
using namespace corridor::query;
using namespace corridor::query::ast;

namespace {
const Query& queryOf(const Unit& u) {
    REQUIRE(u.query);
    return *u.query;
}
const std::vector<TriplePattern>& firstTriples(const Query& q) {
    REQUIRE(q.where);
    REQUIRE(!q.where->elements.empty());
    return q.where->elements[0].triples;
}
std::string syntaxError(const std::string& text) {
    try {
        parse(text);
    } catch (const QueryError& e) {
        return e.headline();
    }
    return "(no error)";
}
} // namespace

TEST_CASE("prefixes, BASE and built-in prefixes resolve to full IRIs") {
    ParseOptions options;
    options.prefixes = builtinPrefixes();
    Unit u = parse("BASE <http://ex/base/>\nPREFIX e: <http://e/>\nSELECT * { <rel> e:p rdf:type }", options);
    const auto& t = firstTriples(queryOf(u))[0];
    CHECK(t.subject.term.value == "http://ex/base/rel");
    CHECK(t.predicate.term.value == "http://e/p");
    CHECK(t.object.term.value == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    CHECK(u.declaredPrefixes.size() == 1);
}

TEST_CASE("keywords are case-insensitive, 'a' is rdf:type") {
    Unit u = parse("sElEcT ?x wHeRe { ?x a <http://e/C> }");
    const auto& t = firstTriples(queryOf(u))[0];
    CHECK(t.predicate.term.value == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
}

TEST_CASE("blank nodes in patterns become variables that cannot be projected") {
    Unit u = parse("SELECT * { [ <http://e/p> ?o ] <http://e/q> _:b . ( 1 2 ) <http://e/r> ?z }");
    const auto& triples = firstTriples(queryOf(u));
    // [ p o ] q _:b  => 2 triples; ( 1 2 ) r z => 4 list triples + 1
    CHECK(triples.size() == 7);
    CHECK(triples[0].subject.isBlankVariable());
    CHECK(triples[1].object.isBlankVariable());
}

TEST_CASE("numbers keep their lexical form and type; '?x +1' is an addition") {
    Unit u = parse("SELECT (?x +1 AS ?y) { ?s <http://e/p> 01, 2.50, 1e3, -7 }");
    const auto& q = queryOf(u);
    const auto& triples = firstTriples(q);
    CHECK(triples[0].object.term.value == "01");
    CHECK(triples[0].object.term.datatype == "http://www.w3.org/2001/XMLSchema#integer");
    CHECK(triples[1].object.term.datatype == "http://www.w3.org/2001/XMLSchema#decimal");
    CHECK(triples[2].object.term.datatype == "http://www.w3.org/2001/XMLSchema#double");
    CHECK(triples[3].object.term.value == "-7");
    REQUIRE(q.select[0].expr);
    CHECK(q.select[0].expr->kind == Expression::Kind::Add);
}

TEST_CASE("syntax errors give the line, the column and what was expected, in words") {
    CHECK(syntaxError("SELECT ?s\nWHERE { ?s <http://p> }") ==
          "syntax error at line 2, column 23: expected a blank node, a number, a prefixed name, a string, "
          "a variable, an IRI, FALSE or TRUE (or one of 3 more), found '}'");
    CHECK(syntaxError("SELECT ?s WHERE { ?s ?p ?o") ==
          "syntax error at line 1, column 27: expected '}', found the end of the query");
    CHECK(syntaxError("SELECT ?s WHERE { ?s ?p ?o } LIMIT x").find("expected a number") != std::string::npos);
}

TEST_CASE("the caret points at the offending token") {
    try {
        parse("SELECT ?s WHERE {\n  ?s ?p ?o .\n  ?s nope:x ?o }");
        FAIL("no error");
    } catch (const QueryError& e) {
        std::string what = e.what();
        CHECK(what.find("line 3, column 6") != std::string::npos);
        CHECK(what.find("\n    ?s nope:x ?o }\n       ^^^^^^") != std::string::npos);
    }
}

TEST_CASE("a blank node label may not join two basic graph patterns") {
    CHECK(syntaxError("SELECT * { _:a <http://p> ?x . OPTIONAL { _:a <http://q> ?y } }")
              .find("blank node _:a is used in two different basic graph patterns") != std::string::npos);
    CHECK(syntaxError("SELECT * { _:a <http://p> ?x . FILTER(true) _:a <http://q> ?y }") == "(no error)");
}

TEST_CASE("update requests parse into operations, with their static checks") {
    Unit u = parse("INSERT DATA { <http://a> <http://b> <http://c> } ; DELETE WHERE { ?s ?p ?o }");
    REQUIRE(u.update);
    CHECK(u.update->operations.size() == 2);
    CHECK(syntaxError("DELETE DATA { _:b <http://p> <http://o> }").find("blank nodes are not allowed") !=
          std::string::npos);
    CHECK(syntaxError("INSERT DATA { ?s <http://p> <http://o> }").find("variables are not allowed") !=
          std::string::npos);
}

TEST_CASE("texts that would crash or exhaust the parser are refused at a position") {
    auto repeat = [](const std::string& s, int n) {
        std::string out;
        for (int i = 0; i < n; ++i) out += s;
        return out;
    };
    CHECK(syntaxError("SELECT * WHERE { FILTER(" + repeat("(", 5000) + "1" + repeat(")", 5000) + ") }") ==
          "syntax error at line 1, column 279: brackets nested more than 256 levels deep");
    CHECK(syntaxError("SELECT * WHERE " + repeat("{", 8000) + repeat("}", 8000)) ==
          "syntax error at line 1, column 272: brackets nested more than 256 levels deep");
    CHECK(syntaxError("SELECT (1" + repeat(" + 1", 10000) + " AS ?x) {}") ==
          "query error at line 1, column 9: an expression more than 1000 operations deep (each operator of a chain "
          "such as a + b + c counts); split it with BIND");
    CHECK(syntaxError("SELECT * WHERE { ?s ?p \"\xC0\xAF\" }") ==
          "syntax error at line 1, column 25: the text is not valid UTF-8 here (save the query as UTF-8)");
    CHECK(syntaxError(std::string(33 << 20, ' ')).find("more than the 32 MiB") != std::string::npos);
    // Brackets inside strings, IRIs and comments do not count; deep but legal nesting passes.
    CHECK(syntaxError("SELECT * WHERE { ?s ?p \"" + repeat("(", 400) + "\" } # " + repeat("{", 400)) == "(no error)");
    CHECK(syntaxError("SELECT * WHERE { FILTER(" + repeat("(", 200) + "?x < <http://a/(>" + repeat(")", 200) + ") }") ==
          "(no error)");
    CHECK(syntaxError("SELECT (1" + repeat(" + 1", 500) + " AS ?x) {}") == "(no error)");
}
