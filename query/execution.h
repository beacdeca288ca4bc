#pragma once
// One execution of a translated query over a read view: the slots, the
// execution context and the planned operator tree, built in that order.
// Shared by queries (engine.cpp) and by the WHERE parts of updates.

#include "query/algebra/algebra.h"
#include "query/engine.h"
#include "query/executor/exec_context.h"
#include "query/executor/operator.h"
#include "query/planner/planner.h"

#include <memory>
#include <optional>

namespace corridor::query {

struct Execution {
    std::shared_ptr<const storage::ReadView> view;
    planner::SlotMap slots;
    std::unique_ptr<executor::ExecContext> ctx;
    storage::Statistics stats;
    executor::OperatorPtr root; // not yet open
};

// The dataset of a query as graph ids: FROM / FROM NAMED, else the union of
// all graphs or (strict) the store's default graph.
executor::DatasetIds resolveDataset(const algebra::Dataset& dataset, const storage::ReadView& view, bool unionDefault);

// Plans `query` over `view`; `dataset` replaces the query's own when given. `labelled`: the
// operators carry what --explain prints of them.
Execution startExecution(std::shared_ptr<const storage::ReadView> view, const QueryOptions& options,
                         const algebra::Query& query, const std::optional<executor::DatasetIds>& dataset = std::nullopt,
                         bool labelled = false);

} // namespace corridor::query
