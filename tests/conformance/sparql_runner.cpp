// The W3C SPARQL 1.0 and 1.1 suites, run through the real engine: each
// evaluation test loads its data into a fresh store and runs the query with
// the strict SPARQL dataset (the default graph is the store's default graph)
// and no built-in prefixes. Prints per-category and total counts.
//
//   corridor_sparql_conformance [-v] [--markdown FILE] [--write-known-failures FILE] [FILTER]
//
// Skips: only whole features, listed in tests/conformance/skips.tsv.
// Known failures: tests/conformance/sparql_known_failures.txt. A failure not on
// that list, or a listed test that now passes, makes the run fail.

#include "query/engine.h"
#include "query/executor/service_client.h"
#include "query/results/writers.h"
#include "query/update/update.h"
#include "storage/error.h"
#include "storage/load/bulk_loader.h"
#include "storage/store.h"
#include "tests/conformance/conformance_paths.h"
#include "tests/conformance/rdf_graph.h"
#include "tests/conformance/result_set.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

using namespace corridor;
using namespace corridor::conformance;
using storage::rdf_io::RdfFormat;

#ifndef CORRIDOR_SOURCE_DIR
#define CORRIDOR_SOURCE_DIR "."
#endif

namespace {

const std::string kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const std::string kRdfs = "http://www.w3.org/2000/01/rdf-schema#";
const std::string kMf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
const std::string kQt = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#";
const std::string kUt = "http://www.w3.org/2009/sparql/tests/test-update#";

struct TestCase {
    std::string iri, name, type, category;
    std::string action; // syntax tests: the file
    std::string query;  // evaluation tests
    std::vector<std::string> data;
    std::vector<std::string> graphData;
    std::string result;
    bool lax = false;
    // Update evaluation: graph files with their names, before and after.
    std::vector<std::pair<std::string, std::string>> updateGraphs; // file, graph IRI
    std::vector<std::string> resultData;
    std::vector<std::pair<std::string, std::string>> resultGraphs;
    // Federated queries: each endpoint's data (qt:serviceData [ qt:endpoint E ; qt:data D ]).
    std::vector<std::pair<std::string, std::string>> serviceData; // endpoint, data file
};

struct Skip {
    std::string kind, value, feature, reason;
};

struct Counts {
    int passed = 0, failed = 0, skipped = 0;
};

std::string localName(const std::string& iri) {
    auto pos = iri.find_last_of("#/");
    return pos == std::string::npos ? iri : iri.substr(pos + 1);
}

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void collect(const std::string& manifestIri, std::vector<TestCase>& out) {
    auto path = localPath(manifestIri);
    MemoryGraph g = MemoryGraph::parseFile(*path, RdfFormat::Turtle, manifestIri);
    std::string category = manifestIri.substr(std::string(kPublishedRoot).size());
    category = category.substr(std::string("sparql/").size());
    category = category.substr(0, category.rfind('/'));
    for (const Term& manifest : g.subjectsWith(kRdf + "type", Term::iri(kMf + "Manifest"))) {
        for (const Term& list : g.objects(manifest, kMf + "include"))
            for (const Term& inc : g.list(list)) collect(inc.value, out);
        for (const Term& list : g.objects(manifest, kMf + "entries")) {
            for (const Term& test : g.list(list)) {
                TestCase t;
                t.iri = test.value;
                t.category = category;
                if (auto type = g.object(test, kRdf + "type")) t.type = localName(type->value);
                if (auto name = g.object(test, kMf + "name")) t.name = name->value;
                if (auto card = g.object(test, kMf + "resultCardinality"))
                    t.lax = localName(card->value) == "LaxCardinality";
                auto action = g.object(test, kMf + "action");
                if (action && action->isIri()) t.action = action->value;
                if (action && action->isBlank()) {
                    if (auto q = g.object(*action, kQt + "query")) t.query = q->value;
                    if (auto q = g.object(*action, kUt + "request")) t.query = q->value;
                    for (const auto& d : g.objects(*action, kQt + "data")) t.data.push_back(d.value);
                    for (const auto& d : g.objects(*action, kQt + "graphData")) t.graphData.push_back(d.value);
                    for (const auto& d : g.objects(*action, kUt + "data")) t.data.push_back(d.value);
                    for (const auto& sd : g.objects(*action, kQt + "serviceData"))
                        for (const auto& d : g.objects(sd, kQt + "data"))
                            t.serviceData.emplace_back(g.object(sd, kQt + "endpoint")->value, d.value);
                    for (const auto& gd : g.objects(*action, kUt + "graphData"))
                        t.updateGraphs.emplace_back(g.object(gd, kUt + "graph")->value,
                                                    g.object(gd, kRdfs + "label")->value);
                }
                if (auto r = g.object(test, kMf + "result"); r && r->isIri()) t.result = r->value;
                if (auto r = g.object(test, kMf + "result"); r && r->isBlank()) {
                    for (const auto& d : g.objects(*r, kUt + "data")) t.resultData.push_back(d.value);
                    for (const auto& gd : g.objects(*r, kUt + "graphData"))
                        t.resultGraphs.emplace_back(g.object(gd, kUt + "graph")->value,
                                                    g.object(gd, kRdfs + "label")->value);
                }
                out.push_back(std::move(t));
            }
        }
    }
}

std::vector<Skip> readSkips() {
    std::vector<Skip> skips;
    std::istringstream in(readText(std::string(CORRIDOR_SOURCE_DIR) + "/tests/conformance/skips.tsv"));
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> f;
        std::size_t start = 0;
        for (int i = 0; i < 3; ++i) {
            auto tab = line.find('\t', start);
            f.push_back(line.substr(start, tab - start));
            start = tab + 1;
        }
        f.push_back(line.substr(start));
        skips.push_back({f[0], f[1], f[2], f[3]});
    }
    return skips;
}

