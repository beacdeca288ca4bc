#pragma once
// CaseImport: a research case kept as two sheets (nodes and edges, CSV or TSV)
// into the store, after the spreadsheet profile (cases/case_profile.h,
// docs/import.md).
//
// Both sheets are validated in full before anything is staged; every problem
// is reported as file:line:column (the column is the field's position in the
// row). Without keepGoing, one problem stages nothing; with it, the bad rows
// are skipped and listed. Quads are staged in the caller's write transaction,
// which makes the import atomic; importing the same sheets twice adds nothing
// (ids and minted IRIs are stable).

#include "cases/case_mapping.h"
#include "storage/write_txn.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace corridor::cases {

struct ImportOptions {
    // Everything goes into this graph (the case's graph), and fact nodes get
    // pmz:inCase it. Without it, a node's quads go into the graph of its first
    // source document (the store's provenance rule), or the default graph.
    std::optional<std::string> graph;
    bool keepGoing = false;
    // Other header names, type values, relations, and relations that make fact nodes.
    std::optional<CaseMapping> mapping;
};

struct ImportReport {
    std::string nodesFile, edgesFile;
    std::uint64_t nodeRows = 0, edgeRows = 0;
    std::uint64_t factNodes = 0, entities = 0, sourceDocuments = 0;
    std::vector<std::string> countriesCreated;
    std::vector<std::string> skipped;  // keepGoing: "file:line:column: message", one per problem
    std::uint64_t skippedRows = 0;     // rows those problems made skip
    std::vector<std::string> warnings; // kept, but worth a look
    std::set<storage::TermId> graphs;  // the graphs written to
};

// Reads both files (which is which is told by their headers), validates, and
// stages the quads in `txn`. Throws DataError listing the problems (unless
// keepGoing), UsageError when a file cannot be read or is not a case sheet.
ImportReport importCase(storage::WriteTxn& txn, const std::string& fileA, const std::string& fileB,
                        const ImportOptions& options);

} // namespace corridor::cases
