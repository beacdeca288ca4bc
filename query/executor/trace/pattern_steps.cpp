#include "query/executor/trace/step_expander.h"

#include <set>
#include <stdexcept>

namespace corridor::query::executor::trace {

PatternSteps::PatternSteps(ExecContext& ctx, OperatorPtr forward, OperatorPtr backward, int fromSlot, int toSlot,
                           std::vector<int> valueSlots)
    : ctx_(ctx), forward_(std::move(forward)), backward_(std::move(backward)), fromSlot_(fromSlot), toSlot_(toSlot),
      valueSlots_(std::move(valueSlots)), seed_(ctx.width(), kUnbound), batch_(ctx.width()) {}

void PatternSteps::expand(TermId node, bool backward, std::vector<Edge>& out) {
    ++expansions;
    if (backward && !backward_) throw std::logic_error("TRACE: the step pattern was planned forward only");
    Operator& plan = backward ? *backward_ : *forward_;
    int bound = backward ? toSlot_ : fromSlot_;
    int free = backward ? fromSlot_ : toSlot_;
    seed_[bound] = node;
    plan.open(seed_.data());
    seed_[bound] = kUnbound;
    std::set<std::vector<TermId>> seen; // a solution repeated by the pattern is one step
    std::vector<TermId> values(valueSlots_.size());
    batch_.clear();
    while (plan.next(batch_)) {
        for (std::size_t r = 0; r < batch_.size(); ++r) {
            const TermId* row = batch_.row(r);
            if (row[free] == kUnbound || row[bound] != node) continue;
            for (std::size_t i = 0; i < valueSlots_.size(); ++i) values[i] = row[valueSlots_[i]];
            if (!seen.insert(values).second) continue;
            auto step = static_cast<std::uint32_t>(values_.size() / std::max<std::size_t>(1, valueSlots_.size()));
            values_.insert(values_.end(), values.begin(), values.end());
            out.push_back({row[free], step});
        }
        batch_.clear();
    }
}

void PatternSteps::allOrigins(bool backward, std::vector<TermId>& out) {
    int slot = backward ? toSlot_ : fromSlot_;
    forward_->open(seed_.data());
    std::set<TermId> seen;
    batch_.clear();
    while (forward_->next(batch_)) {
        for (std::size_t r = 0; r < batch_.size(); ++r) {
            TermId v = batch_.row(r)[slot];
            if (v != kUnbound && seen.insert(v).second) out.push_back(v);
        }
        batch_.clear();
    }
}

std::string PatternSteps::describe() const {
    return "the step pattern, opened per node with its start bound";
}

} // namespace corridor::query::executor::trace
