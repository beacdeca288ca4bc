// Writers for the paths in a result (docs/trace.md): one CSV row per step, or
// the union of the paths as GraphML (Gephi, Cytoscape) or Graphviz DOT. (As
// RDF, their facts: TracePath::facts(), written by the CLI.) They keep every path until the end: each needs
// the whole result to know its columns or to merge the paths.

#include "query/results/writers.h"
#include "query/values/trace_path.h"
#include "storage/vocabulary.h"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

namespace corridor::query::results {

using values::PathNode;
using values::PathStep;
using values::TracePath;

namespace {

std::string plain(const Term& t) {
    return t.isBlank() ? "_:" + t.value : t.value;
}

std::string joined(const std::vector<std::string>& list, const char* separator) {
    std::string out;
    for (const auto& x : list) out += (out.empty() ? "" : separator) + x;
    return out;
}

class PathWriter : public ResultSink {
public:
    PathWriter(PathFormat format, std::ostream& out) : format_(format), out_(out) {}

    void beginSolutions(const std::vector<std::string>& vars) override { vars_ = vars; }
    void solution(const std::vector<std::optional<Term>>& values) override {
        for (std::size_t i = 0; i < values.size(); ++i)
            if (values[i] && values::isPath(*values[i])) pathColumns_.insert(i);
        solutions_.push_back(values);
    }
    void boolean(bool) override {}
    void end() override {
        // Every path of every solution, with the solution's other values.
        for (const auto& values : solutions_) {
            std::vector<std::string> others;
            for (std::size_t i = 0; i < values.size(); ++i) {
                if (pathColumns_.count(i)) continue;
                const auto& v = values[i];
                others.push_back(!v ? "" : v->isBlank() ? "_:" + v->value : v->value);
            }
            for (std::size_t i : pathColumns_) {
                if (!values[i]) continue;
                if (auto path = values::pathOf(*values[i])) rows_.push_back({others, std::move(path)});
            }
        }
        switch (format_) {
        case PathFormat::Steps: steps(); break;
        case PathFormat::GraphML: graphml(); break;
        case PathFormat::Dot: dot(); break;
        }
    }

private:
    struct Row {
        std::vector<std::string> others;
        std::shared_ptr<const TracePath> path;
    };

    void steps() {
        std::vector<std::string> header = {"path", "step"};
        std::vector<std::string> bindingNames;
        for (const auto& r : rows_)
            for (const auto& s : r.path->steps())
                for (const auto& [name, _] : s->bindings)
                    if (std::find(bindingNames.begin(), bindingNames.end(), name) == bindingNames.end())
                        bindingNames.push_back(name);
        std::vector<std::string> otherNames;
        for (std::size_t i = 0; i < vars_.size(); ++i)
            if (!pathColumns_.count(i)) otherNames.push_back(vars_[i]);
        for (const auto& n : otherNames) header.push_back(n);
        for (const char* c : {"from", "from_label", "from_scale", "from_country", "to", "to_label", "to_scale",
                              "to_country", "predicate", "note"})
            header.push_back(c);
        for (const auto& b : bindingNames) header.push_back("step_" + b);
        header.push_back("graphs");
        header.push_back("sources");
        for (std::size_t i = 0; i < header.size(); ++i) out_ << (i ? "," : "") << csvField(header[i]);
        out_ << "\r\n";
        std::size_t pathNo = 0;
        for (const auto& r : rows_) {
            ++pathNo;
            const TracePath& p = *r.path;
            auto nodeInfo = [&](const Term& term, std::vector<std::string>& cells) {
                const PathNode* found = p.describe(term);
                cells.push_back(plain(term));
                cells.push_back(found ? found->label : "");
                cells.push_back(found && found->scale ? found->scaleLabel : "");
                cells.push_back(found ? joined(found->countryLabels, ";") : "");
            };
            auto line = [&](std::size_t stepNo, const PathStep* s) {
                std::vector<std::string> cells = {std::to_string(pathNo), std::to_string(stepNo)};
                for (std::size_t i = 0; i < otherNames.size() && i < r.others.size(); ++i) cells.push_back(r.others[i]);
                nodeInfo(s ? s->from : p.start, cells);
                nodeInfo(s ? s->to : p.end, cells);
                cells.push_back(s && s->predicate ? *s->predicate : "");
                cells.push_back(s ? s->note : "");
                for (const auto& b : bindingNames) {
                    std::string cell;
                    if (s)
                        if (auto it = s->bindings.find(b); it != s->bindings.end()) cell = plain(it->second);
                    cells.push_back(std::move(cell));
                }
                cells.push_back(s ? joined(s->graphs, " ") : "");
                cells.push_back(s ? joined(s->sources, " ") : "");
                for (std::size_t i = 0; i < cells.size(); ++i) out_ << (i ? "," : "") << csvField(cells[i]);
                out_ << "\r\n";
            };
            if (p.steps().empty()) line(0, nullptr);
            std::size_t stepNo = 0;
            for (const auto& s : p.steps()) line(++stepNo, s.get());
        }
    }

