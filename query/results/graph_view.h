#pragma once
// The graph view of RDF that the graph formats share (docs/graphs.md): entities
// become nodes with label, type, scale and country as attributes; literals and
// controlled values (scales, elements, ...) become attributes, not nodes;
// n-ary facts become edges between their ends (a PolicyTransfer from its
// transferFrom to its transferTo, a Partnership between its partners, a
// Milestone between the parties it involves), carrying element, date, kind,
// sources and confidence, unless they are asked to stay nodes; owl:sameAs sets
// become one node. Every graph format (GraphML, GEXF, Cytoscape JSON, DOT, CSV
// tables) writes this one view.

#include "storage/read_view.h"
#include "storage/term.h"

#include <map>
#include <string>
#include <vector>

namespace corridor::query::results {

using GraphAttributes = std::map<std::string, std::string>;

struct GraphNode {
    std::string id;             // the IRI, or _:label for a blank node
    GraphAttributes attributes; // label, type, scale, rank, country, sources, ... (always a label)
};

struct GraphEdge {
    std::string source, target, label;
    GraphAttributes attributes; // kind, predicate, element, date, sources, confidence, fact, ...
    std::string start, end;     // ISO dates ("" open): when the edge holds, for timelines
};

struct GraphView {
    std::vector<GraphNode> nodes;
    std::vector<GraphEdge> edges;
};

struct GraphViewOptions {
    bool factsAsNodes = false; // --facts as-nodes: n-ary facts stay nodes with their relations as edges
};

// `context` (optional) names what the quads only point at: labels of countries,
// scale ranks, labels of nodes that are ends of edges but not described.
GraphView buildGraphView(std::vector<storage::Quad> quads, const GraphViewOptions& options,
                         const storage::ReadView* context);

// The first and last day of a date literal's period (gYear, gYearMonth, date, dateTime), or "".
std::pair<std::string, std::string> periodOf(const storage::Term& literal);

} // namespace corridor::query::results
