#include "query/executor/trace/path_constraints.h"

namespace corridor::query::executor::trace {

using ScaleOrder = algebra::TraceSpec::ScaleOrder;

ConstraintExtension::ConstraintExtension(Rules rules, std::function<int(TermId)> rankOf, StepTime time, StepValue same)
    : rules_(rules), rankOf_(std::move(rankOf)), time_(std::move(time)), same_(std::move(same)) {}

PathState ConstraintExtension::start(TermId origin) const {
    PathState s;
    if (rules_.scale != ScaleOrder::Any) s.rank = rankOf_(origin);
    return s;
}

std::optional<PathState> ConstraintExtension::extend(const PathState& state, const Hop& hop) const {
    PathState next = state;
    if (rules_.scale != ScaleOrder::Any) {
        // A node without a scale keeps the last known rank; one with a scale must keep the order.
        if (int rank = rankOf_(hop.to); rank != kNoRank) {
            if (state.rank != kNoRank && (rules_.scale == ScaleOrder::Down ? rank > state.rank : rank < state.rank))
                return std::nullopt;
            next.rank = rank;
        }
    }
    if (rules_.timeOrdered) {
        if (const TimeKey* t = time_(hop.step)) {
            if (state.time && !mayFollow(*state.time, *t, rules_.descending)) return std::nullopt;
            next.time = t;
        }
    }
    if (rules_.sameValue) {
        TermId v = same_(hop.step);
        if (v == kUnbound || (state.same != kUnbound && v != state.same)) return std::nullopt;
        next.same = v;
    }
    return next;
}

bool ConstraintExtension::atLeastAsPermissive(const PathState& a, const PathState& b) const {
    if (a.same != kUnbound && a.same != b.same) return false;
    if (rules_.scale != ScaleOrder::Any && a.rank != kNoRank) {
        if (b.rank == kNoRank) return false;
        if (rules_.scale == ScaleOrder::Down ? a.rank < b.rank : a.rank > b.rank) return false;
    }
    if (rules_.timeOrdered && a.time) {
        if (!b.time || !trace::atLeastAsPermissive(*a.time, *b.time, rules_.descending)) return false;
    }
    return true;
}

} // namespace corridor::query::executor::trace
