#pragma once
// The plan stage: algebra -> physical operators. Chooses the order of triple
// patterns in each basic graph pattern from the store's statistics (most
// selective first, connected to what is already bound), places each FILTER
// right after the pattern that binds its last variable, and picks dependent
// (index nested loop) or hash joins.

#include "query/algebra/algebra.h"
#include "query/executor/expression.h"
#include "query/executor/scan_op.h"
#include "query/executor/service_op.h"
#include "query/planner/cardinality.h"
#include "storage/statistics.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace corridor::query::planner {

using executor::CompiledExpr;
using executor::GraphSpec;
using executor::OperatorPtr;

// Variable name -> row slot, for the whole query (subqueries and EXISTS included).
class SlotMap {
public:
    static SlotMap forQuery(const algebra::Query& query);
    int slot(const std::string& name) const;
    bool has(const std::string& name) const { return slots_.count(name) > 0; }
    std::size_t width() const { return names_.size(); }
    const std::vector<std::string>& names() const { return names_; }
    void add(const std::string& name);

private:
    std::map<std::string, int> slots_;
    std::vector<std::string> names_;
};

// The context slot that holds the active graph inside GRAPH ?g { ... }.
std::string graphContextSlot(const algebra::Node& graphNode);

class Planner {
public:
    Planner(executor::ExecContext& ctx, const SlotMap& slots, const storage::Statistics& stats,
            const std::string& text);

    // Whether operators get the labels --explain prints (off for a plain execution: building them
    // is a few percent of a short query's planning).
    void labelOperators(bool on) { labelled_ = on; }

    OperatorPtr build(const algebra::Node& node, const GraphSpec& graph);
    CompiledExpr compile(const algebra::Expr& expr, const GraphSpec& graph);
    GraphSpec defaultGraph() const { return GraphSpec{}; }

private:
    OperatorPtr bgp(const std::vector<algebra::TriplePattern>& triples, const std::vector<algebra::ExprPtr>& filters,
                    const GraphSpec& graph);
    OperatorPtr graphNode(const algebra::Node& node);
    OperatorPtr join(const algebra::Node& node, const GraphSpec& graph);
    // build() with `vars` counted as bound by the seed each open brings (a dependent join's right side).
    OperatorPtr buildSeeded(const algebra::Node& node, const GraphSpec& graph, const std::set<std::string>& vars);
    OperatorPtr trace(const algebra::Node& node, const GraphSpec& graph); // plan_trace.cpp
    // plan_probed_side.cpp: whether `node` gives the same rows run with a seed's values bound as
    // joined with them (patterns, unions of them, filters over their own variables); and `right`
    // planned to run once per row of `left` when that reads less than `whole` (right planned to
    // be read whole) does by the estimates, else null.
    bool seedable(const algebra::Node& node) const;
    OperatorPtr probedSide(const executor::Operator& left, const algebra::Node& leftNode, const algebra::Node& right,
                           const GraphSpec& graph, const executor::Operator& whole);
    executor::ServiceOp::Spec serviceSpec(const algebra::Node& node) const;
    std::string sortVariable(const algebra::TriplePattern& t, const GraphSpec& graph) const;
    bool collectPatterns(const algebra::Node& node, std::vector<algebra::TriplePattern>& out) const;
    executor::PatternSlot patternSlot(const algebra::VarOrTerm& t, bool internUnknown);
    std::vector<int> joinKeys(const algebra::Node& a, const algebra::Node& b) const;
    std::string label(const algebra::TriplePattern& t) const;
    [[noreturn]] void unsupported(const std::string& message, const SourceSpan& span) const;

    executor::ExecContext& ctx_;
    const SlotMap& slots_;
    Cardinality cardinality_;
    const std::string& text_;
    // Variables the plan being built will find bound in its seed (a TRACE step pattern opened
    // per node, the right side of a dependent join opened per row): join orders start from them.
    // Set by buildSeeded().
    std::set<std::string> seeded_;
    // Set while a TRACE step pattern is planned: its scans keep small probes there (probe_memo.h).
    executor::ProbeMemo* probeMemo_ = nullptr;
    bool labelled_ = true;
};

} // namespace corridor::query::planner
