// The result writers' exact bytes for the characters each format must escape.

#include "query/results/writers.h"

#include <doctest/doctest.h>
#include <sstream>

using namespace corridor;
using query::results::Format;
using storage::Term;

namespace {
// One row of three values: an IRI, a literal with every awkward character, a blank node.
std::string write(Format format) {
    std::ostringstream out;
    auto sink = query::results::makeWriter(format, out);
    sink->beginSolutions({"a", "b", "c"});
    sink->solution({Term::iri("http://ex/x y"), Term::literal("t\tq\"<&>\n,\x01", ""), Term::blank("n7")});
    sink->solution({std::nullopt, Term{storage::TermKind::Literal, "chat", "", "fr"}, Term::blank("n7")});
    sink->end();
    return out.str();
}
} // namespace

TEST_CASE("TSV: N-Triples terms (tabs escaped as UCHARs), blank nodes renamed per result") {
    CHECK(write(Format::Tsv) == "?a\t?b\t?c\n"
                                "<http://ex/x\\u0020y>\t\"t\\u0009q\\\"<&>\\n,\\u0001\"\t_:b0\n"
                                "\t\"chat\"@fr\t_:b0\n");
}

TEST_CASE("CSV: fields with commas, quotes or line breaks quoted, quotes doubled") {
    CHECK(write(Format::Csv) == "a,b,c\r\n"
                                "http://ex/x y,\"t\tq\"\"<&>\n,\x01\",_:b0\r\n"
                                ",chat,_:b0\r\n");
}

TEST_CASE("JSON: strings escaped, control characters as \\u escapes") {
    std::string json = write(Format::Json);
    CHECK(json.find(R"("a": { "type": "uri", "value": "http://ex/x y" })") != std::string::npos);
    CHECK(json.find(R"("value": "t\tq\"<&>\n,\u0001")") != std::string::npos);
    CHECK(json.find(R"("b": { "type": "literal", "value": "chat", "xml:lang": "fr" })") != std::string::npos);
    CHECK(json.find(R"("c": { "type": "bnode", "value": "b0" })") != std::string::npos);
}

TEST_CASE("XML: markup characters as entities") {
    std::string xml = write(Format::Xml);
    CHECK(xml.find("<binding name=\"b\"><literal>t\tq&quot;&lt;&amp;&gt;\n,\x01</literal></binding>") !=
          std::string::npos);
    CHECK(xml.find("<literal xml:lang=\"fr\">chat</literal>") != std::string::npos);
    CHECK(xml.find("<bnode>b0</bnode>") != std::string::npos);
}

TEST_CASE("the escaping helpers") {
    CHECK(query::results::xmlAttribute("a\nb\tc\x02<") == "a&#10;b&#9;c&lt;");
    CHECK(query::results::dotQuoted("say \"hi\"\\\n") == "\"say \\\"hi\\\"\\\\\\n\"");
    CHECK(query::results::csvField(" padded") == "\" padded\"");
    CHECK(query::results::csvField("plain") == "plain");
}
