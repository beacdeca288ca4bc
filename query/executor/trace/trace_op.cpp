#include "query/executor/trace/trace_op.h"

#include "query/error.h"
#include "query/functions/unicode.h"
#include "storage/free_later.h"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <set>

namespace corridor::query::executor::trace {

TraceOp::~TraceOp() {
    if (paths_.size() > 10000) storage::freeInBackground(std::move(paths_));
}

TraceOp::TraceOp(ExecContext& ctx, std::shared_ptr<const algebra::TraceSpec> trace, std::shared_ptr<TraceShared> shared,
                 SearchSpec spec, int pathSlot, TraceEndPlan from, TraceEndPlan to, const std::string& text)
    : Operator(ctx), trace_(std::move(trace)), shared_(std::move(shared)), spec_(std::move(spec)), pathSlot_(pathSlot),
      from_(std::move(from)), to_(std::move(to)), text_(text) {}

TermId TraceOp::resolveLabel(const algebra::TraceEnd& end) {
    const storage::ReadView& view = ctx_.view();
    const auto& properties = shared_->vocabulary.labelProperties;
    std::vector<TermId> subjects;
    auto subjectsWith = [&](TermId value) {
        for (TermId p : properties) {
            storage::QuadPattern pattern{};
            pattern[storage::kPredicate] = p;
            pattern[storage::kObject] = value;
            auto scan = view.scan(pattern);
            storage::QuadIds q;
            while (scan.next(q))
                if (std::find(subjects.begin(), subjects.end(), q.s()) == subjects.end()) subjects.push_back(q.s());
        }
    };
    const storage::Term& label = end.term;
    std::vector<storage::Term> forms = {label};
    if (label.lang.empty() && label.datatype.empty()) forms.push_back(storage::Term::langLiteral(label.value, "en"));
    for (const auto& form : forms)
        if (auto id = view.lookup(form)) subjectsWith(*id);
    if (subjects.empty()) {
        // Any language tag, any letter case (Unicode case folding): read every label.
        std::string wanted = functions::caseFold(label.value);
        for (TermId p : properties) {
            storage::QuadPattern pattern{};
            pattern[storage::kPredicate] = p;
            auto scan = view.scan(pattern);
            storage::QuadIds q;
            TermId lastObject = kUnbound;
            bool lastMatched = false;
            while (scan.next(q)) {
                if (q.o() != lastObject) {
                    lastObject = q.o();
                    storage::Term t = view.resolve(q.o());
                    lastMatched = t.isLiteral() && functions::caseFold(t.value) == wanted;
                }
                if (lastMatched && std::find(subjects.begin(), subjects.end(), q.s()) == subjects.end())
                    subjects.push_back(q.s());
                ctx_.checkCancelled();
            }
        }
    }
    std::string where;
    for (const auto& iri : shared_->vocabulary.labelPropertyIris) where += (where.empty() ? "<" : ", <") + iri + ">";
    if (subjects.empty())
        throw SemanticError(fmt::format("no node has the label \"{}\" (looked in {})", label.value, where), end.span,
                            text_);
    if (subjects.size() > 1) {
        std::string list;
        for (std::size_t i = 0; i < subjects.size() && i < 5; ++i) {
            list += fmt::format("{}{} ({})", i ? ", " : "", view.resolve(subjects[i]).toNTriples(),
                                shared_->labels(subjects[i]).label);
        }
        if (subjects.size() > 5) list += fmt::format(" and {} more", subjects.size() - 5);
        throw SemanticError(
            fmt::format("the label \"{}\" names {} nodes: {}; use an IRI", label.value, subjects.size(), list),
            end.span, text_);
    }
    return subjects.front();
}

std::optional<std::vector<TermId>> TraceOp::endNodes(TraceEndPlan& plan, const TermId* seed) {
    bool& resolved = &plan == &from_ ? fromResolved_ : toResolved_;
    if (contextSlot_ >= 0 && plan.pattern) resolved = false; // per graph: an end pattern is read in each graph
    std::optional<std::vector<TermId>>& cache = &plan == &from_ ? fromCache_ : toCache_;
    if (!resolved) {
        resolved = true;
        const algebra::TraceEnd& e = *plan.end;
        switch (e.kind) {
        case algebra::TraceEnd::Kind::Node: {
            cache.emplace();
            if (auto id = ctx_.storeId(e.term)) cache->push_back(*id);
            break;
        }
        case algebra::TraceEnd::Kind::Label: cache = std::vector<TermId>{resolveLabel(e)}; break;
        case algebra::TraceEnd::Kind::Variable:
            if (plan.pattern) {
                cache.emplace();
                std::set<TermId> seen;
                plan.pattern->open(contextSlot_ >= 0 ? seed : nullptr);
                Batch batch(ctx_.width());
                while (plan.pattern->next(batch)) {
                    for (std::size_t r = 0; r < batch.size(); ++r) {
                        TermId v = batch.row(r)[plan.patternSlot];
                        if (v != kUnbound && seen.insert(v).second) cache->push_back(v);
                    }
                    batch.clear();
                }
            }
            break;
        }
    }
    if (plan.slot >= 0 && seed && seed[plan.slot] != kUnbound) {
        TermId v = seed[plan.slot];
        if (!cache || std::find(cache->begin(), cache->end(), v) != cache->end()) return std::vector<TermId>{v};
        return std::vector<TermId>{};
    }
    return cache;
}

void TraceOp::open(const TermId* seed) {
    ++opens;
    seed_ = seedRow(seed, ctx_.width());
    paths_.clear();
    position_ = 0;
    if (contextSlot_ >= 0) {
        GraphSpec current{GraphSpec::Kind::Fixed, seed_[contextSlot_], -1};
        if (current.graph == kUnbound) current.kind = GraphSpec::Kind::None;
        shared_->graph = current;
        if (shared_->via) shared_->via->setGraph(current);
        if (shared_->pattern) shared_->pattern->setSeedValue(contextSlot_, seed_[contextSlot_]);
    }
    auto starts = endNodes(from_, seed);
    auto ends = endNodes(to_, seed);
    TraceSearch search(
        ctx_, *shared_->expander, shared_->facts, spec_, [this](std::uint32_t step) { return shared_->stepTime(step); },
        [this](std::uint32_t step) { return shared_->stepSameValue(step); });
    std::string how = search.breadthFirst() ? "breadth-first search" : "level-by-level path enumeration";
    auto targetsOf = [&](const std::vector<TermId>& nodes) {
        TargetSet set;
        for (TermId n : nodes) set.insert(search.canonical(n));
        return set;
    };
    if (starts && ends) {
        if (starts->empty() || ends->empty()) {
            algorithm_ = "no search (an end matches no node)";
        } else if (starts->size() == 1 && ends->size() == 1 && search.breadthFirst()) {
            algorithm_ = "breadth-first search from both ends";
            search.between(starts->front(), ends->front(), paths_);
        } else if (starts->size() <= ends->size()) {
            algorithm_ = fmt::format("{} from {} start node(s) to {} end node(s)", how, starts->size(), ends->size());
            TargetSet targets = targetsOf(*ends);
            search.fromOrigins(*starts, false, &targets, paths_);
        } else {
            algorithm_ =
                fmt::format("{} backwards from {} end node(s) to {} start node(s)", how, ends->size(), starts->size());
            TargetSet targets = targetsOf(*starts);
            search.fromOrigins(*ends, true, &targets, paths_);
        }
    } else if (starts) {
        algorithm_ = fmt::format("{} from {} start node(s), any end", how, starts->size());
        search.fromOrigins(*starts, false, nullptr, paths_);
    } else if (ends) {
        algorithm_ = fmt::format("{} backwards from {} end node(s), any start", how, ends->size());
        search.fromOrigins(*ends, true, nullptr, paths_);
    } else {
        std::vector<TermId> origins;
        shared_->expander->allOrigins(false, origins);
        algorithm_ = fmt::format("{} from every node a step leaves ({})", how, origins.size());
        search.fromOrigins(origins, false, nullptr, paths_);
    }
    ++searches_;
    states_ += search.stats.states;
    const std::string& name = trace_->pathVar;
    if (search.stats.statesCut) {
        statesCut_ = true;
        ctx_.warn(fmt::format("TRACE ?{} stopped after {} search states (MAX STATES {}), so some paths may be "
                              "missing; raise the bound with MAX STATES n",
                              name, spec_.maxStates, spec_.maxStates));
    }
    if (search.stats.pathsCut) {
        pathsCut_ = true;
        ctx_.warn(fmt::format("TRACE ?{} returned its first {} paths (MAX PATHS {}) and there are more; raise "
                              "the bound with MAX PATHS n",
                              name, spec_.maxPaths, spec_.maxPaths));
    }
}

bool TraceOp::next(Batch& out) {
    std::size_t before = out.size();
    std::vector<TermId> row(ctx_.width());
    while (!out.full() && position_ < paths_.size()) {
        FoundPath& path = paths_[position_++];
        std::copy(seed_.begin(), seed_.end(), row.begin());
        auto bind = [&](int slot, TermId value) {
            if (slot < 0) return true;
            if (row[slot] == kUnbound) row[slot] = value;
            return row[slot] == value;
        };
        if (row[pathSlot_] != kUnbound) continue; // a path is a new value; it cannot equal a bound one
        if (!bind(from_.slot, path.start) || !bind(to_.slot, path.end)) continue;
        if (contextSlot_ >= 0) path.graph = seed_[contextSlot_];
        row[pathSlot_] = ctx_.addPath({shared_, std::move(path)});
        out.push(row.data());
        ++rowsProduced;
    }
    return out.size() > before;
}

std::string TraceOp::describe() const {
    std::string out =
        fmt::format("trace ?{}: {}; steps by {}", trace_->pathVar,
                    algorithm_.empty() ? std::string("not run") : algorithm_, shared_->expander->describe());
    out += fmt::format("; {} search state(s)", states_);
    if (searches_ > 1) out += fmt::format(" in {} searches", searches_);
    if (statesCut_) out += " (cut at MAX STATES)";
    if (pathsCut_) out += " (cut at MAX PATHS)";
    return out;
}

std::vector<const Operator*> TraceOp::inputs() const {
    std::vector<const Operator*> in;
    if (shared_->pattern) in.push_back(&shared_->pattern->forwardPlan());
    if (from_.pattern) in.push_back(from_.pattern.get());
    if (to_.pattern) in.push_back(to_.pattern.get());
    return in;
}

} // namespace corridor::query::executor::trace
