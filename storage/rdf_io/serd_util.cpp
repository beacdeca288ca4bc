#include "storage/rdf_io/serd_util.h"

namespace corridor::storage::rdf_io {

SerdSyntax serdSyntax(RdfFormat format) {
    switch (format) {
    case RdfFormat::NTriples: return SERD_NTRIPLES;
    case RdfFormat::NQuads: return SERD_NQUADS;
    case RdfFormat::Turtle: return SERD_TURTLE;
    case RdfFormat::TriG: return SERD_TRIG;
    case RdfFormat::RdfXml: break; // raptor2 reads it (rdfxml_parser.cpp); serd neither reads nor writes it
    }
    return SERD_NTRIPLES;
}

} // namespace corridor::storage::rdf_io
