#include "query/planner/planner.h"

#include "query/algebra/printer.h"
#include "query/algebra/scope.h"
#include "query/executor/adaptive_join_op.h"
#include "query/executor/graph_op.h"
#include "query/executor/group_op.h"
#include "query/executor/join_ops.h"
#include "query/executor/merge_join_op.h"
#include "query/executor/order_op.h"
#include "query/executor/path_op.h"
#include "query/executor/service_op.h"
#include "query/executor/set_ops.h"
#include "query/planner/join_order.h"

#include <cmath>
#include <fmt/format.h>

namespace corridor::query::planner {

using namespace executor;
using algebra::Node;
using algebra::Op;

Planner::Planner(ExecContext& ctx, const SlotMap& slots, const storage::Statistics& stats, const std::string& text)
    : ctx_(ctx), slots_(slots), cardinality_(ctx.view(), stats), text_(text) {}

void Planner::unsupported(const std::string& message, const SourceSpan& span) const {
    throw UnsupportedError(message, span, text_);
}

PatternSlot Planner::patternSlot(const algebra::VarOrTerm& t, bool internUnknown) {
    PatternSlot p;
    if (t.isVariable) {
        p.slot = slots_.slot(t.var);
        return p;
    }
    p.isConstant = true;
    p.constant = internUnknown ? std::optional<TermId>(ctx_.intern(t.term)) : ctx_.storeId(t.term);
    return p;
}

std::string Planner::label(const algebra::TriplePattern& t) const {
    return fmt::format("({} {} {})", algebra::termText(t.subject), algebra::termText(t.predicate),
                       algebra::termText(t.object));
}

std::vector<int> Planner::joinKeys(const Node& a, const Node& b) const {
    auto ca = algebra::certainVariables(a), cb = algebra::certainVariables(b);
    std::vector<int> keys;
    for (const auto& v : ca)
        if (cb.count(v)) keys.push_back(slots_.slot(v));
    return keys;
}

// The variable a scan of `t` (constants bound only) returns its rows sorted on:
// the first free component of the index it uses, if that is a variable.
std::string Planner::sortVariable(const algebra::TriplePattern& t, const GraphSpec& graph) const {
    storage::QuadPattern pattern{};
    const algebra::VarOrTerm* positions[3] = {&t.subject, &t.predicate, &t.object};
    for (int i = 0; i < 3; ++i)
        if (!positions[i]->isVariable) pattern[i] = 0;
    if (graph.kind == GraphSpec::Kind::Fixed) pattern[storage::kGraph] = graph.graph; // the default graph's is G-last
    for (auto c : storage::componentsOf(storage::chooseIndex(pattern).order)) {
        if (pattern[c]) continue;
        if (c == storage::kGraph || !positions[c]->isVariable) return {};
        return positions[c]->var;
    }
    return {};
}

// Triple patterns and path patterns under a tree of joins, ordered together by bgp().
bool Planner::collectPatterns(const Node& node, std::vector<algebra::TriplePattern>& out) const {
    switch (node.op) {
    case Op::Bgp:
    case Op::Path: out.insert(out.end(), node.triples.begin(), node.triples.end()); return true;
    case Op::Join: return collectPatterns(*node.children[0], out) && collectPatterns(*node.children[1], out);
    default: return false;
    }
}

OperatorPtr Planner::bgp(const std::vector<algebra::TriplePattern>& triples,
                         const std::vector<algebra::ExprPtr>& filters, const GraphSpec& graph) {
    std::vector<bool> used(triples.size(), false);
    std::vector<bool> filterPlaced(filters.size(), false);
    // What each filter needs bound before it runs: every variable it mentions, inside EXISTS too.
    std::vector<std::set<std::string>> filterVars(filters.size());
    for (std::size_t i = 0; i < filters.size(); ++i) algebra::mentionedVariables(*filters[i], filterVars[i]);
    std::set<std::string> bound = seeded_;
    if (graph.kind == GraphSpec::Kind::Variable) bound.insert(slots_.names()[graph.slot]);
    OperatorPtr plan;
    auto addFilters = [&](bool all) {
        std::vector<CompiledExpr> ready;
        std::string text;
        for (std::size_t i = 0; i < filters.size(); ++i) {
            if (filterPlaced[i]) continue;
            bool covered = std::all_of(filterVars[i].begin(), filterVars[i].end(),
                                       [&](const std::string& v) { return bound.count(v) > 0; });
            if (!covered && !all) continue;
            filterPlaced[i] = true;
            ready.push_back(compile(*filters[i], graph));
            if (labelled_) text += (text.empty() ? "" : " && ") + algebra::toSExpression(*filters[i]);
        }
        if (ready.empty()) return;
        if (!plan) plan = std::make_unique<UnitOp>(ctx_);
        plan = std::make_unique<FilterOp>(ctx_, std::move(plan), std::move(ready));
        if (labelled_) plan->label = text;
    };
    if (triples.empty()) {
        plan = std::make_unique<UnitOp>(ctx_);
    }
    JoinOrderInput order;
    order.patterns = &triples;
    order.bound = bound;
    order.cardinality = &cardinality_;
    order.sortVariable = [&](const algebra::TriplePattern& t) { return sortVariable(t, graph); };
    order.checkCancelled = [&] { ctx_.checkCancelledNow(); };
    // Inside GRAPH ?g a scan also binds the graph: kept to dependent joins, which see it bound.
    order.hashJoins = graph.kind != GraphSpec::Kind::Variable;
    double rowsBefore = 1; // the plan's estimated rows before the step
    for (const JoinStep& step : orderJoins(order)) {
        const auto& t = triples[step.pattern];
        OperatorPtr scan;
        if (t.path) {
            auto path = std::make_unique<PathOp>(ctx_, patternSlot(t.subject, true), t.path,
                                                 patternSlot(t.object, true), graph);
            // Over every open: a dependent join's rows are the path's, its opens the rows before.
            const bool first = step.kind == JoinStep::Kind::First;
            path->expectedRows = first ? step.patternRows : step.planRows;
            path->expectedOpens = first ? 1 : rowsBefore;
            path->statistics = &cardinality_.statistics();
            scan = std::move(path);
            auto node = std::make_shared<Node>();
            node->op = Op::Path;
            node->triples = {t};
            if (labelled_) scan->label = algebra::toSExpression(*node);
        } else {
            auto indexScan = std::make_unique<ScanOp>(ctx_,
                                                      std::array<PatternSlot, 3>{patternSlot(t.subject, false),
                                                                                 patternSlot(t.predicate, false),
                                                                                 patternSlot(t.object, false)},
                                                      graph);
            indexScan->memoize(probeMemo_);
            scan = std::move(indexScan);
            if (labelled_) scan->label = label(t);
        }
        scan->estimatedRows = step.patternRows;
        switch (step.kind) {
        case JoinStep::Kind::First: plan = std::move(scan); break;
        case JoinStep::Kind::Merge:
            plan = std::make_unique<MergeJoinOp>(ctx_, std::move(plan), std::move(scan), slots_.slot(step.sortedOn));
            if (labelled_) plan->label = "?" + step.sortedOn;
            plan->estimatedRows = step.planRows;
            break;
        case JoinStep::Kind::Dependent:
            plan = std::make_unique<DependentJoinOp>(ctx_, std::move(plan), std::move(scan));
            plan->estimatedRows = step.planRows;
            break;
        case JoinStep::Kind::Adaptive: {
            std::vector<int> keys;
            for (const auto& v : step.hashKeys) keys.push_back(slots_.slot(v));
            std::vector<ProbeKeys> choices;
            for (const auto& choice : step.probeChoices) {
                ProbeKeys probeKeys{{}, choice.costPerProbe};
                for (const auto& v : choice.keys) probeKeys.slots.push_back(slots_.slot(v));
                choices.push_back(std::move(probeKeys));
            }
            std::unique_ptr<ScanOp> probe(static_cast<ScanOp*>(scan.release())); // never a path (orderJoins)
            plan = std::make_unique<AdaptiveJoinOp>(ctx_, std::move(plan), std::move(probe), std::move(keys),
                                                    static_cast<std::size_t>(std::ceil(step.hashFromRows)),
                                                    static_cast<std::size_t>(std::ceil(step.wholeRows)),
                                                    std::move(choices));
            plan->estimatedRows = step.planRows;
            break;
        }
        }
        for (const auto* v : {&t.subject, &t.predicate, &t.object})
            if (v->isVariable && !(t.path && v == &t.predicate)) bound.insert(v->var);
        rowsBefore = step.planRows;
        addFilters(false);
    }
    addFilters(true);
    return plan;
}

OperatorPtr Planner::graphNode(const Node& node) {
    const Node& child = *node.children[0];
    GraphSpec spec;
    if (node.graph.isVariable) {
        spec.kind = GraphSpec::Kind::Variable;
        spec.slot = slots_.slot(node.graph.var);
        // A plain pattern binds ?g in its scans directly (one index scan for all graphs).
        if ((child.op == Op::Bgp && !child.triples.empty()) || child.op == Op::Path) return build(child, spec);
        int context = slots_.slot(graphContextSlot(node));
        ctx_.markContextSlot(context);
        spec.slot = context;
        return std::make_unique<GraphOp>(ctx_, build(child, spec), slots_.slot(node.graph.var), context);
    }
    auto id = ctx_.storeId(node.graph.term);
    bool known = id && *id != storage::kDefaultGraph;
    if (known) {
        auto graphs = namedGraphs(ctx_);
        known = std::find(graphs.begin(), graphs.end(), *id) != graphs.end();
    }
    if (!known) {
        auto none = std::make_unique<EmptyOp>(ctx_);
        if (labelled_) none->label = "GRAPH " + node.graph.term.toNTriples() + " is not in the dataset";
        return none;
    }
    spec.kind = GraphSpec::Kind::Fixed;
    spec.graph = *id;
    return build(child, spec);
}

// A VALUES table this small drives the patterns beside it (one run per row), like a FILTER that
// pins a variable to a few IRIs, which rewrite_filter_equality.cpp turns into one.
constexpr std::size_t kDrivingValuesRows = 256;

namespace {
bool smallValues(const Node& node) {
    return node.op == Op::Values && node.values->rows.size() <= kDrivingValuesRows;
}
} // namespace

OperatorPtr Planner::buildSeeded(const Node& node, const GraphSpec& graph, const std::set<std::string>& vars) {
    std::set<std::string> saved = seeded_;
    seeded_.insert(vars.begin(), vars.end());
    try {
        OperatorPtr op = build(node, graph);
        seeded_ = std::move(saved);
        return op;
    } catch (...) {
        seeded_ = std::move(saved);
        throw;
    }
}

OperatorPtr Planner::join(const Node& node, const GraphSpec& graph) {
    if (std::vector<algebra::TriplePattern> patterns; collectPatterns(node, patterns)) return bgp(patterns, {}, graph);
    if (algebra::isEmptyBgp(node.children[0])) return build(*node.children[1], graph);
    if (algebra::isEmptyBgp(node.children[1])) return build(*node.children[0], graph);
    // Patterns (maybe filtered) beside a small table: the table goes first and each of its rows
    // runs them with its values bound. A join's sides can swap: its rows are the same.
    auto patternsBelow = [&](const Node& n) {
        std::vector<algebra::TriplePattern> ignored;
        const Node& p = n.op == Op::Filter ? *n.children[0] : n;
        return collectPatterns(p, ignored);
    };
    const Node* leftNode = node.children[0].get();
    const Node* rightNode = node.children[1].get();
    if (smallValues(*rightNode) && !smallValues(*leftNode) && patternsBelow(*leftNode)) std::swap(leftNode, rightNode);
    const Node& right = *rightNode;
    auto keys = joinKeys(*leftNode, right);
    OperatorPtr left = build(*leftNode, graph);
    // A path with a constant end is searched once from that end (e.g. "?x p+ <c>"),
    // not once per left row.
    bool anchoredPath =
        right.op == Op::Path && (!right.triples[0].subject.isVariable || !right.triples[0].object.isVariable);
    // A TRACE after the pattern that binds its open end runs from each value, not from everywhere.
    bool dependent = (right.op == Op::Bgp || right.op == Op::Path || right.op == Op::Trace) && !anchoredPath;
    dependent = dependent || (smallValues(*leftNode) && patternsBelow(right));
    if (dependent && !keys.empty()) {
        // The patterns' join order starts from what every left row binds. (A TRACE plans its
        // step pattern with its own seeds.)
        OperatorPtr inner = right.op == Op::Trace ? build(right, graph)
                                                  : buildSeeded(right, graph, algebra::certainVariables(*leftNode));
        return std::make_unique<DependentJoinOp>(ctx_, std::move(left), std::move(inner));
    }
    // SERVICE after what binds its variables or its endpoint: a bind join (batches of the
    // left rows' values sent along), not one unbound request hashed.
    if (right.op == Op::Service) {
        auto leftVars = algebra::inScopeVariables(*leftNode);
        bool shared = right.graph.isVariable;
        for (const auto& v : algebra::inScopeVariables(*right.children[0]))
            shared = shared || std::find(leftVars.begin(), leftVars.end(), v) != leftVars.end();
        if (shared) return std::make_unique<ServiceOp>(ctx_, serviceSpec(right), std::move(left));
    }
    OperatorPtr whole = build(right, graph);
    if (!keys.empty())
        if (OperatorPtr probed = probedSide(*left, *leftNode, right, graph, *whole))
            return std::make_unique<DependentJoinOp>(ctx_, std::move(left), std::move(probed));
    return std::make_unique<HashJoinOp>(ctx_, std::move(left), std::move(whole), keys);
}

OperatorPtr Planner::build(const Node& node, const GraphSpec& graph) {
    switch (node.op) {
    case Op::Bgp: return bgp(node.triples, {}, graph);
    case Op::Path: {
        const auto& t = node.triples[0];
        auto op =
            std::make_unique<PathOp>(ctx_, patternSlot(t.subject, true), t.path, patternSlot(t.object, true), graph);
        if (labelled_) op->label = algebra::toSExpression(node);
        // Per open; the opens a dependent join will make are not known here.
        op->expectedRows = op->estimatedRows = cardinality_.estimate(t, seeded_);
        op->statistics = &cardinality_.statistics();
        return op;
    }
    case Op::Join: return join(node, graph);
    case Op::LeftJoin: {
        std::vector<CompiledExpr> conditions;
        for (const auto& e : node.exprs) conditions.push_back(compile(*e, graph));
        const Node& leftNode = *node.children[0];
        const Node& right = *node.children[1];
        OperatorPtr left = build(leftNode, graph);
        OperatorPtr whole = build(right, graph);
        auto keys = joinKeys(leftNode, right);
        if (!keys.empty())
            if (OperatorPtr probed = probedSide(*left, leftNode, right, graph, *whole))
                return std::make_unique<DependentJoinOp>(ctx_, std::move(left), std::move(probed),
                                                         std::move(conditions));
        return std::make_unique<LeftJoinOp>(ctx_, std::move(left), std::move(whole), std::move(keys),
                                            std::move(conditions));
    }
    case Op::Filter: {
        const Node& child = *node.children[0];
        if (std::vector<algebra::TriplePattern> patterns; collectPatterns(child, patterns))
            return bgp(patterns, node.exprs, graph);
        std::vector<CompiledExpr> conditions;
        std::string text;
        for (const auto& e : node.exprs) {
            conditions.push_back(compile(*e, graph));
            if (labelled_) text += (text.empty() ? "" : " && ") + algebra::toSExpression(*e);
        }
        auto op = std::make_unique<FilterOp>(ctx_, build(child, graph), std::move(conditions));
        if (labelled_) op->label = text;
        return op;
    }
    case Op::Union:
        return std::make_unique<UnionOp>(ctx_, build(*node.children[0], graph), build(*node.children[1], graph));
    case Op::Minus:
        return std::make_unique<MinusOp>(ctx_, build(*node.children[0], graph), build(*node.children[1], graph),
                                         joinKeys(*node.children[0], *node.children[1]));
    case Op::Graph: return graphNode(node);
    case Op::Extend: {
        // A chain of BINDs / SELECT expressions becomes one operator.
        std::vector<const Node*> chain;
        const Node* n = &node;
        for (; n->op == Op::Extend; n = n->children[0].get()) chain.push_back(n);
        std::vector<ExtendOp::Assignment> assignments;
        std::string text;
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
            assignments.push_back({slots_.slot((*it)->var), compile(*(*it)->expr, graph)});
            if (labelled_)
                text += fmt::format("{}?{} := {}", text.empty() ? "" : ", ", (*it)->var,
                                    algebra::toSExpression(*(*it)->expr));
        }
        auto op = std::make_unique<ExtendOp>(ctx_, build(*n, graph), std::move(assignments));
        if (labelled_) op->label = text;
        return op;
    }
    case Op::Values: {
        std::vector<std::vector<TermId>> rows;
        for (const auto& r : node.values->rows) {
            std::vector<TermId> row(ctx_.width(), kUnbound);
            for (std::size_t i = 0; i < r.size(); ++i)
                if (r[i]) row[slots_.slot(node.values->vars[i])] = ctx_.intern(*r[i]);
            rows.push_back(std::move(row));
        }
        return std::make_unique<ValuesOp>(ctx_, std::move(rows));
    }
    case Op::Group: {
        std::vector<CompiledExpr> keys;
        std::vector<int> keySlots;
        for (std::size_t i = 0; i < node.groupKeys.size(); ++i) {
            keys.push_back(compile(*node.groupKeys[i], graph));
            keySlots.push_back(slots_.slot(node.groupVars[i]));
        }
        std::vector<CompiledAggregate> aggregates;
        for (const auto& a : node.aggregates) {
            CompiledAggregate c;
            c.function = a.function;
            c.distinct = a.distinct;
            c.star = a.star;
            c.separator = a.separator;
            if (a.arg) c.arg = compile(*a.arg, graph);
            c.slot = slots_.slot(a.outVar);
            aggregates.push_back(std::move(c));
        }
        return std::make_unique<GroupOp>(ctx_, build(*node.children[0], graph), std::move(keys), std::move(keySlots),
                                         std::move(aggregates));
    }
    case Op::OrderBy: {
        std::vector<SortKey> keys;
        for (const auto& k : node.order) keys.push_back({compile(*k.expr, graph), k.descending});
        return std::make_unique<OrderOp>(ctx_, build(*node.children[0], graph), std::move(keys), node.limit);
    }
    case Op::Project: {
        std::vector<int> keep;
        for (const auto& v : node.projection) keep.push_back(slots_.slot(v));
        auto op = std::make_unique<ProjectOp>(ctx_, build(*node.children[0], graph), keep);
        if (labelled_)
            for (const auto& v : node.projection) op->label += " ?" + v;
        return op;
    }
    case Op::Distinct: {
        std::vector<int> slots;
        if (node.children[0]->op == Op::Project) {
            for (const auto& v : node.children[0]->projection) slots.push_back(slots_.slot(v));
        } else {
            for (std::size_t i = 0; i < ctx_.width(); ++i) slots.push_back(static_cast<int>(i));
        }
        return std::make_unique<DistinctOp>(ctx_, build(*node.children[0], graph), std::move(slots));
    }
    case Op::Reduced: return build(*node.children[0], graph);
    case Op::Slice: {
        return std::make_unique<SliceOp>(ctx_, build(*node.children[0], graph), node.offset, node.limit);
    }
    case Op::Trace: return trace(node, graph);
    case Op::Service: return std::make_unique<ServiceOp>(ctx_, serviceSpec(node));
    }
    unsupported("this part of the query", node.span);
}

