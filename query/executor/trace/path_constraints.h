#pragma once
// The TRACE constraints that depend on the path so far (SCALES DOWN/UP, ASCENDING or
// DESCENDING ?v, SAME ?v): the state a partial path carries for them, how one more step
// extends that state or breaks a constraint, and when one state allows every continuation
// another allows (so that the enumeration may drop the other, dominance_table.h).

#include "query/algebra/trace_spec.h"
#include "query/executor/batch.h"
#include "query/executor/trace/node_facts.h"
#include "query/executor/trace/path_types.h"
#include "query/executor/trace/time_key.h"

#include <functional>
#include <optional>

namespace corridor::query::executor::trace {

// The time value of a step, or nullptr when the step has none.
using StepTime = std::function<const TimeKey*(std::uint32_t step)>;
// The value of the SAME variable at a step (kUnbound when the step has none).
using StepValue = std::function<TermId(std::uint32_t step)>;

struct PathState {
    int rank = kNoRank;            // the last known scale rank along the path
    const TimeKey* time = nullptr; // the last known time along the path
    TermId same = kUnbound;        // the SAME variable's value (kUnbound before the first step)
};

class ConstraintExtension {
public:
    struct Rules {
        algebra::TraceSpec::ScaleOrder scale = algebra::TraceSpec::ScaleOrder::Any; // in search order
        bool timeOrdered = false;
        bool descending = false; // times decrease along the search
        bool sameValue = false;
    };
    // `rankOf`: a node's scale rank (kNoRank when it has none).
    ConstraintExtension(Rules rules, std::function<int(TermId)> rankOf, StepTime time, StepValue same);

    PathState start(TermId origin) const;
    // The state after `hop`, or nullopt when the step breaks a constraint.
    std::optional<PathState> extend(const PathState& state, const Hop& hop) const;
    // Can a path in state `a` continue in every way one in state `b` can?
    bool atLeastAsPermissive(const PathState& a, const PathState& b) const;

private:
    Rules rules_;
    std::function<int(TermId)> rankOf_;
    StepTime time_;
    StepValue same_;
};

} // namespace corridor::query::executor::trace
