// Golden tests for translate(): tests/algebra/<name>.rq -> <name>.algebra
// (S-expressions). On a mismatch the test prints the actual output, which can
// be pasted into the .algebra file once checked by hand.

#include "query/algebra/printer.h"
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
