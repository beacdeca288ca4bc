// Importing a case from two sheets: the profile's mapping, validation before
// anything is staged, keep-going, idempotence, the provenance rule for graphs,
// country resolution, extra columns kept.

#include "../test_util.h"
#include "cases/case_export.h"
#include "cases/case_import.h"
#include "cases/case_profile.h"
#include "cases/case_terms.h"
#include "storage/error.h"
#include "storage/write_txn.h"

#include <doctest/doctest.h>
#include <fstream>
#include <sstream>

using namespace corridor;
using corridor::test::TempDir;

namespace {
const std::string kNodes = "id,type,label@en,scale,country,comment,rdfs:seeAlso,notes\n"
                           "Z,Zone,Zone Z,zone,THA,a zone,http://example.org/z,kept\n"
                           "F,Enterprise,Firm F,enterprise,CHN,,,\n"
                           "T1,PolicyTransfer,step one,,,,,\n"
                           "P1,Partnership,F with Z,,,,,\n";
const std::string kEdges = "source,relation,target,year,source_doc,confidence\n"
                           "Z,developed_by,F,,https://example.org/doc1,\n"
                           "T1,transfer_from,F,2009,Evening News 2014-07-04,medium\n"
                           "T1,transfer_to,Z,2009,,\n"
                           "T1,element,tax,2009,,\n"
                           "P1,partner,F,2005-07,doi:10.1000/xyz,\n"
                           "P1,partner,Z,,,\n"
                           "P1,partnership_kind,pkind:interEnterprise,,,\n";

struct Imported {
    cases::ImportReport report;
    std::set<std::string> quads;
};

Imported runImport(storage::Store& store, const std::string& nodes, const std::string& edges,
                   cases::ImportOptions options = {}) {
    storage::WriteTxn txn(store);
    Imported out;
    out.report = cases::importCase(txn, nodes, edges, options);
    txn.commit();
    for (const auto& line : test::lines(test::exportText(store))) out.quads.insert(line);
    return out;
}

std::string ex(const std::string& local) {
    return "<https://w3id.org/corridor/id/" + local + ">";
}
std::string pmz(const std::string& local) {
    return "<https://w3id.org/corridor/ns#" + local + ">";
}

std::string importError(storage::Store& store, const std::string& nodes, const std::string& edges) {
    try {
        runImport(store, nodes, edges);
    } catch (const DataError& e) {
        return e.what();
    }
    return "(no error)";
}
} // namespace

TEST_CASE("the profile's controlled values and classes are those of the bundled vocabulary") {
    std::ifstream in(std::string(CORRIDOR_SOURCE_DIR) + "/examples/tcriz/vocabulary.ttl");
    std::stringstream text;
    text << in.rdbuf();
    std::string vocabulary = text.str();
    const std::vector<std::pair<std::string, std::string>> schemes = {
        {"scale", "https://w3id.org/corridor/scale/"},
        {"element", "https://w3id.org/corridor/element/"},
        {"itype", "https://w3id.org/corridor/instrument/"},
        {"pkind", "https://w3id.org/corridor/partnership/"},
        {"mtype", "https://w3id.org/corridor/milestone/"}};
    std::size_t defined = 0;
    for (const auto& [prefix, ns] : schemes) {
        // Every value the vocabulary defines in the scheme is known to the profile...
        std::size_t pos = 0;
        while ((pos = vocabulary.find("\n" + prefix + ":", pos)) != std::string::npos) {
            pos += prefix.size() + 2;
            std::string local = vocabulary.substr(pos, vocabulary.find_first_of(" ;", pos) - pos);
            if (local == "scheme" || local == "kinds" || local == "models") continue;
            CHECK_MESSAGE(cases::isControlledValue(ns + local), prefix << ":" << local);
            ++defined;
        }
        // ...and the profile knows no value the vocabulary lacks.
        for (auto local : cases::controlledValuesIn(ns))
            CHECK_MESSAGE(vocabulary.find("\n" + prefix + ":" + std::string(local) + " ") != std::string::npos, local);
    }
    CHECK(defined == 42);
    for (auto name : cases::classNames())
        CHECK_MESSAGE(vocabulary.find("\npmz:" + std::string(name) + " a owl:Class") != std::string::npos, name);
}

