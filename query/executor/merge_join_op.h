#pragma once
// Merge join of two inputs that both arrive sorted (ascending ids) on one
// variable: the star patterns of a basic graph pattern ("?x a :T . ?x :p <c>")
// read two index ranges side by side instead of seeking once per row.

#include "query/executor/operator.h"
#include "query/executor/row_cursor.h"

namespace corridor::query::executor {

class MergeJoinOp : public Operator {
public:
    MergeJoinOp(ExecContext& ctx, OperatorPtr left, OperatorPtr right, int slot);
    void open(const TermId* seed) override;
    bool next(Batch& out) override;
    std::string describe() const override;
    std::vector<const Operator*> inputs() const override { return {left_.get(), right_.get()}; }

private:
    OperatorPtr left_, right_;
    int slot_;
    RowCursor l_, r_;
    std::vector<TermId> group_; // right rows sharing the current key
    TermId groupKey_ = kUnbound;
    std::size_t groupPos_ = 0; // next right row of the group for the current left row
    const TermId* leftRow_ = nullptr;
    std::vector<TermId> merged_;
};

} // namespace corridor::query::executor
