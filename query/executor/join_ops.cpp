#include "query/executor/join_ops.h"

#include "query/executor/scan_op.h"
#include "query/executor/side_thread.h"
#include "storage/free_later.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <fmt/format.h>
#include <limits>
#include <tuple>

namespace corridor::query::executor {

bool compatible(const TermId* a, const TermId* b, std::size_t width) {
    for (std::size_t i = 0; i < width; ++i)
        if (a[i] != kUnbound && b[i] != kUnbound && a[i] != b[i]) return false;
    return true;
}

void mergeInto(TermId* out, const TermId* a, const TermId* b, std::size_t width) {
    for (std::size_t i = 0; i < width; ++i) out[i] = a[i] != kUnbound ? a[i] : b[i];
}

// ---- dependent join -----------------------------------------------------------------

DependentJoinOp::DependentJoinOp(ExecContext& ctx, OperatorPtr left, OperatorPtr right)
    : Operator(ctx), left_(std::move(left)), right_(std::move(right)), leftBatch_(ctx.width()) {}

DependentJoinOp::DependentJoinOp(ExecContext& ctx, OperatorPtr left, OperatorPtr right,
                                 std::vector<CompiledExpr> conditions)
    : Operator(ctx), left_(std::move(left)), right_(std::move(right)), leftBatch_(ctx.width()), optional_(true),
      conditions_(std::move(conditions)), rightBatch_(ctx.width()) {}

std::string DependentJoinOp::describe() const {
    std::string kind = optional_ ? conditions_.empty() ? "dependent left join (OPTIONAL)"
                                                       : "dependent left join (OPTIONAL) with filter"
                                 : "dependent join";
    return label.empty() ? kind : kind + " " + label;
}

void DependentJoinOp::open(const TermId* seed) {
    ++opens;
    left_->open(seed);
    leftBatch_.clear();
    leftPos_ = 0;
    rightOpen_ = false;
    leftDone_ = false;
    rightBatch_.clear();
    rightPos_ = 0;
}

bool DependentJoinOp::pullLeft() {
    leftBatch_.clear();
    leftPos_ = 0;
    if (!left_->next(leftBatch_)) return false;
    ctx_.checkCancelled();
    order_.resize(leftBatch_.size());
    for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
    if (auto* scan = dynamic_cast<ScanOp*>(right_.get()))
        sortProbeOrder(
            *scan, [&](std::size_t i) { return leftBatch_.row(i); }, order_);
    return true;
}

bool DependentJoinOp::openRight() {
    if (leftPos_ >= leftBatch_.size() && (leftDone_ || !pullLeft())) {
        leftDone_ = true;
        return false;
    }
    right_->open(leftBatch_.row(order_[leftPos_]));
    rightOpen_ = true;
    matched_ = false;
    return true;
}

bool DependentJoinOp::next(Batch& out) {
    if (optional_) return nextOptional(out);
    std::size_t before = out.size();
    while (!out.full()) {
        if (rightOpen_) {
            if (right_->next(out)) continue;
            rightOpen_ = false;
            ++leftPos_;
        }
        if (!openRight()) break;
    }
    rowsProduced += out.size() - before;
    return out.size() > before;
}

bool DependentJoinOp::nextOptional(Batch& out) {
    std::size_t before = out.size();
    while (!out.full()) { // each turn adds at most one row
        if (rightPos_ < rightBatch_.size()) {
            const TermId* r = rightBatch_.row(rightPos_++);
            bool ok = true;
            for (const auto& c : conditions_) ok = ok && holds(c, r, ctx_);
            if (ok) {
                out.push(r);
                matched_ = true;
            }
            continue;
        }
        if (rightOpen_) {
            rightBatch_.clear();
            rightPos_ = 0;
            if (right_->next(rightBatch_)) continue;
            rightOpen_ = false;
            if (!matched_) out.push(leftBatch_.row(order_[leftPos_]));
            ++leftPos_;
            continue;
        }
        if (!openRight()) break;
    }
    rowsProduced += out.size() - before;
    return out.size() > before;
}

// ---- hash table ---------------------------------------------------------------------

std::uint64_t HashTable::hashKey(const TermId* row) const {
    std::uint64_t h = 1469598103934665603ULL;
    for (int k : keys_) h = (h ^ row[k]) * 1099511628211ULL;
    // FNV's low bits depend only on the keys' low bits, and buckets are picked by them: the
    // finaliser of MurmurHash3 spreads every bit over the whole word.
    h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdULL;
    h = (h ^ (h >> 33)) * 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}

HashTable::~HashTable() {
    if (count_ > 100000) storage::freeInBackground(std::move(blocks_));
}

namespace {

// Per row: the row, its hash, its number and two buckets' starts (the table has twice as many
// buckets as rows), and what indexing holds for a moment (a second hash, two cursors).
std::size_t bytesPerRow(std::size_t width) {
    return width * sizeof(TermId) + 2 * sizeof(std::uint64_t) + 5 * sizeof(std::uint32_t);
}

// The rows of one part of a split input, read by a thread of its own.
struct PartRows {
    std::vector<TermId> rows;
    std::vector<std::uint64_t> hashes;
};

} // namespace

void HashTable::clear(ExecContext& ctx, std::size_t width, const std::vector<int>& keys) {
    width_ = width;
    keys_ = keys;
    blocks_.clear();
    hashes_.clear();
    rows_.clear();
    firstOfBucket_.clear();
    count_ = 0;
    if (!memory_) memory_ = std::make_unique<MemoryCharge>(ctx, "the rows of a join's hash table");
    memory_->reset();
}

void HashTable::add(const TermId* row, std::uint64_t hash) {
    if (count_ % kBlockRows == 0) blocks_.push_back(std::make_unique<TermId[]>(kBlockRows * width_));
    std::copy(row, row + width_, blocks_.back().get() + (count_ % kBlockRows) * width_);
    hashes_.push_back(hash);
    ++count_;
}

void HashTable::build(ExecContext& ctx, const TermId* rows, std::size_t count, std::size_t width,
                      const std::vector<int>& keys) {
    clear(ctx, width, keys);
    memory_->add(count * bytesPerRow(width));
    hashes_.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const TermId* row = rows + i * width;
        add(row, keys_.empty() ? 0 : hashKey(row));
    }
    index(ctx);
}

