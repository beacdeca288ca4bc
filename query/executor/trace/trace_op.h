#pragma once
// The TRACE operator: resolves the two ends (a node, a label, or the nodes an
// end's pattern matches, or open), runs the search and returns one row per
// path, binding the path variable and the end variables.

#include "query/algebra/trace_spec.h"
#include "query/executor/operator.h"
#include "query/executor/trace/trace_search.h"
#include "query/executor/trace/trace_shared.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace corridor::query::executor::trace {

struct TraceEndPlan {
    const algebra::TraceEnd* end = nullptr;
    int slot = -1;        // the end's variable outside the trace, -1 for a node or label
    OperatorPtr pattern;  // the end's pattern, if any
    int patternSlot = -1; // the end's variable inside the pattern
};

class TraceOp : public Operator {
public:
    TraceOp(ExecContext& ctx, std::shared_ptr<const algebra::TraceSpec> trace, std::shared_ptr<TraceShared> shared,
            SearchSpec spec, int pathSlot, TraceEndPlan from, TraceEndPlan to, const std::string& text);
    ~TraceOp() override; // many found paths are freed by a thread of their own (storage/free_later.h)
    void open(const TermId* seed) override;
    bool next(Batch& out) override;
    std::string describe() const override;
    std::vector<const Operator*> inputs() const override;
    // Inside GRAPH ?g: each opening searches the graph in `slot` of its seed.
    void searchEachGraph(int slot) { contextSlot_ = slot; }

private:
    // The nodes an end stands for; nullopt for an open end.
    std::optional<std::vector<TermId>> endNodes(TraceEndPlan& plan, const TermId* seed);
    TermId resolveLabel(const algebra::TraceEnd& end);

    std::shared_ptr<const algebra::TraceSpec> trace_;
    std::shared_ptr<TraceShared> shared_;
    SearchSpec spec_;
    int pathSlot_;
    int contextSlot_ = -1;
    TraceEndPlan from_, to_;
    const std::string& text_;
    // Resolved once per execution: label ends, end patterns.
    std::optional<std::vector<TermId>> fromCache_, toCache_;
    bool fromResolved_ = false, toResolved_ = false;

    std::vector<TermId> seed_;
    std::vector<FoundPath> paths_;
    std::size_t position_ = 0;

    // For --explain.
    std::string algorithm_;
    std::uint64_t states_ = 0, searches_ = 0;
    bool statesCut_ = false, pathsCut_ = false;
};

} // namespace corridor::query::executor::trace
