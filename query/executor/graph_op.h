#pragma once
// GRAPH ?g { P } for any P other than a plain basic graph pattern: P is
// evaluated once per named graph, with the graph as the active graph (held in
// a context slot, which ?g itself is not), and ?g is bound afterwards. So a
// FILTER inside P does not see ?g, and MINUS inside P does not count it as a
// shared variable, as section 18.6 defines GRAPH.

#include "query/executor/operator.h"

namespace corridor::query::executor {

class GraphOp : public Operator {
public:
    GraphOp(ExecContext& ctx, OperatorPtr inner, int graphSlot, int contextSlot)
        : Operator(ctx), inner_(std::move(inner)), graphSlot_(graphSlot), contextSlot_(contextSlot),
          buffer_(ctx.width()) {}
    void open(const TermId* seed) override;
    bool next(Batch& out) override;
    std::string describe() const override { return "for each named graph"; }
    std::vector<const Operator*> inputs() const override { return {inner_.get()}; }

private:
    bool startNextGraph();

    OperatorPtr inner_;
    int graphSlot_, contextSlot_;
    std::vector<TermId> seed_;
    std::vector<TermId> graphs_;
    std::size_t graphPos_ = 0;
    bool innerOpen_ = false;
    Batch buffer_;
};

// The named graphs of the dataset.
std::vector<TermId> namedGraphs(ExecContext& ctx);

} // namespace corridor::query::executor