void HashTable::build(ExecContext& ctx, Operator& input, const TermId* seed, std::size_t width,
                      const std::vector<int>& keys, Operator* secondPart) {
    clear(ctx, width, keys);
    const std::size_t perRow = bytesPerRow(width);
    // The second part of a split input is read on another core while this thread reads the first;
    // its rows follow the first part's, so the table holds them in the order one scan gives. They
    // are charged once joined; meanwhile that thread holds at most half of what the budget had left
    // when it started (so the query may exceed its limit by that much, for a moment).
    std::atomic<bool> stop{false};
    const std::optional<std::size_t> allowance = ctx.sideThreadAllowance();
    auto readPart = [&, this]() {
        PartRows part;
        Batch b(width);
        secondPart->open(seed);
        while (!stop.load(std::memory_order_relaxed) && secondPart->next(b)) {
            ctx.checkCancelled();
            if (allowance && (part.hashes.size() + b.size()) * perRow > *allowance)
                ctx.throwOverBudget("the rows of a join's hash table");
            for (std::size_t i = 0; i < b.size(); ++i) {
                part.rows.insert(part.rows.end(), b.row(i), b.row(i) + width);
                part.hashes.push_back(keys_.empty() ? 0 : hashKey(b.row(i)));
            }
            b.clear();
        }
        return part;
    };
    // Without a thread to be had, the part is read after the first, below.
    std::future<PartRows> other = secondPart ? startSideThread(readPart) : std::future<PartRows>{};
    StopAndWait<PartRows> wait{stop, other};
    input.open(seed);
    Batch batch(width);
    while (input.next(batch)) {
        memory_->add(batch.size() * perRow);
        ctx.checkCancelled();
        for (std::size_t i = 0; i < batch.size(); ++i) add(batch.row(i), keys_.empty() ? 0 : hashKey(batch.row(i)));
        batch.clear();
    }
    if (secondPart) {
        PartRows part = other.valid() ? other.get() : readPart();
        memory_->add(part.hashes.size() * perRow);
        for (std::size_t i = 0; i < part.hashes.size(); ++i) add(part.rows.data() + i * width, part.hashes[i]);
    }
    if (count_ > std::numeric_limits<std::uint32_t>::max())
        throw ResourceError("a join's hash table cannot hold more than 4,294,967,295 rows");
    index(ctx);
}

