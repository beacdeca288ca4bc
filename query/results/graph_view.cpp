#include "query/results/graph_view.h"

#include "storage/vocabulary.h"

#include <algorithm>
#include <fmt/format.h>
#include <functional>
#include <set>
#include <unordered_map>

namespace corridor::query::results {

namespace {
using storage::Term;

constexpr std::string_view kPmz = storage::vocab::kPmz;
constexpr std::string_view kRdfType = storage::vocab::kRdfType;
constexpr std::string_view kLabel = storage::vocab::kRdfsLabel;
constexpr std::string_view kPrefLabel = storage::vocab::kSkosPrefLabel;
constexpr std::string_view kSameAs = storage::vocab::kOwlSameAs;
constexpr std::string_view kXsd = storage::xsd::kNs;

// Namespaces of controlled values: attributes, never nodes.
constexpr std::string_view kControlled[] = {
    "https://w3id.org/corridor/scale/", "https://w3id.org/corridor/element/", "https://w3id.org/corridor/instrument/",
    "https://w3id.org/corridor/partnership/", "https://w3id.org/corridor/milestone/"};

std::string pmz(std::string_view local) {
    return std::string(kPmz) + std::string(local);
}

bool controlled(const std::string& iri) {
    return std::any_of(std::begin(kControlled), std::end(kControlled),
                       [&](std::string_view ns) { return iri.starts_with(ns); });
}

std::string localName(const std::string& iri) {
    std::size_t cut = iri.find_last_of("/#");
    return cut == std::string::npos || cut + 1 == iri.size() ? iri : iri.substr(cut + 1);
}

std::string keyOf(const Term& t) {
    return t.isBlank() ? "_:" + t.value : t.value;
}

void append(GraphAttributes& attributes, const std::string& name, const std::string& value) {
    auto& cell = attributes[name];
    if (cell.empty()) {
        cell = value;
        return;
    }
    // Several values: ';'-separated, each once.
    std::size_t start = 0;
    while (start <= cell.size()) {
        std::size_t end = std::min(cell.find(';', start), cell.size());
        if (cell.compare(start, end - start, value) == 0) return;
        start = end + 1;
    }
    cell += ";" + value;
}

struct Statement {
    Term p, o;
};

class Builder {
public:
    Builder(const GraphViewOptions& options, const storage::ReadView* context) : options_(options), context_(context) {}

    GraphView build(std::vector<storage::Quad> quads) {
        for (auto& q : quads) {
            if (q.predicate.value == kSameAs && !q.object.isLiteral()) {
                unite(keyOf(q.subject), keyOf(q.object));
                continue;
            }
            std::string key = keyOf(q.subject);
            auto& list = subjects_[key];
            if (list.empty()) order_.push_back(key);
            list.push_back({std::move(q.predicate), std::move(q.object)});
        }
        quads.clear();
        quads.shrink_to_fit();
        // Each sameAs set is represented by its smallest member that the quads describe (an entity
        // rather than the Wikidata item it is the same as), else by its smallest member.
        std::map<std::string, std::string> best;
        for (const auto& [member, parent] : parent_) {
            std::string root = find(member);
            auto& b = best[root];
            bool described = subjects_.count(member) > 0;
            bool bestDescribed = !b.empty() && subjects_.count(b) > 0;
            if (b.empty() || (described && !bestDescribed) || (described == bestDescribed && member < b)) b = member;
        }
        for (const auto& [root, member] : best) representative_[root] = member;
        // Move the statements of each sameAs set to its representative (in place: no copy).
        std::vector<std::string> mergedOrder;
        for (const auto& s : order_) {
            std::string r = rep(s);
            if (r == s) {
                mergedOrder.push_back(s);
                continue;
            }
            auto& from = subjects_[s];
            auto& to = subjects_[r];
            if (to.empty()) mergedOrder.push_back(r);
            for (auto& st : from) to.push_back(std::move(st));
            subjects_.erase(s);
            append(nodeAttributes_[r], "sameAs", s);
        }
        for (const auto& [member, parent] : parent_)
            if (rep(member) != member && !subjects_.count(member))
                append(nodeAttributes_[rep(member)], "sameAs", member);
        std::set<std::string> done;
        for (const auto& s : mergedOrder)
            if (done.insert(s).second) describe(s, subjects_[s]);
        GraphView view;
        for (const auto& id : nodeOrder_) {
            if (!subjects_.count(id) && context_ && !id.starts_with("_:")) fromContext(id, nodeAttributes_[id]);
            GraphNode node{id, nodeAttributes_[id]};
            if (!node.attributes.count("label")) node.attributes["label"] = labelOf(id);
            view.nodes.push_back(std::move(node));
        }
        view.edges = std::move(edges_);
        return view;
    }

private:
    // ---- sameAs sets --------------------------------------------------------
    // The node that stands for x: its set's representative.
    std::string rep(const std::string& x) {
        auto it = representative_.find(find(x));
        return it == representative_.end() ? x : it->second;
    }

