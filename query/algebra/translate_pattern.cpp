// translate: group graph patterns (section 18.2.2) and property paths (18.2.2.4).

#include "query/algebra/scope.h"
#include "query/algebra/translator.h"

#include <algorithm>
#include <fmt/format.h>

namespace corridor::query::algebra {

namespace {
NodePtr node(Op op, std::vector<NodePtr> children) {
    auto n = std::make_shared<Node>();
    n->op = op;
    n->children = std::move(children);
    return n;
}
} // namespace

void Translator::fail(const std::string& message, const SourceSpan& where) const {
    throw SemanticError(message, where, text_);
}

void Translator::unsupported(const std::string& message, const SourceSpan& where) const {
    throw UnsupportedError(message, where, text_);
}

std::string Translator::freshVar(const char* stem) {
    return fmt::format("_:{}{}", stem, fresh_++);
}

void Translator::path(const VarOrTerm& s, const PathPtr& p, const VarOrTerm& o, std::vector<TriplePattern>& bgp,
                      std::vector<NodePtr>& paths) {
    using Kind = Path::Kind;
    switch (p->kind) {
    case Kind::Iri: {
        TriplePattern t;
        t.subject = s;
        t.predicate = VarOrTerm::constant(p->iri, p->span);
        t.object = o;
        t.span = p->span;
        bgp.push_back(std::move(t));
        return;
    }
    case Kind::Inverse: path(o, p->items[0], s, bgp, paths); return;
    case Kind::Sequence: {
        VarOrTerm from = s;
        for (std::size_t i = 0; i < p->items.size(); ++i) {
            VarOrTerm to = i + 1 == p->items.size() ? o : VarOrTerm::variable(freshVar("seq"), p->span);
            path(from, p->items[i], to, bgp, paths);
            from = to;
        }
        return;
    }
    default: {
        auto n = std::make_shared<Node>();
        n->op = Op::Path;
        TriplePattern t;
        t.subject = s;
        t.path = p;
        t.object = o;
        t.span = p->span;
        n->triples.push_back(std::move(t));
        n->span = p->span;
        paths.push_back(std::move(n));
    }
    }
}

NodePtr Translator::triples(const std::vector<ast::TriplePattern>& input) {
    std::vector<TriplePattern> bgp;
    std::vector<NodePtr> paths;
    for (const auto& t : input) {
        if (t.path) {
            path(toAlgebra(t.subject), toAlgebra(t.path), toAlgebra(t.object), bgp, paths);
        } else {
            bgp.push_back(toAlgebra(t));
        }
    }
    auto b = std::make_shared<Node>();
    b->op = Op::Bgp;
    b->triples = std::move(bgp);
    NodePtr result = b;
    for (auto& p : paths) result = makeJoin(result, p);
    return result;
}

NodePtr Translator::group(const ast::GroupPattern& g) {
    using Kind = ast::PatternElement::Kind;
    std::vector<ExprPtr> filters;
    NodePtr current = emptyBgp();
    for (const auto& e : g.elements) {
        switch (e.kind) {
        case Kind::Triples: current = makeJoin(current, triples(e.triples)); break;
        case Kind::Filter: filters.push_back(expression(*e.expr, false)); break;
        case Kind::Optional: {
            NodePtr right = group(*e.groups[0]);
            auto lj = std::make_shared<Node>();
            lj->op = Op::LeftJoin;
            if (right->op == Op::Filter) {
                lj->exprs = right->exprs;
                right = right->children[0];
            }
            lj->children = {current, right};
            lj->span = e.span;
            current = lj;
            break;
        }
        case Kind::Minus: current = node(Op::Minus, {current, group(*e.groups[0])}); break;
        case Kind::Bind: {
            auto scope = inScopeVariables(*current);
            if (std::find(scope.begin(), scope.end(), e.var) != scope.end())
                fail(fmt::format("BIND assigns ?{}, which is already in scope here", e.var), e.span);
            auto ext = std::make_shared<Node>();
            ext->op = Op::Extend;
            ext->var = e.var;
            ext->expr = expression(*e.expr, false);
            ext->children = {current};
            ext->span = e.span;
            current = ext;
            break;
        }
        case Kind::Union: {
            NodePtr u = group(*e.groups[0]);
            for (std::size_t i = 1; i < e.groups.size(); ++i) u = node(Op::Union, {u, group(*e.groups[i])});
            current = makeJoin(current, u);
            break;
        }
        case Kind::Group: {
            // A nested group is its own scope: keep it as one operand of a join, even
            // with the empty pattern, so that OPTIONAL { { ... FILTER } } does not take
            // the inner group's FILTER as its own condition (section 18.2.2.6).
            current = node(Op::Join, {current, group(*e.groups[0])});
            break;
        }
        case Kind::Graph: {
            auto gn = std::make_shared<Node>();
            gn->op = Op::Graph;
            gn->graph = toAlgebra(e.graph);
            gn->children = {group(*e.groups[0])};
            gn->span = e.span;
            current = makeJoin(current, gn);
            break;
        }
        case Kind::Service: {
            auto sn = std::make_shared<Node>();
            sn->op = Op::Service;
            sn->graph = toAlgebra(e.graph);
            sn->silent = e.silent;
            sn->serviceQuery = e.serviceQuery;
            sn->children = {group(*e.groups[0])};
            sn->span = e.span;
            current = makeJoin(current, sn);
            break;
        }
        case Kind::Values: {
            auto vn = std::make_shared<Node>();
            vn->op = Op::Values;
            vn->values = toAlgebra(e.values);
            vn->span = e.span;
            current = makeJoin(current, vn);
            break;
        }
        case Kind::SubSelect: current = makeJoin(current, subquery(*e.subquery)); break;
        case Kind::Trace: current = makeJoin(current, trace(e.trace)); break;
        }
    }
    return makeFilter(std::move(filters), current);
}

NodePtr Translator::trace(const std::shared_ptr<const ast::TracePattern>& pattern) {
    const ast::TracePattern& t = *pattern;
    auto n = std::make_shared<Node>();
    n->op = Op::Trace;
    n->trace = toAlgebra(t);
    n->span = t.span;
    auto inScope = [](const NodePtr& node, const std::string& var) {
        auto vars = inScopeVariables(*node);
        return std::find(vars.begin(), vars.end(), var) != vars.end();
    };
    auto shown = [&](const std::string& local) { return local.substr(t.localPrefix.size()); };
    NodePtr step = emptyBgp();
    if (t.step) {
        step = group(*t.step);
        for (const auto* v : {&t.stepFrom, &t.stepTo})
            if (!inScope(step, *v))
                fail(fmt::format("?{} does not occur in the step pattern, so a step cannot start or end there",
                                 shown(*v)),
                     t.stepSpan);
        if (!t.orderVar.empty() && !inScope(step, t.orderVar))
            fail(fmt::format("?{} does not occur in the step pattern", shown(t.orderVar)), t.orderSpan);
        for (const auto& [v, where] : t.noteVars)
            if (!inScope(step, v)) fail(fmt::format("?{} does not occur in the step pattern", shown(v)), where);
        if (!t.sameVar.empty() && !inScope(step, t.sameVar))
            fail(fmt::format("?{} does not occur in the step pattern", shown(t.sameVar)), t.sameSpan);
    }
    std::vector<NodePtr> children = {step};
    for (const auto* end : {&t.from, &t.to}) {
        NodePtr pattern = emptyBgp();
        if (end->pattern) {
            pattern = group(*end->pattern);
            if (!inScope(pattern, end->patternVar))
                fail(fmt::format("the pattern after ?{} does not mention ?{}", end->var, end->var), end->span);
        }
        children.push_back(pattern);
    }
    // The step pattern and the two end patterns are matched separately: a
    // variable shared by two of them would not be joined, so it is refused
    // rather than silently left free (docs/trace.md, "Scope").
    const char* names[] = {"STEP", "FROM", "TO"};
    for (int a = 0; a < 3; ++a) {
        for (int b = a + 1; b < 3; ++b) {
            if (isEmptyBgp(children[a]) || isEmptyBgp(children[b])) continue;
            auto va = inScopeVariables(*children[a]);
            for (const auto& v : inScopeVariables(*children[b])) {
                if (shown(v).rfind("_:", 0) == 0 || std::find(va.begin(), va.end(), v) == va.end()) continue;
                fail(fmt::format("?{} occurs in the {} and the {} patterns of this TRACE, which are matched "
                                 "separately, so it would not join them; bind ?{} before the TRACE instead "
                                 "(`?x :p ?{} . ?y :q ?{} . TRACE ?path FROM ?x TO ?y ...`)",
                                 shown(v), names[a], names[b], shown(v), shown(v), shown(v)),
                     t.span);
            }
        }
    }
    n->children = std::move(children);
    return n;
}

} // namespace corridor::query::algebra
