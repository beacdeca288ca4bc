#include "query/executor/path_op.h"

#include "query/executor/graph_op.h"
#include "query/executor/id_map.h"
#include "storage/free_later.h"

#include <algorithm>
#include <deque>
#include <unordered_set>
#include <utility>

namespace corridor::query::executor {

using Kind = algebra::Path::Kind;
using storage::QuadIds;
using storage::QuadPattern;

namespace {
void collectIris(const algebra::Path& p, ExecContext& ctx, std::map<std::string, std::optional<TermId>>& out) {
    if (p.kind == Kind::Iri) out.emplace(p.iri.value, ctx.storeId(p.iri));
    for (const auto& i : p.items) collectIris(*i, ctx, out);
}
} // namespace

PathOp::~PathOp() {
    // A closure's memo can hold a few entries of hundreds of thousands of ids each: what counts
    // is the ids as well as the entries.
    if (memo_.size() + memoSize_ > 10000) storage::freeInBackground(std::move(memo_));
    if (results_.size() > 10000) storage::freeInBackground(std::move(results_));
}

PathOp::PathOp(ExecContext& ctx, PatternSlot subject, algebra::PathPtr path, PatternSlot object, GraphSpec graph)
    : Operator(ctx), subject_(subject), object_(object), path_(std::move(path)), graph_(graph) {
    collectIris(*path_, ctx, iris_);
}

std::string PathOp::describe() const {
    std::string out = "property path" + (label.empty() ? "" : " " + label);
    if (edgeSetsRead_ > 0) out += ", " + std::to_string(edgesRead_) + " edges read into memory";
    return out;
}

std::optional<TermId> PathOp::iriId(const algebra::Path& p) const {
    return iris_.at(p.iri.value);
}

namespace {

// Which quads a step takes in its scope: those of the scope's graphs, and in a union of graphs each
// triple once (its repeats in other graphs follow it in every index order a step reads).
class ScopeFilter {
public:
    explicit ScopeFilter(const PathOp::Scope& scope) : scope_(scope) {}
    bool takes(const QuadIds& q) const {
        return scope_.kind != PathOp::Scope::Kind::Set ||
               std::find(scope_.graphs.begin(), scope_.graphs.end(), q.g()) != scope_.graphs.end();
    }
    // Whether q repeats the triple taken before it (call for quads taken only).
    bool repeats(const QuadIds& q) {
        if (scope_.kind == PathOp::Scope::Kind::Fixed) return false;
        if (haveLast_ && last_.s() == q.s() && last_.p() == q.p() && last_.o() == q.o()) return true;
        last_ = q;
        haveLast_ = true;
        return false;
    }

private:
    const PathOp::Scope& scope_;
    QuadIds last_;
    bool haveLast_ = false;
};

// A predicate's quads in a scope, which the indexes hold in object order (POSG, or GPOS in one
// graph); other graphs of a set are filtered out by ScopeFilter.
QuadPattern predicateRange(TermId predicate, const PathOp::Scope& scope) {
    QuadPattern range{};
    range[storage::kPredicate] = predicate;
    if (scope.kind == PathOp::Scope::Kind::Fixed) range[storage::kGraph] = scope.graph;
    return range;
}

} // namespace

std::vector<TermId> PathOp::step(TermId node, std::optional<TermId> predicate, bool forward, const Scope& scope,
                                 const std::set<TermId>* excluded) {
    std::vector<TermId> out;
    if (ExecContext::isLocal(node)) return out;
    QuadPattern pattern{};
    pattern[forward ? storage::kSubject : storage::kObject] = node;
    if (predicate) pattern[storage::kPredicate] = *predicate;
    if (scope.kind == Scope::Kind::Fixed) pattern[storage::kGraph] = scope.graph;
    storage::QuadScan& scan = cache_.scan(ctx_.view(), pattern);
    ScopeFilter filter(scope);
    QuadIds q;
    while (scan.next(q)) {
        if (!filter.takes(q) || (excluded && excluded->count(q.p())) || filter.repeats(q)) continue;
        out.push_back(forward ? q.o() : q.s());
    }
    ctx_.checkCancelled();
    return out;
}

// What points to each of `nodes` (sorted, distinct) by `predicate`: one iterator over the
// predicate's quads in object order (POSG, or GPOS in one graph), moved forward node by node. A
// node that sorts before where the iterator stands has nothing pointing to it and costs
// nothing: the leaves of a hierarchy walked upwards-down, which a seek each cost before.
std::vector<std::vector<TermId>> PathOp::stepBackAll(const std::vector<TermId>& nodes, TermId predicate,
                                                     const Scope& scope, double& cost) {
    std::vector<std::vector<TermId>> out(nodes.size());
    QuadPattern range = predicateRange(predicate, scope);
    storage::QuadScan& scan = cache_.scan(ctx_.view(), range);
    ScopeFilter filter(scope);
    QuadIds q;
    bool valid = false, started = false;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const TermId n = nodes[i];
        if (ExecContext::isLocal(n)) continue;
        if ((i & 1023) == 0) ctx_.checkCancelled();
        if (started && !valid) break; // past the predicate's last quad: nothing for the rest
        if (valid && q.o() > n) continue;
        if (!valid || q.o() < n) {
            QuadPattern target = range;
            target[storage::kObject] = n;
            scan.seekWithin(target);
            started = true;
            valid = scan.next(q);
            cost += kSeekInEntries;
        }
        for (; valid && q.o() == n; valid = scan.next(q)) {
            cost += 1;
            if (filter.takes(q) && !filter.repeats(q)) out[i].push_back(q.s());
        }
    }
    ctx_.checkCancelled();
    return out;
}