const Skip* skipFor(const TestCase& t, const std::vector<Skip>& skips) {
    for (const auto& s : skips) {
        if (s.kind == "type" && t.type == s.value) return &s;
        if (s.kind == "category" && t.category == s.value) return &s;
        if (s.kind == "extension") {
            auto ends = [&](const std::string& f) {
                return f.size() >= s.value.size() && f.compare(f.size() - s.value.size(), s.value.size(), s.value) == 0;
            };
            bool hit = ends(t.result) || ends(t.query) || ends(t.action);
            for (const auto& d : t.data) hit = hit || ends(d);
            for (const auto& d : t.graphData) hit = hit || ends(d);
            if (hit) return &s;
        }
    }
    return nullptr;
}

RdfFormat formatOf(const std::string& file) {
    auto f = storage::rdf_io::formatFromPath(file);
    return f.value_or(RdfFormat::Turtle);
}

// The IRIs of FROM / FROM NAMED clauses, which the runner loads as named graphs.
std::vector<std::string> datasetIris(const query::PreparedQuery& prepared) {
    std::vector<std::string> out;
    if (!prepared.unit.query) return out;
    for (const auto& t : prepared.unit.query->from) out.push_back(t.value);
    for (const auto& t : prepared.unit.query->fromNamed) out.push_back(t.value);
    return out;
}

ResultSet readExpected(const std::string& iri) {
    std::string path = *localPath(iri);
    auto ends = [&](const char* ext) { return path.size() > 4 && path.rfind(ext) == path.size() - std::strlen(ext); };
    if (ends(".srx")) return readSrx(path);
    if (ends(".srj")) return readSrj(path);
    if (ends(".tsv")) return readTsv(path);
    return readRdfResults(path, iri);
}

ResultSet toResultSet(const query::CollectingSink& sink) {
    ResultSet r;
    switch (sink.kind) {
    case query::CollectingSink::Kind::Boolean:
        r.kind = ResultSet::Kind::Boolean;
        r.boolean = sink.value;
        break;
    case query::CollectingSink::Kind::Graph:
        r.kind = ResultSet::Kind::Graph;
        for (const auto& t : sink.triples) r.graph.push_back({t[0], t[1], t[2], std::nullopt});
        break;
    default:
        r.variables = sink.variables;
        for (const auto& row : sink.rows) {
            std::map<std::string, Term> m;
            for (std::size_t i = 0; i < row.size(); ++i)
                if (row[i]) m[sink.variables[i]] = *row[i];
            r.rows.push_back(std::move(m));
        }
    }
    return r;
}

std::string normaliseCsv(const std::string& text) {
    std::string out;
    for (char c : text)
        if (c != '\r') out += c;
    // Blank node labels in order of appearance.
    std::map<std::string, std::string> names;
    std::regex label("_:[A-Za-z0-9]+");
    std::string result;
    std::sregex_iterator it(out.begin(), out.end(), label), end;
    std::size_t last = 0;
    for (; it != end; ++it) {
        result += out.substr(last, it->position() - last);
        auto [n, inserted] = names.emplace(it->str(), fmt::format("_:b{}", names.size()));
        result += n->second;
        last = it->position() + it->length();
    }
    result += out.substr(last);
    while (!result.empty() && result.back() == '\n') result.pop_back();
    return result;
}

