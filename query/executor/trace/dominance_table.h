#pragma once
// Dominance in the shortest modes of the TRACE enumeration: a partial path that reaches a node
// no sooner than an earlier one, in a state that allows no continuation the earlier one does
// not (path_constraints.h), can add no shortest path, and is dropped. This keeps a
// time-respecting or scale-ordered shortest search polynomial.

#include "query/executor/trace/path_constraints.h"

#include <unordered_map>
#include <vector>

namespace corridor::query::executor::trace {

class DominanceTable {
public:
    // `sameLengthDominates`: an earlier path of the same length dominates too (SHORTEST keeps one
    // path per node; ALL SHORTEST keeps every path of the least length).
    DominanceTable(const ConstraintExtension& constraints, bool sameLengthDominates)
        : constraints_(constraints), sameLengthDominates_(sameLengthDominates) {}

    // False when a path recorded earlier dominates this one; else records it and returns true.
    bool admit(TermId node, std::uint32_t length, const PathState& state);

private:
    struct Label {
        std::uint32_t length;
        PathState state;
    };
    const ConstraintExtension& constraints_;
    bool sameLengthDominates_;
    std::unordered_map<TermId, std::vector<Label>> labels_;
};

} // namespace corridor::query::executor::trace
