#include "cli/query_output.h"

#include "cli/output_file.h"
#include "query/ast/parse.h"
#include "query/results/graph_formats.h"
#include "query/results/graph_picture.h"
#include "query/results/writers.h"
#include "query/values/trace_path.h"
#include "storage/error.h"
#include "storage/rdf_io/quad_writer.h"
#include "storage/vocabulary.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <map>
#include <set>

namespace corridor::cli {

namespace {

using query::results::Format;

// A C stream that writes into a C++ one: serd's writers (QuadWriter) take a
// FILE*, and a sink must write where it was told to, not to stdout.
ssize_t writeToStream(void* cookie, const char* data, std::size_t size) {
    static_cast<std::ostream*>(cookie)->write(data, static_cast<std::streamsize>(size));
    return static_cast<std::ostream*>(cookie)->good() ? static_cast<ssize_t>(size) : -1;
}

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using StreamFile = std::unique_ptr<std::FILE, FileCloser>;

StreamFile fileFor(std::ostream& out) {
    cookie_io_functions_t io{};
    io.write = &writeToStream;
    std::FILE* f = ::fopencookie(&out, "w", io);
    if (!f) throw std::runtime_error("cannot open an output stream");
    return StreamFile(f);
}

void noPathsWarning() {
    std::cerr << "warning: the result has no TRACE path to write; select the path variable (SELECT ?p ...)\n";
}

// Solutions go to one writer, triples to an RDF writer; both chosen up front.
class OutputSink : public query::ResultSink {
public:
    OutputSink(std::unique_ptr<query::ResultSink> solutions, storage::rdf_io::RdfFormat graphFormat, std::ostream& out,
               std::vector<std::pair<std::string, std::string>> prefixes)
        : solutions_(std::move(solutions)), graphFormat_(graphFormat), out_(out), prefixes_(std::move(prefixes)) {}
    void beginSolutions(const std::vector<std::string>& vars) override { solutions_->beginSolutions(vars); }
    void solution(const std::vector<std::optional<query::Term>>& values) override {
        if (pathsOnly_ && !sawPath_)
            for (const auto& v : values) sawPath_ = sawPath_ || (v && query::values::isPath(*v));
        solutions_->solution(values);
    }
    // For the path formats: say so when the result has no path to write.
    void expectPaths() { pathsOnly_ = true; }
    void boolean(bool v) override { solutions_->boolean(v); }
    void beginGraph() override {
        graph_ = true;
        file_ = fileFor(out_);
        writer_ = std::make_unique<storage::rdf_io::QuadWriter>(graphFormat_, file_.get(), prefixes_);
    }
    void triple(const query::Term& s, const query::Term& p, const query::Term& o) override {
        writer_->write(s, p, o, nullptr);
    }
    void end() override {
        if (graph_) {
            writer_->finish();
            writer_.reset();
            file_.reset();
        } else {
            solutions_->end();
        }
        if (pathsOnly_ && !sawPath_) noPathsWarning();
    }
    void warning(const std::string& message) override {
        std::cout.flush();
        std::cerr << "warning: " << message << "\n";
    }

private:
    std::unique_ptr<query::ResultSink> solutions_;
    storage::rdf_io::RdfFormat graphFormat_;
    std::ostream& out_;
    std::vector<std::pair<std::string, std::string>> prefixes_;
    StreamFile file_;
    std::unique_ptr<storage::rdf_io::QuadWriter> writer_;
    bool graph_ = false;
    bool pathsOnly_ = false, sawPath_ = false;
};

// The facts behind the paths of a result, merged, as N-Quads or TriG.
class PathFactsSink : public query::ResultSink {
public:
    PathFactsSink(storage::rdf_io::RdfFormat format, std::ostream& out,
                  std::vector<std::pair<std::string, std::string>> prefixes)
        : format_(format), out_(out), prefixes_(std::move(prefixes)) {}
    void solution(const std::vector<std::optional<query::Term>>& values) override {
        for (const auto& v : values)
            if (auto path = v ? query::values::pathOf(*v) : nullptr) {
                sawPath_ = true;
                for (auto& q : path->facts()) quads_.insert(std::move(q));
            }
    }
    void end() override {
        if (!sawPath_) noPathsWarning();
        // By graph, then subject, so that TriG and Turtle group them.
        std::vector<storage::Quad> sorted(quads_.begin(), quads_.end());
        std::stable_sort(sorted.begin(), sorted.end(),
                         [](const storage::Quad& a, const storage::Quad& b) { return a.graph < b.graph; });
        StreamFile file = fileFor(out_);
        storage::rdf_io::QuadWriter writer(format_, file.get(), prefixes_);
        for (const auto& q : sorted) writer.write(q.subject, q.predicate, q.object, q.graph ? &*q.graph : nullptr);
        writer.finish();
    }
    void warning(const std::string& message) override { std::cerr << "warning: " << message << "\n"; }

private:
    storage::rdf_io::RdfFormat format_;
    std::ostream& out_;
    std::vector<std::pair<std::string, std::string>> prefixes_;
    std::set<storage::Quad> quads_;
    bool sawPath_ = false;
};

// --format gexf, cytoscape (and graphml, dot for CONSTRUCT/DESCRIBE): the graph view
// (docs/graphs.md) of a CONSTRUCT or DESCRIBE result, or of the facts behind TRACE paths.
class GraphViewSink : public query::ResultSink {
public:
    GraphViewSink(query::results::GraphFormat format, std::ostream& out,
                  std::shared_ptr<const storage::ReadView> context, std::string folder)
        : format_(format), out_(out), context_(std::move(context)), folder_(std::move(folder)) {}
    GraphViewSink(query::results::PictureFormat picture, std::ostream& out,
                  std::shared_ptr<const storage::ReadView> context)
        : picture_(picture), out_(out), context_(std::move(context)) {}
    void triple(const query::Term& s, const query::Term& p, const query::Term& o) override {
        quads_.push_back({s, p, o, std::nullopt});
    }
    void solution(const std::vector<std::optional<query::Term>>& values) override {
        for (const auto& v : values)
            if (auto path = v ? query::values::pathOf(*v) : nullptr) {
                sawPath_ = true;
                for (auto& q : path->facts()) quads_.push_back({q.subject, q.predicate, q.object, {}});
                for (const auto& m : path->members())
                    quads_.push_back(
                        {m.sameAs, storage::Term::iri(std::string(storage::vocab::kOwlSameAs)), m.node->term, {}});
            }
    }
    void beginSolutions(const std::vector<std::string>&) override { solutions_ = true; }
    void end() override {
        if (solutions_ && !sawPath_) noPathsWarning();
        std::sort(quads_.begin(), quads_.end());
        quads_.erase(std::unique(quads_.begin(), quads_.end()), quads_.end());
        auto view = query::results::buildGraphView(std::move(quads_), {}, context_.get());
        if (picture_) {
            query::results::drawPicture(view, *picture_, "corridor query", out_);
        } else if (format_ == query::results::GraphFormat::CsvTables) {
            writeGraphTables(view, folder_);
        } else
            query::results::writeGraph(view, format_, out_);
        out_.flush();
    }
    void warning(const std::string& message) override { std::cerr << "warning: " << message << "\n"; }

private:
    query::results::GraphFormat format_ = query::results::GraphFormat::GraphML;
    std::optional<query::results::PictureFormat> picture_;
    std::ostream& out_;
    std::shared_ptr<const storage::ReadView> context_; // held: the sink outlives the caller's expression
    std::string folder_;                               // graph-csv: the folder of nodes.csv and edges.csv
    std::vector<storage::Quad> quads_;
    bool solutions_ = false, sawPath_ = false;
};

} // namespace

void checkFormatFits(const std::string& format, query::QueryForm form) {
    using Form = query::QueryForm;
    static const std::set<std::string> solutionFormats = {"table", "tsv", "csv", "json", "xml"};
    static const std::set<std::string> pathFormats = {"steps",     "graphml", "dot", "nquads", "trig",     "gexf",
                                                      "cytoscape", "svg",     "png", "pdf",    "graph-csv"};
    static const std::set<std::string> graphFormats = {"ntriples", "nt",      "turtle",    "ttl",      "nquads",
                                                       "trig",     "graphml", "dot",       "gexf",     "svg",
                                                       "png",      "pdf",     "cytoscape", "graph-csv"};
    if (format.empty()) return;
    bool known = solutionFormats.count(format) || pathFormats.count(format) || graphFormats.count(format);
    if (!known)
        throw UsageError(fmt::format("unknown format '{}' (table, tsv, csv, json, xml; for graphs ntriples, turtle, "
                                     "graphml, gexf, cytoscape, dot, graph-csv, svg, png, pdf; for TRACE paths also "
                                     "steps, "
                                     "nquads, trig)",
                                     format));
    bool graph = form == Form::Construct || form == Form::Describe;
    if (graph && !graphFormats.count(format))
        throw UsageError(fmt::format("--format {} does not fit a {} result, which is a graph: use ntriples, turtle, "
                                     "nquads, trig, graphml, gexf, cytoscape, dot, graph-csv, svg, png or pdf",
                                     format, form == Form::Construct ? "CONSTRUCT" : "DESCRIBE"));
    if (form == Form::Ask && !solutionFormats.count(format))
        throw UsageError(fmt::format("--format {} does not fit an ASK result (true or false): use table, tsv, csv, "
                                     "json or xml",
                                     format));
    if (form == Form::Select && graphFormats.count(format) && !pathFormats.count(format))
        throw UsageError(fmt::format("--format {} writes graphs; a SELECT result is a table of solutions: use "
                                     "table, tsv, csv, json or xml (or steps, graphml, dot, nquads or trig for "
                                     "TRACE paths), or ask with CONSTRUCT",
                                     format));
}

std::unique_ptr<query::ResultSink> makeOutput(const std::string& format, query::QueryForm form, bool terminal,
                                              std::ostream& out, std::shared_ptr<const storage::ReadView> view,
                                              const std::string& folder) {
    checkFormatFits(format, form);
    if (format == "graph-csv" && folder.empty())
        throw UsageError("--format graph-csv writes two files, nodes.csv and edges.csv: name their folder with -o DIR");
    auto prefixes = query::ast::builtinPrefixes();
    for (const auto& p : view->prefixes()) {
        bool known = std::any_of(prefixes.begin(), prefixes.end(), [&](const auto& q) { return q.first == p.first; });
        if (!known) prefixes.push_back(p);
    }
    bool graphResult = form == query::QueryForm::Construct || form == query::QueryForm::Describe;
    if (auto g = query::results::graphFormatFromName(format);
        g && (graphResult || format == "gexf" || format == "cytoscape" || format == "graph-csv"))
        return std::make_unique<GraphViewSink>(*g, out, view, folder);
    if (auto p = query::results::pictureFormatFromName(format)) return std::make_unique<GraphViewSink>(*p, out, view);
    using query::results::PathFormat;
    static const std::map<std::string, PathFormat> pathFormats = {
        {"steps", PathFormat::Steps}, {"graphml", PathFormat::GraphML}, {"dot", PathFormat::Dot}};
    if (auto it = pathFormats.find(format); it != pathFormats.end()) {
        auto sink = std::make_unique<OutputSink>(query::results::makePathWriter(it->second, out),
                                                 storage::rdf_io::RdfFormat::NTriples, out, prefixes);
        sink->expectPaths();
        return sink;
    }
    if (graphResult && (format == "nquads" || format == "trig")) // a graph result: its triples, in the default graph
        return std::make_unique<OutputSink>(
            query::results::makeWriter(Format::Tsv, out, prefixes),
            format == "trig" ? storage::rdf_io::RdfFormat::TriG : storage::rdf_io::RdfFormat::NQuads, out, prefixes);
    if (format == "nquads") return std::make_unique<PathFactsSink>(storage::rdf_io::RdfFormat::NQuads, out, prefixes);
    if (format == "trig") return std::make_unique<PathFactsSink>(storage::rdf_io::RdfFormat::TriG, out, prefixes);
    Format solutions = terminal ? Format::Table : Format::Tsv;
    auto graph = terminal ? storage::rdf_io::RdfFormat::Turtle : storage::rdf_io::RdfFormat::NTriples;
    if (format == "table")
        solutions = Format::Table;
    else if (format == "tsv")
        solutions = Format::Tsv;
    else if (format == "csv")
        solutions = Format::Csv;
    else if (format == "json")
        solutions = Format::Json;
    else if (format == "xml")
        solutions = Format::Xml;
    else if (format == "ntriples" || format == "nt")
        graph = storage::rdf_io::RdfFormat::NTriples;
    else if (format == "turtle" || format == "ttl")
        graph = storage::rdf_io::RdfFormat::Turtle;
    return std::make_unique<OutputSink>(query::results::makeWriter(solutions, out, prefixes), graph, out, prefixes);
}

void writeGraphTables(const query::results::GraphView& view, const std::string& folder) {
    std::filesystem::create_directories(folder);
    writeOutput(folder + "/nodes.csv", [&](std::ostream& out) {
        query::results::writeGraph(view, query::results::GraphFormat::CsvTables, out);
    });
    writeOutput(folder + "/edges.csv", [&](std::ostream& out) { query::results::writeEdgeTable(view, out); });
}

std::string formatFromOutputName(const std::string& path) {
    static const std::map<std::string, std::string> byExtension = {
        {"tsv", "tsv"},         {"csv", "csv"},     {"json", "json"},      {"srj", "json"},  {"xml", "xml"},
        {"srx", "xml"},         {"nt", "ntriples"}, {"ttl", "turtle"},     {"nq", "nquads"}, {"trig", "trig"},
        {"graphml", "graphml"}, {"gexf", "gexf"},   {"cyjs", "cytoscape"}, {"dot", "dot"},   {"gv", "dot"},
        {"svg", "svg"},         {"png", "png"},     {"pdf", "pdf"}};
    auto name = std::filesystem::path(path).filename().string();
    auto dot = name.rfind('.');
    if (dot == std::string::npos) return {};
    auto it = byExtension.find(name.substr(dot + 1));
    return it == byExtension.end() ? std::string() : it->second;
}

} // namespace corridor::cli
