#pragma once
// The path searches behind TRACE.
//
// Breadth-first search over nodes (the classic algorithm) when nothing but the
// path's length matters: SHORTEST and ALL SHORTEST without scale, time or count
// constraints. Between two given nodes it runs from both ends and meets in the
// middle. Everything else (ALL, SHORTEST k, any constraint that depends on the
// path so far) enumerates partial paths level by level, pruning each step by
// the constraints; in the shortest modes a partial path is dropped when an
// earlier one reached the same node with a state at least as permissive
// (last scale rank, last time), which keeps time-respecting shortest paths
// polynomial.
//
// Results are per (start, end) pair: SHORTEST gives one path for every pair
// that is connected, ALL SHORTEST all paths of the least length for the pair,
// SHORTEST k the k shortest paths that visit no node twice, ALL every walk (or,
// with ACYCLIC, every path) within the length bounds.

#include "query/algebra/trace_spec.h"
#include "query/executor/exec_context.h"
#include "query/executor/trace/count_limits.h"
#include "query/executor/trace/node_facts.h"
#include "query/executor/trace/path_constraints.h"
#include "query/executor/trace/path_types.h"
#include "query/executor/trace/step_expander.h"
#include "query/executor/trace/time_key.h"

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace corridor::query::executor::trace {

using Mode = algebra::TraceSpec::Mode;
using ScaleOrder = algebra::TraceSpec::ScaleOrder;

struct SearchSpec {
    Mode mode = Mode::Shortest;
    std::uint64_t k = 1;
    bool acyclic = false;
    std::uint64_t minLength = 1;
    std::optional<std::uint64_t> maxLength;
    ScaleOrder scaleOrder = ScaleOrder::Any;
    bool timeOrdered = false, timeDescending = false;
    bool sameValue = false; // SAME ?v: one value of the step variable along the path
    // A count of distinct values over the path's nodes: of a property (COUNTRIES is the country
    // property's) or of the nodes' ranked scales (count_limits.h).
    using CountLimit = trace::CountLimit;
    std::vector<CountLimit> counts;
    bool sameAs = false;
    std::uint64_t maxStates = 2'000'000;
    std::uint64_t maxPaths = 100'000;
};

struct SearchStats {
    std::uint64_t states = 0; // nodes visited (breadth-first) or partial paths made (enumeration)
    bool statesCut = false;   // stopped at MAX STATES
    bool pathsCut = false;    // stopped at MAX PATHS
};

// Target nodes (canonical ids when SAMEAS); nullptr: any node.
using TargetSet = std::unordered_set<TermId>;

class TraceSearch {
public:
    TraceSearch(ExecContext& ctx, StepExpander& steps, NodeFacts& facts, SearchSpec spec, StepTime time,
                StepValue same = {});

    // Breadth-first search applies (length is all that matters).
    bool breadthFirst() const { return breadthFirst(spec_); }
    static bool breadthFirst(const SearchSpec& spec);
    // Paths from each origin (backward: into each origin), to the targets.
    void fromOrigins(const std::vector<TermId>& origins, bool backward, const TargetSet* targets,
                     std::vector<FoundPath>& out);
    // Paths between two nodes, searched from both ends (breadth-first cases only).
    void between(TermId start, TermId end, std::vector<FoundPath>& out);

    TermId canonical(TermId node) { return spec_.sameAs ? facts_.canonical(node) : node; }
    const SearchSpec& spec() const { return spec_; }
    SearchStats stats;

private:
    struct Parent {
        TermId prev; // canonical node the step came from
        Hop hop;     // in search order
    };
    struct Visit {
        std::uint32_t depth = 0;
        std::vector<Parent> parents;
    };
    using VisitMap = std::unordered_map<TermId, Visit>;

    void expandClass(TermId canon, bool backward, std::vector<Hop>& out);
    // The same, remembered: the enumeration comes back to the same nodes many times.
    const std::vector<Hop>& expandCached(TermId canon, bool backward);
    bool full() const { return stats.statesCut || stats.pathsCut; }
    bool countState();
    bool addPath(FoundPath path, bool backward, std::vector<FoundPath>& out);

    // Breadth-first from one origin.
    void bfs(TermId origin, bool backward, const TargetSet* targets, std::vector<FoundPath>& out);
    // All (or the first) chains of parents from `node` back to the root of `visits`.
    void chains(const VisitMap& visits, TermId node, std::vector<Hop>& suffix, std::vector<std::vector<Hop>>& out,
                std::size_t limit) const;

    // Level-by-level enumeration from one origin.
    void enumerate(TermId origin, bool backward, const TargetSet* targets, std::vector<FoundPath>& out);

    ExecContext& ctx_;
    StepExpander& steps_;
    NodeFacts& facts_;
    SearchSpec spec_;
    StepTime time_;
    StepValue same_;
    std::vector<Edge> edges_;
    std::unordered_map<TermId, std::vector<Hop>> adjacency_[2]; // forward, backward
    std::size_t cachedHops_ = 0;
};

} // namespace corridor::query::executor::trace
