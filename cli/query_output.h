#pragma once
// Picks the writer for a query's results: solution formats (query/results)
// or RDF syntaxes for CONSTRUCT and DESCRIBE.

#include "query/query_form.h"
#include "query/results/graph_view.h"
#include "query/results/result_sink.h"
#include "storage/read_view.h"

#include <memory>
#include <ostream>
#include <string>

namespace corridor::cli {

// Throws UsageError when `format` is unknown or does not fit the query form,
// listing the formats that do.
void checkFormatFits(const std::string& format, query::QueryForm form);

// `format` empty: table on a terminal, else TSV (solutions) / N-Triples (graphs).
// graph-csv writes nodes.csv and edges.csv into `folder` (and nothing to `out`).
// A format that does not fit the query form (turtle for a SELECT, json for a
// CONSTRUCT) is a usage error listing those that do.
std::unique_ptr<query::ResultSink> makeOutput(const std::string& format, query::QueryForm form, bool terminal,
                                              std::ostream& out, std::shared_ptr<const storage::ReadView> view,
                                              const std::string& folder = {});

// --format graph-csv: FOLDER/nodes.csv and FOLDER/edges.csv (the folder made if missing), each
// written whole or not at all.
void writeGraphTables(const query::results::GraphView& view, const std::string& folder);

// The --format a file name asks for (.tsv, .csv, .json/.srj, .xml/.srx, .nt, .ttl, .nq,
// .trig, .graphml, .gexf, .cyjs, .dot, .svg, .png, .pdf); empty when the name says nothing.
std::string formatFromOutputName(const std::string& path);

} // namespace corridor::cli