TEST_CASE("years: the three forms, each with its datatype; impossible dates refused") {
    std::string why;
    CHECK(cases::parseYear("2009", why)->datatype == "http://www.w3.org/2001/XMLSchema#gYear");
    CHECK(cases::parseYear("2013-07", why)->datatype == "http://www.w3.org/2001/XMLSchema#gYearMonth");
    CHECK(cases::parseYear("2024-02-29", why)->datatype == "http://www.w3.org/2001/XMLSchema#date");
    CHECK_FALSE(cases::parseYear("2023-02-29", why));
    CHECK(why == "2023-02 has no day 29");
    CHECK_FALSE(cases::parseYear("2013-13", why));
    CHECK_FALSE(cases::parseYear("09", why));
    CHECK_FALSE(cases::parseYear("2009 ", why));
}

TEST_CASE("ids, prefixed names and source documents become stable IRIs") {
    cases::PrefixList prefixes = {{"wd", "http://www.wikidata.org/entity/"}};
    std::string why;
    CHECK(*cases::nodeIri("MOFCOM", prefixes, why) == "https://w3id.org/corridor/id/MOFCOM");
    CHECK(*cases::nodeIri("Great Stone/1", prefixes, why) == "https://w3id.org/corridor/id/Great%20Stone%2F1");
    CHECK(*cases::nodeIri("wd:Q148", prefixes, why) == "http://www.wikidata.org/entity/Q148");
    CHECK(*cases::nodeIri("https://sws.geonames.org/1814991/", prefixes, why) == "https://sws.geonames.org/1814991/");
    CHECK_FALSE(cases::nodeIri("  ", prefixes, why));
    bool minted = false;
    CHECK(cases::sourceDocumentIri("10.11821/dlxb202006008", minted) == "https://doi.org/10.11821/dlxb202006008");
    CHECK(cases::sourceDocumentIri("doi:10.1/x", minted) == "https://doi.org/10.1/x");
    CHECK_FALSE(minted);
    std::string a = cases::sourceDocumentIri("Quanzhou Evening News 2014-07-04", minted);
    CHECK(minted);
    CHECK(a.starts_with("https://w3id.org/corridor/source/doc-"));
    CHECK(cases::sourceDocumentIri("Quanzhou  Evening News\t2014-07-04 ", minted) == a); // spacing does not matter
    CHECK(cases::sourceDocumentIri("Quanzhou Evening News 2014-07-05", minted) != a);
}

