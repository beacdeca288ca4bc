#pragma once
// Reading RDF/XML with raptor2 (Debian's libraptor2): the same QuadHandler,
// the same "file:line:column: message" errors, and no network or file access
// from inside a document (external entities are not loaded).

#include "storage/rdf_io/byte_source.h"
#include "storage/rdf_io/rdf_parser.h"

namespace corridor::storage::rdf_io {

ParseReport parseRdfXml(ByteSource& source, const ParseOptions& options, QuadHandler& handler);

} // namespace corridor::storage::rdf_io