const PathEdges* PathOp::edgesFor(EdgeState& state, TermId predicate, bool forward, const Scope& scope,
                                  double levelCost) {
    if (state.edges) return &*state.edges;
    if (!statistics) return nullptr;
    auto it = statistics->predicates.find(predicate);
    const double quads = it == statistics->predicates.end() ? 0 : static_cast<double>(it->second.quads);
    double expected = state.cost + levelCost;
    if (forward || expectedOpens > 1) expected = std::max(expected, expectedRows * kSeekInEntries);
    // Held at most 24 bytes an edge (with its key), 16 more while a forward step's are sorted.
    const double bytes = quads * (forward ? 40 : 24);
    const std::size_t budget = ctx_.cancel.memoryBudget;
    const bool fits = budget == 0 || static_cast<double>(ctx_.memoryUsed()) + bytes <= static_cast<double>(budget) / 2;
    if (expected < quads || !fits) return nullptr;
    state.edges = readEdges(predicate, forward, scope);
    edgeMemory_.add(state.edges->bytes());
    ++edgeSetsRead_;
    edgesRead_ += state.edges->edges();
    return &*state.edges;
}

// All of `predicate`'s quads in the scope, read in object order (POSG, or GPOS in one graph): a
// step backward's edges come keyed in order; a step forward's are sorted by subject first.
PathEdges PathOp::readEdges(TermId predicate, bool forward, const Scope& scope) {
    storage::QuadScan& scan = cache_.scan(ctx_.view(), predicateRange(predicate, scope));
    ScopeFilter filter(scope);
    PathEdges edges;
    std::vector<std::pair<TermId, TermId>> pairs; // a step forward's (subject, object)
    QuadIds q;
    for (std::size_t n = 1; scan.next(q); ++n) {
        if ((n & 4095) == 0) ctx_.checkCancelled();
        if (!filter.takes(q) || filter.repeats(q)) continue;
        if (forward)
            pairs.emplace_back(q.s(), q.o());
        else
            edges.add(q.o(), q.s());
    }
    if (forward) {
        std::sort(pairs.begin(), pairs.end());
        for (const auto& [s, o] : pairs) edges.add(s, o);
    }
    ctx_.checkCancelled();
    return edges;
}

