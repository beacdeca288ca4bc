#pragma once
// The RDF syntaxes we read and write.

#include <optional>
#include <string_view>

namespace corridor::storage::rdf_io {

// RdfXml is read only (raptor2); the writers refuse it.
enum class RdfFormat { NTriples, NQuads, Turtle, TriG, RdfXml };

// "nt", "ntriples", "n-triples", "nq", "nquads", "ttl", "turtle", "trig", "rdfxml", "rdf", "owl" (any case).
std::optional<RdfFormat> formatFromName(std::string_view name);
// From a file name's extension (.nt .nq .ttl .trig .rdf .owl), nullopt if unknown.
std::optional<RdfFormat> formatFromPath(std::string_view path);
std::string_view formatName(RdfFormat format);
// N-Quads and TriG carry graph names.
bool formatHasGraphs(RdfFormat format);
// One statement per line (N-Triples, N-Quads).
bool formatIsLineBased(RdfFormat format);

} // namespace corridor::storage::rdf_io
