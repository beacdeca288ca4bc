#include "query/results/graph_picture.h"

#include "query/results/writers.h"
#include "storage/error.h"
#include "storage/shared_library.h"

#include <algorithm>
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

// The longest line of a node label, and the most nodes in one row: a row of the founding
// case's busiest scale then fits A4 width with its text at 6 pt or more (docs/graphs.md).
constexpr std::size_t kLabelWidth = 12;
constexpr std::size_t kMaxPerRow = 5;

// A row of the picture: a scale's nodes (or a part of them, when a scale has more than
// kMaxPerRow), or the nodes without a scale that sit above the highest scale they touch.
struct Band {
    std::string name; // the scale's name on its first row, else empty
    std::vector<const GraphNode*> nodes;
};

// Bands from the top. A scaled node's key is twice its rank; a node without a scale sits
// between the row of the highest scaled node it touches and the row above (key 2r+1), or at
// the bottom (key 0) when it touches none. Inside a key, nodes whose edges lead upwards come
// first, so that the wrapped rows of a scale keep edges short.
std::vector<Band> layoutBands(const GraphView& view) {
    std::map<std::string, const GraphNode*> byId;
    for (const auto& n : view.nodes) byId.emplace(n.id, &n);
    std::map<std::string, int> highestNeighbour;
    for (const auto& e : view.edges) {
        int s = rankOf(*byId.at(e.source)), t = rankOf(*byId.at(e.target));
        auto& a = highestNeighbour[e.source];
        a = std::max(a, t);
        auto& b = highestNeighbour[e.target];
        b = std::max(b, s);
    }
    std::map<std::string, int> key;
    for (const auto& n : view.nodes) {
        int r = rankOf(n);
        int h = highestNeighbour.count(n.id) ? highestNeighbour[n.id] : 0;
        key[n.id] = r > 0 ? 2 * r : h > 0 ? 2 * h + 1 : 0;
    }
    std::map<std::string, double> pull; // mean key of the neighbours
    std::map<std::string, int> degree;
    for (const auto& e : view.edges) {
        pull[e.source] += key[e.target];
        pull[e.target] += key[e.source];
        ++degree[e.source];
        ++degree[e.target];
    }
    std::map<int, std::vector<const GraphNode*>, std::greater<>> groups;
    for (const auto& n : view.nodes) groups[key[n.id]].push_back(&n);
    std::vector<Band> bands;
    for (auto& [k, nodes] : groups) {
        auto meanPull = [&](const GraphNode* n) { return degree[n->id] ? pull[n->id] / degree[n->id] : 0.0; };
        std::stable_sort(nodes.begin(), nodes.end(), [&](const GraphNode* a, const GraphNode* b) {
            double pa = meanPull(a), pb = meanPull(b);
            if (pa != pb) return pa > pb;
            return a->attributes.at("label") < b->attributes.at("label");
        });
        std::size_t rowsNeeded = (nodes.size() + kMaxPerRow - 1) / kMaxPerRow;
        std::size_t perRow = (nodes.size() + rowsNeeded - 1) / rowsNeeded; // even rows
        for (std::size_t i = 0; i < nodes.size(); i += perRow) {
            Band band;
            if (i == 0 && k % 2 == 0 && k > 0)
                for (const auto& row : kRows)
                    if (2 * row.rank == k) band.name = row.name;
            band.nodes.assign(nodes.begin() + i, nodes.begin() + std::min(nodes.size(), i + perRow));
            bands.push_back(std::move(band));
        }
    }
    return bands;
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
    std::vector<Band> bands = layoutBands(view);
    std::map<std::string, int> bandOf;
    for (std::size_t b = 0; b < bands.size(); ++b)
        for (const auto* n : bands[b].nodes) bandOf[n->id] = static_cast<int>(b);

    std::string dot = "digraph picture {\n";
    dot += fmt::format("  graph [rankdir=TB, forcelabels=true, nodesep=0.05, ranksep=0.5, fontname=\"Helvetica\", "
                       "fontsize=14, labelloc=t, label={}];\n",
                       dotQuoted(title));
    dot += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", "
           "fontsize=10, margin=\"0.06,0.03\"];\n";
    dot += "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\", fontcolor=\"#333333\", "
           "arrowsize=0.6];\n";
    // One band per row, top to bottom, each with a name node at the left (empty for the
    // continuation of a wrapped row and for the bands of nodes without a scale).
    for (std::size_t b = 0; b < bands.size(); ++b) {
        std::string bandId = fmt::format("row:{}", b);
        dot += fmt::format("  {{ rank=same; {} [label={}, shape=plaintext, style=\"\", fontsize=11, "
                           "fontcolor=\"#777777\"];\n",
                           dotQuoted(bandId), dotQuoted(bands[b].name));
        for (const auto* n : bands[b].nodes) {
            std::string colour = colours.count(firstCountry(*n)) ? colours[firstCountry(*n)] : "#ffffff";
            // Nodes without a scale (policies, one-party milestones, unscaled bodies) are dashed.
            const char* style = rankOf(*n) == 0 ? ", style=\"rounded,filled,dashed\"" : "";
            dot += fmt::format("    {} [label={}, fillcolor={}{}];\n", dotQuoted(n->id),
                               dotQuoted(wrap(n->attributes.at("label"), kLabelWidth)), dotQuoted(colour), style);
        }
        dot += "  }\n";
        if (b > 0)
            dot +=
                fmt::format("  {} -> {} [style=invis];\n", dotQuoted(fmt::format("row:{}", b - 1)), dotQuoted(bandId));
    }
    // Every edge between bands constrains the layout in the bands' direction (an edge that
    // points up is laid out downwards and drawn with its arrow reversed), so that crossing
    // reduction sees all of them; edges inside a band do not constrain.
    // Edge labels are external (xlabel): Graphviz 2.43 frees the layout of labelled edges
    // between nodes of one rank twice (gvFreeLayout aborts), and xlabels avoid that code.
    // Parallel edges (one pair of nodes, one direction) are drawn as one line carrying all
    // their labels, a repeated label once with its count.
    std::vector<std::pair<std::string, std::string>> pairs;
    std::map<std::pair<std::string, std::string>, std::vector<std::pair<std::string, int>>> labels;
    for (const auto& e : view.edges) {
        auto key = std::make_pair(e.source, e.target);
        auto [it, added] = labels.try_emplace(key);
        if (added) pairs.push_back(key);
        if (e.label.empty()) continue;
        auto same =
            std::find_if(it->second.begin(), it->second.end(), [&](const auto& l) { return l.first == e.label; });
        if (same != it->second.end())
            ++same->second;
        else
            it->second.emplace_back(e.label, 1);
    }
    for (const auto& [source, target] : pairs) {
        int from = bandOf.at(source), to = bandOf.at(target);
        std::string text;
        for (const auto& [label, count] : labels[{source, target}])
            text += (text.empty() ? "" : "\n") + wrap(count > 1 ? fmt::format("{} ×{}", label, count) : label, 20);
        std::string attributes;
        if (!text.empty()) attributes += "xlabel=" + dotQuoted(text);
        auto add = [&](const std::string& a) { attributes += (attributes.empty() ? "" : ", ") + a; };
        if (from == to) add("constraint=false");
        if (from > to) {
            add("dir=back");
            dot += fmt::format("  {} -> {} [{}];\n", dotQuoted(target), dotQuoted(source), attributes);
        } else {
            dot += fmt::format("  {} -> {}{};\n", dotQuoted(source), dotQuoted(target),
                               attributes.empty() ? "" : " [" + attributes + "]");
        }
    }
    // The legend: the country colours in a row under the last band.
    if (!colours.empty()) {
        dot += "  subgraph cluster_legend { label=\"countries\"; fontsize=10; style=\"rounded\"; color=\"#bbbbbb\";\n";
        dot += "    { rank=same;\n";
        for (const auto& [country, colour] : colours)
            dot += fmt::format("      {} [label={}, fillcolor={}, fontsize=9];\n", dotQuoted("legend:" + country),
                               dotQuoted(country), dotQuoted(colour));
        dot += "    }\n  }\n";
        if (!bands.empty())
            dot += fmt::format("  {} -> {} [style=invis];\n", dotQuoted(fmt::format("row:{}", bands.size() - 1)),
                               dotQuoted("legend:" + colours.begin()->first));
    }
    dot += "}\n";
    return dot;
}

