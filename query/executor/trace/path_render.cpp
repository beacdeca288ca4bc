// A found path as a term: a literal of datatype trace:Path whose lexical form
// is a JSON document (the format is described in docs/trace.md). Writers show
// it as text, embed the JSON, or turn its facts into a graph.

#include "query/executor/trace/trace_shared.h"
#include "query/functions/term_json.h"
#include "storage/vocabulary.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace corridor::query::executor::trace {

using nlohmann::json;
using storage::Term;

namespace {

void addUnique(std::vector<TermId>& list, TermId id) {
    if (std::find(list.begin(), list.end(), id) == list.end()) list.push_back(id);
}

} // namespace

std::string TraceShared::nodeJson(TermId id) const {
    auto it = nodeCache_.find(id);
    if (it != nodeCache_.end()) return it->second;
    auto termOf = [&](TermId t) { return ctx.resolve(t); };
    NodeLabels l = labels(id);
    json n = {{"term", functions::termToJson(termOf(id))}, {"label", l.label}, {"brief", l.brief}};
    json types = json::array();
    if (vocabulary.rdfType && !ExecContext::isLocal(id))
        for (TermId t : facts.objects(id, *vocabulary.rdfType)) types.push_back(termOf(t).value);
    n["types"] = types;
    if (TermId s = facts.scale(id); s != 0) {
        n["scale"] = termOf(s).value;
        n["scaleLabel"] = labels(s).brief;
        n["rank"] = facts.rank(id);
    }
    json countries = json::array(), countryLabels = json::array();
    for (TermId c : facts.countries(id)) {
        countries.push_back(termOf(c).value);
        countryLabels.push_back(labels(c).brief);
    }
    n["countries"] = countries;
    n["countryLabels"] = countryLabels;
    return nodeCache_.emplace(id, n.dump()).first->second;
}

const TraceShared::StepRender& TraceShared::stepJson(const Hop& hop, std::optional<TermId> graph) const {
    auto key = std::make_tuple(hop.from, hop.to, hop.step, graph.value_or(kUnbound));
    auto inGraph = [&](TermId g) { return graph ? g == *graph : inDataset(g); };
    auto it = stepCache_.find(key);
    if (it != stepCache_.end()) return it->second;
    auto termOf = [&](TermId t) { return ctx.resolve(t); };
    // Quads (any graph of the dataset) of one triple of ids.
    auto factsOf = [&](TermId s, TermId p, TermId o, json& out, std::vector<TermId>& graphs) {
        if (ExecContext::isLocal(s) || ExecContext::isLocal(p) || ExecContext::isLocal(o)) return;
        storage::QuadPattern pattern{};
        pattern[storage::kSubject] = s;
        pattern[storage::kPredicate] = p;
        pattern[storage::kObject] = o;
        if (tripleScan_)
            tripleScan_->reset(pattern);
        else
            tripleScan_.emplace(ctx.view().scan(pattern));
        storage::QuadIds q;
        while (tripleScan_->next(q)) {
            if (!inGraph(q.g())) continue;
            json f = {{"s", functions::termToJson(termOf(s))},
                      {"p", functions::termToJson(termOf(p))},
                      {"o", functions::termToJson(termOf(o))}};
            if (q.g() != storage::kDefaultGraph) {
                f["g"] = functions::termToJson(termOf(q.g()));
                addUnique(graphs, q.g());
            }
            out.push_back(std::move(f));
        }
    };
    StepRender r;
    json step = {{"from", functions::termToJson(termOf(hop.from))}, {"to", functions::termToJson(termOf(hop.to))}};
    json factList = json::array();
    std::vector<TermId> graphs, sources;
    if (via) {
        const auto& alt = via->alternatives()[hop.step];
        r.inverse = alt.inverse;
        step["predicate"] = alt.iri;
        step["inverse"] = alt.inverse;
        r.note = labels(*alt.predicate).brief;
        if (alt.inverse)
            factsOf(hop.to, *alt.predicate, hop.from, factList, graphs);
        else
            factsOf(hop.from, *alt.predicate, hop.to, factList, graphs);
    } else {
        json bindings = json::object(), bindingLabels = json::object();
        std::vector<TermId> values(valueNames.size());
        for (std::size_t v = 0; v < valueNames.size(); ++v) {
            values[v] = pattern->value(hop.step, v);
            if (values[v] == kUnbound) continue;
            bindings[valueNames[v]] = functions::termToJson(termOf(values[v]));
            bindingLabels[valueNames[v]] = labels(values[v]).brief;
            if (static_cast<int>(v) == fromValue || static_cast<int>(v) == toValue) continue;
            if (hub[v]) {
                for (TermId property : vocabulary.sourceProperties)
                    for (TermId d : facts.objects(values[v], property)) addUnique(sources, d);
                continue;
            }
            if (!noteValues.empty() || termOf(values[v]).isBlank()) continue;
            r.note += (r.note.empty() ? "" : " ") + labels(values[v]).brief;
        }
        for (int v : noteValues)
            if (values[v] != kUnbound) r.note += (r.note.empty() ? "" : " ") + labels(values[v]).brief;
        step["bindings"] = bindings;
        step["labels"] = bindingLabels;
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
            if (complete) factsOf(ids[0], ids[1], ids[2], factList, graphs);
        }
    }
    // A step's sources: the graphs its facts are in, then the documents its own node cites.
    std::vector<TermId> all = graphs;
    for (TermId s : sources) addUnique(all, s);
    json graphList = json::array(), sourceList = json::array();
    for (TermId g : graphs) graphList.push_back(termOf(g).value);
    for (TermId s : all) sourceList.push_back(termOf(s).value);
    step["graphs"] = graphList;
    step["sources"] = sourceList;
    step["facts"] = factList;
    step["note"] = r.note;
    r.json = step.dump();
    return stepCache_.emplace(key, std::move(r)).first->second;
}

// The document is assembled from cached fragments: paths share most of their nodes and steps.
Term TraceShared::render(ExecContext&, const FoundPath& path) const {
    std::string nodes = nodeJson(path.start);
    std::string text = labels(path.start).brief;
    std::string steps;
    std::string members; // SAMEAS: nodes a step leaves from that the path did not arrive at
    TermId previous = path.start;
    for (const Hop& hop : path.hops) {
        nodes += ',';
        nodes += nodeJson(hop.to);
        const StepRender& step = stepJson(hop, path.graph);
        if (!steps.empty()) steps += ',';
        steps += step.json;
        if (hop.from != previous) {
            text += " (= " + labels(hop.from).brief + ")";
            json member = json::parse(nodeJson(hop.from));
            member["sameAs"] = functions::termToJson(ctx.resolve(previous));
            members += (members.empty() ? "" : ",") + member.dump();
        }
        if (step.note.empty()) // nothing labels the step: a plain arrow
            text += step.inverse ? " \u2190 " : " \u2192 ";
        else
            text += step.inverse ? " \u2190" + step.note + "\u2014 " : " \u2014" + step.note + "\u2192 ";
        text += labels(hop.to).brief;
        previous = hop.to;
    }
    std::string doc = "{\"start\":" + functions::termToJson(ctx.resolve(path.start)).dump() +
                      ",\"end\":" + functions::termToJson(ctx.resolve(path.end)).dump() +
                      ",\"length\":" + std::to_string(path.hops.size()) + ",\"nodes\":[" + nodes + "],\"members\":[" +
                      members + "],\"steps\":[" + steps + "],\"text\":" + json(text).dump() + "}";
    return Term::literal(std::move(doc), std::string(storage::vocab::kTracePath));
}

} // namespace corridor::query::executor::trace