void HashTable::index(ExecContext& ctx) {
    const std::size_t buckets = keys_.empty() ? 1 : std::bit_ceil(std::max<std::size_t>(2 * count_, 16));
    bucketMask_ = buckets - 1;
    firstOfBucket_.assign(buckets + 1, 0);
    for (std::uint64_t h : hashes_) ++firstOfBucket_[(h & bucketMask_) + 1];
    for (std::size_t b = 0; b < buckets; ++b) firstOfBucket_[b + 1] += firstOfBucket_[b];
    // A counting sort by bucket: rows keep their input order within a bucket.
    std::vector<std::uint32_t> next(firstOfBucket_.begin(), firstOfBucket_.end() - 1);
    std::vector<std::uint64_t> sortedHashes(count_);
    rows_.resize(count_);
    for (std::size_t i = 0; i < count_; ++i) {
        if ((i & 0xFFFF) == 0) ctx.checkCancelled(); // a table of millions of rows: let a timeout stop it
        std::uint32_t pos = next[hashes_[i] & bucketMask_]++;
        rows_[pos] = static_cast<std::uint32_t>(i);
        sortedHashes[pos] = hashes_[i];
    }
    hashes_ = std::move(sortedHashes);
    // Within a bucket, rows with one hash side by side (almost always there is one hash per bucket).
    std::vector<std::pair<std::uint64_t, std::uint32_t>> scratch;
    for (std::size_t b = 0; b < buckets; ++b) {
        if ((b & 0xFFFF) == 0) ctx.checkCancelled();
        const std::size_t lo = firstOfBucket_[b], hi = firstOfBucket_[b + 1];
        bool sorted = true;
        for (std::size_t i = lo + 1; i < hi && sorted; ++i) sorted = hashes_[i - 1] <= hashes_[i];
        if (sorted) continue;
        scratch.clear();
        for (std::size_t i = lo; i < hi; ++i) scratch.emplace_back(hashes_[i], rows_[i]);
        std::sort(scratch.begin(), scratch.end()); // by hash, then row number: input order kept
        for (std::size_t i = lo; i < hi; ++i) std::tie(hashes_[i], rows_[i]) = scratch[i - lo];
    }
}

HashTable::Matches HashTable::candidates(const TermId* row) const {
    if (keys_.empty()) return Matches(rows_);
    const std::uint64_t h = hashKey(row);
    const std::size_t b = h & bucketMask_;
    std::size_t lo = firstOfBucket_[b];
    const std::size_t hi = firstOfBucket_[b + 1];
    while (lo < hi && hashes_[lo] != h) ++lo;
    std::size_t end = lo;
    while (end < hi && hashes_[end] == h) ++end;
    return Matches(rows_.data() + lo, end - lo);
}

// ---- hash join ----------------------------------------------------------------------

HashJoinOp::HashJoinOp(ExecContext& ctx, OperatorPtr left, OperatorPtr right, std::vector<int> keys)
    : Operator(ctx), left_(std::move(left)), right_(std::move(right)), keys_(std::move(keys)), leftRows_(ctx, *left_),
      merged_(ctx.width()) {}

