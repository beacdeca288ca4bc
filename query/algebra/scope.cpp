#include "query/algebra/scope.h"

#include <algorithm>

namespace corridor::query::algebra {

namespace {

void add(std::vector<std::string>& out, const std::string& v) {
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
}

void addTerm(std::vector<std::string>& out, const VarOrTerm& t) {
    if (t.isVariable) add(out, t.var);
}

void collect(const Node& node, std::vector<std::string>& out) {
    switch (node.op) {
    case Op::Bgp:
    case Op::Path:
        for (const auto& t : node.triples) {
            addTerm(out, t.subject);
            if (!t.path) addTerm(out, t.predicate);
            addTerm(out, t.object);
        }
        break;
    case Op::Minus: collect(*node.children[0], out); break;
    case Op::Graph:
        addTerm(out, node.graph);
        collect(*node.children[0], out);
        break;
    case Op::Extend:
        collect(*node.children[0], out);
        add(out, node.var);
        break;
    case Op::Values:
        for (const auto& v : node.values->vars) add(out, v);
        break;
    case Op::Group:
        for (const auto& v : node.groupVars) add(out, v);
        for (const auto& a : node.aggregates) add(out, a.outVar);
        break;
    case Op::Project:
        for (const auto& v : node.projection) add(out, v);
        break;
    case Op::Service: collect(*node.children[0], out); break;
    case Op::Trace:
        add(out, node.trace->pathVar);
        for (const auto* end : {&node.trace->from, &node.trace->to})
            if (end->kind == TraceEnd::Kind::Variable) add(out, end->var);
        break;
    default:
        for (const auto& c : node.children) collect(*c, out);
    }
}

} // namespace

std::vector<std::string> inScopeVariables(const Node& node) {
    std::vector<std::string> out;
    collect(node, out);
    return out;
}

std::set<std::string> certainVariables(const Node& node) {
    std::set<std::string> out;
    auto terms = [&](const VarOrTerm& t) {
        if (t.isVariable) out.insert(t.var);
    };
    switch (node.op) {
    case Op::Bgp:
    case Op::Path:
        for (const auto& t : node.triples) {
            terms(t.subject);
            if (!t.path) terms(t.predicate);
            terms(t.object);
        }
        break;
    case Op::Join: {
        auto a = certainVariables(*node.children[0]);
        auto b = certainVariables(*node.children[1]);
        out = a;
        out.insert(b.begin(), b.end());
        break;
    }
    case Op::LeftJoin:
    case Op::Minus:
    case Op::Filter:
    case Op::OrderBy:
    case Op::Distinct:
    case Op::Reduced:
    case Op::Slice: out = certainVariables(*node.children[0]); break;
    case Op::Union: {
        auto a = certainVariables(*node.children[0]);
        auto b = certainVariables(*node.children[1]);
        std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
        break;
    }
    case Op::Graph:
        out = certainVariables(*node.children[0]);
        terms(node.graph);
        break;
    case Op::Extend: out = certainVariables(*node.children[0]); break; // expr may fail
    case Op::Values:
        for (std::size_t c = 0; c < node.values->vars.size(); ++c) {
            bool all = true;
            for (const auto& row : node.values->rows) all = all && row[c].has_value();
            if (all) out.insert(node.values->vars[c]);
        }
        break;
    case Op::Group: {
        // A key that is a variable certainly bound below binds it in every group; other keys (an
        // expression may fail) and aggregates may leave theirs unbound.
        auto inner = certainVariables(*node.children[0]);
        for (std::size_t i = 0; i < node.groupKeys.size() && i < node.groupVars.size(); ++i) {
            const Expr& key = *node.groupKeys[i];
            if (key.kind == Expr::Kind::Variable && key.var == node.groupVars[i] && inner.count(key.var))
                out.insert(key.var);
        }
        break;
    }
    case Op::Project: {
        auto inner = certainVariables(*node.children[0]);
        for (const auto& v : node.projection)
            if (inner.count(v)) out.insert(v);
        break;
    }
    case Op::Service: break;
    case Op::Trace:
        out.insert(node.trace->pathVar);
        for (const auto* end : {&node.trace->from, &node.trace->to})
            if (end->kind == TraceEnd::Kind::Variable) out.insert(end->var);
        break;
    }
    return out;
}

void expressionVariables(const Expr& expr, std::set<std::string>& out) {
    if (expr.kind == Expr::Kind::Variable) out.insert(expr.var);
    for (const auto& a : expr.args) expressionVariables(*a, out);
}

void mentionedVariables(const Expr& expr, std::set<std::string>& out) {
    if (expr.kind == Expr::Kind::Variable) out.insert(expr.var);
    if (expr.pattern) mentionedVariables(*expr.pattern, out);
    for (const auto& a : expr.args)
        if (a) mentionedVariables(*a, out);
}

void mentionedVariables(const Node& node, std::set<std::string>& out) {
    for (const auto& v : inScopeVariables(node)) out.insert(v);
    for (const auto& e : node.exprs)
        if (e) mentionedVariables(*e, out);
    if (node.expr) mentionedVariables(*node.expr, out);
    for (const auto& e : node.groupKeys)
        if (e) mentionedVariables(*e, out);
    for (const auto& a : node.aggregates)
        if (a.arg) mentionedVariables(*a.arg, out);
    for (const auto& k : node.order)
        if (k.expr) mentionedVariables(*k.expr, out);
    for (const auto& c : node.children) mentionedVariables(*c, out);
}

} // namespace corridor::query::algebra
