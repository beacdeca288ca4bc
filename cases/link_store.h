#pragma once
// Accepted links in the store: owl:sameAs (or skos:closeMatch) triples in a
// links graph, each with its provenance as an rdf:Statement node (score,
// reason, who, when, and the run that made it), and the undoing of a run.

#include "storage/write_txn.h"

#include <cstdint>
#include <string>
#include <vector>

namespace corridor::cases {

inline constexpr std::string_view kDefaultLinksGraph = "https://w3id.org/corridor/id/links";

struct AcceptedLink {
    std::string a, b;
    bool sameAs = true; // else skos:closeMatch
    double score = 0;
    std::string reason;
};

struct LinkRun {
    std::string linksGraph = std::string(kDefaultLinksGraph);
    std::string who;  // dcterms:creator
    std::string when; // xsd:dateTime, UTC ("2026-11-30T04:00:00Z")
};

// Stages the links and their provenance; returns the run's IRI.
std::string stageLinks(storage::WriteTxn& txn, const std::vector<AcceptedLink>& links, const LinkRun& run);

struct UndoSummary {
    std::vector<std::string> runs; // the runs undone
    std::uint64_t links = 0;       // link triples removed
};

// Stages the removal of one run's links: `which` is "last", "all", or a run's
// IRI (or its last path segment). Throws DataError when there is no such run.
UndoSummary stageUndo(storage::WriteTxn& txn, const std::string& which, const std::string& linksGraph);

} // namespace corridor::cases
