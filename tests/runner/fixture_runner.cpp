// End-to-end fixtures: tests/queries/<area>/<name>.test, one ctest each.
//
//   # description: what the file checks
//   data ../../data/social.trig        (relative to the .test file; repeatable)
//   option strict                      (strict SPARQL dataset: default graph = store default graph)
//
//   query                              (or "query ordered": the row order matters)
//   SELECT ...
//   ----
//   ?x<TAB>?y                          (SPARQL TSV: header, then one row per line;
//   <http://ex/a><TAB>"1"^^<...>        ASK gives true/false, CONSTRUCT N-Triples lines)
//
//   query-file ../../../examples/queries/x.rq   (or "query-file ordered PATH": the query
//   ----                                       text comes from a file, relative to the .test)
//   ...
//
//   A TRACE path value shows as "[path] " and its text.
//   Warnings about the answer (a TRACE cut short) follow the rows as
//   "warning: ..." lines.
//
//   error
//   SELECT ...
//   ----
//   syntax error at line 1, column 26: ...   (the first line of the message)
//
//   update                             (a SPARQL Update request, run for real:
//   INSERT DATA { ... }                 later blocks see its changes)
//   ----
//   inserted 1, deleted 0              (then "warning: ..." lines)
//
// An update that must fail is an "error" block too (and changes nothing).
// A solution whose values are all unbound shows as "(no values)".
// Blocks are separated by blank lines. Results compare as multisets unless
// "ordered". A file without blocks is an error. On a mismatch the runner
// prints both sides.

#include "cases/case_import.h"
#include "cases/link_candidates.h"
#include "cases/link_store.h"
#include "query/engine.h"
#include "query/results/writers.h"
#include "query/update/update.h"
#include "query/values/trace_path.h"
#include "storage/error.h"
#include "storage/load/bulk_loader.h"
#include "storage/store.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <sstream>

using namespace corridor;
namespace fs = std::filesystem;