TEST_CASE("a valid case: the profile's mapping, into the graphs of the sources") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    auto nodes = dir.write("nodes.csv", kNodes);
    auto edges = dir.write("edges.csv", kEdges);
    auto result = runImport(*store, edges, nodes); // order does not matter
    const auto& q = result.quads;
    std::string doc1 = "<https://example.org/doc1>";
    // Structural edge: the triple and the source on the edge's source node, in the document's graph.
    CHECK(q.count(ex("Z") + " " + pmz("developedBy") + " " + ex("F") + " " + doc1 + " ."));
    CHECK(q.count(ex("Z") + " " + pmz("source") + " " + doc1 + " " + doc1 + " ."));
    CHECK(q.count(ex("Z") + " <http://www.w3.org/2000/01/rdf-schema#label> \"Zone Z\"@en " + doc1 + " ."));
    CHECK(q.count(doc1 + " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> " + pmz("SourceDocument") + " " + doc1 +
                  " ."));
    // Fact node: the year to atTime with its datatype, confidence kept, a minted document with its title.
    bool minted = false;
    std::string news = "<" + cases::sourceDocumentIri("Evening News 2014-07-04", minted) + ">";
    CHECK(
        q.count(ex("T1") + " " + pmz("atTime") + " \"2009\"^^<http://www.w3.org/2001/XMLSchema#gYear> " + news + " ."));
    CHECK(q.count(ex("T1") + " " + pmz("confidence") + " \"medium\" " + news + " ."));
    CHECK(q.count(ex("T1") + " " + pmz("element") + " <https://w3id.org/corridor/element/tax> " + news + " ."));
    CHECK(q.count(news + " <http://purl.org/dc/terms/title> \"Evening News 2014-07-04\" " + news + " ."));
    // Partnership: validFrom from a year-month, a DOI as the document.
    std::string doi = "<https://doi.org/10.1000/xyz>";
    CHECK(q.count(ex("P1") + " " + pmz("validFrom") + " \"2005-07\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> " +
                  doi + " ."));
    CHECK(q.count(ex("P1") + " " + pmz("partnershipKind") +
                  " <https://w3id.org/corridor/partnership/interEnterprise> " + doi + " ."));
    // Countries: new country nodes when neither the sheets nor the store have them.
    CHECK(q.count(ex("Z") + " " + pmz("country") + " " + ex("THA") + " " + doc1 + " ."));
    CHECK(q.count(ex("THA") + " <https://schema.org/identifier> \"THA\" ."));
    CHECK(result.report.countriesCreated == std::vector<std::string>{"THA", "CHN"});
    // Extra columns are kept: known names, prefixed names, and unknown names under column/.
    CHECK(q.count(ex("Z") + " <http://www.w3.org/2000/01/rdf-schema#comment> \"a zone\" " + doc1 + " ."));
    CHECK(q.count(ex("Z") + " <http://www.w3.org/2000/01/rdf-schema#seeAlso> \"http://example.org/z\" " + doc1 + " ."));
    CHECK(q.count(ex("Z") + " <https://w3id.org/corridor/column/notes> \"kept\" " + doc1 + " ."));
    CHECK(result.report.warnings.size() == 1);
    CHECK(result.report.factNodes == 2);
    CHECK(result.report.entities == 2);

    SUBCASE("importing the same sheets again changes nothing") {
        auto again = runImport(*store, nodes, edges);
        CHECK(again.quads == result.quads);
    }
}

TEST_CASE("with --graph: everything in the case's graph, fact nodes in the case") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    cases::ImportOptions options;
    options.graph = "https://example.org/case";
    auto result = runImport(*store, dir.write("n.csv", kNodes), dir.write("e.csv", kEdges), options);
    std::string g = "<https://example.org/case>";
    for (const auto& quad : result.quads) CHECK_MESSAGE(quad.ends_with(g + " ."), quad);
    CHECK(result.quads.count(ex("T1") + " " + pmz("inCase") + " " + g + " " + g + " ."));
    CHECK(result.quads.count(g + " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> " + pmz("Case") + " " + g + " ."));
    CHECK_FALSE(result.quads.count(ex("Z") + " " + pmz("inCase") + " " + g + " " + g + " ."));
}

TEST_CASE("countries and edge targets resolve to nodes the store already has") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    test::loadText(*store,
                   "<https://example.org/thailand> <https://schema.org/identifier> \"THA\" .\n"
                   "<https://w3id.org/corridor/id/MOFCOM> <http://www.w3.org/2000/01/rdf-schema#label> \"M\" .\n");
    auto nodes = dir.write("n.csv", "id,type,country\nZ,Zone,THA\n");
    auto edges = dir.write("e.csv", "source,relation,target\nZ,developed_by,MOFCOM\nMOFCOM,located_in,Z\n");
    auto result = runImport(*store, nodes, edges);
    CHECK(result.quads.count(ex("Z") + " " + pmz("country") + " <https://example.org/thailand> ."));
    CHECK(result.quads.count(ex("Z") + " " + pmz("developedBy") + " " + ex("MOFCOM") + " ."));
    CHECK(result.quads.count(ex("MOFCOM") + " " + pmz("locatedIn") + " " + ex("Z") + " ."));
    CHECK(result.report.countriesCreated.empty());
}

