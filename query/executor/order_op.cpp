#include "query/executor/order_op.h"

#include "query/functions/compare.h"

#include <algorithm>

namespace corridor::query::executor {

void OrderOp::open(const TermId* seed) {
    UnaryOp::open(seed);
    std::size_t width = ctx_.width();
    rows_.clear();
    std::vector<std::vector<std::optional<Term>>> sortValues;
    while (const TermId* row = pull()) {
        rows_.insert(rows_.end(), row, row + width);
        std::vector<std::optional<Term>> values;
        values.reserve(keys_.size());
        for (const auto& k : keys_) values.push_back(evaluate(k.expr, row, ctx_));
        sortValues.push_back(std::move(values));
    }
    order_.resize(sortValues.size());
    for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
    std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
        for (std::size_t k = 0; k < keys_.size(); ++k) {
            int c = functions::orderCompare(sortValues[a][k], sortValues[b][k]);
            if (c != 0) return keys_[k].descending ? c > 0 : c < 0;
        }
        return false;
    });
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
