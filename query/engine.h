#pragma once
// QueryEngine: what the CLI uses to query (updates: query/update/update.h).
// prepare() parses and translates (syntax and scope errors come out here);
// execute() plans against a read snapshot and streams results into a ResultSink.

#include "query/algebra/algebra.h"
#include "query/ast/ast.h"
#include "query/results/result_sink.h"
#include "storage/store.h"

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace corridor::query {

namespace executor {
class ServiceClient;
}

struct QueryOptions {
    // The default graph is the union of all graphs (Virtuoso / GraphDB style);
    // false: the store's own default graph only (strict SPARQL). FROM overrides both.
    bool unionDefaultGraph = true;
    // rdf, rdfs, xsd, owl, prov, skos, schema, dcterms, wd, wdt and the Corridor
    // vocabulary without PREFIX lines.
    bool builtinPrefixes = true;
    std::vector<std::pair<std::string, std::string>> prefixes; // e.g. a shell session's
    std::string baseIri;
    std::optional<std::chrono::milliseconds> timeout;
    // The moment the timeout counts from (default: when the query starts to run).
    std::optional<std::chrono::steady_clock::time_point> timeoutFrom;
    const std::atomic<bool>* interrupt = nullptr; // set by a Ctrl-C handler
    // What a query's operators may hold at once before it stops with a clear
    // error (0: no limit). Default: half the machine's memory, at most 4 GiB.
    std::size_t memoryLimit = defaultMemoryLimit();
    static std::size_t defaultMemoryLimit();
    // How SERVICE reaches other endpoints; null: over HTTP (query/federation).
    std::shared_ptr<executor::ServiceClient> services;
};

struct PreparedQuery {
    ast::Unit unit;
    std::optional<algebra::Query> query; // absent for updates
    // Updates: each operation's WHERE part, translated (absent for operations without one).
    std::vector<std::optional<algebra::Query>> updateWheres;
    bool isUpdate() const { return unit.update != nullptr; }
};

class QueryEngine {
public:
    explicit QueryEngine(const storage::Store& store, QueryOptions options = {});

    // Queries (not updates) come from a process-wide cache when the same text was
    // prepared with the same base IRI and prefixes before (query/prepare_cache.h).
    PreparedQuery prepare(std::string_view text) const;
    void execute(const PreparedQuery& query, ResultSink& sink) const;
    // The plan with estimated rows; with `analyze`, runs the query and adds actual rows.
    std::string explain(const PreparedQuery& query, bool analyze) const;

    const QueryOptions& options() const { return options_; }

private:
    PreparedQuery prepareUncached(std::string_view text) const;

    const storage::Store& store_;
    QueryOptions options_;
};

} // namespace corridor::query
