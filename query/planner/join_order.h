#pragma once
// The order in which a group of triple and path patterns is joined, and how each one joins what
// came before: a plain logical plan, no operators. Greedy: at each step the pattern with the
// fewest estimated rows among those that share a variable with what is bound (a cross product
// only when nothing does); a merge join where both sides come sorted on the one variable they
// share and the new side is not much longer. Planner::bgp maps the steps onto operators.

#include "query/algebra/pattern.h"
#include "query/planner/cardinality.h"

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace corridor::query::planner {

struct JoinStep {
    enum class Kind { First, Dependent, Merge };
    std::size_t pattern = 0; // index into the input
    Kind kind = Kind::First;
    double patternRows = 0; // estimated rows of the pattern per run, its variables bound so far
    double planRows = 0;    // estimated rows of the plan up to and including this step
    std::string sortedOn;   // the variable the plan's rows come sorted on after it ("" if none)
};

struct JoinOrderInput {
    const std::vector<algebra::TriplePattern>* patterns = nullptr;
    std::set<std::string> bound; // variables bound before the first pattern runs
    const Cardinality* cardinality = nullptr;
    // The variable a scan of the pattern (its constants bound only) returns its rows sorted on, or "".
    std::function<std::string(const algebra::TriplePattern&)> sortVariable;
    std::function<void()> checkCancelled; // called once per step (thousands of patterns take a while)
};

std::vector<JoinStep> orderJoins(const JoinOrderInput& input);

// A merge join reads both sides once: worth it while the new side has at most this many times the
// rows of the plan so far (past that, probing the index per row reads less).
inline constexpr double kMergeLengthRatio = 8;

} // namespace corridor::query::planner