    std::string find(const std::string& x) {
        auto it = parent_.find(x);
        if (it == parent_.end() || it->second == x) return x;
        std::string root = find(it->second);
        parent_[x] = root;
        return root;
    }
    void unite(const std::string& a, const std::string& b) {
        parent_.try_emplace(a, a);
        parent_.try_emplace(b, b);
        std::string ra = find(a), rb = find(b);
        if (ra == rb) return;
        // The smaller IRI represents the set: the same choice whatever the order of the quads.
        if (rb < ra) std::swap(ra, rb);
        parent_[rb] = ra;
    }

    // ---- one subject ------------------------------------------------------
    static std::vector<std::string> objectsOf(const std::vector<Statement>& list, std::string_view p) {
        std::vector<std::string> out;
        for (const auto& st : list)
            if (st.p.value == p && !st.o.isLiteral()) out.push_back(keyOf(st.o));
        return out;
    }
    static std::optional<Term> literalOf(const std::vector<Statement>& list, std::string_view p) {
        for (const auto& st : list)
            if (st.p.value == p && st.o.isLiteral()) return st.o;
        return std::nullopt;
    }

    void describe(const std::string& s, const std::vector<Statement>& list) {
        std::set<std::string> types;
        for (const auto& st : list)
            if (st.p.value == kRdfType && st.o.isIri()) types.insert(st.o.value);
        // The facts behind TRACE steps, or a CONSTRUCT, may leave the type out: the store knows it.
        if (types.empty() && context_ && !s.starts_with("_:")) contextTypes(s, types);
        if (!options_.factsAsNodes) {
            if (types.count(pmz("PolicyTransfer")) &&
                factEdges(s, list, "PolicyTransfer", "transferFrom", "transferTo"))
                return;
            if (types.count(pmz("Partnership")) && factEdges(s, list, "Partnership", "partner", "")) return;
            if (types.count(pmz("Milestone")) && factEdges(s, list, "Milestone", "involves", "")) return;
        }
        if (types.count(pmz("SourceDocument")) || types.count(pmz("Case")))
            return; // documents are sources, cases
                    // are graphs and `case` attributes
        if (vocabularyTerm(types)) return;
        node(s);
        auto& attributes = nodeAttributes_[s];
        for (const auto& t : types) append(attributes, "type", localName(t));
        for (const auto& st : list) {
            const std::string& p = st.p.value;
            if (p == kRdfType) continue;
            if (st.o.isLiteral()) {
                if ((p == kLabel || p == kPrefLabel) && attributes.count("label") && st.o.lang != "en") continue;
                if (p == kLabel || p == kPrefLabel) {
                    if (st.o.lang == "en" || !attributes.count("label")) attributes["label"] = st.o.value;
                    append(attributes, st.o.lang.empty() ? "labels" : "label_" + st.o.lang, st.o.value);
                    continue;
                }
                append(attributes, localName(p), st.o.value);
                continue;
            }
            std::string o = rep(keyOf(st.o));
            if (p == pmz("scale")) {
                attributes["scale"] = localName(o);
                if (auto rank = scaleRank(o)) attributes["rank"] = *rank;
            } else if (p == pmz("country")) {
                append(attributes, "country", labelOf(o));
            } else if (p == pmz("source")) {
                append(attributes, "sources", o);
            } else if (p == pmz("inCase")) {
                append(attributes, "case", labelOf(o));
            } else if (controlled(o)) {
                append(attributes, localName(p), localName(o));
            } else {
                edge(s, o, localName(p), {{"kind", "relation"}, {"predicate", p}}, "", "");
            }
        }
    }