TEST_CASE("bad rows: every problem listed with file:line:column, nothing staged") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    auto nodes = dir.write("n.csv", "id,type,scale,country\n"
                                    "A,Zone,zone,THA\n"
                                    "B,Enterprize,,CHN\n"
                                    "T,PolicyTransfer,,\n"
                                    "A,Zone,,\n"
                                    "C,Enterprise,global,\n");
    auto edges = dir.write("e.csv", "source,relation,target,year\n"
                                    "T,transfer_from,A,2009\n"
                                    "T,transfer_to,A,2010\n"
                                    "T,element,taxes,\n"
                                    "A,fundz,T,\n"
                                    "A,transfer_to,T,\n"
                                    "T,transfer_to,Nobody,\n"
                                    "T,element,tax,2009-13\n"
                                    "T,transfer_to,B,\n");
    std::string message = importError(*store, nodes, edges);
    auto has = [&](const std::string& text) {
        CHECK_MESSAGE(message.find(text) != std::string::npos, text << "\n--- in ---\n" << message);
    };
    has(nodes + ":3:2: unknown type 'Enterprize'");
    has(nodes + ":5:1: id 'A' is already defined on line 2");
    has(nodes + ":6:3: unknown scale 'global'; expected one of supranational,");
    has(edges + ":3:4: 'T' has year 2009 on line 2 and 2010 here");
    has(edges + ":4:3: unknown element 'taxes'");
    has(edges + ":5:2: unknown relation 'fundz'");
    has(edges + ":6:2: relation 'transfer_to' belongs on a PolicyTransfer node; 'A' is a Zone");
    has(edges + ":7:3: unknown node id 'Nobody'");
    has(edges + ":8:4: bad year '2009-13': month 13 does not exist");
    has(edges + ":9:3: node 'B' was skipped (line 3 of");
    has("nothing was imported: 10 problem(s)");
    CHECK(test::exportText(*store).empty());
}

TEST_CASE("keep-going imports the valid rows and lists the skipped ones") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    auto nodes = dir.write("n.csv", "id,type\nA,Zone\nB,Enterprize\nF,Enterprise\n");
    auto edges = dir.write("e.csv", "source,relation,target\nA,developed_by,F\nA,developed_by,B\n");
    cases::ImportOptions options;
    options.keepGoing = true;
    auto result = runImport(*store, nodes, edges, options);
    CHECK(result.report.skipped.size() == 2);
    CHECK(result.report.skippedRows == 2);
    CHECK(result.quads.count(ex("A") + " " + pmz("developedBy") + " " + ex("F") + " ."));
    CHECK_FALSE(result.quads.count(ex("A") + " " + pmz("developedBy") + " " + ex("B") + " ."));
    CHECK(result.quads.size() == 3);
}

TEST_CASE("sheets that are not a nodes/edges pair are refused") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    auto nodes = dir.write("n.csv", "id,type\nA,Zone\n");
    auto other = dir.write("o.csv", "name,kind\nA,Zone\n");
    auto noType = dir.write("m.csv", "id,label\nA,Zone\n");
    auto edges = dir.write("e.csv", "source,relation,target\n");
    CHECK(importError(*store, nodes, nodes).find("are both nodes sheets") != std::string::npos);
    CHECK(importError(*store, nodes, other).find("o.csv:1:1: cannot tell whether this is the nodes or the edges") !=
          std::string::npos);
    CHECK(importError(*store, noType, edges).find("m.csv:1:1: missing column 'type'") != std::string::npos);
}

