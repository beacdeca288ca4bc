#include "query/executor/trace/node_facts.h"

#include "storage/key_codec.h"

#include <algorithm>
#include <deque>

namespace corridor::query::executor::trace {

namespace {

using storage::Term;

constexpr const char* kPmz = "https://w3id.org/corridor/ns#";

std::optional<TermId> idOf(const storage::ReadView& view, const std::string& iri) {
    return view.lookup(Term::iri(iri));
}

// Objects of (?, declaration, ?) anywhere in the store: the properties a dataset declares.
std::vector<TermId> declared(const storage::ReadView& view, const char* local) {
    std::vector<TermId> out;
    auto p = idOf(view, std::string(kPmz) + local);
    if (!p) return out;
    storage::QuadPattern pattern{};
    pattern[storage::kPredicate] = *p;
    auto scan = view.scan(pattern);
    storage::QuadIds q;
    while (scan.next(q))
        if (std::find(out.begin(), out.end(), q.o()) == out.end()) out.push_back(q.o());
    return out;
}

std::string iriText(const storage::ReadView& view, TermId id) {
    return view.resolve(id).value;
}

} // namespace

TraceVocabulary loadVocabulary(const storage::ReadView& view, const algebra::TraceSpec& trace) {
    TraceVocabulary v;
    auto fromTerms = [&](const std::vector<Term>& terms) {
        std::vector<TermId> ids;
        for (const auto& t : terms)
            if (auto id = view.lookup(t)) ids.push_back(*id);
        return ids;
    };
    // Labels: the query's list, else the store's declarations, else the defaults.
    if (!trace.labelProperties.empty()) {
        v.labelProperties = fromTerms(trace.labelProperties);
        for (const auto& t : trace.labelProperties) v.labelPropertyIris.push_back(t.value);
    } else {
        v.labelProperties = declared(view, "labelProperty");
        if (v.labelProperties.empty()) {
            for (const char* iri :
                 {"http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel",
                  "http://www.w3.org/2004/02/skos/core#altLabel"}) {
                v.labelPropertyIris.push_back(iri);
                if (auto id = idOf(view, iri)) v.labelProperties.push_back(*id);
            }
        } else {
            for (auto id : v.labelProperties) v.labelPropertyIris.push_back(iriText(view, id));
        }
    }
    auto single = [&](const std::optional<Term>& option, const char* declaration, const char* fallback,
                      std::string& iri) -> std::optional<TermId> {
        if (option) {
            iri = option->value;
            return view.lookup(*option);
        }
        auto d = declared(view, declaration);
        if (!d.empty()) {
            iri = iriText(view, d.front());
            return d.front();
        }
        iri = std::string(kPmz) + fallback;
        return idOf(view, iri);
    };
    v.scaleProperty = single(trace.scaleProperty, "scaleProperty", "scale", v.scalePropertyIri);
    v.countryProperty = single(trace.countryProperty, "countryProperty", "country", v.countryPropertyIri);
    for (const char* iri : {"https://w3id.org/corridor/ns#source", "http://www.w3.org/ns/prov#wasDerivedFrom",
                            "http://purl.org/dc/terms/source"})
        if (auto id = idOf(view, iri)) v.sourceProperties.push_back(*id);
    v.sameAs = idOf(view, "http://www.w3.org/2002/07/owl#sameAs");
    v.rdfType = idOf(view, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type");

    // Scale ranks: the query's order (broadest first), else pmz:scaleRank in the store.
    if (!trace.scaleRanking.empty()) {
        int rank = static_cast<int>(trace.scaleRanking.size());
        for (const auto& t : trace.scaleRanking) {
            if (auto id = view.lookup(t)) v.ranks.emplace(*id, rank);
            --rank;
        }
    } else if (auto rankProperty = idOf(view, std::string(kPmz) + "scaleRank")) {
        storage::QuadPattern pattern{};
        pattern[storage::kPredicate] = *rankProperty;
        auto scan = view.scan(pattern);
        storage::QuadIds q;
        while (scan.next(q)) {
            Term value = view.resolve(q.o());
            char* end = nullptr;
            long n = std::strtol(value.value.c_str(), &end, 10);
            if (value.isLiteral() && end && *end == '\0' && n >= 0 && n < 1000000)
                v.ranks.emplace(q.s(), static_cast<int>(n));
        }
    }
    return v;
}

const std::vector<storage::QuadIds>* NodeFacts::subjectQuads(TermId node) {
    auto it = subjects_.find(node);
    if (it != subjects_.end()) return it->second ? &*it->second : nullptr;
    if (subjectQuadsHeld_ >= kSubjectQuadsHeldLimit) {
        subjects_.clear();
        subjectQuadsHeld_ = 0;
    }
    storage::QuadPattern pattern{};
    pattern[storage::kSubject] = node;
    if (subject_)
        subject_->reset(pattern);
    else
        subject_.emplace(view_.scan(pattern));
    std::vector<storage::QuadIds> quads;
    storage::QuadIds q;
    bool few = true;
    while (subject_->next(q)) {
        if (quads.size() == kSubjectWalkLimit) {
            few = false;
            break;
        }
        quads.push_back(q);
    }
    if (!few) {
        subjects_.emplace(node, std::nullopt);
        return nullptr;
    }
    subjectQuadsHeld_ += quads.size() + 1;
    return &*subjects_.emplace(node, std::move(quads)).first->second;
}

std::vector<TermId> NodeFacts::objects(TermId node, TermId property) {
    std::vector<TermId> out;
    if (const auto* quads = subjectQuads(node)) {
        for (const auto& q : *quads)
            if (q.p() == property && (out.empty() || out.back() != q.o())) out.push_back(q.o());
        return out;
    }
    storage::QuadPattern pattern{};
    pattern[storage::kSubject] = node;
    pattern[storage::kPredicate] = property;
    if (subjectPredicate_)
        subjectPredicate_->reset(pattern);
    else
        subjectPredicate_.emplace(view_.scan(pattern));
    storage::QuadIds q;
    while (subjectPredicate_->next(q))
        if (out.empty() || out.back() != q.o()) out.push_back(q.o());
    return out;
}

int NodeFacts::rank(TermId node) {
    auto it = scales_.find(node);
    if (it != scales_.end()) return it->second.rank;
    Scale s;
    if (vocabulary_.scaleProperty && !vocabulary_.ranks.empty()) {
        for (TermId value : objects(node, *vocabulary_.scaleProperty)) {
            auto r = vocabulary_.ranks.find(value);
            if (r != vocabulary_.ranks.end() && r->second > s.rank) s = {r->second, value};
        }
    }
    scales_.emplace(node, s);
    return s.rank;
}

TermId NodeFacts::scale(TermId node) {
    rank(node);
    return scales_.at(node).value;
}

const std::vector<TermId>& NodeFacts::countries(TermId node) {
    static const std::vector<TermId> none;
    return vocabulary_.countryProperty ? values(*vocabulary_.countryProperty, node) : none;
}

const std::vector<TermId>& NodeFacts::values(TermId property, TermId node) {
    auto key = std::make_pair(property, node);
    auto it = values_.find(key);
    if (it != values_.end()) return it->second;
    return values_.emplace(key, objects(node, property)).first->second;
}

const std::vector<TermId>& NodeFacts::sameAsClass(TermId node) {
    auto it = classes_.find(node);
    if (it != classes_.end()) return it->second;
    std::vector<TermId> members = {node};
    if (vocabulary_.sameAs) {
        std::deque<TermId> queue = {node};
        while (!queue.empty()) {
            TermId n = queue.front();
            queue.pop_front();
            storage::QuadPattern out{}, in{};
            out[storage::kSubject] = n;
            out[storage::kPredicate] = *vocabulary_.sameAs;
            in[storage::kPredicate] = *vocabulary_.sameAs;
            in[storage::kObject] = n;
            for (const auto& pattern : {out, in}) {
                auto scan = view_.scan(pattern);
                storage::QuadIds q;
                while (scan.next(q)) {
                    TermId other = pattern[storage::kSubject] ? q.o() : q.s();
                    if (std::find(members.begin(), members.end(), other) == members.end()) {
                        members.push_back(other);
                        queue.push_back(other);
                    }
                }
            }
        }
    }
    std::sort(members.begin(), members.end());
    for (TermId m : members) canonical_[m] = members.front();
    for (TermId m : members) classes_[m] = members;
    return classes_.at(node);
}

TermId NodeFacts::canonical(TermId node) {
    auto it = canonical_.find(node);
    if (it != canonical_.end()) return it->second;
    return sameAsClass(node).front();
}

} // namespace corridor::query::executor::trace
