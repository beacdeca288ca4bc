#pragma once
// SPARQL 1.1 Update, executed. All operations of one request run in one write
// transaction (storage/write_txn.h): they land together, durably, or not at
// all. Each operation is a step of the transaction, so it sees what the ones
// before it changed, and its WHERE part is evaluated before its own changes.
//
// Graphs: the WHERE part reads the query dataset (the union of all graphs
// unless --strict, WITH, or USING say otherwise); a template triple with no
// GRAPH goes to WITH's graph, else to the store's own default graph. The store
// does not record empty graphs: a graph exists while it holds quads, so
// CREATE of a new graph, and CLEAR / DROP / ADD / MOVE / COPY of a graph that
// holds nothing, succeed with a warning instead of failing (docs/decisions.md).

#include "query/algebra/algebra.h"
#include "query/engine.h"
#include "storage/store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace corridor::query {

struct UpdateOptions {
    bool dryRun = false; // compute and report the changes, write nothing
    std::size_t memoryBudget = std::size_t{512} << 20;
};

struct UpdateSummary {
    std::uint64_t inserted = 0; // quads not in the store before
    std::uint64_t deleted = 0;  // quads in the store before
    std::size_t operations = 0;
    bool written = false;
    std::vector<std::string> warnings;
};

// The WHERE part of each operation, translated (absent for operations without one).
std::vector<std::optional<algebra::Query>> translateUpdate(const ast::Update& update, const std::string& text,
                                                           const std::string& baseIri);

// Runs a prepared update request against the store (opened for writing).
UpdateSummary executeUpdate(storage::Store& store, const PreparedQuery& prepared, const QueryOptions& options,
                            const UpdateOptions& updateOptions = {});

} // namespace corridor::query
