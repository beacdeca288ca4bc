#pragma once
// Row-at-a-time operators: FILTER, BIND (extend), projection, slices.

#include "query/executor/expression.h"
#include "query/executor/operator.h"

namespace corridor::query::executor {

// Base for operators with one input that they consume batch by batch.
class UnaryOp : public Operator {
public:
    UnaryOp(ExecContext& ctx, OperatorPtr input) : Operator(ctx), input_(std::move(input)), in_(ctx.width()) {}
    void open(const TermId* seed) override;
    std::vector<const Operator*> inputs() const override { return {input_.get()}; }

protected:
    // Next input row, or nullptr at the end.
    const TermId* pull();
    OperatorPtr input_;
    Batch in_;
    std::size_t pos_ = 0;
    bool done_ = false;
};

class FilterOp : public UnaryOp {
public:
    FilterOp(ExecContext& ctx, OperatorPtr input, std::vector<CompiledExpr> conditions)
        : UnaryOp(ctx, std::move(input)), conditions_(std::move(conditions)) {}
    bool next(Batch& out) override;
    std::string describe() const override { return "filter" + (label.empty() ? "" : " " + label); }

private:
    std::vector<CompiledExpr> conditions_;
};

// BIND and SELECT expressions: a chain of assignments evaluated in order on each
// row (one operator, so that BNODE("x") gives one node per solution).
class ExtendOp : public UnaryOp {
public:
    struct Assignment {
        int slot;
        CompiledExpr expr;
    };
    ExtendOp(ExecContext& ctx, OperatorPtr input, std::vector<Assignment> assignments)
        : UnaryOp(ctx, std::move(input)), assignments_(std::move(assignments)) {}
    bool next(Batch& out) override;
    std::string describe() const override { return "bind" + (label.empty() ? "" : " " + label); }

private:
    std::vector<Assignment> assignments_;
};

// Clears every slot not in `keep`: variables hidden by a subquery's projection.
class ProjectOp : public UnaryOp {
public:
    ProjectOp(ExecContext& ctx, OperatorPtr input, std::vector<int> keep);
    bool next(Batch& out) override;
    std::string describe() const override { return "project" + (label.empty() ? "" : " " + label); }

private:
    std::vector<bool> keep_;
};

class SliceOp : public UnaryOp {
public:
    SliceOp(ExecContext& ctx, OperatorPtr input, std::uint64_t offset, std::optional<std::uint64_t> limit)
        : UnaryOp(ctx, std::move(input)), offset_(offset), limit_(limit) {}
    void open(const TermId* seed) override;
    bool next(Batch& out) override;
    std::string describe() const override;

private:
    std::uint64_t offset_;
    std::optional<std::uint64_t> limit_;
    std::uint64_t seen_ = 0, emitted_ = 0;
};

} // namespace corridor::query::executor
