#pragma once
// A small in-memory RDF dataset for the conformance runners: manifests are
// read into it, and expected results are compared against it.

#include "storage/rdf_io/rdf_format.h"
#include "storage/term.h"

#include <optional>
#include <string>
#include <vector>

namespace corridor::conformance {

using storage::Quad;
using storage::Term;

struct MemoryGraph {
    std::vector<Quad> quads;

    // Parses a file (throws DataError on bad syntax).
    static MemoryGraph parseFile(const std::string& path, storage::rdf_io::RdfFormat format,
                                 const std::string& baseIri);
    static MemoryGraph parseText(const std::string& text, storage::rdf_io::RdfFormat format,
                                 const std::string& baseIri);

    std::vector<Term> objects(const Term& subject, const std::string& predicate) const;
    std::optional<Term> object(const Term& subject, const std::string& predicate) const;
    std::vector<Term> subjectsWith(const std::string& predicate, const Term& object) const;
    // The members of an RDF collection (rdf:first / rdf:rest).
    std::vector<Term> list(const Term& head) const;
};

// True when the two datasets are equal up to a renaming of blank nodes
// (duplicates ignored: datasets are sets).
bool isomorphic(std::vector<Quad> a, std::vector<Quad> b);

} // namespace corridor::conformance
