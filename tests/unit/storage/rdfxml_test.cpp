// RDF/XML in (raptor2): terms, errors with positions, no external entities,
// and the loader's atomicity as for the other syntaxes.

#include "../test_util.h"
#include "storage/error.h"
#include "storage/rdf_io/rdf_parser.h"

#include <doctest/doctest.h>

using namespace corridor;
using namespace corridor::storage;
using corridor::test::TempDir;

namespace {
const std::string kHead = "<?xml version=\"1.0\"?>\n"
                          "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
                          "         xmlns:rdfs=\"http://www.w3.org/2000/01/rdf-schema#\" xmlns:ex=\"http://e/\">\n";

std::string loadError(Store& store, const std::string& text) {
    try {
        test::loadText(store, text, rdf_io::RdfFormat::RdfXml);
    } catch (const DataError& e) {
        return e.what();
    }
    return "(no error)";
}
} // namespace

TEST_CASE("RDF/XML: IRIs, language-tagged and typed literals, blank nodes, relative IRIs") {
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    LoadOptions options;
    options.baseIri = "http://base.example/doc";
    test::loadText(*store,
                   kHead + "  <rdf:Description rdf:about=\"http://e/zone\">\n"
                           "    <rdfs:label xml:lang=\"zh\">泰中罗勇工业园</rdfs:label>\n"
                           "    <ex:year rdf:datatype=\"http://www.w3.org/2001/XMLSchema#gYear\">2006</ex:year>\n"
                           "    <ex:partner rdf:resource=\"firm\"/>\n"
                           "    <ex:part><rdf:Description><rdfs:label>inner</rdfs:label></rdf:Description></ex:part>\n"
                           "  </rdf:Description>\n</rdf:RDF>\n",
                   rdf_io::RdfFormat::RdfXml, options);
    auto lines = test::lines(test::exportText(*store));
    CHECK(lines.count("<http://e/zone> <http://www.w3.org/2000/01/rdf-schema#label> \"泰中罗勇工业园\"@zh ."));
    CHECK(lines.count("<http://e/zone> <http://e/year> \"2006\"^^<http://www.w3.org/2001/XMLSchema#gYear> ."));
    CHECK(lines.count("<http://e/zone> <http://e/partner> <http://base.example/firm> ."));
    CHECK(lines.size() == 5);
    std::size_t blanks = 0;
    for (const auto& l : lines) blanks += l.find("_:") != std::string::npos;
    CHECK(blanks == 2);
}

TEST_CASE("RDF/XML: errors name the line, and the store stays as it was") {
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    std::string bad = kHead + "  <rdf:Description rdf:about=\"http://e/x\">\n    <ex:p>unclosed\n</rdf:RDF>\n";
    std::string message = loadError(*store, bad);
    CHECK(message.starts_with("test:"));
    CHECK(message.find(":6:1: XML parser error: Opening and ending tag mismatch") !=
          std::string::npos); // where it shows
    CHECK(test::exportText(*store).empty());
    CHECK(loadError(*store, "not xml at all").starts_with("test:1:"));
}

TEST_CASE("RDF/XML: external entities are not loaded") {
    TempDir dir;
    auto secret = dir.write("secret.txt", "do not read me");
    auto store = Store::open(dir.file("db"));
    std::string text = "<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [ <!ENTITY s SYSTEM \"file://" + secret +
                       "\"> ]>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                       "xmlns:ex=\"http://e/\">\n<rdf:Description rdf:about=\"http://e/x\"><ex:p>&s;</ex:p>"
                       "</rdf:Description>\n</rdf:RDF>\n";
    try {
        test::loadText(*store, text, rdf_io::RdfFormat::RdfXml);
    } catch (const DataError&) {}
    CHECK(test::exportText(*store).find("do not read me") == std::string::npos);
}

TEST_CASE("RDF/XML is read, not written") {
    CHECK(rdf_io::formatFromName("rdfxml") == rdf_io::RdfFormat::RdfXml);
    CHECK(rdf_io::formatFromPath("data/old.rdf") == rdf_io::RdfFormat::RdfXml);
    CHECK(rdf_io::formatFromPath("onto.owl") == rdf_io::RdfFormat::RdfXml);
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    ExportOptions options;
    options.format = rdf_io::RdfFormat::RdfXml;
    CHECK_THROWS_AS(test::exportText(*store, options), UsageError);
}
