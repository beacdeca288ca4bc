#include "storage/error.h"
#include "storage/rdf_io/rdf_parser.h"

#include <doctest/doctest.h>

using namespace corridor;
using namespace corridor::storage::rdf_io;

namespace {
struct Collect : QuadHandler {
    std::vector<std::string> quads;
    void onQuad(const TermRef& s, const TermRef& p, const TermRef& o, const TermRef* g) override {
        std::string line = s.toTerm().toNTriples() + " " + p.toTerm().toNTriples() + " " +
                           o.toTerm().toNTriples();
        if (g) line += " " + g->toTerm().toNTriples();
        quads.push_back(line);
    }
};

std::string firstError(const std::string& text, RdfFormat format, const std::string& base = "") {
    Collect sink;
    ParseOptions options;
    options.format = format;
    options.sourceName = "in.ttl";
    options.baseIri = base;
    try {
        parseRdfString(text, options, sink);
    } catch (const DataError& e) {
        return e.what();
    }
    return "";
}
} // namespace

TEST_CASE("syntax errors carry file:line:column") {
    CHECK(firstError("<http://a> <http://b> <http://c> .\n<http://a> <http://b> \"x .\n",
                     RdfFormat::NTriples) == "in.ttl:2:27: line end in short string");
}

TEST_CASE("surrogate escapes are rejected, at the escape") {
    CHECK(firstError("<http://a> <http://b> \"ok\" .\n<http://a> <http://b> \"x\\uD800\" .\n",
                     RdfFormat::Turtle) ==
          "in.ttl:2:25: escape sequence encodes a UTF-16 surrogate (U+D800..U+DFFF)");
    CHECK_FALSE(firstError("<http://a> <http://b> \"\\U0001F600\" .\n", RdfFormat::Turtle).size());
}

TEST_CASE("an undefined prefix is an error at the prefixed name") {
    CHECK(firstError("@prefix a: <http://a/> .\na:x a:y\n   b:z .\n", RdfFormat::Turtle) ==
          "in.ttl:3:4: undefined prefix 'b:'");
}

TEST_CASE("relative IRIs need a base") {
    CHECK(firstError("<x> <http://p> <http://o> .\n", RdfFormat::Turtle).find(
              "no base IRI") != std::string::npos);
    CHECK(firstError("<x> <http://p> <http://o> .\n", RdfFormat::Turtle, "http://base/").empty());
}

TEST_CASE("N-Quads graph labels and TriG blocks reach the handler") {
    Collect sink;
    ParseOptions options;
    options.format = RdfFormat::TriG;
    options.blankPrefix = "S_";
    parseRdfString("<http://g> { <http://s> <http://p> _:b } { <http://s> <http://p> [] }", options,
                   sink);
    REQUIRE(sink.quads.size() == 2);
    CHECK(sink.quads[0] == "<http://s> <http://p> _:S_b <http://g>");
    CHECK(sink.quads[1].rfind("<http://s> <http://p> _:S_", 0) == 0);
}

TEST_CASE("a missing file is a data error naming it") {
    Collect sink;
    ParseOptions options;
    options.sourceName = "nope.nt";
    CHECK_THROWS_WITH_AS(parseRdfFile("/nonexistent/nope.nt", options, sink),
                         doctest::Contains("cannot open"), DataError);
}
