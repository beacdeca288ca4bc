#include "query/results/graph_picture.h"

#include "query/results/writers.h"
#include "storage/error.h"

#include <fmt/format.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <map>
#include <memory>
#include <set>

namespace corridor::query::results {

namespace {

// Rows from the top: the scale ranks of the vocabulary (pmz:scaleRank), then nodes without a scale.
struct Row {
    int rank;
    const char* name;
};
constexpr Row kRows[] = {{7, "supranational"}, {6, "bilateral"}, {5, "national"},   {4, "provincial"},
                         {3, "municipal"},     {2, "zone"},      {1, "enterprise"}, {0, "no scale"}};

// Colours for countries (colour-blind-safe pastels), in order of first appearance.
constexpr const char* kPalette[] = {"#a6cee3", "#fdbf6f", "#b2df8a", "#fb9a99", "#cab2d6",
                                    "#ffff99", "#8dd3c7", "#fccde5", "#d9d9d9", "#bebada"};

int rankOf(const GraphNode& n) {
    auto it = n.attributes.find("rank");
    if (it == n.attributes.end()) return 0;
    try {
        int r = std::stoi(it->second);
        return r >= 1 && r <= 7 ? r : 0;
    } catch (...) {
        return 0;
    }
}

std::string firstCountry(const GraphNode& n) {
    auto it = n.attributes.find("country");
    if (it == n.attributes.end()) return {};
    return it->second.substr(0, it->second.find(';'));
}

std::string wrap(const std::string& label, std::size_t width) {
    std::string out, line;
    std::size_t start = 0;
    while (start < label.size()) {
        std::size_t end = label.find(' ', start);
        if (end == std::string::npos) end = label.size();
        std::string word = label.substr(start, end - start);
        if (!line.empty() && line.size() + 1 + word.size() > width) {
            out += (out.empty() ? "" : "\n") + line;
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
        start = end + 1;
    }
    if (!line.empty()) out += (out.empty() ? "" : "\n") + line;
    return out;
}
} // namespace

std::optional<PictureFormat> pictureFormatFromName(const std::string& name) {
    if (name == "svg") return PictureFormat::Svg;
    if (name == "png") return PictureFormat::Png;
    if (name == "pdf") return PictureFormat::Pdf;
    return std::nullopt;
}

std::optional<PictureFormat> pictureFormatFromPath(const std::string& path) {
    auto dot = path.rfind('.');
    return dot == std::string::npos ? std::nullopt : pictureFormatFromName(path.substr(dot + 1));
}

std::string pictureDot(const GraphView& view, const std::string& title) {
    std::map<std::string, std::string> colours;
    for (const auto& n : view.nodes)
        if (auto c = firstCountry(n); !c.empty() && !colours.count(c))
            colours.emplace(c, kPalette[colours.size() % std::size(kPalette)]);
    std::map<int, std::vector<const GraphNode*>> rows;
    for (const auto& n : view.nodes) rows[rankOf(n)].push_back(&n);

    std::string dot = "digraph picture {\n";
    dot += fmt::format("  graph [rankdir=TB, forcelabels=true, nodesep=0.12, ranksep=0.5, fontname=\"Helvetica\", "
                       "fontsize=14, labelloc=t, label={}];\n",
                       dotQuoted(title));
    dot += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", "
           "fontsize=10, margin=\"0.08,0.04\"];\n";
    dot += "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\", fontcolor=\"#333333\", "
           "arrowsize=0.6, constraint=false];\n";
    // One row per scale, in the vocabulary's order, named at the left.
    std::vector<std::string> rowNames;
    for (const auto& row : kRows) {
        auto it = rows.find(row.rank);
        if (it == rows.end() || row.rank == 0) continue;
        std::string rowId = fmt::format("row:{}", row.rank);
        rowNames.push_back(rowId);
        dot += fmt::format("  {{ rank=same; {} [label={}, shape=plaintext, style=\"\", fontsize=11, "
                           "fontcolor=\"#777777\"];\n",
                           dotQuoted(rowId), dotQuoted(row.name));
        for (const auto* n : it->second) {
            std::string colour = colours.count(firstCountry(*n)) ? colours[firstCountry(*n)] : "#ffffff";
            dot += fmt::format("    {} [label={}, fillcolor={}];\n", dotQuoted(n->id),
                               dotQuoted(wrap(n->attributes.at("label"), 16)), dotQuoted(colour));
        }
        dot += "  }\n";
    }
    // Nodes without a scale (policies, one-party milestones, unscaled bodies) are not a row of
    // their own: the edges that touch them place them, near what they concern.
    std::set<std::string> unscaled;
    if (auto it = rows.find(0); it != rows.end())
        for (const auto* n : it->second) {
            unscaled.insert(n->id);
            std::string colour = colours.count(firstCountry(*n)) ? colours[firstCountry(*n)] : "#ffffff";
            dot += fmt::format("  {} [label={}, fillcolor={}, style=\"rounded,filled,dashed\"];\n", dotQuoted(n->id),
                               dotQuoted(wrap(n->attributes.at("label"), 16)), dotQuoted(colour));
        }
    for (std::size_t i = 1; i < rowNames.size(); ++i)
        dot += fmt::format("  {} -> {} [style=invis, constraint=true];\n", dotQuoted(rowNames[i - 1]),
                           dotQuoted(rowNames[i]));
    // Edge labels are external (xlabel): Graphviz 2.43 frees the layout of labelled edges
    // between nodes of one rank twice (gvFreeLayout aborts), and xlabels avoid that code.
    for (const auto& e : view.edges) {
        std::vector<std::string> attributes;
        if (!e.label.empty()) attributes.push_back("xlabel=" + dotQuoted(wrap(e.label, 24)));
        if (unscaled.count(e.source) || unscaled.count(e.target)) attributes.push_back("constraint=true");
        std::string list;
        for (const auto& a : attributes) list += (list.empty() ? " [" : ", ") + a;
        dot += fmt::format("  {} -> {}{};\n", dotQuoted(e.source), dotQuoted(e.target), list.empty() ? "" : list + "]");
    }
    // The legend: one box per country colour.
    if (!colours.empty()) {
        dot += "  subgraph cluster_legend { label=\"countries\"; fontsize=10; style=\"rounded\"; color=\"#bbbbbb\";\n";
        std::string previous;
        for (const auto& [country, colour] : colours) {
            std::string id = "legend:" + country;
            dot += fmt::format("    {} [label={}, fillcolor={}, fontsize=9];\n", dotQuoted(id), dotQuoted(country),
                               dotQuoted(colour));
            if (!previous.empty())
                dot +=
                    fmt::format("    {} -> {} [style=invis, constraint=true];\n", dotQuoted(previous), dotQuoted(id));
            previous = id;
        }
        dot += "  }\n";
        if (!rowNames.empty())
            dot += fmt::format("  {} -> {} [style=invis, constraint=true];\n", dotQuoted(rowNames.back()),
                               dotQuoted("legend:" + colours.begin()->first));
    }
    dot += "}\n";
    return dot;
}

void drawPicture(const GraphView& view, PictureFormat format, const std::string& title, std::ostream& out) {
    std::string dot = pictureDot(view, title);
    std::unique_ptr<GVC_t, int (*)(GVC_t*)> gvc(gvContext(), gvFreeContext);
    if (!gvc) throw Error("Graphviz could not start");
    std::unique_ptr<Agraph_t, int (*)(Agraph_t*)> graph(agmemread(dot.c_str()), agclose);
    if (!graph) throw Error("Graphviz could not read the picture's graph");
    if (gvLayout(gvc.get(), graph.get(), "dot") != 0) throw Error("Graphviz could not lay out the picture");
    const char* renderer = format == PictureFormat::Svg ? "svg" : format == PictureFormat::Png ? "png" : "pdf";
    char* data = nullptr;
    unsigned int length = 0;
    int rc = gvRenderData(gvc.get(), graph.get(), renderer, &data, &length);
    gvFreeLayout(gvc.get(), graph.get());
    if (rc != 0 || !data)
        throw Error(fmt::format("Graphviz has no {} renderer here (for PNG and PDF install the cairo plugins: apt "
                                "install libgvc6-plugins-gtk or graphviz)",
                                renderer));
    out.write(data, length);
    gvFreeRenderData(data);
}

} // namespace corridor::query::results