const std::vector<TermId>& PathOp::reach(const algebra::Path& inner, TermId start, bool inverse, const Scope& scope) {
    // The memo is only valid for one graph scope.
    if (memoScope_.kind != scope.kind || memoScope_.graph != scope.graph || memoScope_.graphs != scope.graphs) {
        memo_.clear();
        memoSize_ = 0;
        memoScope_ = scope;
        edges_.clear();
        edgeMemory_.reset();
    }
    MemoKey key{&inner, inverse, start};
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    // One map for the three states of a node: 1 = reached (output), 2 = queued, 4 = expanded.
    IdMap<std::uint8_t> state;
    std::vector<TermId> out;
    // Level by level, each level in id order, so that the index seeks move forward.
    std::vector<TermId> level{start}, next;
    bool fresh;
    state.get(start, fresh) |= 2;
    // A step of `inner` by one IRI: its edges may be read into memory (edgesFor); without them, a
    // large level of steps backwards (`?x p+ <end>`, `?x (^p)+ ...` from the other side) takes its
    // steps from one sorted walk (stepBackAll).
    std::optional<TermId> stepBy;
    bool forward = !inverse;
    if (inner.kind == Kind::Iri) stepBy = iriId(inner);
    if (inner.kind == Kind::Inverse && inner.items[0]->kind == Kind::Iri) {
        stepBy = iriId(*inner.items[0]);
        forward = inverse;
    }
    std::vector<TermId> batched;                   // the level's nodes stepped from together
    std::vector<std::vector<TermId>> batchedSteps; // and their steps
    std::vector<TermId> sought;                    // one node's steps found in the index
    const PathEdges* edges = nullptr;
    EdgeState* edgeState = stepBy ? &edges_[{*stepBy, forward}] : nullptr;
    while (!level.empty()) {
        std::sort(level.begin(), level.end());
        const bool walk = stepBy && !forward && level.size() >= kBatchLevel;
        // What the level costs from the index: a seek a node, or at least an entry a node walked.
        const double levelCost = static_cast<double>(level.size()) * (walk ? 1 : kSeekInEntries);
        if (edgeState && !edges) edges = edgesFor(*edgeState, *stepBy, forward, scope, levelCost);
        batched.clear();
        batchedSteps.clear();
        if (walk && !edges) {
            for (TermId x : level)
                if (!(state.get(x, fresh) & 4)) batched.push_back(x);
            batchedSteps = stepBackAll(batched, *stepBy, scope, edgeState->cost);
        }
        for (TermId x : level) {
            std::uint8_t& sx = state.get(x, fresh);
            if (sx & 4) continue;
            sx |= 4;
            // Reuse what an earlier search from x found: every node it reaches, and
            // their successors, are in there already (many firms share one zone).
            if (x != start) {
                if (auto it = memo_.find(MemoKey{&inner, inverse, x}); it != memo_.end()) {
                    for (TermId z : it->second) {
                        std::uint8_t& sz = state.get(z, fresh);
                        if (!(sz & 1)) out.push_back(z);
                        sz |= 1 | 4;
                    }
                    continue;
                }
            }
            std::span<const TermId> steps;
            if (edges) {
                steps = edges->from(x);
            } else if (auto b = std::lower_bound(batched.begin(), batched.end(), x); b != batched.end() && *b == x) {
                steps = batchedSteps[static_cast<std::size_t>(b - batched.begin())];
            } else {
                sought = eval(inner, x, inverse, scope);
                steps = sought;
                if (edgeState) edgeState->cost += kSeekInEntries + static_cast<double>(sought.size());
            }
            for (TermId y : steps) {
                std::uint8_t& sy = state.get(y, fresh);
                if (!(sy & 1)) out.push_back(y);
                if (!(sy & 2)) next.push_back(y);
                sy |= 1 | 2;
            }
        }
        level.swap(next);
        next.clear();
    }
    if (memoSize_ + out.size() > kMemoLimit) {
        storage::freeInBackground(std::exchange(memo_, {}));
        memoSize_ = 0;
    }
    memoSize_ += out.size();
    return memo_.emplace(key, std::move(out)).first->second;
}

