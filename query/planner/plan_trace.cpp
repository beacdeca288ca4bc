// Planning TRACE: the step expander (VIA index scans, or the step pattern
// planned twice: from its start and from its end), the end patterns, and the
// search options.

#include "query/algebra/printer.h"
#include "query/algebra/scope.h"
#include "query/executor/trace/trace_op.h"
#include "query/executor/trace/trace_search.h"
#include "query/planner/planner.h"

#include <fmt/format.h>

namespace corridor::query::planner {

using namespace executor;
using algebra::Node;
using algebra::Op;

namespace {

void viaAlternatives(ExecContext& ctx, const algebra::Path& p, bool inverse,
                     std::vector<trace::ViaSteps::Alternative>& out) {
    switch (p.kind) {
    case algebra::Path::Kind::Iri: out.push_back({ctx.storeId(p.iri), inverse, p.iri.value}); return;
    case algebra::Path::Kind::Inverse: viaAlternatives(ctx, *p.items[0], !inverse, out); return;
    default:
        for (const auto& item : p.items) viaAlternatives(ctx, *item, inverse, out);
    }
}

void collectTriples(const Node& node, std::vector<algebra::TriplePattern>& out) {
    if (node.op == Op::Bgp)
        for (const auto& t : node.triples)
            if (!t.path) out.push_back(t);
    if (node.op == Op::Trace) return; // a nested trace's facts are its own
    for (const auto& c : node.children) collectTriples(*c, out);
}

} // namespace

OperatorPtr Planner::trace(const Node& node, const GraphSpec& graph) {
    const algebra::TraceSpec& t = *node.trace;
    trace::TraceVocabulary vocabulary = trace::loadVocabulary(ctx_.view(), t);
    const std::optional<TermId> countryProperty = vocabulary.countryProperty;
    if (t.scaleOrder != algebra::TraceSpec::ScaleOrder::Any) {
        // Without ranks (or a scale property) SCALE DOWN/UP cannot order anything: say so.
        if (vocabulary.ranks.empty())
            ctx_.warn(fmt::format(
                "TRACE ?{}: SCALE {} has no effect: the store gives no scale a rank (load the Corridor "
                "vocabulary, examples/tcriz/vocabulary.ttl, for pmz:scaleRank, or list the scales with SCALE ORDER)",
                t.pathVar, t.scaleOrder == algebra::TraceSpec::ScaleOrder::Down ? "DOWN" : "UP"));
        else if (!vocabulary.scaleProperty)
            ctx_.warn(fmt::format("TRACE ?{}: SCALE {} has no effect: no node has the scale property <{}>", t.pathVar,
                                  t.scaleOrder == algebra::TraceSpec::ScaleOrder::Down ? "DOWN" : "UP",
                                  vocabulary.scalePropertyIri));
    }
    trace::SearchSpec spec;
    spec.mode = t.mode;
    spec.k = t.k;
    spec.acyclic = t.acyclic;
    spec.minLength = t.minLength.value_or(1);
    spec.maxLength = t.maxLength;
    spec.scaleOrder = t.scaleOrder;
    spec.timeOrdered = !t.orderVar.empty();
    spec.timeDescending = t.orderDescending;
    spec.sameValue = !t.sameVar.empty();
    for (const auto& c : t.counts) {
        // COUNTRIES is a count of the country property's values; SCALES of the ranked scales.
        trace::SearchSpec::CountLimit limit;
        using What = algebra::TraceSpec::CountLimit::What;
        limit.scales = c.what == What::Scales;
        if (c.what == What::Countries) limit.property = countryProperty.value_or(0);
        if (c.what == What::Property) limit.property = ctx_.storeId(c.property).value_or(0);
        limit.op = c.op;
        limit.n = c.n;
        spec.counts.push_back(std::move(limit));
    }
    spec.sameAs = t.sameAs;
    if (t.maxStates) spec.maxStates = *t.maxStates;
    if (t.maxPaths) spec.maxPaths = *t.maxPaths;

    auto shared = std::make_shared<trace::TraceShared>(ctx_, std::move(vocabulary), graph);
    if (t.via) {
        std::vector<trace::ViaSteps::Alternative> alternatives;
        viaAlternatives(ctx_, *t.via, false, alternatives);
        auto via = std::make_unique<trace::ViaSteps>(ctx_, std::move(alternatives), graph);
        shared->via = via.get();
        shared->expander = std::move(via);
    } else {
        const Node& step = *node.children[0];
        // Both plans share one memo of small probes: a node's facts, read when a step reached
        // it, are asked for again when the search steps on from it.
        struct RestoreMemo { // the scans planned after this pattern (or after an error) get the outer one
            executor::ProbeMemo*& slot;
            executor::ProbeMemo* outer;
            ~RestoreMemo() { slot = outer; }
        } restore{probeMemo_, std::exchange(probeMemo_, &shared->probes)};
        OperatorPtr forward = buildSeeded(step, graph, {t.stepFrom});
        // From one given node, an enumeration only ever steps forward (trace_op.cpp: backwards
        // needs more start nodes than end nodes, or a breadth-first search from both ends).
        const bool forwardOnly =
            t.from.kind == algebra::TraceEnd::Kind::Node && !trace::TraceSearch::breadthFirst(spec);
        OperatorPtr backward = forwardOnly ? nullptr : buildSeeded(step, graph, {t.stepTo});
        std::vector<std::string> vars = algebra::inScopeVariables(step);
        std::vector<int> valueSlots;
        for (std::size_t i = 0; i < vars.size(); ++i) {
            const std::string& v = vars[i];
            valueSlots.push_back(slots_.slot(v));
            bool local = v.compare(0, t.localPrefix.size(), t.localPrefix) == 0;
            shared->valueNames.push_back(local ? v.substr(t.localPrefix.size()) : v);
            if (v == t.stepFrom) shared->fromValue = static_cast<int>(i);
            if (v == t.stepTo) shared->toValue = static_cast<int>(i);
            if (v == t.orderVar) shared->timeValue = static_cast<int>(i);
            if (v == t.sameVar) shared->sameValue = static_cast<int>(i);
        }
        auto indexOf = [&](const std::string& v) {
            auto it = std::find(vars.begin(), vars.end(), v);
            return it == vars.end() ? -1 : static_cast<int>(it - vars.begin());
        };
        for (const auto& n : t.noteVars) shared->noteValues.push_back(indexOf(n.first));
        std::vector<algebra::TriplePattern> triples;
        collectTriples(step, triples);
        shared->hub.assign(vars.size(), false);
        for (const auto& tp : triples) {
            trace::StepTemplate tpl;
            const algebra::VarOrTerm* positions[3] = {&tp.subject, &tp.predicate, &tp.object};
            for (int i = 0; i < 3; ++i) {
                if (positions[i]->isVariable) {
                    tpl.spo[i].value = indexOf(positions[i]->var);
                } else {
                    tpl.spo[i].constant = true;
                    tpl.spo[i].id = ctx_.storeId(positions[i]->term);
                }
            }
            // Skip patterns over variables that are not in scope (inside EXISTS, say).
            bool usable = true;
            for (const auto& p : tpl.spo) usable = usable && (p.constant || p.value >= 0);
            if (usable) shared->templates.push_back(tpl);
            // A variable linked directly to the step's start or end is the step's own node.
            int s = tpl.spo[0].constant ? -1 : tpl.spo[0].value, o = tpl.spo[2].constant ? -1 : tpl.spo[2].value;
            auto isEnd = [&](int v) { return v >= 0 && (v == shared->fromValue || v == shared->toValue); };
            if (s >= 0 && !isEnd(s) && isEnd(o)) shared->hub[s] = true;
            if (o >= 0 && !isEnd(o) && isEnd(s)) shared->hub[o] = true;
        }
        auto pattern = std::make_unique<trace::PatternSteps>(ctx_, std::move(forward), std::move(backward),
                                                             slots_.slot(t.stepFrom), slots_.slot(t.stepTo),
                                                             std::move(valueSlots));
        shared->pattern = pattern.get();
        shared->expander = std::move(pattern);
    }

    auto endPlan = [&](const algebra::TraceEnd& end, const Node& pattern) {
        trace::TraceEndPlan plan;
        plan.end = &end;
        if (end.kind == algebra::TraceEnd::Kind::Variable) plan.slot = slots_.slot(end.var);
        if (end.hasPattern) {
            plan.pattern = build(pattern, graph);
            plan.patternSlot = slots_.slot(end.patternVar);
        }
        return plan;
    };
    auto op =
        std::make_unique<trace::TraceOp>(ctx_, node.trace, std::move(shared), std::move(spec), slots_.slot(t.pathVar),
                                         endPlan(t.from, *node.children[1]), endPlan(t.to, *node.children[2]), text_);
    if (labelled_) op->label = algebra::traceHeader(t);
    // Inside GRAPH ?g the operator is opened once per graph, the graph in this slot.
    if (graph.kind == GraphSpec::Kind::Variable) op->searchEachGraph(graph.slot);
    return op;
}

} // namespace corridor::query::planner
