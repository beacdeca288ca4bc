#pragma once
// Candidate links: pairs of entities (zones, actors, places, policies) that
// probably denote the same thing but have different IRIs, found across graphs
// (cases, sources), each scored and explained. docs/linking.md gives the rules.

#include "storage/read_view.h"

#include <string>
#include <vector>

namespace corridor::cases {

struct LinkCandidate {
    std::string id; // stable: a hash of the two IRIs (the same pair has the same id in every run)
    double score = 0;
    bool sameAs = false; // suggestion: owl:sameAs (score >= 0.85), else skos:closeMatch
    std::string a, b;    // IRIs, a < b
    std::string aLabel, bLabel;
    std::vector<std::string> reasons;
};

struct LinkOptions {
    double minScore = 0.5;
};

// Best first (score, then ids).
std::vector<LinkCandidate> findLinkCandidates(const storage::ReadView& view, const LinkOptions& options);

// The id of the pair {a, b}.
std::string linkPairId(const std::string& a, const std::string& b);

inline constexpr double kSameAsScore = 0.85;

} // namespace corridor::cases
