#include "query/results/graph_formats.h"

#include "query/results/writers.h"

#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace corridor::query::results {

namespace {

// Attribute names in a stable order: the usual ones first, then the others by name.
std::vector<std::string> attributeNames(const std::vector<const GraphAttributes*>& all,
                                        const std::vector<std::string>& first) {
    std::set<std::string> seen;
    for (const auto* a : all)
        for (const auto& [k, v] : *a) seen.insert(k);
    std::vector<std::string> out;
    for (const auto& f : first)
        if (seen.erase(f)) out.push_back(f);
    out.insert(out.end(), seen.begin(), seen.end());
    return out;
}

const std::vector<std::string> kNodeFirst = {"label", "type", "scale", "rank", "country"};
const std::vector<std::string> kEdgeFirst = {"label", "kind", "predicate", "element", "date", "from", "to"};

std::vector<std::string> nodeNames(const GraphView& v) {
    std::vector<const GraphAttributes*> all;
    for (const auto& n : v.nodes) all.push_back(&n.attributes);
    return attributeNames(all, kNodeFirst);
}

std::vector<std::string> edgeNames(const GraphView& v, bool withLabel) {
    std::vector<const GraphAttributes*> all;
    for (const auto& e : v.edges) all.push_back(&e.attributes);
    auto names = attributeNames(all, kEdgeFirst);
    if (withLabel && std::find(names.begin(), names.end(), "label") == names.end())
        names.insert(names.begin(), "label");
    return names;
}

std::string edgeValue(const GraphEdge& e, const std::string& name) {
    if (name == "label") return e.label;
    auto it = e.attributes.find(name);
    return it == e.attributes.end() ? std::string() : it->second;
}

void graphml(const GraphView& v, std::ostream& out) {
    auto nodeKeys = nodeNames(v);
    auto edgeKeys = edgeNames(v, true);
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n";
    for (std::size_t i = 0; i < nodeKeys.size(); ++i)
        out << "  <key id=\"n" << i << "\" for=\"node\" attr.name=\"" << xmlAttribute(nodeKeys[i])
            << "\" attr.type=\"string\"/>\n";
    for (std::size_t i = 0; i < edgeKeys.size(); ++i)
        out << "  <key id=\"e" << i << "\" for=\"edge\" attr.name=\"" << xmlAttribute(edgeKeys[i])
            << "\" attr.type=\"string\"/>\n";
    out << "  <graph id=\"corridor\" edgedefault=\"directed\">\n";
    for (const auto& n : v.nodes) {
        out << "    <node id=\"" << xmlAttribute(n.id) << "\">";
        for (std::size_t i = 0; i < nodeKeys.size(); ++i)
            if (auto it = n.attributes.find(nodeKeys[i]); it != n.attributes.end())
                out << "<data key=\"n" << i << "\">" << xmlAttribute(it->second) << "</data>";
        out << "</node>\n";
    }
    std::size_t id = 0;
    for (const auto& e : v.edges) {
        out << "    <edge id=\"edge" << id++ << "\" source=\"" << xmlAttribute(e.source) << "\" target=\""
            << xmlAttribute(e.target) << "\">";
        for (std::size_t i = 0; i < edgeKeys.size(); ++i)
            if (auto value = edgeValue(e, edgeKeys[i]); !value.empty())
                out << "<data key=\"e" << i << "\">" << xmlAttribute(value) << "</data>";
        out << "</edge>\n";
    }
    out << "  </graph>\n</graphml>\n";
}

void gexf(const GraphView& v, std::ostream& out) {
    auto nodeKeys = nodeNames(v);
    nodeKeys.erase(std::remove(nodeKeys.begin(), nodeKeys.end(), "label"), nodeKeys.end()); // the node's own label
    auto edgeKeys = edgeNames(v, false);
    edgeKeys.erase(std::remove(edgeKeys.begin(), edgeKeys.end(), "label"), edgeKeys.end());
    bool dynamic = std::any_of(v.edges.begin(), v.edges.end(), [](const GraphEdge& e) { return !e.start.empty(); });
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n"
           "  <meta><creator>corridor</creator></meta>\n"
        << "  <graph defaultedgetype=\"directed\"" << (dynamic ? " mode=\"dynamic\" timeformat=\"date\"" : "") << ">\n";
    auto declare = [&](const char* cls, const std::vector<std::string>& keys) {
        if (keys.empty()) return;
        out << "    <attributes class=\"" << cls << "\">\n";
        for (std::size_t i = 0; i < keys.size(); ++i)
            out << "      <attribute id=\"" << i << "\" title=\"" << xmlAttribute(keys[i]) << "\" type=\"string\"/>\n";
        out << "    </attributes>\n";
    };
    declare("node", nodeKeys);
    declare("edge", edgeKeys);
    out << "    <nodes>\n";
    for (const auto& n : v.nodes) {
        out << "      <node id=\"" << xmlAttribute(n.id) << "\" label=\"" << xmlAttribute(n.attributes.at("label"))
            << "\">";
        bool any = false;
        for (std::size_t i = 0; i < nodeKeys.size(); ++i)
            if (auto it = n.attributes.find(nodeKeys[i]); it != n.attributes.end()) {
                if (!any) out << "<attvalues>";
                any = true;
                out << "<attvalue for=\"" << i << "\" value=\"" << xmlAttribute(it->second) << "\"/>";
            }
        out << (any ? "</attvalues>" : "") << "</node>\n";
    }
    out << "    </nodes>\n    <edges>\n";
    std::size_t id = 0;
    for (const auto& e : v.edges) {
        out << "      <edge id=\"" << id++ << "\" source=\"" << xmlAttribute(e.source) << "\" target=\""
            << xmlAttribute(e.target) << "\" label=\"" << xmlAttribute(e.label) << "\"";
        if (!e.start.empty()) out << " start=\"" << e.start << "\"";
        if (!e.end.empty()) out << " end=\"" << e.end << "\"";
        out << ">";
        bool any = false;
        for (std::size_t i = 0; i < edgeKeys.size(); ++i)
            if (auto value = edgeValue(e, edgeKeys[i]); !value.empty()) {
                if (!any) out << "<attvalues>";
                any = true;
                out << "<attvalue for=\"" << i << "\" value=\"" << xmlAttribute(value) << "\"/>";
            }
        out << (any ? "</attvalues>" : "") << "</edge>\n";
    }
    out << "    </edges>\n  </graph>\n</gexf>\n";
}

void cytoscape(const GraphView& v, std::ostream& out) {
    using nlohmann::json;
    // The reserved names of Cytoscape.js and networkx's reader keep their meaning; an attribute
    // that would clash is written with a leading underscore.
    auto put = [](json& data, const std::string& k, const std::string& value) {
        static const std::set<std::string> reserved = {"id", "value", "name", "source", "target", "key"};
        data[reserved.count(k) ? "_" + k : k] = value;
    };
    json nodes = json::array(), edges = json::array();
    for (const auto& n : v.nodes) {
        json data = json::object();
        for (const auto& [k, value] : n.attributes) put(data, k, value);
        data["id"] = n.id;
        data["value"] = n.id;
        data["name"] = n.attributes.at("label");
        nodes.push_back({{"data", data}});
    }
    std::size_t key = 0;
    for (const auto& e : v.edges) {
        json data = json::object();
        for (const auto& [k, value] : e.attributes) put(data, k, value);
        data["label"] = e.label;
        if (!e.start.empty()) data["start"] = e.start;
        if (!e.end.empty()) data["end"] = e.end;
        data["id"] = fmt::format("edge{}", key);
        data["source"] = e.source;
        data["target"] = e.target;
        data["key"] = key++;
        edges.push_back({{"data", data}});
    }
    json doc = {{"data", {{"name", "corridor"}}},
                {"directed", true},
                {"multigraph", true},
                {"elements", {{"nodes", nodes}, {"edges", edges}}}};
    out << doc.dump(1) << "\n";
}

void dot(const GraphView& v, std::ostream& out) {
    out << "digraph corridor {\n  rankdir=LR;\n  node [shape=box];\n";
    for (const auto& n : v.nodes) {
        std::string label = n.attributes.at("label");
        if (auto it = n.attributes.find("scale"); it != n.attributes.end()) label += "\n(" + it->second + ")";
        out << "  " << dotQuoted(n.id) << " [label=" << dotQuoted(label) << "];\n";
    }
    for (const auto& e : v.edges) {
        out << "  " << dotQuoted(e.source) << " -> " << dotQuoted(e.target);
        if (!e.label.empty()) out << " [label=" << dotQuoted(e.label) << "]";
        out << ";\n";
    }
    out << "}\n";
}

void nodeTable(const GraphView& v, std::ostream& out) {
    auto names = nodeNames(v);
    out << "id";
    for (const auto& n : names) out << "," << csvField(n);
    out << "\n";
    for (const auto& n : v.nodes) {
        out << csvField(n.id);
        for (const auto& k : names) {
            auto it = n.attributes.find(k);
            out << "," << (it == n.attributes.end() ? "" : csvField(it->second));
        }
        out << "\n";
    }
}
} // namespace

