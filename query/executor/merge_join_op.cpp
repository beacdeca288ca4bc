#include "query/executor/merge_join_op.h"

#include "query/executor/join_ops.h"

#include <fmt/format.h>

namespace corridor::query::executor {

MergeJoinOp::MergeJoinOp(ExecContext& ctx, OperatorPtr left, OperatorPtr right, int slot)
    : Operator(ctx), left_(std::move(left)), right_(std::move(right)), slot_(slot), l_(ctx, *left_), r_(ctx, *right_),
      merged_(ctx.width()) {}

void MergeJoinOp::open(const TermId* seed) {
    ++opens;
    left_->open(seed);
    right_->open(seed);
    l_.reset();
    r_.reset();
    group_.clear();
    groupKey_ = kUnbound;
    groupPos_ = 0;
    leftRow_ = nullptr;
}

bool MergeJoinOp::next(Batch& out) {
    std::size_t before = out.size();
    std::size_t width = ctx_.width();
    while (!out.full()) {
        if (leftRow_) {
            // Pair the current left row with the rest of the group.
            std::size_t groupRows = group_.size() / width;
            if (groupPos_ < groupRows) {
                const TermId* r = group_.data() + groupPos_++ * width;
                if (compatible(leftRow_, r, width)) {
                    mergeInto(merged_.data(), leftRow_, r, width);
                    out.push(merged_.data());
                }
                continue;
            }
            l_.advance();
            leftRow_ = nullptr;
        }
        const TermId* l = l_.current();
        if (!l) break;
        TermId key = l[slot_];
        if (key == groupKey_ && !group_.empty()) {
            leftRow_ = l;
            groupPos_ = 0;
            continue;
        }
        // Advance the right side to the left key and collect its group.
        const TermId* r = r_.current();
        while (r && r[slot_] < key) {
            r_.advance();
            r = r_.current();
        }
        if (!r) break; // the right side is exhausted: nothing more can match
        if (r[slot_] > key) {
            l_.advance();
            continue;
        }
        group_.clear();
        groupKey_ = key;
        while (r && r[slot_] == key) {
            group_.insert(group_.end(), r, r + width);
            r_.advance();
            r = r_.current();
        }
        leftRow_ = l;
        groupPos_ = 0;
        ctx_.checkCancelled();
    }
    rowsProduced += out.size() - before;
    return out.size() > before;
}

std::string MergeJoinOp::describe() const {
    return "merge join" + (label.empty() ? "" : " on " + label);
}

} // namespace corridor::query::executor