TEST_CASE("a case exported as sheets imports back to the very same quads, and exports the same again") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    // Everything the profile can say: minted and URL documents, several labels, typed and
    // unprofiled columns, a generic relation, dated columns, a node without type, countries.
    auto nodes = dir.write("n.csv", kNodes.substr(0, kNodes.find('\n')) + ",label@zh,schema:size^^xsd:integer\n" +
                                        "Z,Zone,Zone Z,zone,THA;CHN,\"a zone, \"\"quoted\"\"\",http://e/z,kept,Z区,12\n"
                                        "F,Enterprise,Firm F,enterprise,CHN,,,,,\n"
                                        "T1,PolicyTransfer,step one,,,,,,,\n"
                                        "P1,Partnership,F with Z,,,,,,,\n"
                                        "M1,Milestone,founding,,,,,,,\n"
                                        "X,,,,,note on X,,,,\n"
                                        "CHN,AdministrativeArea,China,national,,,,,,\n");
    auto edges = dir.write("e.csv", kEdges + "Z,rdfs:seeAlso,X,,,\nM1,involves,Z,2001-02-03,,\n");
    cases::ImportOptions options;
    options.graph = "https://example.org/case";
    auto first = runImport(*store, nodes, edges, options);
    auto view = store->read();
    auto report = cases::exportCase(*view, options.graph, dir.file("out"));
    CHECK(report.nodeRows == 8); // the seven rows and the country node THA the import created
    TempDir other;
    auto copy = storage::Store::open(other.file("db"));
    auto second = runImport(*copy, dir.file("out/nodes.csv"), dir.file("out/edges.csv"), options);
    CHECK(second.quads == first.quads);
    cases::exportCase(*copy->read(), options.graph, other.file("out"));
    auto slurp = [](const std::string& path) {
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    };
    CHECK(slurp(other.file("out/nodes.csv")) == slurp(dir.file("out/nodes.csv")));
    CHECK(slurp(other.file("out/edges.csv")) == slurp(dir.file("out/edges.csv")));
    CHECK(slurp(dir.file("out/nodes.csv")).find("\"a zone, \"\"quoted\"\"\"") != std::string::npos);
}

TEST_CASE("a graph with blank nodes cannot be written as sheets") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    test::loadText(*store, "_:b <http://e/p> <http://e/o> <http://e/g> .\n");
    std::string message;
    try {
        cases::exportCase(*store->read(), std::string("http://e/g"), dir.file("out"));
    } catch (const DataError& e) {
        message = e.what();
    }
    CHECK(message.find("<http://e/g> holds blank nodes") != std::string::npos);
}

