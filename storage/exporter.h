#pragma once
// Exporting the store (or one graph of it) as RDF text.

#include "storage/rdf_io/rdf_format.h"
#include "storage/read_view.h"

#include <cstdint>
#include <cstdio>
#include <optional>

namespace corridor::storage {

struct ExportOptions {
    rdf_io::RdfFormat format = rdf_io::RdfFormat::NQuads;
    // Only this graph (kDefaultGraph for the default graph); every graph if unset.
    std::optional<TermId> graph;
    // Triple formats only: write the triples of all graphs as one graph.
    bool unionGraphs = false;
};

// Writes the quads in graph, subject, predicate, object order (subject order
// for a union). Blank nodes are written as _:b<number>, stable for a store.
// Throws UsageError when a triple format would silently drop graph names.
std::uint64_t exportQuads(const ReadView& view, const ExportOptions& options, std::FILE* out);

} // namespace corridor::storage
