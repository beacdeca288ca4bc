// AST builder: TRACE (docs/trace.md).
//
// Variables inside a trace's step and endpoint patterns are local to the trace:
// they get the prefix "tN." (N counts traces in the query), which no SPARQL
// variable name can contain, so they never meet a variable of the same name
// outside.

#include "query/ast/ast_builder.h"

#include <charconv>
#include <fmt/format.h>

namespace corridor::query::ast {

namespace {

std::uint64_t integerToken(antlr4::tree::TerminalNode* token) {
    std::string text = token->getText();
    std::uint64_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size()) return UINT64_MAX;
    return value;
}

// Restores the trace-local prefix when a pattern has been built.
class PrefixScope {
public:
    PrefixScope(std::string& prefix, std::string value) : prefix_(prefix), saved_(prefix) {
        prefix_ = std::move(value);
    }
    ~PrefixScope() { prefix_ = saved_; }
    PrefixScope(const PrefixScope&) = delete;
    PrefixScope& operator=(const PrefixScope&) = delete;

private:
    std::string& prefix_;
    std::string saved_;
};

} // namespace

void AstBuilder::checkViaPath(const Path& p) {
    switch (p.kind) {
    case Path::Kind::Iri: return;
    case Path::Kind::Inverse:
        if (p.items[0]->kind == Path::Kind::Iri) return;
        break;
    case Path::Kind::Alternative:
        for (const auto& item : p.items) checkViaPath(*item);
        return;
    default: break;
    }
    fail("VIA takes one step of predicates, inverse predicates (^p) and alternatives (p|^q); "
         "for a step through an intermediate node use STEP ?from ?to { ... }",
         p.span);
}

TraceEnd AstBuilder::traceEnd(P::TraceEndContext* ctx, TracePattern& t) {
    TraceEnd end;
    end.span = span(ctx);
    if (ctx->iri()) {
        end.kind = TraceEnd::Kind::Node;
        end.term = iri(ctx->iri());
        return end;
    }
    if (ctx->rdfLiteral()) {
        end.kind = TraceEnd::Kind::Label;
        end.term = rdfLiteral(ctx->rdfLiteral());
        return end;
    }
    end.kind = TraceEnd::Kind::Variable;
    end.var = varName(ctx->var());
    end.span = span(ctx->var());
    if (auto* g = ctx->groupGraphPattern()) {
        PrefixScope scope(localPrefix_, t.localPrefix);
        end.patternVar = varName(ctx->var());
        end.pattern = groupGraphPattern(g);
    }
    return end;
}

void AstBuilder::traceOption(P::TraceOptionContext* ctx, TracePattern& t, std::set<std::string>& seen) {
    SourceSpan where = span(ctx);
    auto once = [&](const std::string& what) {
        if (!seen.insert(what).second) fail(fmt::format("{} is given twice in this TRACE", what), where);
    };
    auto count = [&](antlr4::tree::TerminalNode* token) {
        std::uint64_t n = integerToken(token);
        if (n == UINT64_MAX) fail("this number is too large", span(token->getSymbol()));
        return n;
    };
    if (ctx->SHORTEST() && !ctx->ALL()) {
        once("the search mode");
        if (ctx->INTEGER()) {
            t.k = count(ctx->INTEGER());
            if (t.k == 0) fail("SHORTEST 0 asks for no path; give 1 or more", where);
            t.mode = TracePattern::Mode::KShortest;
        } else {
            t.mode = TracePattern::Mode::Shortest;
        }
    } else if (ctx->ALL()) {
        once("the search mode");
        t.mode = ctx->SHORTEST() ? TracePattern::Mode::AllShortest : TracePattern::Mode::All;
    } else if (ctx->ACYCLIC()) {
        once("ACYCLIC");
        t.acyclic = true;
    } else if (ctx->SAMEAS()) {
        once("SAMEAS");
        t.sameAs = true;
    } else if (ctx->LENGTH()) {
        bool min = ctx->MIN() != nullptr;
        once(min ? "MIN LENGTH" : "MAX LENGTH");
        (min ? t.minLength : t.maxLength) = count(ctx->INTEGER());
    } else if (ctx->STATES()) {
        once("MAX STATES");
        t.maxStates = count(ctx->INTEGER());
        if (*t.maxStates == 0) fail("MAX STATES must be at least 1", where);
    } else if (ctx->PATHS()) {
        once("MAX PATHS");
        t.maxPaths = count(ctx->INTEGER());
        if (*t.maxPaths == 0) fail("MAX PATHS must be at least 1", where);
    } else if (ctx->dir) {
        once("SCALE DOWN/UP/ANY");
        t.scaleOrder = ctx->DOWN() ? TracePattern::ScaleOrder::Down
                       : ctx->UP() ? TracePattern::ScaleOrder::Up
                                   : TracePattern::ScaleOrder::Any;
    } else if (ctx->SCALE() && ctx->PROPERTY()) {
        once("SCALE PROPERTY");
        t.scaleProperty = iri(ctx->iri(0));
    } else if (ctx->SCALE() && ctx->ORDER()) {
        once("SCALE ORDER");
        for (auto* i : ctx->iri()) t.scaleRanking.push_back(iri(i));
    } else if (ctx->COUNTRY()) {
        once("COUNTRY PROPERTY");
        t.countryProperty = iri(ctx->iri(0));
    } else if (ctx->LABEL()) {
        once("LABEL PROPERTY");
        for (auto* i : ctx->iri()) t.labelProperties.push_back(iri(i));
    } else if (ctx->order) {
        once("ASCENDING/DESCENDING");
        t.orderDescending = ctx->DESCENDING() != nullptr;
        t.orderSpan = span(ctx->var(0));
        PrefixScope scope(localPrefix_, t.localPrefix);
        t.orderVar = varName(ctx->var(0));
    } else if (ctx->SAME()) {
        once("SAME");
        t.sameSpan = span(ctx->var(0));
        PrefixScope scope(localPrefix_, t.localPrefix);
        t.sameVar = varName(ctx->var(0));
    } else if (ctx->NOTE()) {
        once("NOTE");
        PrefixScope scope(localPrefix_, t.localPrefix);
        for (auto* v : ctx->var()) t.noteVars.emplace_back(varName(v), span(v));
    } else if (ctx->what || ctx->COUNT()) {
        TracePattern::CountLimit limit;
        using What = TracePattern::CountLimit::What;
        limit.what = ctx->COUNTRIES() ? What::Countries : ctx->SCALES() ? What::Scales : What::Property;
        if (limit.what == What::Property) limit.property = iri(ctx->iri(0));
        limit.op = ctx->op->getText();
        limit.n = count(ctx->INTEGER());
        limit.span = where;
        t.counts.push_back(limit);
    }
}