std::optional<GraphFormat> graphFormatFromName(const std::string& name) {
    static const std::map<std::string, GraphFormat> names = {{"graphml", GraphFormat::GraphML},
                                                             {"gexf", GraphFormat::Gexf},
                                                             {"cytoscape", GraphFormat::Cytoscape},
                                                             {"dot", GraphFormat::Dot},
                                                             {"graph-csv", GraphFormat::CsvTables}};
    auto it = names.find(name);
    return it == names.end() ? std::nullopt : std::optional<GraphFormat>(it->second);
}

std::optional<GraphFormat> graphFormatFromPath(const std::string& path) {
    auto ends = [&](std::string_view s) { return path.size() >= s.size() && path.ends_with(s); };
    if (ends(".graphml")) return GraphFormat::GraphML;
    if (ends(".gexf")) return GraphFormat::Gexf;
    if (ends(".cyjs")) return GraphFormat::Cytoscape;
    if (ends(".dot") || ends(".gv")) return GraphFormat::Dot;
    return std::nullopt;
}

void writeGraph(const GraphView& view, GraphFormat format, std::ostream& out) {
    switch (format) {
    case GraphFormat::GraphML: graphml(view, out); break;
    case GraphFormat::Gexf: gexf(view, out); break;
    case GraphFormat::Cytoscape: cytoscape(view, out); break;
    case GraphFormat::Dot: dot(view, out); break;
    case GraphFormat::CsvTables: nodeTable(view, out); break;
    }
}

void writeEdgeTable(const GraphView& v, std::ostream& out) {
    auto names = edgeNames(v, true);
    out << "source,target";
    for (const auto& n : names) out << "," << csvField(n);
    out << ",start,end\n";
    for (const auto& e : v.edges) {
        out << csvField(e.source) << "," << csvField(e.target);
        for (const auto& k : names) out << "," << csvField(edgeValue(e, k));
        out << "," << e.start << "," << e.end << "\n";
    }
}

} // namespace corridor::query::results
