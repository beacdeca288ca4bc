// The TRACE enumeration's parts, alone: constraint extension (scale order, time order, SAME),
// the dominance table, the per-mode quotas and the count limits.

#include "query/executor/trace/count_limits.h"
#include "query/executor/trace/dominance_table.h"
#include "query/executor/trace/mode_quota.h"
#include "query/executor/trace/path_constraints.h"

#include <doctest/doctest.h>
#include <map>

using namespace corridor::query::executor;
using namespace corridor::query::executor::trace;
using Mode = corridor::query::algebra::TraceSpec::Mode;
using ScaleOrder = corridor::query::algebra::TraceSpec::ScaleOrder;

namespace {
// Nodes 1..9; rank = the node's number for 1..3 (national 3, provincial 2, local 1), none above.
int rankOf(TermId node) {
    return node <= 3 ? static_cast<int>(node) : kNoRank;
}
Hop hop(TermId from, TermId to, std::uint32_t step = 0) {
    return {from, to, step};
}
} // namespace

TEST_CASE("scales down: a step may not climb; a node without a scale keeps the last rank") {
    ConstraintExtension::Rules rules;
    rules.scale = ScaleOrder::Down;
    ConstraintExtension c(rules, rankOf, {}, {});
    PathState national = c.start(3);
    CHECK(national.rank == 3);
    auto provincial = c.extend(national, hop(3, 2));
    REQUIRE(provincial);
    CHECK(provincial->rank == 2);
    CHECK_FALSE(c.extend(*provincial, hop(2, 3))); // back up: refused
    auto firm = c.extend(*provincial, hop(2, 7));  // no scale: allowed, rank kept
    REQUIRE(firm);
    CHECK(firm->rank == 2);
    CHECK_FALSE(c.extend(*firm, hop(7, 3)));
    CHECK(c.extend(*firm, hop(7, 1)));
    // Dominance: a lower rank allows less going down than a higher one.
    CHECK(c.atLeastAsPermissive(national, *provincial));
    CHECK_FALSE(c.atLeastAsPermissive(*provincial, national));
}

TEST_CASE("time order and SAME: each step's value must follow the last; one value along the path") {
    std::map<std::uint32_t, TimeKey> times;
    times[1].number = 2006;
    times[2].number = 2010;
    times[3].number = 2008;
    ConstraintExtension::Rules rules;
    rules.timeOrdered = true;
    rules.sameValue = true;
    StepTime time = [&](std::uint32_t step) -> const TimeKey* {
        auto it = times.find(step);
        return it == times.end() ? nullptr : &it->second;
    };
    StepValue same = [](std::uint32_t step) { return step == 9 ? kUnbound : TermId{42}; };
    ConstraintExtension c(rules, rankOf, time, same);
    PathState s = c.start(5);
    auto a = c.extend(s, hop(5, 6, 1));
    REQUIRE(a);
    CHECK(a->same == 42);
    auto b = c.extend(*a, hop(6, 7, 2)); // 2006 -> 2010
    REQUIRE(b);
    CHECK_FALSE(c.extend(*b, hop(7, 8, 3))); // 2010 -> 2008: back in time
    CHECK_FALSE(c.extend(*b, hop(7, 8, 9))); // the SAME variable unbound at this step
    // An earlier time allows every step a later one does.
    CHECK(c.atLeastAsPermissive(*a, *b));
    CHECK_FALSE(c.atLeastAsPermissive(*b, *a));
}

TEST_CASE("dominance: a path no shorter and no more permissive than an earlier one is dropped") {
    ConstraintExtension::Rules rules;
    rules.scale = ScaleOrder::Down;
    ConstraintExtension c(rules, rankOf, {}, {});
    PathState high{3, nullptr, kUnbound}, low{1, nullptr, kUnbound};
    DominanceTable shortest(c, /*sameLengthDominates=*/true);
    CHECK(shortest.admit(7, 2, low));
    CHECK(shortest.admit(7, 2, high));      // more permissive than the earlier one: kept
    CHECK_FALSE(shortest.admit(7, 2, low)); // dominated by the first of the same length
    CHECK_FALSE(shortest.admit(7, 3, low));
    CHECK(shortest.admit(8, 3, low)); // another node
    DominanceTable allShortest(c, /*sameLengthDominates=*/false);
    CHECK(allShortest.admit(7, 2, low));
    CHECK(allShortest.admit(7, 2, low)); // same length: both are shortest paths
    CHECK_FALSE(allShortest.admit(7, 3, low));
}

TEST_CASE("quotas: how many paths each mode takes per target, and when the targets are done") {
    ModeQuota one(Mode::Shortest, 1);
    CHECK(one.take(7, 2));
    CHECK_FALSE(one.take(7, 2));
    CHECK_FALSE(one.satisfied({7, 8}));
    CHECK(one.take(8, 3));
    CHECK(one.satisfied({7, 8}));
    ModeQuota least(Mode::AllShortest, 1);
    CHECK(least.take(7, 2));
    CHECK(least.take(7, 2));
    CHECK_FALSE(least.take(7, 3));
    ModeQuota k(Mode::KShortest, 2);
    CHECK(k.take(7, 2));
    CHECK_FALSE(k.satisfied({7}));
    CHECK(k.take(7, 3));
    CHECK(k.satisfied({7}));
    CHECK_FALSE(k.take(7, 4));
    ModeQuota all(Mode::All, 1);
    CHECK(all.take(7, 2));
    CHECK(all.take(7, 2));
    CHECK_FALSE(all.satisfied({7}));
}

TEST_CASE("count limits: distinct values over the path's nodes; partial paths cut only when hopeless") {
    // Node n has the value n % 3 (countries, say); node 9 has none.
    CountLimits::Values values = [](const CountLimit&, TermId node, std::vector<TermId>& out) {
        if (node != 9) out.push_back(node % 3);
    };
    CountLimits atLeastTwo({{false, 100, ">=", 2}}, values);
    std::vector<TermId> one = {3, 6, 9}, two = {3, 4};
    CHECK(atLeastTwo.hold(one, /*final=*/false)); // may still reach two
    CHECK_FALSE(atLeastTwo.hold(one, /*final=*/true));
    CHECK(atLeastTwo.hold(two, true));
    CountLimits exactlyOne({{false, 100, "=", 1}}, values);
    CHECK(exactlyOne.hold(one, true));
    CHECK_FALSE(exactlyOne.hold(two, false)); // already two: no longer path can get back to one
    CountLimits below({{false, 100, "<", 2}}, values);
    CHECK_FALSE(below.hold(two, false));
    CHECK(CountLimits({}, values).empty());
}
