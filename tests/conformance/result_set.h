#pragma once
// Expected and actual SPARQL results for the conformance runner: reading the
// W3C result files (.srx XML, .srj JSON, .tsv, RDF result sets in Turtle) and
// comparing as the conformance README says (bags; blank nodes up to renaming;
// order where ORDER BY makes it matter; numbers by datatype and value).

#include "storage/term.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace corridor::conformance {

using storage::Quad;
using storage::Term;

struct ResultSet {
    enum class Kind { Solutions, Boolean, Graph } kind = Kind::Solutions;
    std::vector<std::string> variables;
    std::vector<std::map<std::string, Term>> rows; // unbound variables are absent
    bool boolean = false;
    std::vector<Quad> graph;
};

// Throws std::runtime_error on unreadable files.
ResultSet readSrx(const std::string& path);
ResultSet readSrj(const std::string& path);
ResultSet readTsv(const std::string& path);
// A Turtle file: an rs:ResultSet if it has one, else a graph.
ResultSet readRdfResults(const std::string& path, const std::string& baseIri);

struct CompareOptions {
    std::vector<std::string> orderVariables; // compare these columns position by position
    bool lax = false;                        // REDUCED: counts may be lower, not higher
};

// Empty when equal, else a description of the difference.
std::string compareResults(const ResultSet& expected, const ResultSet& actual, const CompareOptions& options);

std::string describe(const ResultSet& results);

} // namespace corridor::conformance
