#pragma once
// The physical operators: pull-based, producing batches of rows.
//
// open(seed) (re)starts an operator with some slots already bound (kUnbound
// elsewhere): scans substitute those values into their patterns, so a
// dependent join is "for each left row, open the right side with it". Every
// output row carries the seed's bindings.

#include "query/executor/batch.h"
#include "query/executor/exec_context.h"

#include <memory>
#include <string>
#include <vector>

namespace corridor::query::executor {

class Operator {
public:
    explicit Operator(ExecContext& ctx) : ctx_(ctx) {}
    virtual ~Operator() = default;
    Operator(const Operator&) = delete;
    Operator& operator=(const Operator&) = delete;

    virtual void open(const TermId* seed) = 0;
    // Appends rows until `out` is full or the input is exhausted; returns
    // false when it appended nothing (the operator is done).
    virtual bool next(Batch& out) = 0;
    // After open(): how many rows next() would still give, without handing them over (COUNT(*)
    // without GROUP BY asks this). By default it pulls and counts them; an operator that can
    // count without building rows (a join: matches per left row) overrides it.
    virtual std::uint64_t countRows();

    // For --explain: a one-line description and the inputs.
    virtual std::string describe() const = 0;
    virtual std::vector<const Operator*> inputs() const { return {}; }

    std::string label;         // set by the planner: what this operator stands for
    double estimatedRows = -1; // from the planner, -1 if unknown
    std::uint64_t rowsProduced = 0;
    std::uint64_t opens = 0;
    std::uint64_t memoOpens = 0; // opens answered from memory, not the index (probe_memo.h)

protected:
    ExecContext& ctx_;
};

using OperatorPtr = std::unique_ptr<Operator>;

// The row `seed` as a vector (all kUnbound when seed is null).
std::vector<TermId> seedRow(const TermId* seed, std::size_t width);

} // namespace corridor::query::executor
