#include "query/executor/order_op.h"

#include "query/functions/compare.h"

#include <algorithm>

namespace corridor::query::executor {

void OrderOp::open(const TermId* seed) {
    UnaryOp::open(seed);
    std::size_t width = ctx_.width();
    rows_.clear();
    std::vector<functions::OrderKey> sortValues; // keys_.size() per row
    while (const TermId* row = pull()) {
        rows_.insert(rows_.end(), row, row + width);
        for (const auto& k : keys_) sortValues.push_back(functions::makeOrderKey(evaluate(k.expr, row, ctx_)));
    }
    std::size_t n = rows_.size() / std::max<std::size_t>(width, 1);
    order_.resize(n);
    for (std::size_t i = 0; i < n; ++i) order_[i] = i;
    std::size_t nk = keys_.size();
    auto less = [&](std::size_t a, std::size_t b) {
        for (std::size_t k = 0; k < nk; ++k) {
            int c = functions::compareOrderKeys(sortValues[a * nk + k], sortValues[b * nk + k]);
            if (c != 0) return keys_[k].descending ? c > 0 : c < 0;
        }
        return a < b; // stable
    };
    if (limit_ && *limit_ < n) {
        std::partial_sort(order_.begin(), order_.begin() + static_cast<std::ptrdiff_t>(*limit_), order_.end(), less);
        order_.resize(*limit_);
    } else {
        std::sort(order_.begin(), order_.end(), less);
    }
    pos_ = 0;
}

bool OrderOp::next(Batch& out) {
    std::size_t before = out.size();
    std::size_t width = ctx_.width();
    while (!out.full() && pos_ < order_.size()) out.push(rows_.data() + order_[pos_++] * width);
    rowsProduced += out.size() - before;
    return out.size() > before;
}

} // namespace corridor::query::executor
