// TRACE searches: level-by-level enumeration of partial paths (see trace_search.h).

#include "query/executor/trace/trace_search.h"

#include <algorithm>
#include <set>

namespace corridor::query::executor::trace {

namespace {

struct Rec {
    std::int64_t parent; // -1 at the origin
    TermId canon;
    Hop hop; // the step that made this partial path (origin: from = to = origin)
    std::uint32_t depth;
    int rank;            // last known scale rank along the path
    const TimeKey* time; // last known time along the path
    TermId same;         // the SAME variable's value (kUnbound before the first step)
};

struct Label {
    std::uint32_t depth;
    int rank;
    const TimeKey* time;
    TermId same;
};

bool compareCount(std::uint64_t value, const std::string& op, std::uint64_t n) {
    if (op == "<") return value < n;
    if (op == "<=") return value <= n;
    if (op == "=") return value == n;
    if (op == ">") return value > n;
    return value >= n;
}

} // namespace

void TraceSearch::enumerate(TermId origin, bool backward, const TargetSet* targets, std::vector<FoundPath>& out) {
    // In search order, a backward search sees the path's constraints mirrored.
    const bool descending = spec_.timeDescending != backward;
    ScaleOrder scale = spec_.scaleOrder;
    if (backward && scale != ScaleOrder::Any) scale = scale == ScaleOrder::Down ? ScaleOrder::Up : ScaleOrder::Down;
    const bool shortest = spec_.mode != Mode::All;
    const bool simple = spec_.acyclic || shortest; // no node twice
    const bool dominance = (spec_.mode == Mode::Shortest || spec_.mode == Mode::AllShortest) && spec_.counts.empty() &&
                           spec_.minLength <= 1;
    const TermId oc = canonical(origin);
    auto isTarget = [&](TermId c) { return !targets || targets->count(c) > 0; };
    auto rankOf = [&](TermId node) { return scale == ScaleOrder::Any ? kNoRank : facts_.rank(node); };

    std::vector<Rec> recs;
    recs.push_back({-1, oc, {origin, origin, 0}, 0, rankOf(origin), nullptr, kUnbound});

    auto onPath = [&](std::int64_t i, TermId c) {
        for (; i >= 0; i = recs[i].parent)
            if (recs[i].canon == c) return true;
        return false;
    };
    // The count limits on the partial path ending at rec i; `final`: all of them,
    // else only those that a longer path cannot satisfy again.
    auto countsHold = [&](std::int64_t i, bool final) {
        if (spec_.counts.empty()) return true;
        std::vector<std::set<TermId>> seen(spec_.counts.size());
        for (; i >= 0; i = recs[i].parent) {
            TermId node = recs[i].hop.to;
            for (std::size_t k = 0; k < spec_.counts.size(); ++k) {
                const auto& limit = spec_.counts[k];
                if (limit.scales) {
                    if (TermId s = facts_.scale(node)) seen[k].insert(s);
                } else if (limit.property) {
                    for (TermId v : facts_.values(limit.property, node)) seen[k].insert(v);
                }
            }
        }
        for (std::size_t k = 0; k < spec_.counts.size(); ++k) {
            const auto& limit = spec_.counts[k];
            std::uint64_t value = seen[k].size();
            if (final) {
                if (!compareCount(value, limit.op, limit.n)) return false;
            } else if ((limit.op == "<" && value >= limit.n) ||
                       ((limit.op == "<=" || limit.op == "=") && value > limit.n)) {
                return false;
            }
        }
        return true;
    };
    auto permissive = [&](const Label& l, int rank, const TimeKey* time, TermId same) {
        if (l.same != kUnbound && l.same != same) return false;
        if (scale != ScaleOrder::Any && l.rank != kNoRank) {
            if (rank == kNoRank) return false;
            if (scale == ScaleOrder::Down ? l.rank < rank : l.rank > rank) return false;
        }
        if (spec_.timeOrdered && l.time) {
            if (!time || !atLeastAsPermissive(*l.time, *time, descending)) return false;
        }
        return true;
    };
    std::unordered_map<TermId, std::vector<Label>> labels;
    std::unordered_map<TermId, std::uint64_t> found; // per target: paths (SHORTEST k) or least length
    auto emit = [&](std::int64_t i) {
        FoundPath p{origin, recs[i].hop.to, {}};
        for (std::int64_t j = i; recs[j].parent >= 0; j = recs[j].parent) p.hops.push_back(recs[j].hop);
        std::reverse(p.hops.begin(), p.hops.end());
        return addPath(std::move(p), backward, out);
    };
    auto wanted = [&](TermId c, std::uint32_t depth) {
        switch (spec_.mode) {
        case Mode::All: return true;
        case Mode::Shortest: return found.emplace(c, depth).second;
        case Mode::AllShortest: return found.emplace(c, depth).first->second == depth;
        case Mode::KShortest: return ++found[c] <= spec_.k;
        }
        return false;
    };
    auto targetsDone = [&] {
        if (!targets || !shortest) return false;
        for (TermId t : *targets) {
            auto it = found.find(t);
            if (it == found.end()) return false;
            if (spec_.mode == Mode::KShortest && it->second < spec_.k) return false;
        }
        return true;
    };

    if (spec_.minLength == 0 && isTarget(oc) && countsHold(0, true) && wanted(oc, 0) && !emit(0)) return;
    if (dominance) labels[oc].push_back({0, recs[0].rank, nullptr, kUnbound});

    std::vector<std::int64_t> frontier = {0}, next;
    for (std::uint32_t depth = 0; !frontier.empty() && !full(); ++depth) {
        if (spec_.maxLength && depth >= *spec_.maxLength) break;
        if (targetsDone()) break;
        next.clear();
        for (std::int64_t idx : frontier) {
            for (const auto& h : expandCached(recs[idx].canon, backward)) {
                const Rec r = recs[idx];
                TermId c = canonical(h.to);
                bool closesCycle = c == oc;
                if (simple && !closesCycle && onPath(idx, c)) continue;
                if (simple && closesCycle && !isTarget(oc)) continue;
                int rank = r.rank;
                if (scale != ScaleOrder::Any) {
                    int x = facts_.rank(h.to);
                    if (x != kNoRank) {
                        if (r.rank != kNoRank && (scale == ScaleOrder::Down ? x > r.rank : x < r.rank)) continue;
                        rank = x;
                    }
                }
                const TimeKey* time = r.time;
                if (spec_.timeOrdered) {
                    if (const TimeKey* x = time_(h.step)) {
                        if (r.time && !mayFollow(*r.time, *x, descending)) continue;
                        time = x;
                    }
                }
                TermId same = r.same;
                if (spec_.sameValue) {
                    TermId v = same_(h.step);
                    if (v == kUnbound || (same != kUnbound && v != same)) continue;
                    same = v;
                }
                std::uint32_t nd = r.depth + 1;
                if (dominance) {
                    auto& list = labels[c];
                    bool dominated = std::any_of(list.begin(), list.end(), [&](const Label& l) {
                        return (l.depth < nd || (spec_.mode == Mode::Shortest && l.depth == nd)) &&
                               permissive(l, rank, time, same);
                    });
                    if (dominated) continue;
                    list.push_back({nd, rank, time, same});
                }
                if (!countState()) break;
                recs.push_back({idx, c, h, nd, rank, time, same});
                auto ni = static_cast<std::int64_t>(recs.size() - 1);
                if (!countsHold(ni, false)) {
                    recs.pop_back();
                    continue;
                }
                if (isTarget(c) && nd >= spec_.minLength && countsHold(ni, true) && wanted(c, nd) && !emit(ni)) return;
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
