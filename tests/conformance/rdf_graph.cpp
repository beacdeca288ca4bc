#include "tests/conformance/rdf_graph.h"

#include "storage/rdf_io/rdf_parser.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace corridor::conformance {

namespace {
constexpr const char* kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

struct Collect : storage::rdf_io::QuadHandler {
    MemoryGraph* graph;
    void onQuad(const storage::rdf_io::TermRef& s, const storage::rdf_io::TermRef& p, const storage::rdf_io::TermRef& o,
                const storage::rdf_io::TermRef* g) override {
        Quad q{s.toTerm(), p.toTerm(), o.toTerm(), std::nullopt};
        if (g) q.graph = g->toTerm();
        graph->quads.push_back(std::move(q));
    }
};

storage::rdf_io::ParseOptions options(storage::rdf_io::RdfFormat format, const std::string& base,
                                      const std::string& name) {
    storage::rdf_io::ParseOptions o;
    o.format = format;
    o.baseIri = base;
    o.sourceName = name;
    return o;
}
} // namespace

MemoryGraph MemoryGraph::parseFile(const std::string& path, storage::rdf_io::RdfFormat format,
                                   const std::string& baseIri) {
    MemoryGraph g;
    Collect c;
    c.graph = &g;
    storage::rdf_io::parseRdfFile(path, options(format, baseIri, path), c);
    return g;
}

MemoryGraph MemoryGraph::parseText(const std::string& text, storage::rdf_io::RdfFormat format,
                                   const std::string& baseIri) {
    MemoryGraph g;
    Collect c;
    c.graph = &g;
    storage::rdf_io::parseRdfString(text, options(format, baseIri, "text"), c);
    return g;
}

std::vector<Term> MemoryGraph::objects(const Term& subject, const std::string& predicate) const {
    std::vector<Term> out;
    for (const auto& q : quads)
        if (q.subject == subject && q.predicate.value == predicate) out.push_back(q.object);
    return out;
}

std::optional<Term> MemoryGraph::object(const Term& subject, const std::string& predicate) const {
    for (const auto& q : quads)
        if (q.subject == subject && q.predicate.value == predicate) return q.object;
    return std::nullopt;
}

std::vector<Term> MemoryGraph::subjectsWith(const std::string& predicate, const Term& object) const {
    std::vector<Term> out;
    for (const auto& q : quads)
        if (q.predicate.value == predicate && q.object == object) out.push_back(q.subject);
    return out;
}

std::vector<Term> MemoryGraph::list(const Term& head) const {
    std::vector<Term> out;
    Term node = head;
    std::string nil = std::string(kRdf) + "nil";
    for (int guard = 0; guard < 100000 && !(node.isIri() && node.value == nil); ++guard) {
        auto first = object(node, std::string(kRdf) + "first");
        auto rest = object(node, std::string(kRdf) + "rest");
        if (!first || !rest) break;
        out.push_back(*first);
        node = *rest;
    }
    return out;
}

namespace {

// Blank-node isomorphism by colour refinement plus backtracking over ties.
class Matcher {
public:
    Matcher(std::vector<Quad> a, std::vector<Quad> b) : a_(std::move(a)), b_(std::move(b)) {}

    bool run() {
        if (a_.size() != b_.size()) return false;
        auto colourA = refine(a_), colourB = refine(b_);
        std::map<std::size_t, std::vector<std::string>> byColourA, byColourB;
        for (const auto& [label, c] : colourA) byColourA[c].push_back(label);
        for (const auto& [label, c] : colourB) byColourB[c].push_back(label);
        if (byColourA.size() != byColourB.size()) return false;
        for (const auto& [c, labels] : byColourA) {
            auto it = byColourB.find(c);
            if (it == byColourB.end() || it->second.size() != labels.size()) return false;
        }
        setB_ = std::set<Quad>(b_.begin(), b_.end());
        order_.clear();
        for (const auto& [c, labels] : byColourA)
            for (const auto& l : labels) order_.push_back({l, c});
        candidates_ = byColourB;
        return search(0);
    }

private:
    static bool blank(const Term& t) { return t.isBlank(); }

    std::map<std::string, std::size_t> refine(const std::vector<Quad>& quads) {
        std::map<std::string, std::size_t> colour;
        auto visit = [&](const Term& t) {
            if (blank(t)) colour.emplace(t.value, 0);
        };
        for (const auto& q : quads) {
            visit(q.subject);
            visit(q.object);
            if (q.graph) visit(*q.graph);
        }
        std::hash<std::string> h;
        auto termHash = [&](const Term& t, const std::map<std::string, std::size_t>& c) {
            return blank(t) ? c.at(t.value) * 31 + 7 : h(t.toNTriples());
        };
        for (int round = 0; round < 4; ++round) {
            std::map<std::string, std::vector<std::size_t>> signatures;
            for (const auto& q : quads) {
                std::size_t g = q.graph ? termHash(*q.graph, colour) : 1;
                std::size_t sig = termHash(q.subject, colour) * 1000003 ^ termHash(q.predicate, colour) * 10007 ^
                                  termHash(q.object, colour) * 101 ^ g;
                if (blank(q.subject)) signatures[q.subject.value].push_back(sig * 3 + 1);
                if (blank(q.object)) signatures[q.object.value].push_back(sig * 3 + 2);
                if (q.graph && blank(*q.graph)) signatures[q.graph->value].push_back(sig * 3);
            }
            std::map<std::string, std::size_t> next;
            for (auto& [label, sigs] : signatures) {
                std::sort(sigs.begin(), sigs.end());
                std::size_t v = colour[label];
                for (auto s : sigs) v = v * 1000003 ^ s;
                next[label] = v;
            }
            for (auto& [label, c] : colour)
                if (!next.count(label)) next[label] = c;
            colour = std::move(next);
        }
        return colour;
    }

    Term mapTerm(const Term& t) const {
        if (!blank(t)) return t;
        auto it = mapping_.find(t.value);
        return it == mapping_.end() ? t : Term::blank(it->second);
    }

    bool consistent() const {
        // Every quad of A whose blank nodes are all mapped must be in B.
        for (const auto& q : a_) {
            bool complete = true;
            auto mapped = [&](const Term& t) {
                if (blank(t) && !mapping_.count(t.value)) complete = false;
                return mapTerm(t);
            };
            Quad m{mapped(q.subject), q.predicate, mapped(q.object), std::nullopt};
            if (q.graph) m.graph = mapped(*q.graph);
            if (complete && !setB_.count(m)) return false;
        }
        return true;
    }

    bool search(std::size_t i) {
        if (i == order_.size()) return consistent();
        const auto& [label, c] = order_[i];
        for (const auto& candidate : candidates_[c]) {
            if (used_.count(candidate)) continue;
            mapping_[label] = candidate;
            used_.insert(candidate);
            if (consistent() && search(i + 1)) return true;
            mapping_.erase(label);
            used_.erase(candidate);
        }
        return false;
    }

    std::vector<Quad> a_, b_;
    std::set<Quad> setB_;
    std::vector<std::pair<std::string, std::size_t>> order_;
    std::map<std::size_t, std::vector<std::string>> candidates_;
    std::map<std::string, std::string> mapping_;
    std::set<std::string> used_;
};

} // namespace

bool isomorphic(std::vector<Quad> a, std::vector<Quad> b) {
    auto dedupe = [](std::vector<Quad>& v) {
        std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
    };
    dedupe(a);
    dedupe(b);
    return Matcher(std::move(a), std::move(b)).run();
}

} // namespace corridor::conformance
