#include "query/executor/set_ops.h"

#include <fmt/format.h>

namespace corridor::query::executor {

void UnionOp::open(const TermId* seed) {
    ++opens;
    seed_ = seedRow(seed, ctx_.width());
    left_->open(seed_.data());
    onRight_ = false;
}

bool UnionOp::next(Batch& out) {
    std::size_t before = out.size();
    while (!out.full()) {
        if (!onRight_) {
            if (left_->next(out)) continue;
            onRight_ = true;
            right_->open(seed_.data());
        }
        if (!right_->next(out)) break;
    }
    rowsProduced += out.size() - before;
    return out.size() > before;
}

void MinusOp::open(const TermId* seed) {
    UnaryOp::open(seed);
    table_.build(ctx_, *right_, seed, ctx_.width(), keys_);
}

bool MinusOp::next(Batch& out) {
    std::size_t before = out.size();
    std::size_t width = ctx_.width();
    while (!out.full()) {
        const TermId* l = pull();
        if (!l) break;
        bool removed = false;
        {
            for (std::size_t idx : table_.candidates(l)) {
                const TermId* r = table_.row(idx);
                // Removed when compatible and sharing at least one bound variable.
                bool shared = false;
                bool compat = true;
                for (std::size_t i = 0; i < width && compat; ++i) {
                    if (l[i] == kUnbound || r[i] == kUnbound || ctx_.isContextSlot(i)) continue;
                    if (l[i] != r[i]) compat = false;
                    shared = true;
                }
                if (compat && shared) {
                    removed = true;
                    break;
                }
            }
        }
        if (!removed) out.push(l);
    }
    rowsProduced += out.size() - before;
    return out.size() > before;
}

std::size_t DistinctOp::KeyHash::operator()(const std::vector<TermId>& k) const {
    std::size_t h = 1469598103934665603ULL;
    for (TermId id : k) h = (h ^ id) * 1099511628211ULL;
    return h;
}

void DistinctOp::open(const TermId* seed) {
    UnaryOp::open(seed);
    seen_.clear();
    memory_.reset();
}

bool DistinctOp::next(Batch& out) {
    std::size_t before = out.size();
    std::vector<TermId> key(slots_.size());
    while (!out.full()) {
        const TermId* in = pull();
        if (!in) break;
        for (std::size_t i = 0; i < slots_.size(); ++i) key[i] = in[slots_[i]];
        if (seen_.insert(key).second) {
            out.push(in);
            memory_.add(slots_.size() * sizeof(TermId) + 64);
        }
    }
    rowsProduced += out.size() - before;
    return out.size() > before;
}

void UnitOp::open(const TermId* seed) {
    ++opens;
    seed_ = seedRow(seed, ctx_.width());
    done_ = false;
}

bool UnitOp::next(Batch& out) {
    if (done_) return false;
    done_ = true;
    out.push(seed_.data());
    ++rowsProduced;
    return true;
}

void ValuesOp::open(const TermId* seed) {
    ++opens;
    seed_ = seedRow(seed, ctx_.width());
    merged_.assign(ctx_.width(), kUnbound);
    pos_ = 0;
}

bool ValuesOp::next(Batch& out) {
    std::size_t before = out.size();
    while (!out.full() && pos_ < rows_.size()) {
        const auto& r = rows_[pos_++];
        if (!compatible(seed_.data(), r.data(), ctx_.width())) continue;
        mergeInto(merged_.data(), seed_.data(), r.data(), ctx_.width());
        out.push(merged_.data());
    }
    rowsProduced += out.size() - before;
    return out.size() > before;
}

} // namespace corridor::query::executor
