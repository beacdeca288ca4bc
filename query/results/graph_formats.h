#pragma once
// The graph formats, all written from one GraphView (graph_view.h):
// GraphML (Gephi, Cytoscape, yEd, networkx), GEXF 1.2 with dates as time
// intervals (Gephi's timeline), Cytoscape.js JSON (networkx's cytoscape_graph),
// Graphviz DOT, and a node table plus an edge table as CSV.

#include "query/results/graph_view.h"

#include <optional>
#include <ostream>
#include <string>

namespace corridor::query::results {

enum class GraphFormat { GraphML, Gexf, Cytoscape, Dot, CsvTables };

// "graphml", "gexf", "cytoscape", "dot", "graph-csv"; nullopt for anything else.
std::optional<GraphFormat> graphFormatFromName(const std::string& name);
// From a file name: .graphml, .gexf, .cyjs, .dot/.gv; nullopt otherwise.
std::optional<GraphFormat> graphFormatFromPath(const std::string& path);

// Writes one file. (CsvTables: the node table; writeEdgeTable gives the other.)
void writeGraph(const GraphView& view, GraphFormat format, std::ostream& out);
void writeEdgeTable(const GraphView& view, std::ostream& out);

} // namespace corridor::query::results
