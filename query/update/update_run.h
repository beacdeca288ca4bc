#pragma once
// Internal to query/update/: one update request being executed in a write
// transaction. Data and template operations are in update_execute.cpp, graph
// management (LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY) in update_graphs.cpp.

#include "query/update/update.h"
#include "storage/quad_scan.h"
#include "storage/write_txn.h"

#include <string>

namespace corridor::query::update {

using storage::TermId;

class UpdateRun {
public:
    UpdateRun(storage::WriteTxn& txn, const PreparedQuery& prepared, const QueryOptions& options,
              UpdateSummary& summary);

    void operation(std::size_t index);

private:
    // update_execute.cpp
    void insertData(const ast::UpdateOperation& op, std::size_t index);
    void deleteData(const ast::UpdateOperation& op);
    void modify(const ast::UpdateOperation& op, const algebra::Query& where, std::size_t index);
    // Deletes a triple from every graph that holds it (DELETE without GRAPH
    // when the default graph is the union of all graphs).
    void removeEverywhere(const storage::QuadIds& triple);

    // update_graphs.cpp
    void load(const ast::UpdateOperation& op);
    void clear(const ast::UpdateOperation& op, bool drop);
    void create(const ast::UpdateOperation& op);
    void transfer(const ast::UpdateOperation& op); // ADD, MOVE, COPY

    // Graph ids of a target as the current step sees the store: one graph,
    // the default graph, every named graph, or all of them.
    std::vector<TermId> graphsOf(const ast::GraphTarget& target);
    // The graph's id if it holds any quad at the start of this step.
    std::optional<TermId> nonEmptyGraph(const Term& iri);
    // Stages the deletion of every quad of a graph; returns how many.
    std::uint64_t removeGraph(TermId graph);
    std::string graphName(const ast::GraphTarget& target) const;
    void warn(std::string message) { summary_.warnings.push_back(std::move(message)); }
    [[noreturn]] void fail(const std::string& message, const ast::UpdateOperation& op) const;

    storage::WriteTxn& txn_;
    const PreparedQuery& prepared_;
    const QueryOptions& options_;
    UpdateSummary& summary_;
    std::string blankPrefix_; // fresh blank nodes of this request
    // removeEverywhere's scan, reused while the step's view lasts.
    std::optional<storage::QuadScan> everywhere_;
    std::shared_ptr<const storage::ReadView> everywhereView_;
};

} // namespace corridor::query::update
