// Rewrite: push FILTER conjuncts down to where their variables are bound.
//
//   Filter(c, Join(A, B))      -> Join(Filter(c, A), B)   when every variable of c is certainly bound by A
//   Filter(c, LeftJoin(A, B))  -> LeftJoin(Filter(c, A), B)   (same condition, on the left side only)
//   Filter(c, Union(A, B))     -> Union(Filter(c, A), Filter(c, B))
//   Filter(c, Extend(A, v, e)) -> Extend(Filter(c, A), v, e)  when c does not mention v
//
// A conjunction a && b is two conjuncts, each placed on its own.
//
// A conjunct with EXISTS stays where it is (its pattern may need the other side's
// bindings), as do conjuncts with functions whose value may differ per call
// (RAND, BNODE, UUID, STRUUID; NOW is one value for the whole query). Each moved conjunct sees exactly the
// bindings it saw before, so results do not change; the planner then places it
// right after the pattern that binds its last variable.

#include "query/algebra/scope.h"
#include "query/planner/rewrites.h"

#include <algorithm>

namespace corridor::query::planner {

using algebra::Expr;
using algebra::ExprPtr;
using algebra::Node;
using algebra::NodePtr;
using algebra::Op;

namespace {

bool movable(const Expr& e) {
    if (e.kind == Expr::Kind::Exists || e.kind == Expr::Kind::NotExists) return false;
    if (e.kind == Expr::Kind::BuiltIn &&
        (e.name == "RAND" || e.name == "BNODE" || e.name == "UUID" || e.name == "STRUUID"))
        return false;
    return std::all_of(e.args.begin(), e.args.end(), [](const ExprPtr& a) { return movable(*a); });
}

std::set<std::string> variablesOf(const Expr& e) {
    std::set<std::string> vars;
    algebra::expressionVariables(e, vars);
    return vars;
}

bool coveredBy(const std::set<std::string>& vars, const Node& node) {
    auto certain = algebra::certainVariables(node);
    return std::all_of(vars.begin(), vars.end(), [&](const std::string& v) { return certain.count(v) > 0; });
}

NodePtr push(NodePtr node);

// Places `conjuncts` over `node`, as deep as they can go.
NodePtr pushInto(std::vector<ExprPtr> conjuncts, NodePtr node) {
    std::vector<ExprPtr> stay, left, right;
    switch (node->op) {
    case Op::Join:
        for (auto& c : conjuncts) {
            auto vars = variablesOf(*c);
            if (!movable(*c))
                stay.push_back(c);
            else if (coveredBy(vars, *node->children[0]))
                left.push_back(c);
            else if (coveredBy(vars, *node->children[1]))
                right.push_back(c);
            else
                stay.push_back(c);
        }
        if (left.empty() && right.empty()) break;
        node = withChildren(*node, {pushInto(left, node->children[0]), pushInto(right, node->children[1])});
        return algebra::makeFilter(stay, node);
    case Op::LeftJoin:
        for (auto& c : conjuncts) {
            if (movable(*c) && coveredBy(variablesOf(*c), *node->children[0]))
                left.push_back(c);
            else
                stay.push_back(c);
        }
        if (left.empty()) break;
        node = withChildren(*node, {pushInto(left, node->children[0]), node->children[1]});
        return algebra::makeFilter(stay, node);
    case Op::Union: {
        for (auto& c : conjuncts) (movable(*c) ? left : stay).push_back(c);
        if (left.empty()) break;
        node = withChildren(*node, {pushInto(left, node->children[0]), pushInto(left, node->children[1])});
        return algebra::makeFilter(stay, node);
    }
    case Op::Extend:
        for (auto& c : conjuncts) {
            if (movable(*c) && !variablesOf(*c).count(node->var))
                left.push_back(c);
            else
                stay.push_back(c);
        }
        if (left.empty()) break;
        node = withChildren(*node, {pushInto(left, node->children[0])});
        return algebra::makeFilter(stay, node);
    case Op::Filter: {
        // Merge with a filter below, then push the whole conjunction.
        std::vector<ExprPtr> all = node->exprs;
        all.insert(all.end(), conjuncts.begin(), conjuncts.end());
        return pushInto(all, node->children[0]);
    }
    default: break;
    }
    return algebra::makeFilter(conjuncts, node);
}

// FILTER(a && b) is FILTER(a) FILTER(b): each part goes as deep as its own variables allow.
void splitConjunction(const ExprPtr& e, std::vector<ExprPtr>& out) {
    if (e->kind == Expr::Kind::And && e->args.size() == 2) {
        splitConjunction(e->args[0], out);
        splitConjunction(e->args[1], out);
    } else {
        out.push_back(e);
    }
}

NodePtr push(NodePtr node) {
    std::vector<NodePtr> children;
    for (const auto& c : node->children) children.push_back(push(c));
    NodePtr rebuilt = children == node->children ? node : withChildren(*node, children);
    if (rebuilt->op != Op::Filter) return rebuilt;
    std::vector<ExprPtr> conjuncts;
    for (const auto& e : rebuilt->exprs) splitConjunction(e, conjuncts);
    return pushInto(std::move(conjuncts), rebuilt->children[0]);
}

} // namespace

algebra::NodePtr pushDownFilters(algebra::NodePtr root) {
    return push(std::move(root));
}

} // namespace corridor::query::planner
