// The W3C RDF 1.1 syntax suites (N-Triples, N-Quads, Turtle, TriG), each test
// run through the real path: load the file into a fresh store; for evaluation
// tests, export the store as N-Quads and compare with the expected file up to
// blank node renaming. Prints per-suite and total "N passed, N failed, N skipped".

#include "storage/error.h"
#include "storage/exporter.h"
#include "storage/load/bulk_loader.h"
#include "storage/store.h"
#include "tests/conformance/conformance_paths.h"
#include "tests/conformance/rdf_graph.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>

using namespace corridor;
using namespace corridor::conformance;
using storage::rdf_io::RdfFormat;

namespace {

constexpr const char* kRdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
constexpr const char* kMf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
constexpr const char* kRdft = "http://www.w3.org/ns/rdftest#";

struct Suite {
    const char* folder;
    RdfFormat format;
};

struct Counts {
    int passed = 0, failed = 0, skipped = 0;
};

class TempStore {
public:
    TempStore() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "corridor-rdf-XXXXXX").string();
        dir_ = ::mkdtemp(tmpl.data());
        store_ = storage::Store::open(dir_ + "/db");
    }
    ~TempStore() {
        store_.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    storage::Store& store() { return *store_; }

private:
    std::string dir_;
    std::unique_ptr<storage::Store> store_;
};

std::string exportNQuads(storage::Store& store) {
    char* buf = nullptr;
    std::size_t size = 0;
    std::FILE* f = ::open_memstream(&buf, &size);
    storage::ExportOptions options;
    options.format = RdfFormat::NQuads;
    storage::exportQuads(*store.read(), options, f);
    std::fclose(f);
    std::string out(buf, size);
    std::free(buf);
    return out;
}

// Returns an empty string on success, else why the test failed.
std::string runTest(TempStore& temp, const std::string& type, const std::string& actionIri,
                    const std::optional<std::string>& resultIri, RdfFormat format) {
    auto action = localPath(actionIri);
    if (!action) return "action outside the suite: " + actionIri;
    bool negative = type.find("Negative") != std::string::npos;
    bool eval = type.find("Eval") != std::string::npos;
    temp.store().clear(); // every test starts from an empty store
    storage::LoadOptions options;
    options.baseIri = actionIri;
    try {
        storage::BulkLoader loader(temp.store(), options);
        loader.addFile(*action, format);
        loader.commit();
    } catch (const DataError& e) {
        return negative ? "" : std::string("rejected: ") + e.what();
    }
    if (negative) return "accepted a file that must be rejected";
    if (!eval) return "";
    if (!resultIri) return "evaluation test without a result";
    auto result = localPath(*resultIri);
    RdfFormat expectedFormat =
        format == RdfFormat::TriG || format == RdfFormat::NQuads ? RdfFormat::NQuads : RdfFormat::NTriples;
    MemoryGraph expected = MemoryGraph::parseFile(*result, expectedFormat, *resultIri);
    std::string exported = exportNQuads(temp.store());
    MemoryGraph actual = MemoryGraph::parseText(exported, RdfFormat::NQuads, "");
    if (!isomorphic(actual.quads, expected.quads))
        return fmt::format("result differs from {}:\n--- got\n{}", *resultIri, exported);
    return "";
}

Counts runSuite(const Suite& suite, bool verbose) {
    Counts counts;
    std::string rel = std::string("rdf/rdf11/") + suite.folder + "/manifest.ttl";
    std::string manifestIri = publishedIri(rel);
    MemoryGraph manifest = MemoryGraph::parseFile(*localPath(manifestIri), RdfFormat::Turtle, manifestIri);
    Term manifestNode = Term::iri(manifestIri);
    TempStore temp;
    auto entries = manifest.object(manifestNode, std::string(kMf) + "entries");
    if (!entries) throw std::runtime_error("manifest without mf:entries: " + rel);
    for (const Term& test : manifest.list(*entries)) {
        auto type = manifest.object(test, kRdfType);
        auto action = manifest.object(test, std::string(kMf) + "action");
        auto result = manifest.object(test, std::string(kMf) + "result");
        auto name = manifest.object(test, std::string(kMf) + "name");
        std::string label = name ? name->value : test.value;
        if (!type || !action || type->value.rfind(kRdft, 0) != 0) {
            ++counts.failed;
            std::cout << "FAIL " << suite.folder << " " << label << ": malformed test entry\n";
            continue;
        }
        std::string why;
        try {
            why = runTest(temp, type->value, action->value,
                          result ? std::optional<std::string>(result->value) : std::nullopt, suite.format);
        } catch (const std::exception& e) {
            why = std::string("error: ") + e.what();
        }
        if (why.empty()) {
            ++counts.passed;
            if (verbose) std::cout << "pass " << suite.folder << " " << label << "\n";
        } else {
            ++counts.failed;
            std::cout << "FAIL " << suite.folder << " " << label << ": " << why << "\n";
        }
    }
    return counts;
}

} // namespace

int main(int argc, char** argv) {
    bool verbose = argc > 1 && std::string(argv[1]) == "-v";
    std::string root = conformanceRoot();
    if (!std::filesystem::exists(root + "/w3c/rdf/rdf11")) {
        std::cout << "skipped: the W3C suites are not at " << root << " (set CORRIDOR_CONFORMANCE_DIR)\n";
        return kSkipExitCode;
    }
    const Suite suites[] = {{"rdf-n-triples", RdfFormat::NTriples},
                            {"rdf-n-quads", RdfFormat::NQuads},
                            {"rdf-turtle", RdfFormat::Turtle},
                            {"rdf-trig", RdfFormat::TriG}};
    Counts total;
    std::vector<std::pair<std::string, Counts>> rows;
    for (const auto& suite : suites) {
        Counts c = runSuite(suite, verbose);
        rows.emplace_back(suite.folder, c);
        total.passed += c.passed;
        total.failed += c.failed;
        total.skipped += c.skipped;
    }
    for (const auto& [name, c] : rows)
        std::cout << fmt::format("{:<14} {} passed, {} failed, {} skipped\n", name, c.passed, c.failed, c.skipped);
    std::cout << fmt::format("{:<14} {} passed, {} failed, {} skipped\n", "total", total.passed, total.failed,
                             total.skipped);
    return total.failed == 0 ? 0 : 1;
}
