#include "storage/error.h"
#include "storage/rdf_io/rdf_parser.h"

#include <doctest/doctest.h>

using namespace corridor;
using namespace corridor::storage::rdf_io;

namespace {
struct Collect : QuadHandler {
    std::vector<std::string> quads;
    void onQuad(const TermRef& s, const TermRef& p, const TermRef& o, const TermRef* g) override {
        std::string line = s.toTerm().toNTriples() + " " + p.toTerm().toNTriples() + " " + o.toTerm().toNTriples();
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
    CHECK(firstError("<http://a> <http://b> <http://c> .\n<http://a> <http://b> \"x .\n", RdfFormat::NTriples) ==
          "in.ttl:2:27: line end in short string");
}

TEST_CASE("surrogate escapes are rejected, at the escape") {
    CHECK(firstError("<http://a> <http://b> \"ok\" .\n<http://a> <http://b> \"x\\uD800\" .\n", RdfFormat::Turtle) ==
          "in.ttl:2:25: escape sequence encodes a UTF-16 surrogate (U+D800..U+DFFF)");
    CHECK_FALSE(firstError("<http://a> <http://b> \"\\U0001F600\" .\n", RdfFormat::Turtle).size());
}

TEST_CASE("an undefined prefix is an error at the prefixed name") {
    CHECK(firstError("@prefix a: <http://a/> .\na:x a:y\n   b:z .\n", RdfFormat::Turtle) ==
          "in.ttl:3:4: undefined prefix 'b:'");
}

TEST_CASE("relative IRIs need a base") {
    CHECK(firstError("<x> <http://p> <http://o> .\n", RdfFormat::Turtle).find("no base IRI") != std::string::npos);
    CHECK(firstError("<x> <http://p> <http://o> .\n", RdfFormat::Turtle, "http://base/").empty());
}

TEST_CASE("N-Quads graph labels and TriG blocks reach the handler") {
    Collect sink;
    ParseOptions options;
    options.format = RdfFormat::TriG;
    options.blankPrefix = "S_";
    parseRdfString("<http://g> { <http://s> <http://p> _:b } { <http://s> <http://p> [] }", options, sink);
    REQUIRE(sink.quads.size() == 2);
    CHECK(sink.quads[0] == "<http://s> <http://p> _:S_b <http://g>");
    CHECK(sink.quads[1].rfind("<http://s> <http://p> _:S_", 0) == 0);
}

TEST_CASE("a missing file is a data error naming it") {
    Collect sink;
    ParseOptions options;
    options.sourceName = "nope.nt";
    CHECK_THROWS_WITH_AS(parseRdfFile("/nonexistent/nope.nt", options, sink), doctest::Contains("cannot open"),
                         DataError);
}

TEST_CASE("what serd lets through or stops at silently is an error at its line") {
    // serd's N-Quads reader stops at a literal subject without an error: the glue finds the line.
    CHECK(firstError("<http://a> <http://b> <http://c> .\n\n# note\n\"lit\" <http://b> <http://c> .\n<http://a> "
                     "<http://b> <http://d> .\n",
                     RdfFormat::NQuads) ==
          "in.ttl:4:1: expected a statement: an IRI or a blank node as its subject, then predicate, object, an "
          "optional graph and '.'");
    CHECK(firstError("<http://a> <http://b> <http://c> .\n[] <http://b> <http://c> .\n", RdfFormat::NQuads) ==
          "in.ttl:2:1: [] is Turtle, not N-Triples or N-Quads: write a labelled blank node (_:b1)");
    CHECK(firstError("<http://a> <http://b> \"x\xC0\xAF\" .\n", RdfFormat::NTriples) ==
          "in.ttl:1:1: the literal is not valid UTF-8 (a malformed or overlong byte sequence)");
    CHECK(firstError("<http://a> <http://b> \"x\xE0\x80\xAF\" .\n", RdfFormat::NTriples) ==
          "in.ttl:1:1: the literal is not valid UTF-8 (a malformed or overlong byte sequence)");
    CHECK(firstError("<http://a\xC0\xAF> <http://b> <http://c> .\n", RdfFormat::NTriples) ==
          "in.ttl:1:1: the IRI is not valid UTF-8 (a malformed or overlong byte sequence)");
    CHECK(firstError("<http://a> <http://b> \"x\"@en- .\n", RdfFormat::NTriples) ==
          "in.ttl:1:26: 'en-' is not a language tag (letters, then '-' and letters or digits)");
    // Valid UTF-8 of every length, and a NUL inside a literal (N-Triples allows it), pass.
    CHECK(firstError("<http://a> <http://b> \"é泰\xF0\x9F\x98\x80 a\\u0000b\"@zh-Hans .\n", RdfFormat::NTriples) == "");
}

TEST_CASE("a NUL byte ends nothing silently: it is an error at its position") {
    using namespace std::string_literals;
    // serd reads a NUL as the end of the input: without the glue, the rest would vanish.
    CHECK(firstError("<http://a> <http://b> <http://c> .\n\0<http://d> <http://e> <http://f> .\n"s,
                     RdfFormat::NTriples) == "in.ttl:2:1: a NUL byte (0x00) outside a literal");
    CHECK(firstError("<http://a> <http://b> <http://c#x> . # note \"\n<http://a> <http://b> 'it\\'s' .\0\n"s,
                     RdfFormat::Turtle) == "in.ttl:2:32: a NUL byte (0x00) outside a literal");
    CHECK(firstError(std::string(70000, ' ') + "\0"s, RdfFormat::NTriples) ==
          "in.ttl:1:70001: a NUL byte (0x00) outside a literal");
    // Inside a literal a NUL is a character like any other (the W3C suites have such literals).
    CHECK(firstError("<http://a> <http://b> \"x\0y\" .\n<http://a> <http://b> \"\"\"a\0\"\"\" .\n"s,
                     RdfFormat::Turtle) == "");
}

TEST_CASE("nesting too deep for the parser's stack is an error, not a crash") {
    std::string open, close;
    for (int i = 0; i < 200000; ++i) {
        open += "[ <http://p> ";
        close += "] ";
    }
    std::string error = firstError("<http://s> <http://p> " + open + "<http://o> " + close + ".\n", RdfFormat::Turtle);
    CHECK(error.find("nested too deeply") != std::string::npos);
    std::string lists(200000, '(');
    error =
        firstError(lists + " <http://o> " + std::string(200000, ')') + " <http://p> <http://o> .\n", RdfFormat::Turtle);
    CHECK(error.find("nested too deeply") != std::string::npos);
    // A few hundred levels are fine.
    open.clear();
    close.clear();
    for (int i = 0; i < 300; ++i) {
        open += "[ <http://p> ";
        close += "] ";
    }
    CHECK(firstError("<http://s> <http://p> " + open + "<http://o> " + close + ".\n", RdfFormat::Turtle) == "");
}
