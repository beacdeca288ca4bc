// Functions over TRACE paths (namespace trace:, https://w3id.org/corridor/trace#).
// A path is a literal of datatype trace:Path holding JSON (docs/trace.md); these
// read it. Anything else as the path argument is a type error (unbound).

#include "query/functions/numeric.h"
#include "query/functions/registry.h"
#include "query/functions/term_json.h"
#include "storage/vocabulary.h"

#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

namespace corridor::query::functions {

using nlohmann::json;

namespace {

constexpr std::string_view kTrace = storage::vocab::kTraceNs;

std::optional<json> pathOf(const Term& t) {
    if (!t.isLiteral() || t.datatype != storage::vocab::kTracePath) return std::nullopt;
    json doc = json::parse(t.value, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
    return doc;
}

std::optional<std::int64_t> indexArg(const Term& t) {
    auto n = numericValue(t);
    if (!n || n->type != NumType::Integer) return std::nullopt;
    return static_cast<std::int64_t>(n->exact);
}

std::string join(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : separator) + i;
    return out;
}

std::string termText(const json& term) {
    auto t = termFromJson(term);
    if (!t) return {};
    return t->isIri() ? t->value : t->toNTriples();
}

// A function of the path document alone.
template <typename F>
std::optional<Term> withPath(const std::vector<Term>& args, std::size_t arity, F f) {
    if (args.size() != arity) return std::nullopt;
    auto doc = pathOf(args[0]);
    if (!doc) return std::nullopt;
    return f(*doc);
}

std::optional<Term> length(const std::vector<Term>& a, FunctionContext&) {
    return withPath(a, 1,
                    [](const json& d) -> std::optional<Term> { return integerTerm(d["length"].get<std::int64_t>()); });
}
std::optional<Term> start(const std::vector<Term>& a, FunctionContext&) {
    return withPath(a, 1, [](const json& d) { return termFromJson(d["start"]); });
}
std::optional<Term> end(const std::vector<Term>& a, FunctionContext&) {
    return withPath(a, 1, [](const json& d) { return termFromJson(d["end"]); });
}
std::optional<Term> text(const std::vector<Term>& a, FunctionContext&) {
    return withPath(a, 1, [](const json& d) -> std::optional<Term> { return stringTerm(d["text"]); });
}
std::optional<Term> nodes(const std::vector<Term>& a, FunctionContext&) {
    return withPath(a, 1, [](const json& d) -> std::optional<Term> {
        std::vector<std::string> items;
        for (const auto& n : d["nodes"]) items.push_back(termText(n["term"]));
        return stringTerm(join(items, " "));
    });
}
std::optional<Term> labels(const std::vector<Term>& a, FunctionContext&) {
    return withPath(a, 1, [](const json& d) -> std::optional<Term> {
        std::vector<std::string> items;
        for (const auto& n : d["nodes"]) items.push_back(n["brief"]);
        return stringTerm(join(items, " \u2192 "));
    });
}
std::optional<Term> scales(const std::vector<Term>& a, FunctionContext&) {
    return withPath(a, 1, [](const json& d) -> std::optional<Term> {
        std::vector<std::string> items;
        for (const auto& n : d["nodes"]) items.push_back(n.value("scaleLabel", std::string("?")));
        return stringTerm(join(items, " \u2192 "));
    });
}
// Distinct values of a per-node list field, in path order.
std::vector<std::string> distinctOf(const json& d, const char* field) {
    std::vector<std::string> items;
    std::set<std::string> seen;
    for (const auto& n : d["nodes"]) {
        if (!n.contains(field)) continue;
        const json& v = n[field];
        for (const auto& x : v.is_array() ? v : json::array({v}))
            if (seen.insert(x.get<std::string>()).second) items.push_back(x);
    }
    return items;
}
std::optional<Term> countries(const std::vector<Term>& a, FunctionContext&) {
    return withPath(a, 1, [](const json& d) -> std::optional<Term> {
        return stringTerm(join(distinctOf(d, "countryLabels"), ", "));
    });
}
std::optional<Term> countryCount(const std::vector<Term>& a, FunctionContext&) {
    return withPath(a, 1, [](const json& d) -> std::optional<Term> {
        return integerTerm(static_cast<std::int64_t>(distinctOf(d, "countries").size()));
    });
}
std::optional<Term> scaleCount(const std::vector<Term>& a, FunctionContext&) {
    return withPath(a, 1, [](const json& d) -> std::optional<Term> {
        return integerTerm(static_cast<std::int64_t>(distinctOf(d, "scale").size()));
    });
}
// Distinct values of a per-step list field, in path order.
std::optional<Term> stepLists(const std::vector<Term>& a, const char* field) {
    return withPath(a, 1, [field](const json& d) -> std::optional<Term> {
        std::vector<std::string> items;
        std::set<std::string> seen;
        for (const auto& s : d["steps"])
            for (const auto& x : s[field])
                if (seen.insert(x.get<std::string>()).second) items.push_back(x);
        return stringTerm(join(items, " "));
    });
}
std::optional<Term> sources(const std::vector<Term>& a, FunctionContext&) {
    return stepLists(a, "sources");
}
std::optional<Term> graphs(const std::vector<Term>& a, FunctionContext&) {
    return stepLists(a, "graphs");
}
// trace:node(?p, i): the i-th node, 0 being the start.
std::optional<Term> node(const std::vector<Term>& a, FunctionContext&) {
    if (a.size() != 2) return std::nullopt;
    auto doc = pathOf(a[0]);
    auto i = indexArg(a[1]);
    if (!doc || !i || *i < 0 || *i >= static_cast<std::int64_t>((*doc)["nodes"].size())) return std::nullopt;
    return termFromJson((*doc)["nodes"][static_cast<std::size_t>(*i)]["term"]);
}
// trace:step(?p, i, "var"): the value of a step variable at step i (1 is the first step).
std::optional<Term> step(const std::vector<Term>& a, FunctionContext&) {
    if (a.size() != 3 || !isStringLike(a[2])) return std::nullopt;
    auto doc = pathOf(a[0]);
    auto i = indexArg(a[1]);
    if (!doc || !i || *i < 1 || *i > static_cast<std::int64_t>((*doc)["steps"].size())) return std::nullopt;
    const json& s = (*doc)["steps"][static_cast<std::size_t>(*i - 1)];
    std::string name = a[2].value;
    if (!name.empty() && (name[0] == '?' || name[0] == '$')) name.erase(0, 1);
    if (name == "predicate" && s.contains("predicate")) return Term::iri(s["predicate"]);
    if (!s.contains("bindings") || !s["bindings"].contains(name)) return std::nullopt;
    return termFromJson(s["bindings"][name]);
}

// trace:values(?p, "var"): the distinct values of a step variable along the path, as
// labels (an IRI's shortest label, a literal's text), joined by ", ".
std::optional<Term> values(const std::vector<Term>& a, FunctionContext&) {
    if (a.size() != 2 || !isStringLike(a[1])) return std::nullopt;
    auto doc = pathOf(a[0]);
    if (!doc) return std::nullopt;
    std::string name = a[1].value;
    if (!name.empty() && (name[0] == '?' || name[0] == '$')) name.erase(0, 1);
    std::vector<std::string> items;
    std::set<std::string> seen;
    for (const auto& s : (*doc)["steps"]) {
        std::string v;
        if (name == "predicate" && s.contains("predicate"))
            v = s["predicate"];
        else if (s.contains("labels") && s["labels"].contains(name))
            v = s["labels"][name];
        else
            continue;
        if (seen.insert(v).second) items.push_back(v);
    }
    return stringTerm(join(items, ", "));
}

} // namespace

Function findTraceFunction(std::string_view iri) {
    if (iri.substr(0, kTrace.size()) != kTrace) return nullptr;
    static const std::unordered_map<std::string_view, Function> table = {
        {"length", length},
        {"start", start},
        {"end", end},
        {"text", text},
        {"nodes", nodes},
        {"labels", labels},
        {"scales", scales},
        {"countries", countries},
        {"countryCount", countryCount},
        {"scaleCount", scaleCount},
        {"sources", sources},
        {"graphs", graphs},
        {"node", node},
        {"step", step},
        {"values", values},
    };
    auto it = table.find(iri.substr(kTrace.size()));
    return it == table.end() ? nullptr : it->second;
}

} // namespace corridor::query::functions