TEST_CASE("a mapping file: other headers, type values, relations, and rows that make fact nodes") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    auto nodes = dir.write("people.csv", "Node ID,Kind,Name,Employees\n"
                                         "hz,City,Hangzhou,\n"
                                         "holley,Firm,Holley Group,5000\n"
                                         "bank,Firm,Some Bank,\n");
    auto edges = dir.write("links.csv", "From,Type,To,When,Source\n"
                                        "holley,in,hz,,\n"
                                        "bank,lends to,holley,2011,https://example.org/loan\n"
                                        "bank,lends to,holley,2011,https://example.org/loan-b\n"
                                        "bank,lends to,holley,2013,\n");
    auto mapping = dir.write("mapping.csv", "kind,name,maps_to,from,to,values\n"
                                            "column,Node ID,id,,,\n"
                                            "column,Kind,type,,,\n"
                                            "column,Name,label@en,,,\n"
                                            "column,Employees,schema:numberOfEmployees^^xsd:integer,,,\n"
                                            "column,From,source,,,\n"
                                            "column,Type,relation,,,\n"
                                            "column,To,target,,,\n"
                                            "column,When,year,,,\n"
                                            "column,Source,source_doc,,,\n"
                                            "type,City,AdministrativeArea,,,\n"
                                            "type,Firm,Enterprise,,,\n"
                                            "relation,in,located_in,,,\n"
                                            "fact,lends to,PolicyTransfer,transfer_from,transfer_to,element=finance\n");
    cases::ImportOptions options;
    options.mapping = cases::readMapping(mapping);
    auto result = runImport(*store, nodes, edges, options);
    const auto& q = result.quads;
    CHECK(q.count(ex("hz") + " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> " + pmz("AdministrativeArea") + " ."));
    CHECK(q.count(ex("holley") + " <http://www.w3.org/2000/01/rdf-schema#label> \"Holley Group\"@en ."));
    CHECK(q.count(ex("holley") +
                  " <https://schema.org/numberOfEmployees> \"5000\"^^<http://www.w3.org/2001/XMLSchema#integer> ."));
    CHECK(q.count(ex("holley") + " " + pmz("locatedIn") + " " + ex("hz") + " ."));
    // One fact node per rule, ends and year: the two 2011 rows are one transfer with two sources.
    std::string t2011 = ex("lends%20to_bank_holley_2011");
    std::string g = "<https://example.org/loan>";
    CHECK(q.count(t2011 + " " + pmz("transferFrom") + " " + ex("bank") + " " + g + " ."));
    CHECK(q.count(t2011 + " " + pmz("transferTo") + " " + ex("holley") + " " + g + " ."));
    CHECK(q.count(t2011 + " " + pmz("element") + " <https://w3id.org/corridor/element/finance> " + g + " ."));
    CHECK(q.count(t2011 + " " + pmz("atTime") + " \"2011\"^^<http://www.w3.org/2001/XMLSchema#gYear> " + g + " ."));
    CHECK(q.count(t2011 + " " + pmz("source") + " <https://example.org/loan-b> " + g + " ."));
    CHECK(q.count(ex("lends%20to_bank_holley_2013") + " " + pmz("transferFrom") + " " + ex("bank") + " ."));
    CHECK(result.report.factNodes == 2);
    SUBCASE("importing again changes nothing") {
        CHECK(runImport(*store, nodes, edges, options).quads == q);
    }
}

TEST_CASE("mapping files with mistakes are refused with file:line:column") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    auto mappingError = [&](const std::string& rows) {
        std::string path = dir.write("m.csv", "kind,name,maps_to,from,to,values\n" + rows);
        try {
            cases::ImportOptions options;
            options.mapping = cases::readMapping(path);
            runImport(*store, dir.write("n.csv", "id,type\nA,Zone\n"), dir.write("e.csv", "source,relation,target\n"),
                      options);
        } catch (const DataError& e) {
            return std::string(e.what()).substr(path.size());
        }
        return std::string("(no error)");
    };
    CHECK(mappingError("colum,x,id,,,\n") == ":2:1: unknown kind 'colum'; expected column, type, relation or fact");
    CHECK(mappingError("fact,funds,Transfer,transfer_from,transfer_to,\n") ==
          ":2:3: a fact row maps to Partnership, PolicyTransfer, Milestone or Policy, not 'Transfer'");
    CHECK(
        mappingError("fact,funds,PolicyTransfer,,transfer_to,\n").starts_with(":2:4: a fact row names the relations"));
    CHECK(mappingError("fact,funds,PolicyTransfer,transfer_from,transfer_to,element\n") ==
          ":2:6: 'element' is not relation=target");
    CHECK(mappingError("relation,in,inside,,,\n") ==
          ":2:1: relation 'in' maps to 'inside', which is neither a relation of the profile nor a property "
          "(prefixed name or IRI)");
    CHECK(mappingError("fact,funds,Partnership,transfer_from,transfer_to,\n") ==
          ":2:1: fact 'funds': relation 'transfer_from' belongs on a PolicyTransfer node, not a Partnership");
    CHECK(mappingError("relation,x,issued_by,Zone,,\n").starts_with(":2:4: 'Zone' is not a fact type"));
    CHECK(mappingError("type,City,Area,,,\ntype,City,Zone,,,\n") == ":3:2: 'City' is mapped twice");
}
