#include "query/executor/graph_op.h"

namespace corridor::query::executor {

std::vector<TermId> namedGraphs(ExecContext& ctx) {
    std::vector<TermId> graphs;
    const DatasetIds& ds = ctx.dataset;
    if (ds.namedRestricted) {
        graphs.assign(ds.namedGraphs.begin(), ds.namedGraphs.end());
    } else {
        for (TermId g : ctx.view().graphs())
            if (g != storage::kDefaultGraph) graphs.push_back(g);
    }
    return graphs;
}

void GraphOp::open(const TermId* seed) {
    ++opens;
    seed_ = seedRow(seed, ctx_.width());
    graphs_.clear();
    auto all = namedGraphs(ctx_);
    if (seed_[graphSlot_] != kUnbound) {
        if (std::find(all.begin(), all.end(), seed_[graphSlot_]) != all.end()) graphs_.push_back(seed_[graphSlot_]);
    } else {
        graphs_ = std::move(all);
    }
    graphPos_ = 0;
    innerOpen_ = false;
}

bool GraphOp::startNextGraph() {
    if (graphPos_ >= graphs_.size()) return false;
    std::vector<TermId> seed = seed_;
    seed[contextSlot_] = graphs_[graphPos_];
    inner_->open(seed.data());
    innerOpen_ = true;
    return true;
}

bool GraphOp::next(Batch& out) {
    std::size_t before = out.size();
    while (!out.full()) {
        if (!innerOpen_ && !startNextGraph()) break;
        buffer_.clear();
        if (!inner_->next(buffer_)) {
            innerOpen_ = false;
            ++graphPos_;
            continue;
        }
        TermId g = graphs_[graphPos_];
        for (std::size_t i = 0; i < buffer_.size(); ++i) {
            TermId* row = buffer_.row(i);
            if (row[graphSlot_] != kUnbound && row[graphSlot_] != g) continue;
            row[graphSlot_] = g;
            row[contextSlot_] = kUnbound;
            out.push(row);
        }
    }
    rowsProduced += out.size() - before;
    return out.size() > before;
}

} // namespace corridor::query::executor