    // Nodes and merged edges of all paths.
    struct Graph {
        std::vector<const PathNode*> nodes;
        std::map<std::string, std::size_t> nodeIndex;
        struct EdgeInfo {
            std::string from, to, label, predicate;
            std::set<std::string> sources;
            std::size_t paths = 0;
        };
        std::vector<EdgeInfo> edges;
        std::map<std::tuple<std::string, std::string, std::string>, std::size_t> edgeIndex;
    };
    Graph merged() const {
        Graph g;
        for (const auto& r : rows_) {
            for (const auto& n : r.path->nodes()) {
                std::string id = plain(n->term);
                if (g.nodeIndex.emplace(id, g.nodes.size()).second) g.nodes.push_back(n.get());
            }
            // SAMEAS: a step may leave from another member of the node the path arrived at;
            // the member is a node of its own, joined to that node by an owl:sameAs edge.
            for (const auto& m : r.path->members()) {
                std::string id = plain(m.node->term);
                if (g.nodeIndex.emplace(id, g.nodes.size()).second) g.nodes.push_back(m.node.get());
                std::string from = plain(m.sameAs);
                auto key = std::make_tuple(from, id, std::string("sameAs"));
                auto [it, inserted] = g.edgeIndex.emplace(key, g.edges.size());
                if (inserted) g.edges.push_back({from, id, "sameAs", std::string(storage::vocab::kOwlSameAs), {}, 0});
                ++g.edges[it->second].paths;
            }
            for (const auto& s : r.path->steps()) {
                std::string from = plain(s->from), to = plain(s->to);
                auto key = std::make_tuple(from, to, s->note);
                auto [it, inserted] = g.edgeIndex.emplace(key, g.edges.size());
                if (inserted) g.edges.push_back({from, to, s->note, s->predicate.value_or(""), {}, 0});
                auto& e = g.edges[it->second];
                ++e.paths;
                for (const auto& src : s->sources) e.sources.insert(src);
            }
        }
        return g;
    }

    void graphml() {
        Graph g = merged();
        out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
                "  <key id=\"scale\" for=\"node\" attr.name=\"scale\" attr.type=\"string\"/>\n"
                "  <key id=\"rank\" for=\"node\" attr.name=\"rank\" attr.type=\"int\"/>\n"
                "  <key id=\"country\" for=\"node\" attr.name=\"country\" attr.type=\"string\"/>\n"
                "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
                "  <key id=\"elabel\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n"
                "  <key id=\"predicate\" for=\"edge\" attr.name=\"predicate\" attr.type=\"string\"/>\n"
                "  <key id=\"paths\" for=\"edge\" attr.name=\"paths\" attr.type=\"int\"/>\n"
                "  <key id=\"sources\" for=\"edge\" attr.name=\"sources\" attr.type=\"string\"/>\n"
                "  <graph id=\"paths\" edgedefault=\"directed\">\n";
        for (const PathNode* n : g.nodes) {
            out_ << "    <node id=\"" << xmlEscape(plain(n->term)) << "\">"
                 << "<data key=\"label\">" << xmlEscape(n->brief) << "</data>";
            if (n->scale)
                out_ << "<data key=\"scale\">" << xmlEscape(n->scaleLabel) << "</data><data key=\"rank\">" << n->rank
                     << "</data>";
            out_ << "<data key=\"country\">" << xmlEscape(joined(n->countryLabels, ";")) << "</data>"
                 << "<data key=\"type\">" << xmlEscape(joined(n->types, " ")) << "</data></node>\n";
        }
        std::size_t id = 0;
        for (const auto& e : g.edges) {
            std::string sources;
            for (const auto& s : e.sources) sources += (sources.empty() ? "" : " ") + s;
            out_ << "    <edge id=\"e" << id++ << "\" source=\"" << xmlEscape(e.from) << "\" target=\""
                 << xmlEscape(e.to) << "\"><data key=\"elabel\">" << xmlEscape(e.label)
                 << "</data><data key=\"predicate\">" << xmlEscape(e.predicate) << "</data><data key=\"paths\">"
                 << e.paths << "</data><data key=\"sources\">" << xmlEscape(sources) << "</data></edge>\n";
        }
        out_ << "  </graph>\n</graphml>\n";
    }

    void dot() {
        Graph g = merged();
        out_ << "digraph paths {\n  rankdir=LR;\n  node [shape=box];\n";
        for (const PathNode* n : g.nodes) {
            std::string label = n->brief;
            if (n->scale) label += "\n(" + n->scaleLabel + ")";
            out_ << "  " << dotQuoted(plain(n->term)) << " [label=" << dotQuoted(label) << "];\n";
        }
        for (const auto& e : g.edges) {
            std::vector<std::string> attributes;
            if (!e.label.empty()) attributes.push_back("label=" + dotQuoted(e.label));
            if (e.paths > 1) attributes.push_back(fmt::format("penwidth={}", std::min<std::size_t>(e.paths, 8)));
            out_ << "  " << dotQuoted(e.from) << " -> " << dotQuoted(e.to);
            for (std::size_t i = 0; i < attributes.size(); ++i) out_ << (i ? ", " : " [") << attributes[i];
            out_ << (attributes.empty() ? ";\n" : "];\n");
        }
        out_ << "}\n";
    }

    PathFormat format_;
    std::ostream& out_;
    std::vector<std::string> vars_;
    std::set<std::size_t> pathColumns_;
    std::vector<std::vector<std::optional<Term>>> solutions_;
    std::vector<Row> rows_;
};

} // namespace

std::unique_ptr<ResultSink> makePathWriter(PathFormat format, std::ostream& out) {
    return std::make_unique<PathWriter>(format, out);
}

} // namespace corridor::query::results
