#pragma once
// ORDER BY: materialises its input and sorts it (stable, SPARQL's term order).

#include "query/executor/expression.h"
#include "query/executor/row_ops.h"

namespace corridor::query::executor {

struct SortKey {
    CompiledExpr expr;
    bool descending = false;
};

class OrderOp : public UnaryOp {
public:
    // `limit`: only the first `limit` rows are needed (ORDER BY ... LIMIT): a partial sort.
    OrderOp(ExecContext& ctx, OperatorPtr input, std::vector<SortKey> keys,
            std::optional<std::uint64_t> limit = std::nullopt)
        : UnaryOp(ctx, std::move(input)), keys_(std::move(keys)), limit_(limit),
          memory_(ctx, "the rows of an ORDER BY") {}
    void open(const TermId* seed) override;
    bool next(Batch& out) override;
    std::string describe() const override {
        return "order by " + std::to_string(keys_.size()) + " key(s)" +
               (limit_ ? ", keeping the first " + std::to_string(*limit_) : std::string());
    }

private:
    std::vector<SortKey> keys_;
    std::optional<std::uint64_t> limit_;
    std::vector<TermId> rows_;
    std::vector<std::size_t> order_;
    std::size_t pos_ = 0;
    MemoryCharge memory_;
};

} // namespace corridor::query::executor