    // A fact as edges between its ends; false when it has too few ends (it stays a node).
    bool factEdges(const std::string& fact, const std::vector<Statement>& list, const std::string& kind,
                   const std::string& fromProperty, const std::string& toProperty) {
        std::vector<std::string> from, to;
        for (const auto& x : objectsOf(list, pmz(fromProperty))) from.push_back(rep(x));
        if (!toProperty.empty()) {
            for (const auto& x : objectsOf(list, pmz(toProperty))) to.push_back(rep(x));
        }
        std::vector<std::pair<std::string, std::string>> ends;
        if (toProperty.empty()) { // the parties, pairwise
            std::sort(from.begin(), from.end());
            from.erase(std::unique(from.begin(), from.end()), from.end());
            for (std::size_t i = 0; i < from.size(); ++i)
                for (std::size_t j = i + 1; j < from.size(); ++j) ends.emplace_back(from[i], from[j]);
        } else {
            for (const auto& f : from)
                for (const auto& t : to) ends.emplace_back(f, t);
        }
        if (ends.empty()) return false;
        GraphAttributes a{{"kind", kind}, {"fact", fact}};
        std::string start, end, date;
        std::vector<std::string> labelParts;
        for (const auto& st : list) {
            const std::string& p = st.p.value;
            if (p == kRdfType || p == pmz(fromProperty) || (!toProperty.empty() && p == pmz(toProperty))) continue;
            if (st.o.isLiteral()) {
                if (p == pmz("atTime") || p == pmz("validFrom")) {
                    date = st.o.value;
                    start = periodOf(st.o).first;
                    append(a, p == pmz("atTime") ? "date" : "from", st.o.value);
                } else if (p == pmz("validTo")) {
                    end = periodOf(st.o).second;
                    append(a, "to", st.o.value);
                } else if (p == kLabel) {
                    if (st.o.lang.empty() || st.o.lang == "en") a["fact_label"] = st.o.value;
                } else {
                    append(a, localName(p), st.o.value);
                }
                continue;
            }
            std::string o = rep(keyOf(st.o));
            if (p == pmz("source")) {
                append(a, "sources", o);
            } else if (controlled(o)) {
                append(a, localName(p), localName(o));
                if (p == pmz("element") || p == pmz("partnershipKind") || p == pmz("milestoneType"))
                    labelParts.push_back(labelOf(o));
            } else if (p == pmz("inCase")) {
                append(a, "case", labelOf(o));
            } else {
                append(a, localName(p), labelOf(o));
            }
        }
        std::string label;
        for (const auto& part : labelParts) label += (label.empty() ? "" : ", ") + part;
        if (!date.empty()) label += (label.empty() ? "" : " ") + date;
        for (const auto& [source, target] : ends) edge(source, target, label, a, start, end);
        return true;
    }

    // Terms of a vocabulary (classes, properties, concepts), link provenance and runs are not
    // part of the network drawn.
    static bool vocabularyTerm(const std::set<std::string>& types) {
        static const std::set<std::string> vocabulary = {
            "http://www.w3.org/2002/07/owl#Class",
            "http://www.w3.org/2002/07/owl#ObjectProperty",
            "http://www.w3.org/2002/07/owl#DatatypeProperty",
            "http://www.w3.org/2002/07/owl#AnnotationProperty",
            "http://www.w3.org/2002/07/owl#Ontology",
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property",
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement",
            "http://www.w3.org/2000/01/rdf-schema#Class",
            "http://www.w3.org/2004/02/skos/core#Concept",
            "http://www.w3.org/2004/02/skos/core#ConceptScheme",
            "https://w3id.org/corridor/ns#Scale",
            "https://w3id.org/corridor/ns#PolicyElement",
        };
        bool ours = std::any_of(types.begin(), types.end(), [](const std::string& t) { return t.starts_with(kPmz); });
        if (!ours && types.count("http://www.w3.org/ns/prov#Activity")) return true; // a link run
        return std::any_of(types.begin(), types.end(), [](const std::string& t) { return vocabulary.count(t) > 0; });
    }

    void node(const std::string& id) {
        if (nodeSeen_.insert(id).second) nodeOrder_.push_back(id);
    }

    void edge(const std::string& source, const std::string& target, const std::string& label,
              GraphAttributes attributes, const std::string& start, const std::string& end) {
        node(source);
        node(target);
        edges_.push_back({source, target, label, std::move(attributes), start, end});
    }

    // ---- names from the context -------------------------------------------------
    std::string labelOf(const std::string& id) {
        auto it = labels_.find(id);
        if (it != labels_.end()) return it->second;
        std::string label;
        if (auto own = subjects_.find(id); own != subjects_.end()) {
            for (const auto& st : own->second)
                if ((st.p.value == kLabel || st.p.value == kPrefLabel) && st.o.isLiteral() &&
                    (label.empty() || st.o.lang == "en"))
                    label = st.o.value;
        }
        if (label.empty() && context_ && !id.starts_with("_:")) label = contextLabel(id);
        if (label.empty()) label = localName(id);
        return labels_.emplace(id, label).first->second;
    }

