// Golden tests for translate(): tests/algebra/<name>.rq -> <name>.algebra
// (S-expressions). On a mismatch the test prints the actual output, which can
// be pasted into the .algebra file once checked by hand.

#include "query/algebra/printer.h"
#include "query/algebra/scope.h"
#include "query/algebra/translate.h"
#include "query/ast/parse.h"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace corridor::query;

#ifndef CORRIDOR_SOURCE_DIR
#define CORRIDOR_SOURCE_DIR "."
#endif

namespace {
std::string read(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}
} // namespace

TEST_CASE("translate() matches the golden algebra files") {
    std::filesystem::path dir = std::filesystem::path(CORRIDOR_SOURCE_DIR) / "tests" / "algebra";
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".rq") continue;
        ++files;
        auto expectedPath = entry.path();
        expectedPath.replace_extension(".algebra");
        std::string text = read(entry.path());
        ast::ParseOptions po;
        po.prefixes = ast::builtinPrefixes();
        auto unit = ast::parse(text, po);
        std::string actual = algebra::toSExpression(algebra::translate(*unit.query, text));
        CAPTURE(entry.path().filename().string());
        CHECK(trim(actual) == trim(read(expectedPath)));
    }
    CHECK(files >= 6);
}

TEST_CASE("translate() rejects scope errors with their position") {
    auto translateText = [](const std::string& text) {
        auto unit = ast::parse(text);
        return algebra::translate(*unit.query, text);
    };
    CHECK_THROWS_WITH_AS(translateText("SELECT (1 AS ?x) { ?x <http://p> ?y }"),
                         doctest::Contains("?x is already bound"), SemanticError);
    CHECK_THROWS_WITH_AS(translateText("SELECT * { ?s ?p ?o } GROUP BY ?s"),
                         doctest::Contains("SELECT * cannot be used with GROUP BY"), SemanticError);
    CHECK_THROWS_WITH_AS(translateText("SELECT ?s { ?s ?p ?o FILTER(COUNT(?o) > 1) }"),
                         doctest::Contains("aggregates are only allowed"), SemanticError);
}

TEST_CASE("certain variables of a group: its plain keys certainly bound below, nothing else") {
    auto root = [](const std::string& text) {
        ast::Unit unit = ast::parse(text);
        return algebra::translate(*unit.query, unit.text).root;
    };
    // The sub-select's group: ?s is bound in every input row, so in every group.
    auto q = root("SELECT ?s ?n { { SELECT ?s (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?s } }");
    auto certain = algebra::certainVariables(*q);
    CHECK(certain.count("s") == 1);
    CHECK(certain.count("n") == 0); // an aggregate may fail
    // Not when the key may be unbound below (OPTIONAL), nor for a key expression.
    certain =
        algebra::certainVariables(*root("SELECT ?o { { SELECT ?o { ?s ?p ?x OPTIONAL { ?s ?q ?o } } GROUP BY ?o } }"));
    CHECK(certain.count("o") == 0);
    certain = algebra::certainVariables(*root("SELECT ?k { { SELECT ?k { ?s ?p ?o } GROUP BY (STR(?o) AS ?k) } }"));
    CHECK(certain.count("k") == 0);
}