namespace {

struct Block {
    enum class Kind { Query, Error, Update } kind = Kind::Query;
    bool ordered = false;
    std::string query;
    std::vector<std::string> expected;
    std::size_t line = 0;
};

struct CaseImport {
    std::string graph, nodes, edges;
};

struct Fixture {
    double linkAccept = -1; // link-accept-all MIN-SCORE: accept the candidate links, after the imports
    std::vector<std::string> data;
    std::vector<CaseImport> cases; // import-case GRAPH NODES EDGES, after the data files
    bool strict = false;
    std::vector<Block> blocks;
};

std::string trimRight(std::string s) {
    while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
    return s;
}

Fixture parse(const fs::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    Fixture f;
    std::string line;
    std::size_t lineNo = 0;
    enum { Top, Query, Expected } state = Top;
    Block block;
    auto finish = [&] {
        if (state == Expected || state == Query) f.blocks.push_back(block);
        block = Block{};
        state = Top;
    };
    while (std::getline(in, line)) {
        ++lineNo;
        line = trimRight(line);
        if (state == Top) {
            if (line.empty() || line[0] == '#') continue;
            if (line.rfind("data ", 0) == 0) {
                f.data.push_back((path.parent_path() / line.substr(5)).string());
            } else if (line.rfind("link-accept-all ", 0) == 0) {
                f.linkAccept = std::stod(line.substr(16));
            } else if (line.rfind("import-case ", 0) == 0) {
                std::istringstream words(line.substr(12));
                CaseImport c;
                if (!(words >> c.graph >> c.nodes >> c.edges))
                    throw std::runtime_error(
                        fmt::format("{}:{}: expected import-case GRAPH NODES EDGES", path.string(), lineNo));
                c.nodes = (path.parent_path() / c.nodes).string();
                c.edges = (path.parent_path() / c.edges).string();
                f.cases.push_back(std::move(c));
            } else if (line == "option strict") {
                f.strict = true;
            } else if (line.rfind("query-file ", 0) == 0) {
                std::string rest = line.substr(11);
                block.kind = Block::Kind::Query;
                block.ordered = rest.rfind("ordered ", 0) == 0;
                if (block.ordered) rest = rest.substr(8);
                std::ifstream q(path.parent_path() / rest);
                if (!q) throw std::runtime_error(fmt::format("{}:{}: cannot read {}", path.string(), lineNo, rest));
                std::stringstream text;
                text << q.rdbuf();
                block.query = text.str();
                block.line = lineNo;
                state = Query;
            } else if (line == "query" || line == "query ordered" || line == "error" || line == "update") {
                block.kind = line == "error"    ? Block::Kind::Error
                             : line == "update" ? Block::Kind::Update
                                                : Block::Kind::Query;
                block.ordered = line == "query ordered";
                block.line = lineNo;
                state = Query;
            } else {
                throw std::runtime_error(fmt::format("{}:{}: unknown directive '{}'", path.string(), lineNo, line));
            }
        } else if (state == Query) {
            if (line == "----")
                state = Expected;
            else
                block.query += line + "\n";
        } else {
            if (line.empty())
                finish();
            else
                block.expected.push_back(line);
        }
    }
    finish();
    if (f.blocks.empty()) throw std::runtime_error(path.string() + ": no query, update or error block");
    return f;
}

// Runs an update request; its summary and warnings as lines.
std::vector<std::string> runUpdate(storage::Store& store, const query::QueryEngine& engine, const std::string& text) {
    auto prepared = engine.prepare(text);
    query::UpdateSummary summary = query::executeUpdate(store, prepared, engine.options());
    std::vector<std::string> out{fmt::format("inserted {}, deleted {}", summary.inserted, summary.deleted)};
    for (const auto& w : summary.warnings) out.push_back("warning: " + w);
    return out;
}

// Runs a query (or an update) and renders its results as lines: TSV header +
// rows, a boolean, or N-Triples.
std::vector<std::string> run(storage::Store& store, const query::QueryEngine& engine, const std::string& text) {
    auto prepared = engine.prepare(text);
    if (prepared.isUpdate()) return runUpdate(store, engine, text);
    query::CollectingSink sink;
    engine.execute(prepared, sink);
    std::vector<std::string> out;
    if (sink.kind == query::CollectingSink::Kind::Boolean) {
        out.push_back(sink.value ? "true" : "false");
    } else if (sink.kind == query::CollectingSink::Kind::Graph) {
        query::results::BlankNamer blanks;
        for (const auto& t : sink.triples)
            out.push_back(fmt::format("{} {} {} .", query::results::tsvTerm(t[0], blanks),
                                      query::results::tsvTerm(t[1], blanks), query::results::tsvTerm(t[2], blanks)));
    } else {
        std::string header;
        for (std::size_t i = 0; i < sink.variables.size(); ++i) header += (i ? "\t?" : "?") + sink.variables[i];
        out.push_back(header);
        query::results::BlankNamer blanks;
        for (const auto& row : sink.rows) {
            std::string line;
            for (std::size_t i = 0; i < row.size(); ++i) {
                if (i) line += '\t';
                if (!row[i]) continue;
                // A TRACE path shows as its text; its JSON is checked by tests/e2e/trace_outputs.sh.
                if (auto path = query::values::pathOf(*row[i]))
                    line += "[path] " + path->text;
                else
                    line += query::results::tsvTerm(*row[i], blanks);
            }
            bool anyBound = std::any_of(row.begin(), row.end(), [](const auto& v) { return v.has_value(); });
            out.push_back(anyBound ? trimRight(line) : "(no values)");
        }
    }
    for (const auto& w : sink.warnings) out.push_back("warning: " + w);
    return out;
}

bool same(std::vector<std::string> expected, std::vector<std::string> actual, bool ordered) {
    if (expected.empty() || actual.empty()) return expected == actual;
    if (!ordered) {
        // Keep the header (or boolean) first; sort the rest.
        std::sort(expected.begin() + 1, expected.end());
        std::sort(actual.begin() + 1, actual.end());
        if (!actual.empty() && actual[0].find(' ') != std::string::npos) { // graphs: no header
            std::sort(expected.begin(), expected.end());
            std::sort(actual.begin(), actual.end());
        }
    }
    return expected == actual;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: corridor_fixture_runner FILE.test\n";
        return 2;
    }
    fs::path path = argv[1];
    try {
        Fixture f = parse(path);
        std::string tmpl = (fs::temp_directory_path() / "corridor-fixture-XXXXXX").string();
        std::string dir = ::mkdtemp(tmpl.data());
        int failures = 0;
        {
            auto store = storage::Store::open(dir + "/db");
            if (!f.data.empty()) {
                storage::BulkLoader loader(*store, {});
                for (const auto& d : f.data) loader.addFile(d);
                loader.commit();
            }
            for (const auto& c : f.cases) {
                storage::WriteTxn txn(*store);
                cases::ImportOptions importOptions;
                importOptions.graph = c.graph;
                cases::importCase(txn, c.nodes, c.edges, importOptions);
                txn.commit();
            }
            if (f.linkAccept >= 0) {
                storage::WriteTxn txn(*store);
                cases::LinkOptions linkOptions;
                linkOptions.minScore = f.linkAccept;
                std::vector<cases::AcceptedLink> links;
                for (const auto& c : cases::findLinkCandidates(*txn.read(), linkOptions))
                    links.push_back({c.a, c.b, c.sameAs, c.score, {}});
                cases::stageLinks(txn, links,
                                  {std::string(cases::kDefaultLinksGraph), "fixture", "2026-01-01T00:00:00Z"});
                txn.commit();
            }
            query::QueryOptions options;
            options.unionDefaultGraph = !f.strict;
            options.timeout = std::chrono::milliseconds(30000);
            query::QueryEngine engine(*store, options);
            for (const auto& b : f.blocks) {
                std::vector<std::string> actual;
                if (b.kind == Block::Kind::Error) {
                    try {
                        run(*store, engine, b.query);
                        actual.push_back("(no error)");
                    } catch (const Error& e) {
                        std::string msg = e.what();
                        actual.push_back(msg.substr(0, msg.find('\n')));
                    }
                } else {
                    try {
                        actual = b.kind == Block::Kind::Update ? runUpdate(*store, engine, b.query)
                                                               : run(*store, engine, b.query);
                    } catch (const Error& e) {
                        actual = {std::string("(error) ") + e.what()};
                    }
                }
                if (!same(b.expected, actual, b.ordered)) {
                    ++failures;
                    std::cout << fmt::format("{}:{}: FAILED\n{}--- expected\n", path.string(), b.line, b.query);
                    for (const auto& l : b.expected) std::cout << l << "\n";
                    std::cout << "--- got\n";
                    for (const auto& l : actual) std::cout << l << "\n";
                }
            }
        }
        fs::remove_all(dir);
        std::cout << fmt::format("{}: {} block(s), {} failed\n", path.filename().string(), f.blocks.size(), failures);
        return failures == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::cout << path.string() << ": " << e.what() << "\n";
        return 1;
    }
}
