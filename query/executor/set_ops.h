#pragma once
// UNION, MINUS, DISTINCT, and the trivial inputs (one empty solution, VALUES).

#include "query/executor/join_ops.h"
#include "query/executor/row_ops.h"

#include <fmt/format.h>
#include <unordered_set>

namespace corridor::query::executor {

class UnionOp : public Operator {
public:
    UnionOp(ExecContext& ctx, OperatorPtr left, OperatorPtr right)
        : Operator(ctx), left_(std::move(left)), right_(std::move(right)) {}
    void open(const TermId* seed) override;
    bool next(Batch& out) override;
    std::string describe() const override { return "union"; }
    std::vector<const Operator*> inputs() const override { return {left_.get(), right_.get()}; }

private:
    OperatorPtr left_, right_;
    bool onRight_ = false;
    std::vector<TermId> seed_;
};

class MinusOp : public UnaryOp {
public:
    MinusOp(ExecContext& ctx, OperatorPtr left, OperatorPtr right, std::vector<int> keys)
        : UnaryOp(ctx, std::move(left)), right_(std::move(right)), keys_(std::move(keys)) {}
    void open(const TermId* seed) override;
    bool next(Batch& out) override;
    std::string describe() const override { return "minus"; }
    std::vector<const Operator*> inputs() const override { return {input_.get(), right_.get()}; }

private:
    OperatorPtr right_;
    std::vector<int> keys_;
    HashTable table_;
};

// Distinct on the given slots (the projection).
class DistinctOp : public UnaryOp {
public:
    DistinctOp(ExecContext& ctx, OperatorPtr input, std::vector<int> slots)
        : UnaryOp(ctx, std::move(input)), slots_(std::move(slots)) {}
    void open(const TermId* seed) override;
    bool next(Batch& out) override;
    std::string describe() const override { return "distinct"; }

private:
    struct KeyHash {
        std::size_t operator()(const std::vector<TermId>& k) const;
    };
    std::vector<int> slots_;
    std::unordered_set<std::vector<TermId>, KeyHash> seen_;
    MemoryCharge memory_{ctx_, "the rows DISTINCT has seen"};
};

// Exactly one solution: the seed (the empty group pattern).
class UnitOp : public Operator {
public:
    using Operator::Operator;
    void open(const TermId* seed) override;
    bool next(Batch& out) override;
    std::string describe() const override { return "one empty solution"; }

private:
    std::vector<TermId> seed_;
    bool done_ = false;
};

// No solutions.
class EmptyOp : public Operator {
public:
    using Operator::Operator;
    void open(const TermId*) override { ++opens; }
    bool next(Batch&) override { return false; }
    std::string describe() const override { return "no solutions" + (label.empty() ? "" : " (" + label + ")"); }
};

// VALUES: rows of ids (kUnbound for UNDEF), merged with the seed when compatible.
class ValuesOp : public Operator {
public:
    ValuesOp(ExecContext& ctx, std::vector<std::vector<TermId>> rows) : Operator(ctx), rows_(std::move(rows)) {}
    void open(const TermId* seed) override;
    bool next(Batch& out) override;
    std::string describe() const override { return fmt::format("values ({} rows)", rows_.size()); }

private:
    std::vector<std::vector<TermId>> rows_;
    std::vector<TermId> seed_, merged_;
    std::size_t pos_ = 0;
};

} // namespace corridor::query::executor