// The endpoints of a federated test, each a store of its own in this process, asked through
// the same interface SERVICE uses for HTTP: the request text is run as it would be remotely.
class LocalServices : public query::executor::ServiceClient {
public:
    LocalServices(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& data) {
        for (const auto& [endpoint, file] : data) {
            auto& store = stores_[endpoint];
            if (!store) store = storage::Store::open(fmt::format("{}/endpoint-{}", dir, stores_.size()));
            storage::LoadOptions lo;
            lo.baseIri = file;
            storage::BulkLoader loader(*store, lo);
            loader.addFile(*localPath(file), formatOf(file));
            loader.commit();
        }
    }
    query::executor::ServiceSolutions select(const std::string& endpoint, const std::string& text,
                                             std::chrono::milliseconds) override {
        auto it = stores_.find(endpoint);
        if (it == stores_.end()) throw query::executor::ServiceFailure("no such endpoint in this test");
        query::QueryOptions o;
        o.unionDefaultGraph = false;
        o.builtinPrefixes = false;
        o.services = std::shared_ptr<ServiceClient>(this, [](ServiceClient*) {}); // nested SERVICE: here too
        query::QueryEngine engine(*it->second, o);
        query::CollectingSink sink;
        try {
            engine.execute(engine.prepare(text), sink);
        } catch (const Error& e) {
            throw query::executor::ServiceFailure(e.what());
        }
        query::executor::ServiceSolutions out;
        for (auto v : sink.variables) out.vars.push_back(v.starts_with("?") ? v.substr(1) : v);
        out.rows = std::move(sink.rows);
        return out;
    }

private:
    std::map<std::string, std::unique_ptr<storage::Store>> stores_;
};