ServiceOp::Spec Planner::serviceSpec(const Node& node) const {
    {
        ServiceOp::Spec spec;
        if (node.graph.isVariable)
            spec.endpointSlot = slots_.slot(node.graph.var);
        else
            spec.endpoint = node.graph.term;
        spec.silent = node.silent;
        spec.query = node.serviceQuery;
        for (const auto& v : algebra::inScopeVariables(*node.children[0]))
            if (!v.starts_with("_:")) spec.vars.emplace_back(v, slots_.slot(v));
        spec.span = node.span;
        spec.text = std::string(text_);
        return spec;
    }
}

CompiledExpr Planner::compile(const algebra::Expr& e, const GraphSpec& graph) {
    using Kind = algebra::Expr::Kind;
    CompiledExpr c;
    c.kind = e.kind;
    c.name = e.name;
    switch (e.kind) {
    case Kind::Variable: c.slot = slots_.slot(e.var); return c;
    case Kind::Constant:
        c.constant = e.constant;
        // An integer in its canonical form gets its inline id without a dictionary read (another
        // form of it costs one lookup here, and stays a term).
        if (c.constant.isLiteral() && c.constant.datatype == storage::xsd::kInteger)
            if (auto id = ctx_.storeId(c.constant); id && storage::tagOf(*id) == storage::IdTag::InlineInteger)
                c.inlineInteger = storage::inlineIntegerValue(*id);
        return c;
    case Kind::Exists:
    case Kind::NotExists: c.exists = build(*e.pattern, graph); return c;
    case Kind::BuiltIn:
        if (e.name != "BOUND" && e.name != "IF" && e.name != "COALESCE") {
            c.fn = functions::findBuiltIn(e.name);
            if (!c.fn) unsupported(fmt::format("the function {}", e.name), e.span);
        }
        break;
    case Kind::Function:
        // SPARQL makes a call of an unknown function an evaluation error (the
        // value is unbound), not a query error; the warning says so once.
        c.fn = functions::findFunction(e.name);
        if (!c.fn)
            ctx_.warn(
                fmt::format("unknown function <{}>: every call of it is an error (its value is unbound)", e.name));
        break;
    default: break;
    }
    for (const auto& a : e.args) c.args.push_back(compile(*a, graph));
    return c;
}

} // namespace corridor::query::planner
