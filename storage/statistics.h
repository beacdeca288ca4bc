#pragma once
// Statistics the store keeps up to date on every write, for the query planner
// and for `corridor stats`.

#include "storage/term_id.h"

#include <cstdint>
#include <map>

namespace corridor::storage {

struct PredicateStatistics {
    std::uint64_t quads = 0;
    std::uint64_t distinctSubjects = 0; // over all graphs
    std::uint64_t distinctObjects = 0;  // over all graphs
    bool operator==(const PredicateStatistics&) const = default;
};

struct Statistics {
    std::uint64_t quads = 0;
    std::map<TermId, std::uint64_t> graphQuads; // kDefaultGraph included when non-empty
    std::map<TermId, PredicateStatistics> predicates;
    // Quads (?s rdf:type c ?g) per class c (VoID's class partitions): kept since store format 2;
    // `classesKept` false for a format 1 store, whose classes have not been counted.
    std::map<TermId, std::uint64_t> classQuads;
    bool classesKept = false;
    std::uint64_t termsAllocated = 0; // dictionary ids handed out so far (never reused)
};

// Signed changes, collected by a writer and applied in the same atomic write.
struct StatisticsDelta {
    std::int64_t quads = 0;
    std::map<TermId, std::int64_t> graphQuads;
    struct Predicate {
        std::int64_t quads = 0, distinctSubjects = 0, distinctObjects = 0;
    };
    std::map<TermId, Predicate> predicates;
    std::map<TermId, std::int64_t> classQuads;
    bool empty() const { return quads == 0 && graphQuads.empty() && predicates.empty() && classQuads.empty(); }
};

} // namespace corridor::storage
