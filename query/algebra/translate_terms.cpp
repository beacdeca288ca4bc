// The AST's triple patterns, paths and TRACE specification, copied into the algebra's own types.

#include "query/algebra/translator.h"

namespace corridor::query::algebra {

VarOrTerm toAlgebra(const ast::VarOrTerm& v) {
    return v.isVariable ? VarOrTerm::variable(v.var, v.span) : VarOrTerm::constant(v.term, v.span);
}

PathPtr toAlgebra(const ast::PathPtr& p) {
    if (!p) return nullptr;
    auto out = std::make_shared<Path>();
    switch (p->kind) {
    case ast::Path::Kind::Iri: out->kind = Path::Kind::Iri; break;
    case ast::Path::Kind::Inverse: out->kind = Path::Kind::Inverse; break;
    case ast::Path::Kind::Sequence: out->kind = Path::Kind::Sequence; break;
    case ast::Path::Kind::Alternative: out->kind = Path::Kind::Alternative; break;
    case ast::Path::Kind::ZeroOrMore: out->kind = Path::Kind::ZeroOrMore; break;
    case ast::Path::Kind::OneOrMore: out->kind = Path::Kind::OneOrMore; break;
    case ast::Path::Kind::ZeroOrOne: out->kind = Path::Kind::ZeroOrOne; break;
    case ast::Path::Kind::NegatedSet: out->kind = Path::Kind::NegatedSet; break;
    }
    out->iri = p->iri;
    for (const auto& item : p->items) out->items.push_back(toAlgebra(item));
    out->span = p->span;
    return out;
}

TriplePattern toAlgebra(const ast::TriplePattern& t) {
    TriplePattern out;
    out.subject = toAlgebra(t.subject);
    out.predicate = toAlgebra(t.predicate);
    out.path = toAlgebra(t.path);
    out.object = toAlgebra(t.object);
    out.span = t.span;
    return out;
}

namespace {

TraceEnd toAlgebra(const ast::TraceEnd& e) {
    TraceEnd out;
    switch (e.kind) {
    case ast::TraceEnd::Kind::Node: out.kind = TraceEnd::Kind::Node; break;
    case ast::TraceEnd::Kind::Label: out.kind = TraceEnd::Kind::Label; break;
    case ast::TraceEnd::Kind::Variable: out.kind = TraceEnd::Kind::Variable; break;
    }
    out.term = e.term;
    out.var = e.var;
    out.patternVar = e.patternVar;
    out.hasPattern = e.pattern != nullptr;
    out.span = e.span;
    return out;
}

TraceSpec::Mode toAlgebra(ast::TracePattern::Mode m) {
    switch (m) {
    case ast::TracePattern::Mode::Shortest: return TraceSpec::Mode::Shortest;
    case ast::TracePattern::Mode::AllShortest: return TraceSpec::Mode::AllShortest;
    case ast::TracePattern::Mode::KShortest: return TraceSpec::Mode::KShortest;
    case ast::TracePattern::Mode::All: return TraceSpec::Mode::All;
    }
    return TraceSpec::Mode::Shortest;
}

TraceSpec::ScaleOrder toAlgebra(ast::TracePattern::ScaleOrder o) {
    switch (o) {
    case ast::TracePattern::ScaleOrder::Any: return TraceSpec::ScaleOrder::Any;
    case ast::TracePattern::ScaleOrder::Down: return TraceSpec::ScaleOrder::Down;
    case ast::TracePattern::ScaleOrder::Up: return TraceSpec::ScaleOrder::Up;
    }
    return TraceSpec::ScaleOrder::Any;
}

} // namespace

std::shared_ptr<const Table> toAlgebra(const std::shared_ptr<const ast::InlineData>& values) {
    if (!values) return nullptr;
    return std::make_shared<const Table>(Table{values->vars, values->rows, values->span});
}

std::shared_ptr<const TraceSpec> toAlgebra(const ast::TracePattern& t) {
    auto out = std::make_shared<TraceSpec>();
    out->pathVar = t.pathVar;
    out->pathVarSpan = t.pathVarSpan;
    out->from = toAlgebra(t.from);
    out->to = toAlgebra(t.to);
    out->localPrefix = t.localPrefix;
    out->via = toAlgebra(t.via);
    out->stepFrom = t.stepFrom;
    out->stepTo = t.stepTo;
    out->hasStepPattern = t.step != nullptr;
    out->stepSpan = t.stepSpan;
    out->mode = toAlgebra(t.mode);
    out->k = t.k;
    out->acyclic = t.acyclic;
    out->sameAs = t.sameAs;
    out->minLength = t.minLength;
    out->maxLength = t.maxLength;
    out->maxStates = t.maxStates;
    out->maxPaths = t.maxPaths;
    out->scaleOrder = toAlgebra(t.scaleOrder);
    out->orderVar = t.orderVar;
    out->sameVar = t.sameVar;
    out->sameSpan = t.sameSpan;
    out->noteVars = t.noteVars;
    out->orderDescending = t.orderDescending;
    out->orderSpan = t.orderSpan;
    for (const auto& c : t.counts) {
        TraceSpec::CountLimit limit;
        using What = TraceSpec::CountLimit::What;
        switch (c.what) {
        case ast::TracePattern::CountLimit::What::Countries: limit.what = What::Countries; break;
        case ast::TracePattern::CountLimit::What::Scales: limit.what = What::Scales; break;
        case ast::TracePattern::CountLimit::What::Property: limit.what = What::Property; break;
        }
        limit.property = c.property;
        limit.op = c.op;
        limit.n = c.n;
        limit.span = c.span;
        out->counts.push_back(std::move(limit));
    }
    out->labelProperties = t.labelProperties;
    out->scaleRanking = t.scaleRanking;
    out->scaleProperty = t.scaleProperty;
    out->countryProperty = t.countryProperty;
    out->span = t.span;
    return out;
}

} // namespace corridor::query::algebra