class Runner {
public:
    Runner() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "corridor-sparql-XXXXXX").string();
        dir_ = ::mkdtemp(tmpl.data());
        store_ = storage::Store::open(dir_ + "/db");
    }
    ~Runner() {
        store_.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

    query::QueryOptions options(const std::string& base) const {
        query::QueryOptions o;
        o.unionDefaultGraph = false;
        o.builtinPrefixes = false;
        o.baseIri = base;
        o.timeout = std::chrono::milliseconds(20000);
        return o;
    }

    // Empty on success, else the reason.
    std::string run(const TestCase& t) {
        bool negative = t.type.find("Negative") != std::string::npos;
        if (t.type.find("Syntax") != std::string::npos) {
            query::QueryEngine engine(*store_, options(t.action));
            try {
                engine.prepare(readText(*localPath(t.action)));
            } catch (const Error& e) {
                return negative ? "" : std::string("rejected: ") + e.what();
            }
            return negative ? "accepted a request that must be rejected" : "";
        }
        if (t.type == "UpdateEvaluationTest") return runUpdate(t);
        if (t.type != "QueryEvaluationTest" && t.type != "CSVResultFormatTest") return "unknown test type " + t.type;
        store_->clear();
        std::string text = readText(*localPath(t.query));
        query::QueryOptions queryOptions = options(t.query);
        std::string servicesDir = dir_ + "/services";
        std::filesystem::remove_all(servicesDir);
        std::filesystem::create_directories(servicesDir);
        queryOptions.services = std::make_shared<LocalServices>(servicesDir, t.serviceData);
        query::QueryEngine engine(*store_, queryOptions);
        query::PreparedQuery prepared = engine.prepare(text);
        for (const auto& d : t.data) {
            storage::LoadOptions lo;
            lo.baseIri = d; // relative IRIs in the data resolve against its published IRI
            storage::BulkLoader loader(*store_, lo);
            loader.addFile(*localPath(d), formatOf(d));
            loader.commit();
        }
        std::vector<std::string> named = t.graphData;
        if (t.data.empty() && t.graphData.empty()) named = datasetIris(prepared);
        for (const auto& g : named) {
            auto path = localPath(g);
            if (!path || !std::filesystem::exists(*path)) continue;
            storage::LoadOptions lo;
            lo.graph = g;
            lo.baseIri = g;
            storage::BulkLoader loader(*store_, lo);
            loader.addFile(*path, formatOf(g));
            loader.commit();
        }
        if (t.type == "CSVResultFormatTest") {
            std::ostringstream out;
            auto writer = query::results::makeWriter(query::results::Format::Csv, out);
            engine.execute(prepared, *writer);
            std::string expected = normaliseCsv(readText(*localPath(t.result)));
            std::string actual = normaliseCsv(out.str());
            return expected == actual ? "" : "CSV differs:\n--- expected\n" + expected + "\n--- got\n" + actual;
        }
        query::CollectingSink sink;
        engine.execute(prepared, sink);
        ResultSet actual = toResultSet(sink);
        ResultSet expected = readExpected(t.result);
        CompareOptions co;
        co.lax = t.lax;
        if (prepared.unit.query)
            for (const auto& o : prepared.unit.query->orderBy)
                if (o.expr->kind == query::ast::Expression::Kind::Variable) co.orderVariables.push_back(o.expr->var);
        std::string diff = compareResults(expected, actual, co);
        if (diff.empty()) return "";
        return diff + "\n--- expected\n" + describe(expected) + "--- got\n" + describe(actual);
    }

private:
    void load(const std::string& file, const std::optional<std::string>& graph) {
        storage::LoadOptions lo;
        lo.graph = graph;
        lo.baseIri = file; // relative IRIs in the data resolve against its published IRI
        storage::BulkLoader loader(*store_, lo);
        loader.addFile(*localPath(file), formatOf(file));
        loader.commit();
    }

    // The data before, the request through the real update path, then the whole
    // store against the expected dataset (graphs named by their labels). The
    // store keeps no empty graphs, so an expected empty graph matches its absence.
    std::string runUpdate(const TestCase& t) {
        store_->clear();
        for (const auto& d : t.data) load(d, std::nullopt);
        for (const auto& [file, name] : t.updateGraphs) load(file, name);
        query::QueryEngine engine(*store_, options(t.query));
        query::PreparedQuery prepared = engine.prepare(readText(*localPath(t.query)));
        query::executeUpdate(*store_, prepared, options(t.query));
        std::vector<storage::Quad> expected;
        auto add = [&](const std::string& file, const std::optional<std::string>& graph) {
            MemoryGraph g = MemoryGraph::parseFile(*localPath(file), formatOf(file), file);
            for (auto q : g.quads) {
                if (graph) q.graph = Term::iri(*graph);
                expected.push_back(std::move(q));
            }
        };
        for (const auto& d : t.resultData) add(d, std::nullopt);
        for (const auto& [file, name] : t.resultGraphs) add(file, name);
        std::vector<storage::Quad> actual;
        auto view = store_->read();
        storage::QuadScan scan = view->scan({});
        storage::QuadIds q;
        while (scan.next(q)) {
            storage::Quad quad{view->resolve(q.s()), view->resolve(q.p()), view->resolve(q.o()), std::nullopt};
            if (q.g() != storage::kDefaultGraph) quad.graph = view->resolve(q.g());
            actual.push_back(std::move(quad));
        }
        if (isomorphic(expected, actual)) return "";
        std::string out = "the store after the update differs\n--- expected\n";
        for (const auto& e : expected)
            out += fmt::format("{} {} {} {}\n", e.subject.toNTriples(), e.predicate.toNTriples(), e.object.toNTriples(),
                               e.graph ? e.graph->toNTriples() : "");
        out += "--- got\n";
        for (const auto& e : actual)
            out += fmt::format("{} {} {} {}\n", e.subject.toNTriples(), e.predicate.toNTriples(), e.object.toNTriples(),
                               e.graph ? e.graph->toNTriples() : "");
        return out;
    }

    std::string dir_;
    std::unique_ptr<storage::Store> store_;
};

std::set<std::string> readKnownFailures() {
    std::set<std::string> known;
    std::istringstream in(readText(std::string(CORRIDOR_SOURCE_DIR) + "/tests/conformance/sparql_known_failures.txt"));
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#') known.insert(line.substr(0, line.find(' ')));
    return known;
}

} // namespace

