#include "query/executor/join_ops.h"

#include "query/executor/scan_op.h"
#include "storage/free_later.h"

#include <algorithm>
#include <fmt/format.h>

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

void DependentJoinOp::open(const TermId* seed) {
    ++opens;
    left_->open(seed);
    leftBatch_.clear();
    leftPos_ = 0;
    rightOpen_ = false;
    leftDone_ = false;
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

bool DependentJoinOp::next(Batch& out) {
    std::size_t before = out.size();
    while (!out.full()) {
        if (rightOpen_) {
            if (right_->next(out)) continue;
            rightOpen_ = false;
            ++leftPos_;
        }
        if (leftPos_ >= leftBatch_.size()) {
            if (leftDone_ || !pullLeft()) {
                leftDone_ = true;
                break;
            }
        }
        right_->open(leftBatch_.row(order_[leftPos_]));
        rightOpen_ = true;
    }
    rowsProduced += out.size() - before;
    return out.size() > before;
}

// ---- hash table ---------------------------------------------------------------------

std::size_t HashTable::hashKey(const TermId* row) const {
    std::size_t h = 1469598103934665603ULL;
    for (int k : keys_) h = (h ^ row[k]) * 1099511628211ULL;
    return h;
}

HashTable::~HashTable() {
    if (count_ > 100000) {
        storage::freeInBackground(std::move(blocks_));
        storage::freeInBackground(std::move(buckets_));
    }
}

void HashTable::build(ExecContext& ctx, Operator& input, const TermId* seed, std::size_t width,
                      const std::vector<int>& keys) {
    width_ = width;
    keys_ = keys;
    blocks_.clear();
    buckets_.clear();
    all_.clear();
    count_ = 0;
    if (!memory_) memory_ = std::make_unique<MemoryCharge>(ctx, "the rows of a join's hash table");
    memory_->reset();
    input.open(seed);
    Batch batch(width);
    while (input.next(batch)) {
        memory_->add(batch.size() * (width * sizeof(TermId) + 2 * sizeof(std::size_t)));
        ctx.checkCancelled();
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const TermId* r = batch.row(i);
            if (count_ % kBlockRows == 0) blocks_.push_back(std::make_unique<TermId[]>(kBlockRows * width));
            std::copy(r, r + width, blocks_.back().get() + (count_ % kBlockRows) * width);
            if (keys_.empty()) {
                all_.push_back(count_);
            } else {
                buckets_[hashKey(r)].push_back(count_);
            }
            ++count_;
        }
        batch.clear();
    }
}

const std::vector<std::size_t>* HashTable::candidates(const TermId* row) const {
    if (keys_.empty()) return &all_;
    auto it = buckets_.find(hashKey(row));
    return it == buckets_.end() ? nullptr : &it->second;
}

// ---- hash join ----------------------------------------------------------------------

HashJoinOp::HashJoinOp(ExecContext& ctx, OperatorPtr left, OperatorPtr right, std::vector<int> keys)
    : Operator(ctx), left_(std::move(left)), right_(std::move(right)), keys_(std::move(keys)), leftRows_(ctx, *left_),
      merged_(ctx.width()) {}

void HashJoinOp::open(const TermId* seed) {
    ++opens;
    table_.build(ctx_, *right_, seed, ctx_.width(), keys_);
    left_->open(seed);
    leftRows_.reset();
    matches_ = nullptr;
    matchPos_ = 0;
}

bool HashJoinOp::next(Batch& out) {
    std::size_t before = out.size();
    std::size_t width = ctx_.width();
    while (!out.full()) {
        if (matches_ && matchPos_ < matches_->size()) {
            const TermId* l = leftRows_.current();
            const TermId* r = table_.row((*matches_)[matchPos_++]);
            if (compatible(l, r, width)) {
                mergeInto(merged_.data(), l, r, width);
                out.push(merged_.data());
            }
            continue;
        }
        if (matches_) {
            matches_ = nullptr;
            leftRows_.advance();
        }
        const TermId* l = leftRows_.current();
        if (!l) break;
        matches_ = table_.candidates(l);
        matchPos_ = 0;
        if (!matches_) leftRows_.advance();
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
    table_.build(ctx_, *right_, seed, ctx_.width(), keys_);
    left_->open(seed);
    leftRows_.reset();
    inRow_ = false;
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
        while (candidates_ && candidatePos_ < candidates_->size() && !out.full()) {
            const TermId* r = table_.row((*candidates_)[candidatePos_++]);
            if (!compatible(l, r, width)) continue;
            mergeInto(merged_.data(), l, r, width);
            bool ok = true;
            for (const auto& c : conditions_) ok = ok && holds(c, merged_.data(), ctx_);
            if (!ok) continue;
            out.push(merged_.data());
            matched_ = true;
        }
        if (candidates_ && candidatePos_ < candidates_->size()) break; // the batch is full: go on next time
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