std::vector<TermId> PathOp::eval(const algebra::Path& p, TermId node, bool inverse, const Scope& scope) {
    switch (p.kind) {
    case Kind::Iri: {
        auto id = iriId(p);
        if (!id) return {};
        return step(node, *id, !inverse, scope, nullptr);
    }
    case Kind::Inverse: return eval(*p.items[0], node, !inverse, scope);
    case Kind::Sequence: {
        std::vector<TermId> frontier = {node};
        auto visit = [&](const algebra::Path& item) {
            std::vector<TermId> next;
            for (TermId f : frontier) {
                auto r = eval(item, f, inverse, scope);
                next.insert(next.end(), r.begin(), r.end());
            }
            frontier = std::move(next);
        };
        if (!inverse) {
            for (const auto& item : p.items) visit(*item);
        } else {
            for (auto it = p.items.rbegin(); it != p.items.rend(); ++it) visit(**it);
        }
        return frontier;
    }
    case Kind::Alternative: {
        std::vector<TermId> out;
        for (const auto& item : p.items) {
            auto r = eval(*item, node, inverse, scope);
            out.insert(out.end(), r.begin(), r.end());
        }
        return out;
    }
    case Kind::ZeroOrOne: {
        std::set<TermId> out = {node};
        for (TermId y : eval(*p.items[0], node, inverse, scope)) out.insert(y);
        return {out.begin(), out.end()};
    }
    case Kind::ZeroOrMore: {
        std::vector<TermId> out = reach(*p.items[0], node, inverse, scope);
        if (std::find(out.begin(), out.end(), node) == out.end()) out.push_back(node);
        return out;
    }
    case Kind::OneOrMore: return reach(*p.items[0], node, inverse, scope);
    case Kind::NegatedSet: {
        std::set<TermId> forwardExcluded, backwardExcluded;
        bool anyForward = false, anyBackward = false;
        for (const auto& item : p.items) {
            bool isInverse = item->kind == Kind::Inverse;
            const algebra::Path& iri = isInverse ? *item->items[0] : *item;
            auto id = iriId(iri);
            (isInverse ? anyBackward : anyForward) = true;
            if (id) (isInverse ? backwardExcluded : forwardExcluded).insert(*id);
        }
        if (!anyForward && !anyBackward) anyForward = true; // !() : any predicate
        std::vector<TermId> out;
        if (anyForward) {
            auto r = step(node, std::nullopt, !inverse, scope, &forwardExcluded);
            out.insert(out.end(), r.begin(), r.end());
        }
        if (anyBackward) {
            auto r = step(node, std::nullopt, inverse, scope, &backwardExcluded);
            out.insert(out.end(), r.begin(), r.end());
        }
        return out;
    }
    }
    return {};
}

bool PathOp::inGraph(TermId node, const Scope& scope) {
    if (ExecContext::isLocal(node)) return false;
    for (auto position : {storage::kSubject, storage::kObject}) {
        QuadPattern pattern{};
        pattern[position] = node;
        if (scope.kind == Scope::Kind::Fixed) pattern[storage::kGraph] = scope.graph;
        storage::QuadScan& scan = cache_.scan(ctx_.view(), pattern);
        QuadIds q;
        while (scan.next(q)) {
            if (scope.kind == Scope::Kind::Set &&
                std::find(scope.graphs.begin(), scope.graphs.end(), q.g()) == scope.graphs.end())
                continue;
            return true;
        }
    }
    return false;
}

std::set<TermId> PathOp::allNodes(const Scope& scope) {
    std::set<TermId> nodes;
    QuadPattern pattern{};
    if (scope.kind == Scope::Kind::Fixed) pattern[storage::kGraph] = scope.graph;
    storage::QuadScan scan = ctx_.view().scan(pattern);
    QuadIds q;
    while (scan.next(q)) {
        if (scope.kind == Scope::Kind::Set &&
            std::find(scope.graphs.begin(), scope.graphs.end(), q.g()) == scope.graphs.end())
            continue;
        nodes.insert(q.s());
        nodes.insert(q.o());
    }
    return nodes;
}

