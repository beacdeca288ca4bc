#include "query/values/path_json.h"

#include "query/values/term_json.h"

#include <nlohmann/json.hpp>

namespace corridor::query::values {

using nlohmann::json;

namespace {

json stringList(const std::vector<std::string>& items) {
    json list = json::array();
    for (const auto& s : items) list.push_back(s);
    return list;
}

json nodeJson(const PathNode& n) {
    json j = {{"term", termToJson(n.term)}, {"label", n.label}, {"brief", n.brief}, {"types", stringList(n.types)}};
    if (n.scale) {
        j["scale"] = *n.scale;
        j["scaleLabel"] = n.scaleLabel;
        j["rank"] = n.rank;
    }
    j["countries"] = stringList(n.countries);
    j["countryLabels"] = stringList(n.countryLabels);
    return j;
}

json stepJson(const PathStep& s) {
    json j = {{"from", termToJson(s.from)}, {"to", termToJson(s.to)}};
    if (s.predicate) {
        j["predicate"] = *s.predicate;
        j["inverse"] = s.inverse;
    }
    if (s.pattern) {
        json bindings = json::object(), labels = json::object();
        for (const auto& [name, term] : s.bindings) bindings[name] = termToJson(term);
        for (const auto& [name, label] : s.labels) labels[name] = label;
        j["bindings"] = std::move(bindings);
        j["labels"] = std::move(labels);
    }
    json facts = json::array();
    for (const auto& f : s.facts) {
        json fact = {{"s", termToJson(f.s)}, {"p", termToJson(f.p)}, {"o", termToJson(f.o)}};
        if (f.g) fact["g"] = termToJson(*f.g);
        facts.push_back(std::move(fact));
    }
    j["graphs"] = stringList(s.graphs);
    j["sources"] = stringList(s.sources);
    j["facts"] = std::move(facts);
    j["note"] = s.note;
    return j;
}

// Reading: every field is checked, so a foreign document gives nullptr, not an exception.
std::vector<std::string> readStrings(const json& j) {
    std::vector<std::string> out;
    if (!j.is_array()) return out;
    for (const auto& x : j)
        if (x.is_string()) out.push_back(x.get<std::string>());
    return out;
}

std::string readString(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::shared_ptr<const PathNode> readNode(const json& j) {
    auto term = j.is_object() && j.contains("term") ? termFromJson(j["term"]) : std::nullopt;
    if (!term) return nullptr;
    auto n = std::make_shared<PathNode>();
    n->term = std::move(*term);
    n->label = readString(j, "label");
    n->brief = readString(j, "brief");
    n->types = readStrings(j.value("types", json::array()));
    if (j.contains("scale") && j["scale"].is_string()) {
        n->scale = j["scale"].get<std::string>();
        n->scaleLabel = readString(j, "scaleLabel");
        n->rank = j.value("rank", 0);
    }
    n->countries = readStrings(j.value("countries", json::array()));
    n->countryLabels = readStrings(j.value("countryLabels", json::array()));
    return n;
}

std::shared_ptr<const PathStep> readStep(const json& j) {
    if (!j.is_object()) return nullptr;
    auto from = termFromJson(j.value("from", json())), to = termFromJson(j.value("to", json()));
    if (!from || !to) return nullptr;
    auto s = std::make_shared<PathStep>();
    s->from = std::move(*from);
    s->to = std::move(*to);
    if (j.contains("predicate") && j["predicate"].is_string()) {
        s->predicate = j["predicate"].get<std::string>();
        s->inverse = j.value("inverse", false);
    }
    if (j.contains("bindings") && j["bindings"].is_object()) {
        s->pattern = true;
        for (const auto& [name, term] : j["bindings"].items())
            if (auto t = termFromJson(term)) s->bindings.emplace(name, std::move(*t));
        if (j.contains("labels") && j["labels"].is_object())
            for (const auto& [name, label] : j["labels"].items())
                if (label.is_string()) s->labels.emplace(name, label.get<std::string>());
    }
    s->note = readString(j, "note");
    s->graphs = readStrings(j.value("graphs", json::array()));
    s->sources = readStrings(j.value("sources", json::array()));
    for (const auto& f : j.value("facts", json::array())) {
        if (!f.is_object()) continue;
        auto sub = termFromJson(f.value("s", json())), p = termFromJson(f.value("p", json())),
             o = termFromJson(f.value("o", json()));
        if (!sub || !p || !o) continue;
        PathFact fact{std::move(*sub), std::move(*p), std::move(*o), std::nullopt};
        if (f.contains("g")) fact.g = termFromJson(f["g"]);
        s->facts.push_back(std::move(fact));
    }
    return s;
}

} // namespace

void appendPathJson(std::string& out, const TracePath& path) {
    out += "{\"start\":";
    out += termToJson(path.start).dump();
    out += ",\"end\":";
    out += termToJson(path.end).dump();
    out += ",\"length\":" + std::to_string(path.length()) + ",\"nodes\":[";
    for (std::size_t i = 0; i < path.nodes().size(); ++i) {
        if (i) out += ',';
        out += nodeJson(*path.nodes()[i]).dump();
    }
    out += "],\"members\":[";
    for (std::size_t i = 0; i < path.members().size(); ++i) {
        json m = nodeJson(*path.members()[i].node);
        m["sameAs"] = termToJson(path.members()[i].sameAs);
        if (i) out += ',';
        out += m.dump();
    }
    out += "],\"steps\":[";
    for (std::size_t i = 0; i < path.steps().size(); ++i) {
        if (i) out += ',';
        out += stepJson(*path.steps()[i]).dump();
    }
    out += "],\"text\":";
    out += json(path.text).dump();
    out += '}';
}

std::shared_ptr<const TracePath> parsePathJson(std::string_view text) {
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("steps") || !doc["steps"].is_array()) return nullptr;
    auto start = termFromJson(doc.value("start", json())), end = termFromJson(doc.value("end", json()));
    if (!start || !end) return nullptr;
    auto path = std::make_shared<TracePath>();
    path->start = std::move(*start);
    path->end = std::move(*end);
    path->text = readString(doc, "text");
    for (const auto& n : doc.value("nodes", json::array()))
        if (auto node = readNode(n)) path->edit().nodes.push_back(std::move(node));
    for (const auto& m : doc.value("members", json::array())) {
        auto node = readNode(m);
        auto sameAs = m.is_object() ? termFromJson(m.value("sameAs", json())) : std::nullopt;
        if (node && sameAs) path->edit().members.push_back({std::move(node), std::move(*sameAs)});
    }
    for (const auto& s : doc["steps"]) {
        auto step = readStep(s);
        if (!step) return nullptr;
        path->edit().steps.push_back(std::move(step));
    }
    return path;
}

} // namespace corridor::query::values