namespace {
// Graphviz's functions, from the libraries opened the first time a picture is drawn
// (storage/shared_library.h says why they are not linked).
struct Graphviz {
    storage::SharedLibrary cgraph{CORRIDOR_CGRAPH_SONAME, "drawing a picture", "libcgraph6"};
    storage::SharedLibrary gvc{CORRIDOR_GVC_SONAME, "drawing a picture", "libgvc6"};
#define GRAPHVIZ_FUNCTION(library, name) decltype(&::name) name = library.function<decltype(::name)>(#name)
    GRAPHVIZ_FUNCTION(cgraph, agmemread);
    GRAPHVIZ_FUNCTION(cgraph, agclose);
    GRAPHVIZ_FUNCTION(gvc, gvContext);
    GRAPHVIZ_FUNCTION(gvc, gvFreeContext);
    GRAPHVIZ_FUNCTION(gvc, gvLayout);
    GRAPHVIZ_FUNCTION(gvc, gvFreeLayout);
    GRAPHVIZ_FUNCTION(gvc, gvRenderData);
    GRAPHVIZ_FUNCTION(gvc, gvFreeRenderData);
#undef GRAPHVIZ_FUNCTION
};

const Graphviz& graphviz() {
    static const Graphviz functions;
    return functions;
}
} // namespace

void drawPicture(const GraphView& view, PictureFormat format, const std::string& title, std::ostream& out) {
    std::string dot = pictureDot(view, title);
    const Graphviz& gv = graphviz();
    std::unique_ptr<GVC_t, int (*)(GVC_t*)> gvc(gv.gvContext(), gv.gvFreeContext);
    if (!gvc) throw Error("Graphviz could not start");
    std::unique_ptr<Agraph_t, int (*)(Agraph_t*)> graph(gv.agmemread(dot.c_str()), gv.agclose);
    if (!graph) throw Error("Graphviz could not read the picture's graph");
    if (gv.gvLayout(gvc.get(), graph.get(), "dot") != 0) throw Error("Graphviz could not lay out the picture");
    const char* renderer = format == PictureFormat::Svg ? "svg" : format == PictureFormat::Png ? "png" : "pdf";
    char* data = nullptr;
    unsigned int length = 0;
    int rc = gv.gvRenderData(gvc.get(), graph.get(), renderer, &data, &length);
    gv.gvFreeLayout(gvc.get(), graph.get());
    if (rc != 0 || !data)
        throw Error(fmt::format("Graphviz has no {} renderer here (for PNG and PDF install the cairo plugins: apt "
                                "install libgvc6-plugins-gtk or graphviz)",
                                renderer));
    out.write(data, length);
    gv.gvFreeRenderData(data);
}

} // namespace corridor::query::results