void PathOp::emit(TermId s, TermId o, TermId graphValue) {
    std::vector<TermId> row = seed_;
    auto bind = [&](const PatternSlot& p, TermId v) {
        if (p.isConstant) return p.constant && *p.constant == v;
        if (row[p.slot] == kUnbound) {
            row[p.slot] = v;
            return true;
        }
        return row[p.slot] == v;
    };
    if (!bind(subject_, s) || !bind(object_, o)) return;
    if (graph_.kind == GraphSpec::Kind::Variable) {
        if (row[graph_.slot] == kUnbound)
            row[graph_.slot] = graphValue;
        else if (row[graph_.slot] != graphValue)
            return;
    }
    memory_.add(row.size() * sizeof(TermId) + 32);
    results_.push_back(std::move(row));
}

void PathOp::evaluateIn(const Scope& scope, TermId graphValue) {
    // Constants come interned (a term the store has never seen gets a local id),
    // so "<new> :p* ?x" still matches its zero-length path.
    auto valueOf = [&](const PatternSlot& p) -> std::optional<TermId> {
        if (p.isConstant) return p.constant;
        if (seed_[p.slot] != kUnbound) return seed_[p.slot];
        return std::nullopt;
    };
    auto s = valueOf(subject_), o = valueOf(object_);
    // A variable's value starts a path only if it is a node of the graph: zero-length
    // paths between variables range over the graph's nodes (section 18.4), while a
    // constant matches itself even when the graph does not mention it.
    auto fromVariable = [&](const PatternSlot& p) { return !p.isConstant && seed_[p.slot] != kUnbound; };
    if (s && fromVariable(subject_) && !inGraph(*s, scope)) return;
    if (!s && o && fromVariable(object_) && !inGraph(*o, scope)) return;
    if (s) {
        for (TermId y : eval(*path_, *s, false, scope)) emit(*s, y, graphValue);
    } else if (o) {
        for (TermId x : eval(*path_, *o, true, scope)) emit(x, *o, graphValue);
    } else {
        for (TermId x : allNodes(scope))
            for (TermId y : eval(*path_, x, false, scope)) emit(x, y, graphValue);
    }
}

void PathOp::open(const TermId* seed) {
    ++opens;
    seed_ = seedRow(seed, ctx_.width());
    results_.clear();
    memory_.reset();
    pos_ = 0;
    const DatasetIds& ds = ctx_.dataset;
    Scope scope;
    switch (graph_.kind) {
    case GraphSpec::Kind::None: return;
    case GraphSpec::Kind::Fixed:
        scope.kind = Scope::Kind::Fixed;
        scope.graph = graph_.graph;
        evaluateIn(scope, graph_.graph);
        return;
    case GraphSpec::Kind::Default:
        switch (ds.defaultMode) {
        case DatasetIds::DefaultMode::Union: scope.kind = Scope::Kind::Union; break;
        case DatasetIds::DefaultMode::StoreDefault:
            scope.kind = Scope::Kind::Fixed;
            scope.graph = storage::kDefaultGraph;
            break;
        case DatasetIds::DefaultMode::Graphs:
            scope.kind = Scope::Kind::Set;
            scope.graphs = ds.defaultGraphs;
            break;
        }
        evaluateIn(scope, 0);
        return;
    case GraphSpec::Kind::Variable: {
        std::vector<TermId> graphs;
        if (seed_[graph_.slot] != kUnbound) {
            graphs.push_back(seed_[graph_.slot]);
        } else {
            graphs = namedGraphs(ctx_);
        }
        for (TermId g : graphs) {
            scope.kind = Scope::Kind::Fixed;
            scope.graph = g;
            evaluateIn(scope, g);
        }
        return;
    }
    }
}

bool PathOp::next(Batch& out) {
    std::size_t before = out.size();
    while (!out.full() && pos_ < results_.size()) out.push(results_[pos_++].data());
    rowsProduced += out.size() - before;
    return out.size() > before;
}

} // namespace corridor::query::executor
