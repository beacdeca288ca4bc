// A found path as a typed value (query/values/trace_path.h): its nodes with labels,
// types, scales and countries, its steps with their facts, graphs and sources, and
// its readable text. Nodes and steps are built once per TRACE and shared by the paths.

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
    NodeLabels l = labels(id);
    n->label = std::move(l.label);
    n->brief = std::move(l.brief);
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
        step->note = labels(*alt.predicate).brief;
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
            Term term = ctx.resolve(values[v]);
            bool blank = term.isBlank();
            step->bindings[valueNames[v]] = std::move(term);
            step->labels[valueNames[v]] = labels(values[v]).brief;
            if (static_cast<int>(v) == fromValue || static_cast<int>(v) == toValue) continue;
            if (hub[v]) {
                for (TermId property : vocabulary.sourceProperties)
                    for (TermId d : facts.objects(values[v], property)) addUnique(sources, d);
                continue;
            }
            if (!noteValues.empty() || blank) continue;
            step->note += (step->note.empty() ? "" : " ") + labels(values[v]).brief;
        }
        for (int v : noteValues)
            if (values[v] != kUnbound) step->note += (step->note.empty() ? "" : " ") + labels(values[v]).brief;
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

Term TraceShared::render(ExecContext&, const FoundPath& path) const {
    auto out = std::make_shared<values::TracePath>();
    out->nodes.push_back(node(path.start));
    std::string& text = out->text;
    text = labels(path.start).brief;
    TermId previous = path.start;
    for (const Hop& hop : path.hops) {
        auto s = step(hop, path.graph);
        if (hop.from != previous) { // SAMEAS: the step leaves from another member of the node arrived at
            text += " (= " + labels(hop.from).brief + ")";
            out->members.push_back({node(hop.from), out->nodes.back()->term});
        }
        out->nodes.push_back(node(hop.to));
        if (s->note.empty()) // nothing labels the step: a plain arrow
            text += s->inverse ? " \u2190 " : " \u2192 ";
        else
            text += s->inverse ? " \u2190" + s->note + "\u2014 " : " \u2014" + s->note + "\u2192 ";
        text += labels(hop.to).brief;
        out->steps.push_back(std::move(s));
        previous = hop.to;
    }
    out->start = out->nodes.front()->term;
    out->end = node(path.end)->term; // the last node (cached), unless SAMEAS ended on another member
    return values::pathTerm(std::move(out));
}

} // namespace corridor::query::executor::trace
