#include "storage/rdf_io/rdf_format.h"

#include <algorithm>
#include <string>

namespace corridor::storage::rdf_io {

std::optional<RdfFormat> formatFromName(std::string_view name) {
    std::string n(name);
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
    if (n == "nt" || n == "ntriples" || n == "n-triples") return RdfFormat::NTriples;
    if (n == "nq" || n == "nquads" || n == "n-quads") return RdfFormat::NQuads;
    if (n == "ttl" || n == "turtle") return RdfFormat::Turtle;
    if (n == "trig") return RdfFormat::TriG;
    if (n == "rdfxml" || n == "rdf-xml" || n == "rdf/xml" || n == "rdf" || n == "owl") return RdfFormat::RdfXml;
    return std::nullopt;
}

std::optional<RdfFormat> formatFromPath(std::string_view path) {
    auto dot = path.rfind('.');
    auto slash = path.rfind('/');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return std::nullopt;
    return formatFromName(path.substr(dot + 1));
}

std::string_view formatName(RdfFormat format) {
    switch (format) {
    case RdfFormat::NTriples: return "N-Triples";
    case RdfFormat::NQuads: return "N-Quads";
    case RdfFormat::Turtle: return "Turtle";
    case RdfFormat::TriG: return "TriG";
    case RdfFormat::RdfXml: return "RDF/XML";
    }
    return "?";
}

bool formatHasGraphs(RdfFormat format) {
    return format == RdfFormat::NQuads || format == RdfFormat::TriG;
}

bool formatIsLineBased(RdfFormat format) {
    return format == RdfFormat::NTriples || format == RdfFormat::NQuads;
}

} // namespace corridor::storage::rdf_io
