#pragma once
// Picks the writer for a query's results: solution formats (query/results)
// or RDF syntaxes for CONSTRUCT and DESCRIBE.

#include "query/ast/ast.h"
#include "query/results/result_sink.h"
#include "storage/read_view.h"

#include <memory>
#include <ostream>
#include <string>

namespace corridor::cli {

// Throws UsageError when `format` is unknown or does not fit the query form,
// listing the formats that do.
void checkFormatFits(const std::string& format, query::ast::QueryForm form);

// `format` empty: table on a terminal, else TSV (solutions) / N-Triples (graphs).
// A format that does not fit the query form (turtle for a SELECT, json for a
// CONSTRUCT) is a usage error listing those that do.
std::unique_ptr<query::ResultSink> makeOutput(const std::string& format, query::ast::QueryForm form, bool terminal,
                                              std::ostream& out, const storage::ReadView& view);

} // namespace corridor::cli
