#include "query/algebra/printer.h"
#include "query/algebra/translate.h"
#include "query/ast/parse.h"
#include "query/planner/rewrites.h"

#include <doctest/doctest.h>

using namespace corridor::query;

namespace {
std::string rewritten(const std::string& text) {
    auto unit = ast::parse(text);
    return algebra::toSExpression(planner::rewriteQuery(algebra::translate(*unit.query, text)));
}
} // namespace

TEST_CASE("filters move into the join operand that binds their variables") {
    CHECK(rewritten("SELECT * { ?x <http://p> ?a . { ?y <http://q> ?b } FILTER(?a > 1) FILTER(?b < 2) }") ==
          "(project (?x ?a ?y ?b)\n"
          "  (join\n"
          "    (filter (> ?a \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>)\n"
          "      (bgp (triple ?x <http://p> ?a)))\n"
          "    (filter (< ?b \"2\"^^<http://www.w3.org/2001/XMLSchema#integer>)\n"
          "      (bgp (triple ?y <http://q> ?b)))))");
}

TEST_CASE("a filter on an OPTIONAL variable stays above the left join") {
    std::string out =
        rewritten("SELECT * { ?x <http://p> ?a OPTIONAL { ?x <http://q> ?b } FILTER(!bound(?b)) FILTER(?a = 1) }");
    CHECK(out.find("(filter (! (BOUND ?b))\n    (leftjoin\n      (filter (= ?a") != std::string::npos);
}

TEST_CASE("filters are copied into both branches of a union, but EXISTS does not move") {
    std::string out = rewritten("SELECT * { { ?x <http://p> ?a } UNION { ?x <http://q> ?a } FILTER(?a = 1) }");
    CHECK(out.find("(union\n    (filter") != std::string::npos);
    std::string exists =
        rewritten("SELECT * { ?x <http://p> ?a . { ?y <http://q> ?b } FILTER EXISTS { ?x <http://r> ?y } }");
    // It stays above the join: moved onto ?x's side, it would no longer see ?y.
    auto filter = exists.find("(filter (exists"), join = exists.find("(join");
    REQUIRE(filter != std::string::npos);
    REQUIRE(join != std::string::npos);
    CHECK(filter < join);
}

TEST_CASE("an ORDER BY under a LIMIT is told how many rows to keep, inside EXISTS too") {
    // Offset and limit: the first 7 in order are needed.
    CHECK(rewritten("SELECT ?s { ?s ?p ?o } ORDER BY ?o LIMIT 5 OFFSET 2").find("(first 7)") != std::string::npos);
    CHECK(rewritten("SELECT ?s { ?s ?p ?o } ORDER BY ?o").find("(first") == std::string::npos);
    CHECK(rewritten("SELECT ?s { ?s ?p ?o } ORDER BY ?o OFFSET 3").find("(first") == std::string::npos);
    // A sub-select inside FILTER EXISTS.
    CHECK(rewritten("SELECT ?s { ?s ?p ?o FILTER EXISTS { { SELECT ?x { ?x ?q ?y } ORDER BY ?y LIMIT 1 } } }")
              .find("(first 1)") != std::string::npos);
}
