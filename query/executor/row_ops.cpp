#include "query/executor/row_ops.h"

#include <fmt/format.h>

namespace corridor::query::executor {

void UnaryOp::open(const TermId* seed) {
    ++opens;
    input_->open(seed);
    in_.clear();
    pos_ = 0;
    done_ = false;
}

const TermId* UnaryOp::pull() {
    if (pos_ >= in_.size()) {
        if (done_) return nullptr;
        in_.clear();
        pos_ = 0;
        if (!input_->next(in_)) {
            done_ = true;
            return nullptr;
        }
        ctx_.checkCancelled();
    }
    return in_.row(pos_++);
}

bool FilterOp::next(Batch& out) {
    std::size_t before = out.size();
    while (!out.full()) {
        const TermId* row = pull();
        if (!row) break;
        bool ok = true;
        for (const auto& c : conditions_) {
            if (!holds(c, row, ctx_)) {
                ok = false;
                break;
            }
        }
        if (ok) out.push(row);
    }
    rowsProduced += out.size() - before;
    return out.size() > before;
}

bool ExtendOp::next(Batch& out) {
    std::size_t before = out.size();
    std::vector<TermId> row(ctx_.width());
    while (!out.full()) {
        const TermId* in = pull();
        if (!in) break;
        std::copy(in, in + ctx_.width(), row.begin());
        ++ctx_.functions().rowSerial;
        for (const auto& a : assignments_) {
            if (row[a.slot] != kUnbound) continue;
            if (auto v = evaluate(a.expr, row.data(), ctx_)) row[a.slot] = ctx_.intern(*v);
        }
        out.push(row.data());
    }
    rowsProduced += out.size() - before;
    return out.size() > before;
}

ProjectOp::ProjectOp(ExecContext& ctx, OperatorPtr input, std::vector<int> keep)
    : UnaryOp(ctx, std::move(input)), keep_(ctx.width(), false) {
    for (int k : keep) keep_[k] = true;
}

bool ProjectOp::next(Batch& out) {
    std::size_t before = out.size();
    std::vector<TermId> row(ctx_.width());
    while (!out.full()) {
        const TermId* in = pull();
        if (!in) break;
        for (std::size_t i = 0; i < row.size(); ++i) row[i] = keep_[i] ? in[i] : kUnbound;
        out.push(row.data());
    }
    rowsProduced += out.size() - before;
    return out.size() > before;
}

void SliceOp::open(const TermId* seed) {
    UnaryOp::open(seed);
    seen_ = 0;
    emitted_ = 0;
}

bool SliceOp::next(Batch& out) {
    std::size_t before = out.size();
    while (!out.full()) {
        if (limit_ && emitted_ >= *limit_) break;
        const TermId* in = pull();
        if (!in) break;
        if (seen_++ < offset_) continue;
        out.push(in);
        ++emitted_;
    }
    rowsProduced += out.size() - before;
    return out.size() > before;
}

std::string SliceOp::describe() const {
    return fmt::format("slice offset {} limit {}", offset_, limit_ ? std::to_string(*limit_) : "none");
}

} // namespace corridor::query::executor
