#include "query/execution.h"

#include "query/federation/http_service_client.h"

namespace corridor::query {

using executor::DatasetIds;
using executor::ExecContext;

DatasetIds resolveDataset(const algebra::Dataset& dataset, const storage::ReadView& view, bool unionDefault) {
    DatasetIds ids;
    if (!dataset.specified) {
        ids.defaultMode = unionDefault ? DatasetIds::DefaultMode::Union : DatasetIds::DefaultMode::StoreDefault;
        return ids;
    }
    ids.defaultMode = DatasetIds::DefaultMode::Graphs;
    for (const auto& g : dataset.from)
        if (auto id = view.lookup(g)) ids.defaultGraphs.push_back(*id);
    ids.namedRestricted = true;
    for (const auto& g : dataset.fromNamed)
        if (auto id = view.lookup(g)) ids.namedGraphs.insert(*id);
    return ids;
}

Execution startExecution(std::shared_ptr<const storage::ReadView> view, const QueryOptions& options,
                         const algebra::Query& query, const std::optional<DatasetIds>& dataset, bool labelled) {
    Execution ex;
    ex.view = std::move(view);
    ex.slots = planner::SlotMap::forQuery(query);
    ex.ctx = std::make_unique<ExecContext>(ex.view, ex.slots.width());
    ex.ctx->dataset = dataset ? *dataset : resolveDataset(query.dataset, *ex.view, options.unionDefaultGraph);
    ex.ctx->functions().baseIri = query.baseIri;
    if (options.timeout) {
        ex.ctx->setDeadline(options.timeoutFrom.value_or(std::chrono::steady_clock::now()), *options.timeout);
    }
    ex.ctx->cancel.interrupt = options.interrupt;
    ex.ctx->cancel.memoryBudget = options.memoryLimit;
    static federation::HttpServiceClient http; // holds no state: one for every execution
    ex.ctx->services = options.services ? options.services.get() : &http;
    ex.stats = ex.view->statistics();
    planner::Planner planner(*ex.ctx, ex.slots, ex.stats, query.text);
    planner.labelOperators(labelled);
    ex.root = planner.build(*query.root, planner.defaultGraph());
    return ex;
}

} // namespace corridor::query
