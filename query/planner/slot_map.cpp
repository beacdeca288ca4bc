#include "query/planner/planner.h"

#include <fmt/format.h>

namespace corridor::query::planner {

namespace {

void addTerm(SlotMap& m, const algebra::VarOrTerm& t) {
    if (t.isVariable) m.add(t.var);
}

void visitExpr(SlotMap& m, const algebra::Expr& e);

void visitNode(SlotMap& m, const algebra::Node& n) {
    for (const auto& t : n.triples) {
        addTerm(m, t.subject);
        if (!t.path) addTerm(m, t.predicate);
        addTerm(m, t.object);
    }
    for (const auto& e : n.exprs) visitExpr(m, *e);
    if (!n.var.empty()) m.add(n.var);
    if (n.expr) visitExpr(m, *n.expr);
    addTerm(m, n.graph);
    if (n.op == algebra::Op::Graph && n.graph.isVariable) m.add(graphContextSlot(n));
    if (n.values)
        for (const auto& v : n.values->vars) m.add(v);
    for (const auto& k : n.groupKeys) visitExpr(m, *k);
    for (const auto& v : n.groupVars) m.add(v);
    for (const auto& a : n.aggregates) {
        if (a.arg) visitExpr(m, *a.arg);
        m.add(a.outVar);
    }
    for (const auto& o : n.order) visitExpr(m, *o.expr);
    for (const auto& v : n.projection) m.add(v);
    if (n.trace) {
        m.add(n.trace->pathVar);
        for (const auto* end : {&n.trace->from, &n.trace->to}) {
            if (!end->var.empty()) m.add(end->var);
            if (!end->patternVar.empty()) m.add(end->patternVar);
        }
    }
    for (const auto& c : n.children) visitNode(m, *c);
}

void visitExpr(SlotMap& m, const algebra::Expr& e) {
    if (e.kind == algebra::Expr::Kind::Variable) m.add(e.var);
    for (const auto& a : e.args) visitExpr(m, *a);
    if (e.pattern) visitNode(m, *e.pattern);
}

} // namespace

std::string graphContextSlot(const algebra::Node& graphNode) {
    return fmt::format("_:graph@{}", static_cast<const void*>(&graphNode));
}

void SlotMap::add(const std::string& name) {
    if (slots_.emplace(name, static_cast<int>(names_.size())).second) names_.push_back(name);
}

int SlotMap::slot(const std::string& name) const {
    auto it = slots_.find(name);
    if (it == slots_.end()) throw Error(fmt::format("internal error: no slot for ?{}", name));
    return it->second;
}

SlotMap SlotMap::forQuery(const algebra::Query& query) {
    SlotMap m;
    for (const auto& v : query.projection) m.add(v);
    visitNode(m, *query.root);
    for (const auto& t : query.constructTemplate) {
        addTerm(m, t.subject);
        addTerm(m, t.predicate);
        addTerm(m, t.object);
    }
    for (const auto& d : query.describe) addTerm(m, d);
    // Rows are never zero-width (a query without variables still has solutions).
    if (m.width() == 0) m.add("_:unit");
    return m;
}

} // namespace corridor::query::planner