void HashJoinOp::open(const TermId* seed) {
    ++opens;
    matches_ = {};
    inMatches_ = false;
    matchPos_ = 0;
    // A join with an empty side has no rows, and its other side is not read (it may be a large
    // product): the left's first rows are looked at before the right is built.
    left_->open(seed);
    leftRows_.reset();
    empty_ = !leftRows_.current();
    if (empty_) return;
    table_.build(ctx_, *right_, seed, ctx_.width(), keys_);
    empty_ = table_.size() == 0;
}

bool HashJoinOp::next(Batch& out) {
    if (empty_) return false;
    std::size_t before = out.size();
    std::size_t width = ctx_.width();
    while (!out.full()) {
        if (inMatches_ && matchPos_ < matches_.size()) {
            const TermId* l = leftRows_.current();
            const TermId* r = table_.row(matches_[matchPos_++]);
            if (compatible(l, r, width)) {
                mergeInto(merged_.data(), l, r, width);
                out.push(merged_.data());
            }
            continue;
        }
        if (inMatches_) {
            inMatches_ = false;
            leftRows_.advance();
        }
        const TermId* l = leftRows_.current();
        if (!l) break;
        matches_ = table_.candidates(l);
        matchPos_ = 0;
        inMatches_ = true;
    }
    rowsProduced += out.size() - before;
    return out.size() > before;
}

std::string HashJoinOp::describe() const {
    return fmt::format("hash join on {} key(s){}", keys_.size(), label.empty() ? "" : " " + label);
}

// ---- left join ----------------------------------------------------------------------

LeftJoinOp::LeftJoinOp(ExecContext& ctx, OperatorPtr left, OperatorPtr right, std::vector<int> keys,
                       std::vector<CompiledExpr> conditions)
    : Operator(ctx), left_(std::move(left)), right_(std::move(right)), keys_(std::move(keys)),
      conditions_(std::move(conditions)), leftRows_(ctx, *left_), merged_(ctx.width()) {}

void LeftJoinOp::open(const TermId* seed) {
    ++opens;
    left_->open(seed);
    leftRows_.reset();
    inRow_ = false;
    // No left rows, no rows: the right side is not read (as in HashJoinOp).
    if (leftRows_.current()) table_.build(ctx_, *right_, seed, ctx_.width(), keys_);
}

bool LeftJoinOp::next(Batch& out) {
    std::size_t before = out.size();
    std::size_t width = ctx_.width();
    while (!out.full()) {
        if (!inRow_) {
            const TermId* l = leftRows_.current();
            if (!l) break;
            leftRow_.assign(l, l + width);
            leftRows_.advance();
            candidates_ = table_.candidates(leftRow_.data());
            candidatePos_ = 0;
            matched_ = false;
            inRow_ = true;
        }
        const TermId* l = leftRow_.data();
        while (candidatePos_ < candidates_.size() && !out.full()) {
            const TermId* r = table_.row(candidates_[candidatePos_++]);
            if (!compatible(l, r, width)) continue;
            mergeInto(merged_.data(), l, r, width);
            bool ok = true;
            for (const auto& c : conditions_) ok = ok && holds(c, merged_.data(), ctx_);
            if (!ok) continue;
            out.push(merged_.data());
            matched_ = true;
        }
        if (candidatePos_ < candidates_.size()) break; // the batch is full: go on next time
        if (!matched_) out.push(l);
        inRow_ = false;
        ctx_.checkCancelled();
    }
    rowsProduced += out.size() - before;
    return out.size() > before;
}

std::string LeftJoinOp::describe() const {
    return fmt::format("left join (OPTIONAL) on {} key(s){}{}", keys_.size(), conditions_.empty() ? "" : " with filter",
                       label.empty() ? "" : " " + label);
}

} // namespace corridor::query::executor
