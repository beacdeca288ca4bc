#pragma once
// The IRIs of other vocabularies that several modules read or write, spelled once
// (xsd and rdf:langString are in storage/term.h).

#include <string_view>

namespace corridor::storage::vocab {

inline constexpr std::string_view kRdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
inline constexpr std::string_view kRdfsLabel = "http://www.w3.org/2000/01/rdf-schema#label";
inline constexpr std::string_view kOwlSameAs = "http://www.w3.org/2002/07/owl#sameAs";
inline constexpr std::string_view kSkosPrefLabel = "http://www.w3.org/2004/02/skos/core#prefLabel";
inline constexpr std::string_view kSkosCloseMatch = "http://www.w3.org/2004/02/skos/core#closeMatch";
// The Corridor vocabulary (examples/tcriz/vocabulary.ttl).
inline constexpr std::string_view kPmz = "https://w3id.org/corridor/ns#";
// TRACE's functions (trace:length, trace:nodes, ...) and the datatype of its path values
// (docs/trace.md); the query language's built-in `trace:` prefix.
inline constexpr std::string_view kTraceNs = "https://w3id.org/corridor/trace#";
inline constexpr std::string_view kTracePath = "https://w3id.org/corridor/trace#Path";

} // namespace corridor::storage::vocab
