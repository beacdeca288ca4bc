#pragma once
// Row-at-a-time reading of an operator's batches (the left side of a join, or
// both sides of a merge join). A row pointer stays valid until the next call
// of current() after advance() has moved past the batch.

#include "query/executor/operator.h"

namespace corridor::query::executor {

class RowCursor {
public:
    RowCursor(ExecContext& ctx, Operator& op) : ctx_(ctx), op_(op), batch_(ctx.width()) {}

    // Forget what was read (after the operator was opened again).
    void reset() {
        batch_.clear();
        pos_ = 0;
        done_ = false;
    }
    // The current row, reading the next batch when needed; nullptr at the end.
    const TermId* current() {
        while (pos_ >= batch_.size()) {
            if (done_) return nullptr;
            batch_.clear();
            pos_ = 0;
            if (!op_.next(batch_)) {
                done_ = true;
                return nullptr;
            }
            ctx_.checkCancelled();
        }
        return batch_.row(pos_);
    }
    void advance() { ++pos_; }

private:
    ExecContext& ctx_;
    Operator& op_;
    Batch batch_;
    std::size_t pos_ = 0;
    bool done_ = false;
};

} // namespace corridor::query::executor
