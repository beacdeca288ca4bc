#include "query/executor/order_op.h"

#include "query/functions/compare.h"
#include "storage/free_later.h"

#include <algorithm>

namespace corridor::query::executor {

namespace {

// What a sort key holds beyond its struct: the term's strings.
std::size_t keyBytes(const functions::OrderKey& k) {
    std::size_t n = sizeof(functions::OrderKey);
    if (k.term) n += k.term->value.capacity() + k.term->datatype.capacity() + k.term->lang.capacity();
    return n;
}

} // namespace

void OrderOp::open(const TermId* seed) {
    UnaryOp::open(seed);
    std::size_t width = ctx_.width();
    std::size_t nk = keys_.size();
    rows_.clear();
    memory_.reset();
    std::vector<functions::OrderKey> sortValues; // nk per row
    struct FreeLater {                           // runs before sortValues is destroyed, on return and on a stop alike
        std::vector<functions::OrderKey>& values;
        ~FreeLater() {
            if (values.size() > 100000) storage::freeInBackground(std::move(values));
        }
    } freeLater{sortValues};
    // Room for the input as the planner estimates it: growing a vector of millions of keys copies
    // them all, too long a step for a timeout to interrupt.
    if (input_->estimatedRows > 0) {
        auto expected = static_cast<std::size_t>(std::min(input_->estimatedRows, 4e6));
        if (limit_) expected = std::min<std::size_t>(expected, 2 * static_cast<std::size_t>(*limit_) + 1);
        sortValues.reserve(expected * nk);
        rows_.reserve(expected * width);
    }
    std::uint64_t comparisons = 0;
    auto less = [&](std::size_t a, std::size_t b) {
        // A sort of millions of rows runs long: let a timeout or Ctrl-C stop it.
        if ((++comparisons & 0xFFFF) == 0) ctx_.checkCancelledNow();
        for (std::size_t k = 0; k < nk; ++k) {
            int c = functions::compareOrderKeys(sortValues[a * nk + k], sortValues[b * nk + k]);
            if (c != 0) return keys_[k].descending ? c > 0 : c < 0;
        }
        return a < b; // stable
    };
    // Keeps the rows at the positions in `keep`, in that order, and their keys.
    auto compact = [&](const std::vector<std::size_t>& keep) {
        std::vector<TermId> rows;
        std::vector<functions::OrderKey> values;
        rows.reserve(keep.size() * width);
        values.reserve(keep.size() * nk);
        for (std::size_t i : keep) {
            rows.insert(rows.end(), rows_.begin() + static_cast<std::ptrdiff_t>(i * width),
                        rows_.begin() + static_cast<std::ptrdiff_t>((i + 1) * width));
            for (std::size_t k = 0; k < nk; ++k) values.push_back(std::move(sortValues[i * nk + k]));
        }
        rows_ = std::move(rows);
        sortValues = std::move(values);
        memory_.reset();
        std::size_t bytes = rows_.size() * sizeof(TermId);
        for (const auto& v : sortValues) bytes += keyBytes(v);
        memory_.add(bytes);
    };
    // With ORDER BY ... LIMIT n, only the best n rows so far are kept (pruned
    // whenever 2n have gathered), so memory follows n, not the input.
    const std::size_t keepAtMost = limit_ ? static_cast<std::size_t>(std::max<std::uint64_t>(*limit_, 1)) : 0;
    auto count = [&] { return width ? rows_.size() / width : sortValues.size() / std::max<std::size_t>(nk, 1); };
    // Once rows have been pruned, the first key of the last row kept: a row whose first key sorts
    // after it can never be among the first n (n rows kept already sort before it), so it is
    // dropped before its other keys are computed (with ORDER BY DESC(?count) ?name LIMIT 10, most
    // rows never have their name read from the store).
    std::optional<functions::OrderKey> bar;
    while (const TermId* row = pull()) {
        if (nk > 0) {
            functions::OrderKey first = functions::makeOrderKey(evaluate(keys_[0].expr, row, ctx_));
            if (bar) {
                int c = functions::compareOrderKeys(first, *bar);
                if (keys_[0].descending ? c < 0 : c > 0) continue;
            }
            sortValues.push_back(std::move(first));
        }
        rows_.insert(rows_.end(), row, row + width);
        std::size_t bytes = width * sizeof(TermId) + (nk > 0 ? keyBytes(sortValues.back()) : 0);
        for (std::size_t k = 1; k < nk; ++k) {
            sortValues.push_back(functions::makeOrderKey(evaluate(keys_[k].expr, row, ctx_)));
            bytes += keyBytes(sortValues.back());
        }
        memory_.add(bytes);
        if (keepAtMost && count() >= 2 * keepAtMost) {
            std::vector<std::size_t> order(count());
            for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
            std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keepAtMost), order.end(), less);
            order.resize(keepAtMost);
            std::sort(order.begin(), order.end()); // keep arrival order: ties stay stable
            compact(order);
            std::size_t last = 0;
            for (std::size_t i = 1; i < keepAtMost; ++i)
                if (less(last, i)) last = i;
            if (nk > 0) bar = sortValues[last * nk];
        }
    }
    std::size_t n = count();
    order_.resize(n);
    for (std::size_t i = 0; i < n; ++i) order_[i] = i;
    if (keepAtMost && keepAtMost < n) {
        std::partial_sort(order_.begin(), order_.begin() + static_cast<std::ptrdiff_t>(keepAtMost), order_.end(), less);
        order_.resize(keepAtMost);
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