int main(int argc, char** argv) {
    bool verbose = false;
    std::string markdown, writeKnown, filter;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "-v")
            verbose = true;
        else if (a == "--markdown" && i + 1 < argc)
            markdown = argv[++i];
        else if (a == "--write-known-failures" && i + 1 < argc)
            writeKnown = argv[++i];
        else
            filter = a;
    }
    std::string root = conformanceRoot();
    if (!std::filesystem::exists(root + "/w3c/sparql")) {
        std::cout << "skipped: the W3C suites are not at " << root << " (set CORRIDOR_CONFORMANCE_DIR)\n";
        return kSkipExitCode;
    }
    std::vector<TestCase> tests;
    for (const char* m :
         {"sparql/sparql10/manifest.ttl", "sparql/sparql11/manifest-sparql11-query.ttl",
          "sparql/sparql11/manifest-sparql11-results.ttl", "sparql/sparql11/manifest-sparql11-update.ttl",
          "sparql/sparql11/syntax-fed/manifest.ttl", "sparql/sparql11/service/manifest.ttl"})
        collect(publishedIri(m), tests);
    auto skips = readSkips();
    auto known = readKnownFailures();
    std::map<std::string, Counts> byCategory;
    std::map<std::string, int> skippedByFeature;
    std::vector<std::string> failures, regressions, fixed;
    Runner runner;
    for (const auto& t : tests) {
        if (!filter.empty() && t.iri.find(filter) == std::string::npos) continue;
        Counts& c = byCategory[t.category];
        if (const Skip* s = skipFor(t, skips)) {
            ++c.skipped;
            ++skippedByFeature[s->feature];
            continue;
        }
        std::string why;
        try {
            why = runner.run(t);
        } catch (const std::exception& e) {
            why = std::string("error: ") + e.what();
        }
        if (why.empty()) {
            ++c.passed;
            if (known.count(t.iri)) fixed.push_back(t.iri);
            if (verbose) std::cout << "pass " << t.iri << "\n";
        } else {
            ++c.failed;
            failures.push_back(t.iri);
            if (!known.count(t.iri)) regressions.push_back(t.iri);
            if (verbose || !known.count(t.iri)) std::cout << "FAIL " << t.iri << " (" << t.name << "): " << why << "\n";
        }
    }
    Counts total;
    std::map<std::string, Counts> bySuite;
    for (const auto& [cat, c] : byCategory) {
        std::cout << fmt::format("{:<34} {} passed, {} failed, {} skipped\n", cat, c.passed, c.failed, c.skipped);
        Counts& s = bySuite[cat.substr(0, cat.find('/'))];
        for (Counts* x : {&s, &total}) {
            x->passed += c.passed;
            x->failed += c.failed;
            x->skipped += c.skipped;
        }
    }
    for (const auto& [suite, c] : bySuite)
        std::cout << fmt::format("{:<34} {} passed, {} failed, {} skipped ({:.1f}% of those run)\n", suite, c.passed,
                                 c.failed, c.skipped, 100.0 * c.passed / std::max(1, c.passed + c.failed));
    std::cout << fmt::format("{:<34} {} passed, {} failed, {} skipped\n", "total", total.passed, total.failed,
                             total.skipped);
    if (!writeKnown.empty()) {
        std::ofstream out(writeKnown);
        out << "# SPARQL conformance tests that fail today (regenerate with\n"
            << "# corridor_sparql_conformance --write-known-failures FILE). Reasons: docs/conformance.md.\n";
        for (const auto& f : failures) out << f << "\n";
    }
    if (!markdown.empty()) {
        std::ofstream out(markdown);
        out << "# Conformance\n\nGenerated by `build/tests/corridor_sparql_conformance --markdown docs/conformance.md`"
            << " and `build/tests/corridor_rdf_conformance` (W3C suites in `../shared/conformance`).\n\n"
            << "## RDF 1.1 syntaxes\n\nN-Triples 70/70, N-Quads 87/87, Turtle 313/313, TriG 356/356: 826 passed, "
            << "0 failed, 0 skipped.\n\n## SPARQL\n\n| category | passed | failed | skipped |\n|---|---:|---:|---:|\n";
        for (const auto& [cat, c] : byCategory)
            out << fmt::format("| {} | {} | {} | {} |\n", cat, c.passed, c.failed, c.skipped);
        for (const auto& [suite, c] : bySuite)
            out << fmt::format("| **{} total** | **{}** | **{}** | **{}** |\n", suite, c.passed, c.failed, c.skipped);
        out << fmt::format("| **all** | **{}** | **{}** | **{}** |\n\n", total.passed, total.failed, total.skipped);
        out << "## Skipped features\n\nOnly whole features are skipped; the list lives in "
               "`tests/conformance/skips.tsv`.\n\n| feature | tests | reason |\n|---|---:|---|\n";
        for (const auto& s : skips)
            if (skippedByFeature.count(s.feature))
                out << fmt::format("| {} | {} | {} |\n", s.feature, skippedByFeature[s.feature], s.reason);
        out << "\n## Failing tests\n\n";
        for (const auto& f : failures) out << "- `" << f << "`\n";
    }
    for (const auto& r : regressions) std::cout << "regression (not a known failure): " << r << "\n";
    for (const auto& f : fixed) std::cout << "now passes, remove from sparql_known_failures.txt: " << f << "\n";
    return regressions.empty() && fixed.empty() ? 0 : 1;
}
