#include "query/planner/cardinality.h"

#include "storage/vocabulary.h"

#include <algorithm>

namespace corridor::query::planner {

double Cardinality::estimate(const algebra::TriplePattern& t, const std::set<std::string>& bound) const {
    auto isBound = [&](const algebra::VarOrTerm& v) { return !v.isVariable || bound.count(v.var); };
    const double total = static_cast<double>(stats_.quads);
    if (t.path) {
        bool s = isBound(t.subject), o = isBound(t.object);
        if (s && o) return 1;
        if (s || o) return closureReach(*t.path, s).value_or(kPathReach);
        return total; // a search from every node
    }
    for (const auto* v : {&t.subject, &t.predicate, &t.object})
        if (!v->isVariable && !view_.lookup(v->term)) return 0; // a term the store has not seen
    bool s = isBound(t.subject), o = isBound(t.object);
    int constants = !t.subject.isVariable + !t.predicate.isVariable + !t.object.isVariable;
    bool boundVariable = false;
    for (const auto* v : {&t.subject, &t.predicate, &t.object})
        boundVariable = boundVariable || (v->isVariable && bound.count(v->var));
    // What counting the matches proved: past the limit, at least limit + 1 rows, whatever an
    // average says (rdf:type with a common class averaged over many rare ones).
    double atLeast = 0;
    // (?s rdf:type c): the store keeps the count per class.
    if (stats_.classesKept && !s && constants == 2 && !t.object.isVariable && t.predicate.term.isIri() &&
        t.predicate.term.value == storage::vocab::kRdfType) {
        auto it = stats_.classQuads.find(*view_.lookup(t.object.term));
        return it == stats_.classQuads.end() ? 0 : static_cast<double>(it->second);
    }
    if (constants >= 2 && !boundVariable) {
        if (auto exact = countUpTo(t, kExactCountLimit)) return static_cast<double>(*exact);
        atLeast = static_cast<double>(kExactCountLimit + 1);
    }
    if (!t.predicate.isVariable) {
        auto id = view_.lookup(t.predicate.term);
        auto it = stats_.predicates.find(*id);
        if (it == stats_.predicates.end()) return 0;
        double n = static_cast<double>(it->second.quads);
        if (s && o) return 1;
        if (s) return std::max(atLeast, n / std::max<double>(1, static_cast<double>(it->second.distinctSubjects)));
        if (o) return std::max(atLeast, n / std::max<double>(1, static_cast<double>(it->second.distinctObjects)));
        return n;
    }
    if (s && o) return kStatementsPerPair;
    if (s) return std::min(total, kStatementsPerSubject);
    if (o) return std::min(total, kStatementsPerObject);
    return total;
}

std::optional<double> Cardinality::closureReach(const algebra::Path& path, bool forward) const {
    using Kind = algebra::Path::Kind;
    if (path.kind != Kind::OneOrMore && path.kind != Kind::ZeroOrMore) return std::nullopt;
    const algebra::Path* step = path.items.at(0).get();
    if (step->kind == Kind::Inverse) {
        forward = !forward;
        step = step->items.at(0).get();
    }
    if (step->kind != Kind::Iri) return std::nullopt;
    auto id = view_.lookup(step->iri);
    auto it = id ? stats_.predicates.find(*id) : stats_.predicates.end();
    if (it == stats_.predicates.end()) return path.kind == Kind::ZeroOrMore ? 1 : 0;
    const auto& p = it->second;
    double quads = static_cast<double>(p.quads);
    double fan = quads / std::max<double>(1, static_cast<double>(forward ? p.distinctSubjects : p.distinctObjects));
    double cap = static_cast<double>(forward ? p.distinctObjects : p.distinctSubjects);
    double reach = 0, level = 1;
    for (int i = 0; i < kPathLevels && reach < cap; ++i) {
        level *= fan;
        reach += level;
    }
    return std::min(reach, cap) + (path.kind == Kind::ZeroOrMore ? 1 : 0);
}

std::optional<std::uint64_t> Cardinality::countUpTo(const algebra::TriplePattern& t, std::uint64_t limit) const {
    storage::QuadPattern pattern{};
    const algebra::VarOrTerm* positions[3] = {&t.subject, &t.predicate, &t.object};
    for (int i = 0; i < 3; ++i)
        if (!positions[i]->isVariable) pattern[i] = *view_.lookup(positions[i]->term);
    storage::QuadScan scan = view_.scan(pattern);
    storage::QuadIds q;
    std::uint64_t n = 0;
    while (scan.next(q))
        if (++n > limit) return std::nullopt;
    return n;
}

} // namespace corridor::query::planner
