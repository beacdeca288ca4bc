#pragma once
// How many rows one triple or path pattern gives per run, given which of its variables are
// already bound when it runs: the numbers join ordering compares. From the store's statistics
// (quads per predicate, distinct subjects and objects per predicate) and, for patterns of
// constants, from counting the matches themselves up to a small limit.

#include "query/algebra/pattern.h"
#include "storage/read_view.h"
#include "storage/statistics.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>

namespace corridor::query::planner {

class Cardinality {
public:
    Cardinality(const storage::ReadView& view, const storage::Statistics& stats) : view_(view), stats_(stats) {}
    const storage::Statistics& statistics() const { return stats_; }

    // Rows of `t` for one binding of the variables in `bound` (all of its rows when none is).
    double estimate(const algebra::TriplePattern& t, const std::set<std::string>& bound) const;

    // A pattern with two or three constants and no bound variable is counted, up to this many
    // matches: averages mislead most there (rdf:type with a rare class).
    static constexpr std::uint64_t kExactCountLimit = 256;
    // A path search from a bound end: its reach is unknown without running it; a modest number
    // that puts it after selective scans and before unbound ones (it is memoised per start).
    static constexpr double kPathReach = 20;
    // p+ and p* of one IRI (or its inverse) from a bound end: each level multiplies the nodes by
    // p's average fan (quads per distinct subject forwards, per distinct object backwards), summed
    // over this many levels and capped by the distinct nodes at the far end. The hierarchies met
    // in practice are 2-4 levels deep (firm, zone, municipality, province, country; LUBM's
    // sub-organisations); 8 keeps a fan near 1 from being read as a reach of 1, and a fan above 2
    // reaches the cap well before.
    static constexpr int kPathLevels = 8;
    // A variable predicate: no per-predicate statistics apply. Subjects have a handful of
    // statements; objects (classes, shared values) collect many more; a subject and object pair
    // rarely more than one or two.
    static constexpr double kStatementsPerSubject = 20;
    static constexpr double kStatementsPerObject = 200;
    static constexpr double kStatementsPerPair = 2;

private:
    // The reach of a closure of one IRI from its bound end (`forward`: from the subject); nullopt
    // for other paths.
    std::optional<double> closureReach(const algebra::Path& path, bool forward) const;
    // Quads matching the constants of `t` (any graph), or nullopt past `limit`.
    std::optional<std::uint64_t> countUpTo(const algebra::TriplePattern& t, std::uint64_t limit) const;

    const storage::ReadView& view_;
    const storage::Statistics& stats_;
};

} // namespace corridor::query::planner
