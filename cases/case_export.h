#pragma once
// exportCase: one graph of the store written back as the two sheets of the
// spreadsheet profile (nodes.csv and edges.csv), so that a case kept as
// sheets can go spreadsheet -> store -> spreadsheet. Importing the sheets
// into the same graph gives back exactly the graph's quads (docs/import.md
// says what is normalised: row and column order, where years and sources sit).

#include "storage/read_view.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace corridor::cases {

struct CaseExportReport {
    std::uint64_t nodeRows = 0, edgeRows = 0;
    std::vector<std::string> warnings;
};

// `graph`: the graph's IRI, or nullopt for the default graph. Writes
// DIR/nodes.csv and DIR/edges.csv (each through a temporary file and a
// rename). Throws DataError for a graph a sheet cannot hold (blank nodes).
CaseExportReport exportCase(const storage::ReadView& view, const std::optional<std::string>& graph,
                            const std::string& dir);

} // namespace corridor::cases
