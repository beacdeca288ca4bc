// Rewrite: a FILTER that pins a variable to IRIs becomes a table the patterns join with.
//
//   Filter(?v = <c> && rest, P)            -> Join(Values(?v: <c>), Filter(rest, P))
//   Filter(?v IN (<c1>, <c2>) && rest, P)  -> Join(Values(?v: <c1> | <c2>), Filter(rest, P))
//   (likewise <c> = ?v, sameTerm(?v, <c>), sameTerm(<c>, ?v), and ?v = <c1> || ?v = <c2>)
//
// when P is triple and path patterns (a BGP, or joins of them) and binds ?v in every row. Between
// an IRI and any term, = and sameTerm are true exactly when the two are the same term (false or an
// error otherwise, and a FILTER drops the row either way), so the rows the conjunct keeps are those
// whose ?v is one of the IRIs: the rows the join keeps. The planner runs the patterns once per row
// of a small table with its values as constants (an index seek) instead of reading them whole and
// filtering. Literals are left alone: = compares their values ("01"^^xsd:integer = "1"^^xsd:integer),
// which a join on terms would not. Several pinned variables make one table, their cross product,
// while it stays within kMaxRows rows. Nothing under GRAPH ?g, TRACE or SERVICE is touched: those
// plan their patterns in their own way. It runs after the filter pushdown, which has split each
// FILTER(a && b) into its conjuncts and left them on the patterns that bind their variables.

#include "query/algebra/scope.h"
#include "query/planner/rewrites.h"

#include <algorithm>

namespace corridor::query::planner {

using algebra::Expr;
using algebra::ExprPtr;
using algebra::Node;
using algebra::NodePtr;
using algebra::Op;
using storage::Term;

namespace {

constexpr std::size_t kMaxRows = 256;

struct Pin {
    std::string var;
    std::vector<Term> iris;
};

bool isVariable(const ExprPtr& e) {
    return e->kind == Expr::Kind::Variable;
}
bool isIri(const ExprPtr& e) {
    return e->kind == Expr::Kind::Constant && e->constant.isIri();
}

std::optional<Pin> pinOf(const Expr& e) {
    bool pair =
        (e.kind == Expr::Kind::Equal || (e.kind == Expr::Kind::BuiltIn && e.name == "SAMETERM")) && e.args.size() == 2;
    if (pair) {
        if (isVariable(e.args[0]) && isIri(e.args[1])) return Pin{e.args[0]->var, {e.args[1]->constant}};
        if (isIri(e.args[0]) && isVariable(e.args[1])) return Pin{e.args[1]->var, {e.args[0]->constant}};
        return std::nullopt;
    }
    auto add = [](Pin& pin, const Term& iri) {
        if (std::find(pin.iris.begin(), pin.iris.end(), iri) == pin.iris.end()) pin.iris.push_back(iri);
    };
    if (e.kind == Expr::Kind::In && e.args.size() >= 2 && isVariable(e.args[0]) &&
        std::all_of(e.args.begin() + 1, e.args.end(), isIri)) {
        Pin pin{e.args[0]->var, {}};
        for (auto it = e.args.begin() + 1; it != e.args.end(); ++it) add(pin, (*it)->constant);
        return pin;
    }
    // ?v = <a> || ?v = <b>: true when either is (an error or false on one side does not matter
    // then), false or an error otherwise, which a FILTER treats alike.
    if (e.kind == Expr::Kind::Or && e.args.size() == 2) {
        auto left = pinOf(*e.args[0]), right = pinOf(*e.args[1]);
        if (!left || !right || left->var != right->var) return std::nullopt;
        for (const auto& iri : right->iris) add(*left, iri);
        return left;
    }
    return std::nullopt;
}

// Triple and path patterns, joined: what the planner orders as one BGP.
bool patternsOnly(const Node& node) {
    switch (node.op) {
    case Op::Bgp: return !node.triples.empty();
    case Op::Path: return true;
    case Op::Join: return patternsOnly(*node.children[0]) && patternsOnly(*node.children[1]);
    default: return false;
    }
}

NodePtr pinFilter(const NodePtr& filter) {
    const NodePtr& child = filter->children[0];
    if (!patternsOnly(*child)) return filter;
    auto certain = algebra::certainVariables(*child);
    auto table = std::make_shared<algebra::Table>();
    table->rows = {{}};
    std::vector<ExprPtr> rest;
    for (const auto& conjunct : filter->exprs) { // split at && by the pushdown, which runs first
        auto pin = pinOf(*conjunct);
        bool usable = pin && certain.count(pin->var) &&
                      std::find(table->vars.begin(), table->vars.end(), pin->var) == table->vars.end() &&
                      table->rows.size() * pin->iris.size() <= kMaxRows;
        if (!usable) {
            rest.push_back(conjunct);
            continue;
        }
        std::vector<std::vector<std::optional<Term>>> rows;
        for (const auto& row : table->rows)
            for (const auto& iri : pin->iris) {
                rows.push_back(row);
                rows.back().emplace_back(iri);
            }
        table->vars.push_back(pin->var);
        table->rows = std::move(rows);
    }
    if (table->vars.empty()) return filter;
    table->span = filter->span;
    auto values = std::make_shared<Node>();
    values->op = Op::Values;
    values->values = std::move(table);
    values->span = filter->span;
    return algebra::makeJoin(values, algebra::makeFilter(std::move(rest), child));
}

NodePtr rewrite(const NodePtr& node) {
    if (node->op == Op::Trace || node->op == Op::Service || (node->op == Op::Graph && node->graph.isVariable))
        return node;
    std::vector<NodePtr> children;
    for (const auto& c : node->children) children.push_back(rewrite(c));
    NodePtr rebuilt = children == node->children ? node : withChildren(*node, children);
    return rebuilt->op == Op::Filter ? pinFilter(rebuilt) : rebuilt;
}

} // namespace

algebra::NodePtr pinFilteredVariables(algebra::NodePtr root) {
    return rewrite(root);
}

} // namespace corridor::query::planner
