#pragma once
// Picks the writer for a query's results: solution formats (query/results)
// or RDF syntaxes for CONSTRUCT and DESCRIBE.

#include "query/results/result_sink.h"
#include "storage/read_view.h"

#include <memory>
#include <ostream>
#include <string>

namespace corridor::cli {

// `format` empty: table on a terminal, else TSV (solutions) / N-Triples (graphs).
std::unique_ptr<query::ResultSink> makeOutput(const std::string& format, bool terminal,
                                              std::ostream& out, const storage::ReadView& view);

} // namespace corridor::cli
