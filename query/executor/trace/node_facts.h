#pragma once
// What TRACE needs to know about nodes: their scale (and its rank in the scale
// order), their countries, their owl:sameAs class, their labels. Which
// properties say so comes from the query's options, else from declarations in
// the store (the Corridor vocabulary declares them: pmz:labelProperty,
// pmz:scaleProperty, pmz:countryProperty), else from built-in defaults that
// match the vocabulary. Looked up once per node and cached.

#include "query/algebra/trace_spec.h"
#include "storage/read_view.h"

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace corridor::query::executor::trace {

using storage::TermId;

inline constexpr int kNoRank = -1;

struct TraceVocabulary {
    std::vector<TermId> labelProperties;
    std::optional<TermId> scaleProperty, countryProperty;
    std::vector<TermId> sourceProperties; // pmz:source, prov:wasDerivedFrom, dcterms:source
    std::optional<TermId> sameAs, rdfType;
    std::unordered_map<TermId, int> ranks; // scale value -> rank (broadest highest)
    // IRIs, for messages and --explain.
    std::vector<std::string> labelPropertyIris;
    std::string scalePropertyIri, countryPropertyIri;
};

TraceVocabulary loadVocabulary(const storage::ReadView& view, const algebra::TraceSpec& trace);

class NodeFacts {
public:
    NodeFacts(const storage::ReadView& view, const TraceVocabulary& vocabulary)
        : view_(view), vocabulary_(vocabulary) {}

    // The highest rank among the node's scales; kNoRank when it has none.
    int rank(TermId node);
    TermId scale(TermId node); // the scale value that gave the rank (0 if none)
    const std::vector<TermId>& countries(TermId node);
    // The node's values of `property` (cached per property and node).
    const std::vector<TermId>& values(TermId property, TermId node);
    // The smallest id of the node's owl:sameAs class (both directions, transitively).
    TermId canonical(TermId node);
    const std::vector<TermId>& sameAsClass(TermId node);
    // Objects of `property` for `node` (any graph), in id order without repeats: from the
    // node's subject quads when it has few, else read with a seek of its own.
    std::vector<TermId> objects(TermId node, TermId property);
    // Every quad with `node` as subject (any graph, in SPOG order), read with one seek and
    // cached, when it has at most kSubjectWalkLimit of them; nullptr when it has more. A path's
    // node wants its labels, types, scale and countries and its steps the facts it states: one
    // walk over its few quads costs about what one of those lookups did.
    const std::vector<storage::QuadIds>* subjectQuads(TermId node);
    static constexpr std::size_t kSubjectWalkLimit = 64;

    const TraceVocabulary& vocabulary() const { return vocabulary_; }

private:
    struct Scale {
        int rank = kNoRank;
        TermId value = 0;
    };
    const storage::ReadView& view_;
    const TraceVocabulary& vocabulary_;
    std::unordered_map<TermId, Scale> scales_;
    std::map<std::pair<TermId, TermId>, std::vector<TermId>> values_; // (property, node) -> values
    std::unordered_map<TermId, TermId> canonical_;
    std::unordered_map<TermId, std::vector<TermId>> classes_;
    std::optional<storage::QuadScan> subjectPredicate_; // reused for every (s, p, ?) lookup
    std::optional<storage::QuadScan> subject_;          // reused for every (s, ?, ?) walk
    // node -> its quads (nullopt: more than the limit). Emptied when it holds many quads: a
    // search that asks about every node it passes keeps only the last ones.
    std::unordered_map<TermId, std::optional<std::vector<storage::QuadIds>>> subjects_;
    std::size_t subjectQuadsHeld_ = 0;
    static constexpr std::size_t kSubjectQuadsHeldLimit = 1 << 16;
};

} // namespace corridor::query::executor::trace
