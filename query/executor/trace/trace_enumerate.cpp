// TRACE searches: level-by-level enumeration of partial paths (see trace_search.h).

#include "query/executor/trace/dominance_table.h"
#include "query/executor/trace/mode_quota.h"
#include "query/executor/trace/trace_search.h"

#include <algorithm>

namespace corridor::query::executor::trace {

namespace {

// A partial path: its last step, and a link to the partial path it extends.
struct Rec {
    std::int64_t parent; // -1 at the origin
    TermId canon;
    Hop hop; // the step that made this partial path (origin: from = to = origin)
    std::uint32_t depth;
    PathState state;
};

} // namespace

void TraceSearch::enumerate(TermId origin, bool backward, const TargetSet* targets, std::vector<FoundPath>& out) {
    // In search order, a backward search sees the path's constraints mirrored.
    ConstraintExtension::Rules rules;
    rules.descending = spec_.timeDescending != backward;
    rules.scale = spec_.scaleOrder;
    if (backward && rules.scale != ScaleOrder::Any)
        rules.scale = rules.scale == ScaleOrder::Down ? ScaleOrder::Up : ScaleOrder::Down;
    rules.timeOrdered = spec_.timeOrdered;
    rules.sameValue = spec_.sameValue;
    const ConstraintExtension constraints(
        rules, [this](TermId node) { return facts_.rank(node); }, time_, same_);
    const bool shortest = spec_.mode != Mode::All;
    const bool simple = spec_.acyclic || shortest; // no node twice
    const bool dominance = (spec_.mode == Mode::Shortest || spec_.mode == Mode::AllShortest) && spec_.counts.empty() &&
                           spec_.minLength <= 1;
    DominanceTable dominated(constraints, spec_.mode == Mode::Shortest);
    ModeQuota quota(spec_.mode, spec_.k);
    const CountLimits counts(spec_.counts, [this](const CountLimit& limit, TermId node, std::vector<TermId>& out) {
        if (limit.scales) {
            if (TermId s = facts_.scale(node)) out.push_back(s);
        } else if (limit.property) {
            const auto& values = facts_.values(limit.property, node);
            out.insert(out.end(), values.begin(), values.end());
        }
    });
    const TermId oc = canonical(origin);
    auto isTarget = [&](TermId c) { return !targets || targets->count(c) > 0; };

    std::vector<Rec> recs;
    recs.push_back({-1, oc, {origin, origin, 0}, 0, constraints.start(origin)});

    auto onPath = [&](std::int64_t i, TermId c) {
        for (; i >= 0; i = recs[i].parent)
            if (recs[i].canon == c) return true;
        return false;
    };
    std::vector<TermId> pathNodes;
    auto countsHold = [&](std::int64_t i, bool final) {
        if (counts.empty()) return true;
        pathNodes.clear();
        for (; i >= 0; i = recs[i].parent) pathNodes.push_back(recs[i].hop.to);
        return counts.hold(pathNodes, final);
    };
    auto emit = [&](std::int64_t i) {
        FoundPath p{origin, recs[i].hop.to, {}};
        for (std::int64_t j = i; recs[j].parent >= 0; j = recs[j].parent) p.hops.push_back(recs[j].hop);
        std::reverse(p.hops.begin(), p.hops.end());
        return addPath(std::move(p), backward, out);
    };

    if (spec_.minLength == 0 && isTarget(oc) && countsHold(0, true) && quota.take(oc, 0) && !emit(0)) return;
    if (dominance) dominated.admit(oc, 0, recs[0].state);

    std::vector<std::int64_t> frontier = {0}, next;
    for (std::uint32_t depth = 0; !frontier.empty() && !full(); ++depth) {
        if (spec_.maxLength && depth >= *spec_.maxLength) break;
        if (targets && shortest && quota.satisfied(*targets)) break;
        next.clear();
        for (std::int64_t idx : frontier) {
            for (const auto& h : expandCached(recs[idx].canon, backward)) {
                const Rec r = recs[idx];
                TermId c = canonical(h.to);
                bool closesCycle = c == oc;
                if (simple && !closesCycle && onPath(idx, c)) continue;
                if (simple && closesCycle && !isTarget(oc)) continue;
                std::optional<PathState> state = constraints.extend(r.state, h);
                if (!state) continue;
                std::uint32_t nd = r.depth + 1;
                if (dominance && !dominated.admit(c, nd, *state)) continue;
                if (!countState()) break;
                recs.push_back({idx, c, h, nd, *state});
                auto ni = static_cast<std::int64_t>(recs.size() - 1);
                if (!countsHold(ni, false)) {
                    recs.pop_back();
                    continue;
                }
                if (isTarget(c) && nd >= spec_.minLength && countsHold(ni, true) && quota.take(c, nd) && !emit(ni))
                    return;
                if (closesCycle && simple) continue;
                if (!spec_.maxLength || nd < *spec_.maxLength) next.push_back(ni);
            }
            if (full()) break;
            ctx_.checkCancelled();
        }
        frontier.swap(next);
    }
}

} // namespace corridor::query::executor::trace
