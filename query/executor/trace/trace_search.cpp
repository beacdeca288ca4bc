// TRACE searches: shared parts and the breadth-first searches (see trace_search.h).

#include "query/executor/trace/trace_search.h"

#include <algorithm>
#include <limits>

namespace corridor::query::executor::trace {

TraceSearch::TraceSearch(ExecContext& ctx, StepExpander& steps, NodeFacts& facts, SearchSpec spec, StepTime time,
                         StepValue same)
    : ctx_(ctx), steps_(steps), facts_(facts), spec_(std::move(spec)), time_(std::move(time)), same_(std::move(same)) {}

bool TraceSearch::breadthFirst(const SearchSpec& spec) {
    return (spec.mode == Mode::Shortest || spec.mode == Mode::AllShortest) && spec.scaleOrder == ScaleOrder::Any &&
           !spec.timeOrdered && !spec.sameValue && spec.counts.empty() && spec.minLength <= 1;
}

void TraceSearch::expandClass(TermId canon, bool backward, std::vector<Hop>& out) {
    auto expandOne = [&](TermId member) {
        edges_.clear();
        steps_.expand(member, backward, edges_);
        for (const auto& e : edges_) out.push_back({member, e.next, e.step});
    };
    if (!spec_.sameAs) {
        expandOne(canon);
        return;
    }
    for (TermId member : facts_.sameAsClass(canon)) expandOne(member);
}

const std::vector<Hop>& TraceSearch::expandCached(TermId canon, bool backward) {
    auto& cache = adjacency_[backward ? 1 : 0];
    auto it = cache.find(canon);
    if (it != cache.end()) return it->second;
    // Bounded: past four million remembered steps (24 bytes each, plus the map), start again.
    constexpr std::size_t kMaxCachedHops = 4'000'000;
    if (cachedHops_ > kMaxCachedHops) {
        adjacency_[0].clear();
        adjacency_[1].clear();
        cachedHops_ = 0;
    }
    std::vector<Hop> hops;
    expandClass(canon, backward, hops);
    cachedHops_ += hops.size() + 1;
    return cache.emplace(canon, std::move(hops)).first->second;
}

bool TraceSearch::countState() {
    if (++stats.states > spec_.maxStates) stats.statesCut = true;
    return !stats.statesCut;
}

bool TraceSearch::addPath(FoundPath path, bool backward, std::vector<FoundPath>& out) {
    if (out.size() >= spec_.maxPaths) {
        stats.pathsCut = true;
        return false;
    }
    if (backward) {
        std::reverse(path.hops.begin(), path.hops.end());
        for (auto& h : path.hops) std::swap(h.from, h.to);
        std::swap(path.start, path.end);
    }
    out.push_back(std::move(path));
    return true;
}

void TraceSearch::fromOrigins(const std::vector<TermId>& origins, bool backward, const TargetSet* targets,
                              std::vector<FoundPath>& out) {
    for (TermId origin : origins) {
        if (full()) return;
        if (breadthFirst())
            bfs(origin, backward, targets, out);
        else
            enumerate(origin, backward, targets, out);
    }
}

void TraceSearch::chains(const VisitMap& visits, TermId node, std::vector<Hop>& suffix,
                         std::vector<std::vector<Hop>>& out, std::size_t limit) const {
    if (out.size() >= limit) return;
    const Visit& v = visits.at(node);
    if (v.parents.empty()) {
        out.emplace_back(suffix.rbegin(), suffix.rend());
        return;
    }
    for (const auto& p : v.parents) {
        suffix.push_back(p.hop);
        chains(visits, p.prev, suffix, out, limit);
        suffix.pop_back();
        if (spec_.mode == Mode::Shortest || out.size() >= limit) return;
    }
}

void TraceSearch::bfs(TermId origin, bool backward, const TargetSet* targets, std::vector<FoundPath>& out) {
    const TermId oc = canonical(origin);
    auto isTarget = [&](TermId c) { return !targets || targets->count(c) > 0; };
    VisitMap visits;
    visits[oc];
    std::vector<TermId> reached; // targets, in the order found
    Visit cycle;                 // steps back into the origin
    std::size_t targetsLeft = targets ? targets->size() : std::numeric_limits<std::size_t>::max();
    // With MIN LENGTH 0 the origin is its own shortest path; no cycle back to it is then shorter.
    bool originDone = spec_.minLength == 0 && isTarget(oc);
    if (originDone) {
        addPath({origin, origin, {}}, backward, out);
        if (targets) --targetsLeft;
    }
    std::vector<TermId> frontier = {oc}, next;
    std::vector<Hop> hops;
    for (std::uint32_t depth = 0; !frontier.empty() && !full(); ++depth) {
        if (spec_.maxLength && depth >= *spec_.maxLength) break;
        if (targetsLeft == 0) break;
        next.clear();
        for (TermId u : frontier) {
            hops.clear();
            expandClass(u, backward, hops);
            for (const auto& h : hops) {
                TermId c = canonical(h.to);
                if (c == oc) {
                    if (!isTarget(oc) || originDone) continue;
                    if (cycle.parents.empty()) {
                        cycle.depth = depth + 1;
                        if (targets) --targetsLeft;
                    } else if (spec_.mode != Mode::AllShortest || cycle.depth != depth + 1) {
                        continue;
                    }
                    cycle.parents.push_back({u, h});
                    continue;
                }
                auto [it, inserted] = visits.try_emplace(c);
                if (inserted) {
                    it->second.depth = depth + 1;
                    it->second.parents.push_back({u, h});
                    if (!countState()) break;
                    next.push_back(c);
                    if (isTarget(c)) {
                        reached.push_back(c);
                        if (targets) --targetsLeft;
                    }
                } else if (spec_.mode == Mode::AllShortest && it->second.depth == depth + 1) {
                    it->second.parents.push_back({u, h});
                }
            }
            if (full()) break;
        }
        frontier.swap(next);
    }

    std::vector<std::vector<Hop>> found;
    std::vector<Hop> suffix;
    auto emit = [&](const std::vector<std::vector<Hop>>& list) {
        for (const auto& hopsOfPath : list) {
            FoundPath p{origin, hopsOfPath.back().to, hopsOfPath};
            if (!addPath(std::move(p), backward, out)) return false;
        }
        return true;
    };
    for (TermId c : reached) {
        found.clear();
        chains(visits, c, suffix, found, spec_.maxPaths - std::min(spec_.maxPaths, out.size()) + 1);
        if (!emit(found)) return;
    }
    for (const auto& p : cycle.parents) {
        found.clear();
        suffix = {p.hop};
        chains(visits, p.prev, suffix, found, spec_.maxPaths - std::min(spec_.maxPaths, out.size()) + 1);
        suffix.clear();
        if (!emit(found)) return;
        if (spec_.mode == Mode::Shortest) break;
    }
}

void TraceSearch::between(TermId start, TermId end, std::vector<FoundPath>& out) {
    const TermId sc = canonical(start), tc = canonical(end);
    if (sc == tc) {
        TargetSet only = {tc};
        bfs(start, false, &only, out);
        return;
    }
    VisitMap side[2];
    side[0][sc];
    side[1][tc];
    std::vector<TermId> frontier[2] = {{sc}, {tc}}, order[2] = {{sc}, {tc}};
    std::uint32_t level[2] = {0, 0};
    std::uint64_t best = std::numeric_limits<std::uint64_t>::max();
    std::vector<TermId> next;
    std::vector<Hop> hops;
    while (!full()) {
        if (best <= static_cast<std::uint64_t>(level[0]) + level[1]) break;
        if (spec_.maxLength && level[0] + level[1] >= *spec_.maxLength) break;
        if (frontier[0].empty() || frontier[1].empty()) break;
        int d = frontier[0].size() <= frontier[1].size() ? 0 : 1;
        next.clear();
        for (TermId u : frontier[d]) {
            hops.clear();
            expandClass(u, d == 1, hops);
            for (const auto& h : hops) {
                TermId c = canonical(h.to);
                auto [it, inserted] = side[d].try_emplace(c);
                if (inserted) {
                    it->second.depth = level[d] + 1;
                    it->second.parents.push_back({u, h});
                    if (!countState()) break;
                    next.push_back(c);
                    order[d].push_back(c);
                    auto other = side[1 - d].find(c);
                    if (other != side[1 - d].end())
                        best = std::min<std::uint64_t>(best, level[d] + 1 + other->second.depth);
                } else if (spec_.mode == Mode::AllShortest && it->second.depth == level[d] + 1) {
                    it->second.parents.push_back({u, h});
                }
            }
            if (full()) break;
        }
        ++level[d];
        frontier[d].swap(next);
    }
    if (best == std::numeric_limits<std::uint64_t>::max() || (spec_.maxLength && best > *spec_.maxLength)) return;
    // Every shortest path has exactly one node at distance k from the start, and
    // both searches have finished that node's parents.
    auto k = static_cast<std::uint32_t>(std::min<std::uint64_t>(level[0], best));
    std::vector<std::vector<Hop>> heads, tails;
    std::vector<Hop> suffix;
    for (TermId m : order[0]) {
        const Visit& f = side[0].at(m);
        if (f.depth != k) continue;
        auto b = side[1].find(m);
        if (b == side[1].end() || b->second.depth != best - k) continue;
        std::size_t limit = spec_.maxPaths - std::min(spec_.maxPaths, out.size()) + 1;
        heads.clear();
        tails.clear();
        chains(side[0], m, suffix, heads, limit);
        chains(side[1], m, suffix, tails, limit);
        for (const auto& head : heads) {
            for (const auto& tail : tails) {
                FoundPath p{start, end, head};
                // The tail was found walking backwards from the end: turn it around.
                for (auto it = tail.rbegin(); it != tail.rend(); ++it) p.hops.push_back({it->to, it->from, it->step});
                if (!addPath(std::move(p), false, out)) return;
                if (spec_.mode == Mode::Shortest) return;
            }
        }
    }
}

} // namespace corridor::query::executor::trace
