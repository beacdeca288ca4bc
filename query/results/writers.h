#pragma once
// Result writers: SPARQL 1.1 Query Results TSV, CSV, JSON and XML, and an
// aligned table for people. Blank nodes are renamed _:b0, _:b1... per result.

#include "query/results/result_sink.h"

#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace corridor::query::results {

enum class Format { Table, Tsv, Csv, Json, Xml };

// Writes solutions or a boolean. (Triples go through the RDF writers.)
std::unique_ptr<ResultSink> makeWriter(Format format, std::ostream& out,
                                       std::vector<std::pair<std::string, std::string>> prefixes = {});

// The paths (TRACE) of a result: one CSV row per step, or their union as
// GraphML or Graphviz DOT.
enum class PathFormat { Steps, GraphML, Dot };
std::unique_ptr<ResultSink> makePathWriter(PathFormat format, std::ostream& out);

// Renames blank nodes consistently within one result.
class BlankNamer {
public:
    const std::string& name(const std::string& label);

private:
    std::map<std::string, std::string> names_;
};

// Text escaped for XML element content and attribute values.
std::string xmlEscape(const std::string& s);
// Text for an XML attribute value: line breaks and tabs as character references
// (parsers would fold them to spaces), characters XML 1.0 cannot hold dropped.
std::string xmlAttribute(const std::string& s);
// A Graphviz DOT string: quoted, quotes and backslashes escaped, line breaks as \n.
std::string dotQuoted(const std::string& s);
// "x" with the CSV quoting rules of RFC 4180.
std::string csvField(const std::string& text);
// A term for TSV: N-Triples syntax, blank nodes renamed.
std::string tsvTerm(const Term& t, BlankNamer& blanks);

} // namespace corridor::query::results
