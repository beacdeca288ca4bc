#pragma once
// Joins: dependent (index nested loop: the right side is re-opened with each
// left row, so its scans use the left row's values as index prefixes; also for
// OPTIONAL), hash (the right side is built once and probed), and left (OPTIONAL)
// joins over a hash table.

#include "query/executor/expression.h"
#include "query/executor/operator.h"
#include "query/executor/row_cursor.h"

#include <cstdint>
#include <span>

namespace corridor::query::executor {

class DependentJoinOp : public Operator {
public:
    DependentJoinOp(ExecContext& ctx, OperatorPtr left, OperatorPtr right);
    // OPTIONAL: each left row with the right's rows (run with the row's values bound) that pass
    // `conditions`, or alone when none does. Right for a group of patterns, where binding the
    // left row's values first gives the rows joining would.
    DependentJoinOp(ExecContext& ctx, OperatorPtr left, OperatorPtr right, std::vector<CompiledExpr> conditions);
    void open(const TermId* seed) override;
    bool next(Batch& out) override;
    std::string describe() const override;
    std::vector<const Operator*> inputs() const override { return {left_.get(), right_.get()}; }
    bool optional() const { return optional_; }

private:
    bool pullLeft();
    // Opens the right side with the next left row; false when the left side has no more.
    bool openRight();
    bool nextOptional(Batch& out);

    OperatorPtr left_, right_;
    Batch leftBatch_;
    std::vector<std::size_t> order_; // probe order within leftBatch_
    std::size_t leftPos_ = 0;
    bool rightOpen_ = false;
    bool leftDone_ = false;
    // OPTIONAL only: the right's rows are read here first, to check the conditions.
    bool optional_ = false;
    std::vector<CompiledExpr> conditions_;
    Batch rightBatch_;
    std::size_t rightPos_ = 0;
    bool matched_ = false; // the current left row has had a right row
};

// Rows of a materialised input, hashed on the slots every row binds. Built once, then
// read only: the rows' numbers are grouped by bucket in one flat array (a counting sort
// once the input ends), and within a bucket by the key's 64-bit hash, so a lookup is an
// array slice. Rows share a slice only when their keys hash alike: the callers check that
// the rows are compatible, which also rules out the rare hash collision.
class HashTable {
public:
    using Matches = std::span<const std::uint32_t>; // row numbers, for row()

    HashTable() = default;
    HashTable(const HashTable&) = delete;
    HashTable& operator=(const HashTable&) = delete;
    ~HashTable(); // a large table is freed by a thread of its own (free_later.h)
    // The rows of `input`, opened with `seed`; with `secondPart`, the rest of them, read on another
    // thread at the same time (a split scan: ScanOp::splitValue).
    void build(ExecContext& ctx, Operator& input, const TermId* seed, std::size_t width, const std::vector<int>& keys,
               Operator* secondPart = nullptr);
    // The `count` rows at `rows` (one after another, `width` slots each), copied.
    void build(ExecContext& ctx, const TermId* rows, std::size_t count, std::size_t width,
               const std::vector<int>& keys);
    // Rows whose key slots hash as those of `row` do (all rows when there are no keys), in the
    // order the input gave them; empty when there are none.
    Matches candidates(const TermId* row) const;
    const TermId* row(std::size_t i) const { return blocks_[i / kBlockRows].get() + (i % kBlockRows) * width_; }
    std::size_t size() const { return count_; }

private:
    std::uint64_t hashKey(const TermId* row) const;
    void clear(ExecContext& ctx, std::size_t width, const std::vector<int>& keys);
    void add(const TermId* row, std::uint64_t hash);
    void index(ExecContext& ctx); // groups the rows' numbers by bucket and hash, once the input has ended

    std::size_t width_ = 0;
    std::vector<int> keys_;
    // Rows in blocks of kBlockRows: a growing table never copies what it holds (one contiguous
    // vector of hundreds of MB took longer to reallocate than a cancelled query may take to stop).
    static constexpr std::size_t kBlockRows = 4096;
    std::vector<std::unique_ptr<TermId[]>> blocks_;
    std::size_t count_ = 0;
    std::vector<std::uint64_t> hashes_;        // while building: row i's; once indexed: that of rows_[i]
    std::vector<std::uint32_t> rows_;          // row numbers, by bucket, then by hash, then in input order
    std::vector<std::uint32_t> firstOfBucket_; // bucket b's rows: rows_[firstOfBucket_[b], firstOfBucket_[b + 1])
    std::uint64_t bucketMask_ = 0;
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
    HashTable::Matches matches_; // right rows for the current left row
    bool inMatches_ = false;     // matches_ are those of leftRows_.current()
    std::size_t matchPos_ = 0;
    std::vector<TermId> merged_;
    bool empty_ = false; // a side had no rows: the other is not read (or no further)
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
    HashTable::Matches candidates_;
    std::size_t candidatePos_ = 0;
    bool inRow_ = false, matched_ = false;
};

} // namespace corridor::query::executor