std::shared_ptr<const TracePattern> AstBuilder::trace(P::TraceContext* ctx) {
    auto t = std::make_shared<TracePattern>();
    t->span = span(ctx);
    t->localPrefix = fmt::format("{}t{}.", localPrefix_, ++traceCounter_);
    t->pathVar = varName(ctx->var());
    t->pathVarSpan = span(ctx->var());
    t->from = traceEnd(ctx->traceEnd(0), *t);
    t->to = traceEnd(ctx->traceEnd(1), *t);
    auto* steps = ctx->traceSteps();
    t->stepSpan = span(steps);
    if (steps->VIA()) {
        t->via = path(steps->path());
        checkViaPath(*t->via);
    } else {
        PrefixScope scope(localPrefix_, t->localPrefix);
        t->stepFrom = varName(steps->var(0));
        t->stepTo = varName(steps->var(1));
        if (t->stepFrom == t->stepTo)
            fail("a STEP needs two different variables: where it starts and where it ends", span(steps->var(1)));
        t->step = groupGraphPattern(steps->groupGraphPattern());
    }
    std::set<std::string> seen;
    for (auto* option : ctx->traceOption()) traceOption(option, *t, seen);

    for (const auto* end : {&t->from, &t->to})
        if (end->kind == TraceEnd::Kind::Variable && end->var == t->pathVar)
            fail(fmt::format("?{} names the path; use another variable for an end of it", end->var), end->span);
    if (t->minLength && t->maxLength && *t->minLength > *t->maxLength)
        fail(fmt::format("MIN LENGTH {} is more than MAX LENGTH {}", *t->minLength, *t->maxLength), t->span);
    if (t->mode == TracePattern::Mode::All && !t->maxLength && !t->acyclic)
        fail("ALL needs a bound: add MAX LENGTH n (all walks up to n steps) or ACYCLIC (all paths "
             "that visit no node twice)",
             t->span);
    if (!t->noteVars.empty() && t->via)
        fail("NOTE names variables of the step pattern; VIA steps have none (their note is the predicate)",
             t->noteVars.front().second);
    if (!t->sameVar.empty() && t->via)
        fail("SAME compares a variable of the step pattern; VIA steps have none (use STEP ?from ?to { ... })",
             t->sameSpan);
    if (!t->orderVar.empty() && t->via)
        fail("ASCENDING and DESCENDING compare a variable of the step pattern; VIA steps have none "
             "(use STEP ?from ?to { ... })",
             t->orderSpan);
    return t;
}

std::shared_ptr<Query> AstBuilder::traceQuery(P::TraceQueryContext* ctx) {
    auto q = std::make_shared<Query>();
    q->form = QueryForm::Select;
    q->selectAll = true;
    q->span = span(ctx);
    auto group = std::make_shared<GroupPattern>();
    group->span = span(ctx->trace());
    PatternElement e;
    e.kind = PatternElement::Kind::Trace;
    e.span = group->span;
    e.trace = trace(ctx->trace());
    group->elements.push_back(std::move(e));
    q->where = std::move(group);
    solutionModifier(ctx->solutionModifier(), *q);
    return q;
}

} // namespace corridor::query::ast
