// When a join or an OPTIONAL runs its right side once per left row with that row's values bound
// (a dependent join), instead of reading the right side whole into a hash table: when the right
// side is a group of patterns, where binding the values first gives the rows the join would, and
// the estimates say the probes read fewer rows. A few left rows and a UNION of alternatives, or an
// OPTIONAL detail, no longer read every quad of the alternatives' or the detail's predicates.

#include "query/algebra/scope.h"
#include "query/executor/join_ops.h"
#include "query/executor/row_ops.h"
#include "query/executor/set_ops.h"
#include "query/planner/join_order.h"
#include "query/planner/planner.h"

#include <algorithm>

namespace corridor::query::planner {

using algebra::Node;
using algebra::Op;

namespace {

bool mentionsExists(const algebra::Expr& e) {
    if (e.kind == algebra::Expr::Kind::Exists || e.kind == algebra::Expr::Kind::NotExists) return true;
    for (const auto& a : e.args)
        if (a && mentionsExists(*a)) return true;
    return false;
}

// Rows an operator gives per open as planned: its own estimate, else a union's inputs' together,
// a filter's input's (at most that), an OPTIONAL's left input's (at least that; times the rows
// per probe when it probes); negative when unknown.
double expectedRows(const executor::Operator& op) {
    if (op.estimatedRows >= 0) return op.estimatedRows;
    auto inputs = op.inputs();
    if (dynamic_cast<const executor::UnionOp*>(&op) || dynamic_cast<const executor::FilterOp*>(&op)) {
        double sum = 0;
        for (const auto* input : inputs) {
            double rows = expectedRows(*input);
            if (rows < 0) return -1;
            sum += rows;
        }
        return sum;
    }
    if (dynamic_cast<const executor::LeftJoinOp*>(&op)) return expectedRows(*inputs[0]);
    if (const auto* dependent = dynamic_cast<const executor::DependentJoinOp*>(&op);
        dependent && dependent->optional()) {
        double left = expectedRows(*inputs[0]), perProbe = expectedRows(*inputs[1]);
        return left < 0 || perProbe < 0 ? -1 : left * std::max(1.0, perProbe);
    }
    return -1;
}

} // namespace

bool Planner::seedable(const Node& node) const {
    switch (node.op) {
    case Op::Bgp:
    case Op::Path: return true;
    case Op::Join: {
        std::vector<algebra::TriplePattern> ignored;
        return collectPatterns(node, ignored);
    }
    case Op::Union: return seedable(*node.children[0]) && seedable(*node.children[1]);
    case Op::Filter: {
        // A filter sees only its own group's variables: one that reads only variables its patterns
        // always bind gives the same answer whatever else the seed binds. EXISTS would see them all.
        const Node& child = *node.children[0];
        if (!seedable(child)) return false;
        std::set<std::string> certain = algebra::certainVariables(child), used;
        for (const auto& e : node.exprs) {
            if (mentionsExists(*e)) return false;
            algebra::expressionVariables(*e, used);
        }
        for (const auto& v : used)
            if (!certain.count(v)) return false;
        return true;
    }
    default: return false;
    }
}

OperatorPtr Planner::probedSide(const executor::Operator& left, const Node& leftNode, const Node& right,
                                const GraphSpec& graph, const executor::Operator& whole) {
    if (!seedable(right)) return nullptr;
    double leftRows = expectedRows(left), wholeRows = expectedRows(whole);
    if (leftRows < 0 || wholeRows < 0) return nullptr;
    OperatorPtr seeded = buildSeeded(right, graph, algebra::certainVariables(leftNode));
    double perProbe = expectedRows(*seeded);
    // A probe costs a seek (kProbeRows rows' worth) and the rows it reads; the hash table, one read
    // of the whole right side.
    if (perProbe < 0 || leftRows * (kProbeRows + perProbe) > wholeRows) return nullptr;
    return seeded;
}

} // namespace corridor::query::planner