    // The (predicate, object) pairs of `id` in the context store; only `predicate`'s when it is given.
    template <class F>
    void contextScan(const std::string& id, std::string_view predicate, F&& f) const {
        auto s = context_->lookup(Term::iri(id));
        if (!s) return;
        storage::QuadPattern pattern{};
        pattern[storage::kSubject] = s;
        if (!predicate.empty()) {
            pattern[storage::kPredicate] = context_->lookup(Term::iri(std::string(predicate)));
            if (!pattern[storage::kPredicate]) return;
        }
        auto scan = context_->scan(pattern);
        storage::QuadIds q;
        while (scan.next(q)) f(context_->resolve(q.p()), context_->resolve(q.o()));
    }

    std::string contextLabel(const std::string& id) const {
        std::string best;
        for (std::string_view p : {kLabel, kPrefLabel}) {
            contextScan(id, p, [&](const Term&, const Term& o) {
                if (o.isLiteral() && (best.empty() || o.lang == "en")) best = o.value;
            });
            if (!best.empty()) break;
        }
        return best;
    }

    void contextTypes(const std::string& id, std::set<std::string>& types) const {
        contextScan(id, kRdfType, [&](const Term&, const Term& o) {
            if (o.isIri() && o.value.starts_with(kPmz)) types.insert(o.value);
        });
    }

    // A node the quads only point at (an edge's end in a CONSTRUCT result, a path's
    // actor): its type, scale and country as the store has them.
    void fromContext(const std::string& id, GraphAttributes& attributes) {
        std::set<std::string> seen;
        contextScan(id, {}, [&](const Term& p, const Term& o) {
            if (!o.isIri() || !seen.insert(p.value + " " + o.value).second) return;
            if (p.value == kRdfType && o.value.starts_with(kPmz)) {
                append(attributes, "type", localName(o.value));
            } else if (p.value == pmz("scale")) {
                attributes["scale"] = localName(o.value);
                if (auto rank = scaleRank(o.value)) attributes["rank"] = *rank;
            } else if (p.value == pmz("country")) {
                append(attributes, "country", labelOf(o.value));
            }
        });
    }

    // A scale's pmz:scaleRank, looked up once per scale.
    std::optional<std::string> scaleRank(const std::string& scale) {
        if (!context_) return std::nullopt;
        auto it = ranks_.find(scale);
        if (it == ranks_.end()) {
            std::optional<std::string> rank;
            contextScan(scale, pmz("scaleRank"), [&](const Term&, const Term& o) {
                if (!rank) rank = o.value;
            });
            it = ranks_.emplace(scale, rank).first;
        }
        return it->second;
    }

    GraphViewOptions options_;
    const storage::ReadView* context_;
    std::unordered_map<std::string, std::vector<Statement>> subjects_;
    std::vector<std::string> order_;
    std::unordered_map<std::string, std::string> parent_;
    std::unordered_map<std::string, std::string> representative_; // set root -> the member that stands for it
    std::map<std::string, GraphAttributes> nodeAttributes_;
    std::set<std::string> nodeSeen_;
    std::vector<std::string> nodeOrder_;
    std::vector<GraphEdge> edges_;
    std::unordered_map<std::string, std::string> labels_;
    std::unordered_map<std::string, std::optional<std::string>> ranks_;
};

int daysIn(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}
} // namespace

std::pair<std::string, std::string> periodOf(const Term& literal) {
    if (!literal.isLiteral()) return {};
    const std::string& v = literal.value;
    std::string_view dt = literal.datatype;
    auto digits = [&](std::size_t from, std::size_t n) {
        return v.size() >= from + n &&
               std::all_of(v.begin() + static_cast<long>(from), v.begin() + static_cast<long>(from + n),
                           [](char c) { return c >= '0' && c <= '9'; });
    };
    if (dt == std::string(kXsd) + "gYear" && digits(0, 4))
        return {v.substr(0, 4) + "-01-01", v.substr(0, 4) + "-12-31"};
    if (dt == std::string(kXsd) + "gYearMonth" && digits(0, 4) && digits(5, 2)) {
        int year = std::stoi(v.substr(0, 4)), month = std::stoi(v.substr(5, 2));
        if (month < 1 || month > 12) return {};
        return {v.substr(0, 7) + "-01", fmt::format("{}-{:02}", v.substr(0, 7), daysIn(year, month))};
    }
    if ((dt == std::string(kXsd) + "date" || dt == std::string(kXsd) + "dateTime") && digits(0, 4) && digits(5, 2) &&
        digits(8, 2))
        return {v.substr(0, 10), v.substr(0, 10)};
    return {};
}

GraphView buildGraphView(std::vector<storage::Quad> quads, const GraphViewOptions& options,
                         const storage::ReadView* context) {
    Builder builder(options, context);
    return builder.build(std::move(quads));
}

} // namespace corridor::query::results
