#pragma once
// Writing the store (or one graph) as JSON-LD 1.1, compacted with the store's
// prefixes: one node object per subject, named graphs as graph objects.
// Streams in graph-subject order; terms are kept exactly (typed literals with
// their datatype, language tags as written).

#include "storage/read_view.h"

#include <cstdint>
#include <cstdio>
#include <optional>

namespace corridor::storage::rdf_io {

// `graph`: only this graph (kDefaultGraph for the default graph), written as the document's
// default graph. Returns the quads written.
std::uint64_t exportJsonLd(const ReadView& view, std::optional<TermId> graph, std::FILE* out);

} // namespace corridor::storage::rdf_io
