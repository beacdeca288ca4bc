#pragma once
// Joins: dependent (index nested loop: the right side is re-opened with each
// left row, so its scans use the left row's values as index prefixes), hash
// (the right side is built once and probed), and left (OPTIONAL) joins.

#include "query/executor/expression.h"
#include "query/executor/operator.h"
#include "query/executor/row_cursor.h"

#include <unordered_map>

namespace corridor::query::executor {

class DependentJoinOp : public Operator {
public:
    DependentJoinOp(ExecContext& ctx, OperatorPtr left, OperatorPtr right);
    void open(const TermId* seed) override;
    bool next(Batch& out) override;
    std::string describe() const override { return "dependent join" + (label.empty() ? "" : " " + label); }
    std::vector<const Operator*> inputs() const override { return {left_.get(), right_.get()}; }

private:
    bool pullLeft();

    OperatorPtr left_, right_;
    Batch leftBatch_;
    std::vector<std::size_t> order_; // probe order within leftBatch_
    std::size_t leftPos_ = 0;
    bool rightOpen_ = false;
    bool leftDone_ = false;
};

// Rows of a materialised input, hashed on the slots every row binds.
class HashTable {
public:
    HashTable() = default;
    HashTable(const HashTable&) = delete;
    HashTable& operator=(const HashTable&) = delete;
    ~HashTable(); // a large table is freed by a thread of its own (free_later.h)
    void build(ExecContext& ctx, Operator& input, const TermId* seed, std::size_t width, const std::vector<int>& keys);
    // Rows whose key slots equal those of `row` (all rows when there are no keys).
    const std::vector<std::size_t>* candidates(const TermId* row) const;
    const TermId* row(std::size_t i) const { return blocks_[i / kBlockRows].get() + (i % kBlockRows) * width_; }
    std::size_t size() const { return count_; }

private:
    std::size_t hashKey(const TermId* row) const;
    std::size_t width_ = 0;
    std::vector<int> keys_;
    // Rows in blocks of kBlockRows: a growing table never copies what it holds (one contiguous
    // vector of hundreds of MB took longer to reallocate than a cancelled query may take to stop).
    static constexpr std::size_t kBlockRows = 4096;
    std::vector<std::unique_ptr<TermId[]>> blocks_;
    std::size_t count_ = 0;
    std::unordered_map<std::size_t, std::vector<std::size_t>> buckets_;
    std::vector<std::size_t> all_;
    std::unique_ptr<MemoryCharge> memory_;
};

// Solutions are compatible when every variable bound in both has the same value.
bool compatible(const TermId* a, const TermId* b, std::size_t width);
void mergeInto(TermId* out, const TermId* a, const TermId* b, std::size_t width);

class HashJoinOp : public Operator {
public:
    HashJoinOp(ExecContext& ctx, OperatorPtr left, OperatorPtr right, std::vector<int> keys);
    void open(const TermId* seed) override;
    bool next(Batch& out) override;
    std::string describe() const override;
    std::vector<const Operator*> inputs() const override { return {left_.get(), right_.get()}; }

private:
    OperatorPtr left_, right_;
    std::vector<int> keys_;
    HashTable table_;
    RowCursor leftRows_;
    const std::vector<std::size_t>* matches_ = nullptr; // right rows for the current left row
    std::size_t matchPos_ = 0;
    std::vector<TermId> merged_;
};

class LeftJoinOp : public Operator {
public:
    LeftJoinOp(ExecContext& ctx, OperatorPtr left, OperatorPtr right, std::vector<int> keys,
               std::vector<CompiledExpr> conditions);
    void open(const TermId* seed) override;
    bool next(Batch& out) override;
    std::string describe() const override;
    std::vector<const Operator*> inputs() const override { return {left_.get(), right_.get()}; }

private:
    OperatorPtr left_, right_;
    std::vector<int> keys_;
    std::vector<CompiledExpr> conditions_;
    HashTable table_;
    RowCursor leftRows_;
    std::vector<TermId> merged_;
    // The left row being joined, kept across calls: a row with many matches (a cross product)
    // fills batch after batch instead of one batch without end.
    std::vector<TermId> leftRow_;
    const std::vector<std::size_t>* candidates_ = nullptr;
    std::size_t candidatePos_ = 0;
    bool inRow_ = false, matched_ = false;
};

} // namespace corridor::query::executor
