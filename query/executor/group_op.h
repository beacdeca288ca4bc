#pragma once
// GROUP BY with aggregates (section 18.5): COUNT, SUM, AVG, MIN, MAX, SAMPLE,
// GROUP_CONCAT, each optionally DISTINCT.

#include "query/executor/expression.h"
#include "query/executor/row_ops.h"

namespace corridor::query::executor {

struct CompiledAggregate {
    std::string function;
    bool distinct = false;
    bool star = false;
    std::string separator = " ";
    std::optional<CompiledExpr> arg;
    int slot = -1; // where the result goes
};

class GroupOp : public UnaryOp {
public:
    GroupOp(ExecContext& ctx, OperatorPtr input, std::vector<CompiledExpr> keys, std::vector<int> keySlots,
            std::vector<CompiledAggregate> aggregates)
        : UnaryOp(ctx, std::move(input)), keys_(std::move(keys)), keySlots_(std::move(keySlots)),
          aggregates_(std::move(aggregates)) {}
    void open(const TermId* seed) override;
    bool next(Batch& out) override;
    std::string describe() const override;

private:
    std::vector<CompiledExpr> keys_;
    std::vector<int> keySlots_;
    std::vector<CompiledAggregate> aggregates_;
    std::vector<std::vector<TermId>> results_;
    MemoryCharge memory_{ctx_, "the groups of a GROUP BY"};
    std::size_t pos_ = 0;
};

} // namespace corridor::query::executor
