#pragma once
// Writes quads as N-Triples, N-Quads, Turtle or TriG through serd's writer.
// Turtle and TriG group consecutive statements that share a subject (and
// predicate), so feed them sorted by graph, subject, predicate.

#include "storage/rdf_io/rdf_format.h"
#include "storage/term.h"

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace corridor::storage::rdf_io {

class QuadWriter {
public:
    // `prefixes` (name, IRI) abbreviate IRIs in Turtle and TriG.
    QuadWriter(RdfFormat format, std::FILE* out, const std::vector<std::pair<std::string, std::string>>& prefixes = {});
    ~QuadWriter();
    QuadWriter(const QuadWriter&) = delete;
    QuadWriter& operator=(const QuadWriter&) = delete;

    // graph == nullptr: the default graph. Throws StorageError on write errors.
    void write(const Term& s, const Term& p, const Term& o, const Term* graph);
    void finish();

    struct Impl;

private:
    Impl* impl_;
};

} // namespace corridor::storage::rdf_io
