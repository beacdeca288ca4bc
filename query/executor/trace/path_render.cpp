// A found path as a typed value (query/values/trace_path.h): its ends and readable
// text when rendered; its nodes with labels, types, scales and countries and its
// steps with their facts, graphs and sources when first read. Nodes and steps are
// built once per TRACE and shared by the paths.

#include "query/executor/trace/trace_shared.h"

#include <algorithm>

namespace corridor::query::executor::trace {

using storage::Term;

namespace {

void addUnique(std::vector<TermId>& list, TermId id) {
    if (std::find(list.begin(), list.end(), id) == list.end()) list.push_back(id);
}

} // namespace

std::shared_ptr<const values::PathNode> TraceShared::node(TermId id) const {
    auto it = nodeCache_.find(id);
    if (it != nodeCache_.end()) return it->second;
    auto n = std::make_shared<values::PathNode>();
    n->term = ctx.resolve(id);
    const NodeLabels& l = labels(id);
    n->label = l.label;
    n->brief = l.brief;
    if (vocabulary.rdfType && !ExecContext::isLocal(id))
        for (TermId t : facts.values(*vocabulary.rdfType, id)) n->types.push_back(ctx.resolve(t).value);
    if (TermId s = facts.scale(id); s != 0) {
        n->scale = ctx.resolve(s).value;
        n->scaleLabel = labels(s).brief;
        n->rank = facts.rank(id);
    }
    for (TermId c : facts.countries(id)) {
        n->countries.push_back(ctx.resolve(c).value);
        n->countryLabels.push_back(labels(c).brief);
    }
    return nodeCache_.emplace(id, std::move(n)).first->second;
}

std::shared_ptr<const values::PathStep> TraceShared::step(const Hop& hop, std::optional<TermId> graph) const {
    auto key = std::make_tuple(hop.from, hop.to, hop.step, graph.value_or(kUnbound));
    auto it = stepCache_.find(key);
    if (it != stepCache_.end()) return it->second;
    auto inGraph = [&](TermId g) { return graph ? g == *graph : inDataset(g); };
    auto step = std::make_shared<values::PathStep>();
    std::vector<TermId> graphs, sources;
    // The quads (any graph of the dataset) of one triple of ids.
    auto factsOf = [&](TermId s, TermId p, TermId o) {
        if (ExecContext::isLocal(s) || ExecContext::isLocal(p) || ExecContext::isLocal(o)) return;
        auto add = [&](const storage::QuadIds& q) {
            if (!inGraph(q.g())) return;
            values::PathFact f{ctx.resolve(s), ctx.resolve(p), ctx.resolve(o), std::nullopt};
            if (q.g() != storage::kDefaultGraph) {
                f.g = ctx.resolve(q.g());
                addUnique(graphs, q.g());
            }
            step->facts.push_back(std::move(f));
        };
        if (const auto* quads = facts.subjectQuads(s)) {
            for (const auto& q : *quads)
                if (q.p() == p && q.o() == o) add(q);
            return;
        }
        storage::QuadPattern pattern{};
        pattern[storage::kSubject] = s;
        pattern[storage::kPredicate] = p;
        pattern[storage::kObject] = o;
        if (tripleScan_)
            tripleScan_->reset(pattern);
        else
            tripleScan_.emplace(ctx.view().scan(pattern));
        storage::QuadIds q;
        while (tripleScan_->next(q)) add(q);
    };
    step->from = ctx.resolve(hop.from);
    step->to = ctx.resolve(hop.to);
    if (via) {
        const auto& alt = via->alternatives()[hop.step];
        step->predicate = alt.iri;
        step->inverse = alt.inverse;
        step->note = note(hop);
        if (alt.inverse)
            factsOf(hop.to, *alt.predicate, hop.from);
        else
            factsOf(hop.from, *alt.predicate, hop.to);
    } else {
        step->pattern = true;
        std::vector<TermId> values(valueNames.size());
        for (std::size_t v = 0; v < valueNames.size(); ++v) {
            values[v] = pattern->value(hop.step, v);
            if (values[v] == kUnbound) continue;
            step->bindings[valueNames[v]] = ctx.resolve(values[v]);
            step->labels[valueNames[v]] = labels(values[v]).brief;
            if (hub[v] && static_cast<int>(v) != fromValue && static_cast<int>(v) != toValue)
                for (TermId property : vocabulary.sourceProperties)
                    for (TermId d : facts.objects(values[v], property)) addUnique(sources, d);
        }
        step->note = note(hop);
        for (const auto& tpl : templates) {
            TermId ids[3];
            bool complete = true;
            for (int i = 0; i < 3 && complete; ++i) {
                const auto& pos = tpl.spo[i];
                if (pos.constant) {
                    complete = pos.id.has_value();
                    if (complete) ids[i] = *pos.id;
                } else {
                    ids[i] = values[pos.value];
                    complete = ids[i] != kUnbound;
                }
            }
            if (complete) factsOf(ids[0], ids[1], ids[2]);
        }
    }
    // A step's sources: the graphs its facts are in, then the documents its own node cites.
    std::vector<TermId> all = graphs;
    for (TermId s : sources) addUnique(all, s);
    for (TermId g : graphs) step->graphs.push_back(ctx.resolve(g).value);
    for (TermId s : all) step->sources.push_back(ctx.resolve(s).value);
    return stepCache_.emplace(key, std::move(step)).first->second;
}

const std::string& TraceShared::note(const Hop& hop) const {
    auto it = notes_.find(hop.step);
    if (it != notes_.end()) return it->second;
    std::string text;
    auto add = [&](TermId id) { text += (text.empty() ? "" : " ") + labels(id).brief; };
    if (via) {
        text = labels(*via->alternatives()[hop.step].predicate).brief;
    } else if (!noteValues.empty()) {
        for (int v : noteValues)
            if (TermId id = pattern->value(hop.step, static_cast<std::size_t>(v)); id != kUnbound) add(id);
    } else {
        // The step's own values: not its ends, not the node standing for the step, not a blank node.
        for (std::size_t v = 0; v < valueNames.size(); ++v) {
            TermId id = pattern->value(hop.step, v);
            if (id == kUnbound || static_cast<int>(v) == fromValue || static_cast<int>(v) == toValue || hub[v])
                continue;
            if (!labels(id).blank) add(id);
        }
    }
    return notes_.emplace(hop.step, std::move(text)).first->second;
}

std::string TraceShared::text(const FoundPath& path) const {
    std::string out = labels(path.start).brief;
    TermId previous = path.start;
    for (const Hop& hop : path.hops) {
        if (hop.from != previous) // SAMEAS: the step leaves from another member of the node arrived at
            out += " (= " + labels(hop.from).brief + ")";
        const std::string& n = note(hop);
        if (n.empty()) // nothing labels the step: a plain arrow
            out += inverse(hop) ? " \u2190 " : " \u2192 ";
        else
            out += inverse(hop) ? " \u2190" + n + "\u2014 " : " \u2014" + n + "\u2192 ";
        out += labels(hop.to).brief;
        previous = hop.to;
    }
    return out;
}

values::PathDetail TraceShared::detail(const FoundPath& path) const {
    values::PathDetail out;
    out.nodes.push_back(node(path.start));
    TermId previous = path.start;
    for (const Hop& hop : path.hops) {
        if (hop.from != previous) out.members.push_back({node(hop.from), out.nodes.back()->term});
        out.nodes.push_back(node(hop.to));
        out.steps.push_back(step(hop, path.graph));
        previous = hop.to;
    }
    return out;
}

Term TraceShared::render(ExecContext&, const FoundPath& path) const {
    std::lock_guard lock(mutex_);
    auto self = shared_from_this();
    auto out = std::make_shared<values::TracePath>(path.hops.size(), [self, path] {
        std::lock_guard lock(self->mutex_);
        return self->detail(path);
    });
    out->text = text(path);
    out->start = ctx.resolve(path.start);
    out->end = ctx.resolve(path.end); // SAMEAS may end on another member than the last step's
    if (unbuilt_.size() >= pruneAt_) {
        std::erase_if(unbuilt_, [](const auto& p) { return p.expired(); });
        pruneAt_ = std::max<std::size_t>(64, 2 * unbuilt_.size());
    }
    unbuilt_.push_back(out);
    return values::pathTerm(std::move(out));
}

void TraceShared::finish() const noexcept {
    std::vector<std::weak_ptr<const values::TracePath>> held;
    {
        std::lock_guard lock(mutex_);
        held.swap(unbuilt_);
    }
    for (const auto& weak : held)
        if (auto path = weak.lock()) {
            try {
                path->build();
            } catch (...) {
                // The store failed under a path nobody has read yet; what reads it later finds
                // no detail rather than a store that is gone.
                path->abandon();
            }
        }
}

} // namespace corridor::query::executor::trace
