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
    enum class Kind { First, Dependent, Merge, Adaptive };
    std::size_t pattern = 0; // index into the input
    Kind kind = Kind::First;
    double patternRows = 0; // estimated rows of the pattern per run, its variables bound so far
    double planRows = 0;    // estimated rows of the plan up to and including this step
    std::string sortedOn;   // the variable the plan's rows come sorted on after it ("" if none)
    // Adaptive: the pattern's variables the plan so far binds, and from how many rows of the plan
    // reading the pattern whole into a hash table beats probing the index per row.
    std::vector<std::string> hashKeys;
    double hashFromRows = 0;
    double wholeRows = 0; // Adaptive: the pattern's rows with only the seed bound (one pass reads them)
    // Adaptive with two keys or more: the ways to probe, each a non-empty subset of hashKeys bound
    // (the others checked against the matches) and what one probe costs in rows read, the seek
    // included (kProbeRows + its rows). The whole key comes first; subsets only within
    // kProbeChoiceCostRatio of its cost. The join picks by the distinct keys of its rows
    // (executor/adaptive_join_op.h).
    struct ProbeChoice {
        std::vector<std::string> keys;
        double costPerProbe = 0;
    };
    std::vector<ProbeChoice> probeChoices;
};

struct JoinOrderInput {
    const std::vector<algebra::TriplePattern>* patterns = nullptr;
    std::set<std::string> bound; // variables bound before the first pattern runs
    const Cardinality* cardinality = nullptr;
    // The variable a scan of the pattern (its constants bound only) returns its rows sorted on, or "".
    std::function<std::string(const algebra::TriplePattern&)> sortVariable;
    std::function<void()> checkCancelled; // called once per step (thousands of patterns take a while)
    bool hashJoins = true;                // whether a step may read its pattern whole into a hash table
};

std::vector<JoinStep> orderJoins(const JoinOrderInput& input);

// A merge join reads both sides once: worth it while the new side has at most this many times the
// rows of the plan so far (past that, probing the index per row reads less).
inline constexpr double kMergeLengthRatio = 8;

// A join can read the new pattern whole (its constants bound only) into a hash table and look each
// row of the plan so far up in it, or probe the index once per row. A probe is a seek that costs
// about as much as reading and hashing this many rows in order, and it also reads the rows it
// finds, so hashing pays from (whole pattern rows / (ratio + rows per probe)) rows of the plan on:
// the adaptive join (executor/adaptive_join_op.h) counts the real rows and decides. Measured on
// LUBM(10), where a seek answered by the SPOG prefix filter (a pattern the plan binds entirely)
// took 0.85 us and reading and hashing a row 0.29 us: a probe counts as 3 rows whether or not it
// binds new variables (docs/decisions.md, "The hash table is flat").
inline constexpr double kProbeRows = 3;
// The adaptive join gathers left rows before it decides (no streaming until then), so it is
// planned only where hashing may pay: the estimate of the plan's rows reaches this fraction of
// the threshold (estimates of joined rows are often off by an order of magnitude).
inline constexpr double kAdaptiveEstimateFraction = 1.0 / 16;
// An adaptive join is offered probes on fewer keys than it has when one costs at most this many
// times a probe on all of them (in rows read): the keys left out are then nearly fixed by the
// others (LUBM's ?X memberOf ?Z: one department per student), and probing fewer distinct keys
// saves seeks. Dearer choices would win only on rows whose keys repeat far more, and weighing
// each costs the join a count of distinct keys over its gathered rows.
inline constexpr double kProbeChoiceCostRatio = 2;
// A path pattern probed from a bound node runs a closure there (several seeks), where a triple
// pattern costs one seek: choosing the first pattern, a path from a constant competes with its
// estimate divided by this many rows. Measured on LUBM(10)'s L7: a closure per row took about
// 1.4 us, a row read in order 0.06-0.1 us (docs/decisions.md, "Classes are counted").
inline constexpr double kPathProbeRows = 8;

} // namespace corridor::query::planner
