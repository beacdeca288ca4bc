// Functions over TRACE paths (namespace trace:, https://w3id.org/corridor/trace#).
// They read the path's typed value (query/values/trace_path.h). Anything else as
// the path argument is a type error (unbound).

#include "query/functions/numeric.h"
#include "query/functions/registry.h"
#include "query/values/trace_path.h"
#include "storage/vocabulary.h"

#include <set>
#include <unordered_map>

namespace corridor::query::functions {

using values::TracePath;

namespace {

constexpr std::string_view kTrace = storage::vocab::kTraceNs;

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

std::string termText(const Term& t) {
    return t.isIri() ? t.value : t.toNTriples();
}

// Keeps the first occurrence of each item, in order.
class Distinct {
public:
    void add(const std::string& item) {
        if (seen_.insert(item).second) items_.push_back(item);
    }
    const std::vector<std::string>& items() const { return items_; }

private:
    std::set<std::string> seen_;
    std::vector<std::string> items_;
};

// A function of the path alone.
template <typename F>
std::optional<Term> withPath(const std::vector<Term>& args, std::size_t arity, F f) {
    if (args.size() != arity) return std::nullopt;
    auto path = values::pathOf(args[0]);
    if (!path) return std::nullopt;
    return f(*path);
}

std::optional<Term> length(const std::vector<Term>& a, FunctionContext&) {
    return withPath(a, 1, [](const TracePath& p) -> std::optional<Term> {
        return integerTerm(static_cast<std::int64_t>(p.length()));
    });
}
std::optional<Term> start(const std::vector<Term>& a, FunctionContext&) {
    return withPath(a, 1, [](const TracePath& p) -> std::optional<Term> { return p.start; });
}
std::optional<Term> end(const std::vector<Term>& a, FunctionContext&) {
    return withPath(a, 1, [](const TracePath& p) -> std::optional<Term> { return p.end; });
}
std::optional<Term> text(const std::vector<Term>& a, FunctionContext&) {
    return withPath(a, 1, [](const TracePath& p) -> std::optional<Term> { return stringTerm(p.text); });
}
std::optional<Term> nodes(const std::vector<Term>& a, FunctionContext&) {
    return withPath(a, 1, [](const TracePath& p) -> std::optional<Term> {
        std::vector<std::string> items;
        for (const auto& n : p.nodes()) items.push_back(termText(n->term));
        return stringTerm(join(items, " "));
    });
}
std::optional<Term> labels(const std::vector<Term>& a, FunctionContext&) {
    return withPath(a, 1, [](const TracePath& p) -> std::optional<Term> {
        std::vector<std::string> items;
        for (const auto& n : p.nodes()) items.push_back(n->brief);
        return stringTerm(join(items, " \u2192 "));
    });
}
std::optional<Term> scales(const std::vector<Term>& a, FunctionContext&) {
    return withPath(a, 1, [](const TracePath& p) -> std::optional<Term> {
        std::vector<std::string> items;
        for (const auto& n : p.nodes()) items.push_back(n->scale ? n->scaleLabel : "?");
        return stringTerm(join(items, " \u2192 "));
    });
}
std::optional<Term> countries(const std::vector<Term>& a, FunctionContext&) {
    return withPath(a, 1, [](const TracePath& p) -> std::optional<Term> {
        Distinct d;
        for (const auto& n : p.nodes())
            for (const auto& c : n->countryLabels) d.add(c);
        return stringTerm(join(d.items(), ", "));
    });
}
std::optional<Term> countryCount(const std::vector<Term>& a, FunctionContext&) {
    return withPath(a, 1, [](const TracePath& p) -> std::optional<Term> {
        Distinct d;
        for (const auto& n : p.nodes())
            for (const auto& c : n->countries) d.add(c);
        return integerTerm(static_cast<std::int64_t>(d.items().size()));
    });
}
std::optional<Term> scaleCount(const std::vector<Term>& a, FunctionContext&) {
    return withPath(a, 1, [](const TracePath& p) -> std::optional<Term> {
        Distinct d;
        for (const auto& n : p.nodes())
            if (n->scale) d.add(*n->scale);
        return integerTerm(static_cast<std::int64_t>(d.items().size()));
    });
}
// The distinct items of a per-step list, in path order.
template <typename List>
std::optional<Term> stepLists(const std::vector<Term>& a, List list) {
    return withPath(a, 1, [list](const TracePath& p) -> std::optional<Term> {
        Distinct d;
        for (const auto& s : p.steps())
            for (const auto& x : list(*s)) d.add(x);
        return stringTerm(join(d.items(), " "));
    });
}
std::optional<Term> sources(const std::vector<Term>& a, FunctionContext&) {
    return stepLists(a, [](const values::PathStep& s) -> const std::vector<std::string>& { return s.sources; });
}
std::optional<Term> graphs(const std::vector<Term>& a, FunctionContext&) {
    return stepLists(a, [](const values::PathStep& s) -> const std::vector<std::string>& { return s.graphs; });
}
// trace:node(?p, i): the i-th node, 0 being the start.
std::optional<Term> node(const std::vector<Term>& a, FunctionContext&) {
    if (a.size() != 2) return std::nullopt;
    auto path = values::pathOf(a[0]);
    auto i = indexArg(a[1]);
    if (!path || !i || *i < 0 || *i >= static_cast<std::int64_t>(path->nodes().size())) return std::nullopt;
    return path->nodes()[static_cast<std::size_t>(*i)]->term;
}
std::string variableName(const Term& t) {
    std::string name = t.value;
    if (!name.empty() && (name[0] == '?' || name[0] == '$')) name.erase(0, 1);
    return name;
}
// trace:step(?p, i, "var"): the value of a step variable at step i (1 is the first step).
std::optional<Term> step(const std::vector<Term>& a, FunctionContext&) {
    if (a.size() != 3 || !isStringLike(a[2])) return std::nullopt;
    auto path = values::pathOf(a[0]);
    auto i = indexArg(a[1]);
    if (!path || !i || *i < 1 || *i > static_cast<std::int64_t>(path->steps().size())) return std::nullopt;
    const values::PathStep& s = *path->steps()[static_cast<std::size_t>(*i - 1)];
    std::string name = variableName(a[2]);
    if (name == "predicate" && s.predicate) return Term::iri(*s.predicate);
    auto it = s.bindings.find(name);
    if (it == s.bindings.end()) return std::nullopt;
    return it->second;
}

// trace:values(?p, "var"): the distinct values of a step variable along the path, as
// labels (an IRI's shortest label, a literal's text), joined by ", ".
std::optional<Term> stepValues(const std::vector<Term>& a, FunctionContext&) {
    if (a.size() != 2 || !isStringLike(a[1])) return std::nullopt;
    auto path = values::pathOf(a[0]);
    if (!path) return std::nullopt;
    std::string name = variableName(a[1]);
    Distinct d;
    for (const auto& s : path->steps()) {
        if (name == "predicate" && s->predicate) {
            d.add(*s->predicate);
        } else if (auto it = s->labels.find(name); it != s->labels.end()) {
            d.add(it->second);
        }
    }
    return stringTerm(join(d.items(), ", "));
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
        {"values", stepValues},
    };
    auto it = table.find(iri.substr(kTrace.size()));
    return it == table.end() ? nullptr : it->second;
}

} // namespace corridor::query::functions
