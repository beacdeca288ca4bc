// corridor export: the whole store or one graph, as N-Triples, N-Quads, Turtle or TriG.

#include "cases/case_export.h"
#include "cli/commands.h"
#include "cli/output_file.h"
#include "cli/query_output.h"
#include "cli/store_open.h"
#include "query/results/graph_formats.h"
#include "query/results/graph_picture.h"
#include "storage/error.h"
#include "storage/exporter.h"
#include "storage/rdf_io/jsonld_writer.h"
#include "storage/term_resolver.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <functional>
#include <iostream>
#include <unordered_map>

namespace fs = std::filesystem;

namespace corridor::cli {

namespace {
struct ExportArgs {
    std::string format;
    std::string graph;
    std::string output;
    bool unionGraphs = false;
    std::string facts = "as-edges";
    std::string title;
};

// --format graphml, gexf, cytoscape, dot, graph-csv, svg, png, pdf: the graph view of the
// store or one graph, as a file for other tools or as a picture.
int exportGraphView(const ExportArgs& args, std::optional<query::results::GraphFormat> format,
                    std::optional<query::results::PictureFormat> picture, const GlobalOptions& global) {
    using query::results::GraphFormat;
    if (args.unionGraphs) throw UsageError("--union does not apply to graph formats (graphs are always merged)");
    if (format == GraphFormat::CsvTables && args.output.empty())
        throw UsageError("--format graph-csv writes two files, nodes.csv and edges.csv: name their folder with -o DIR");
    auto store = openStore(global, storage::OpenMode::ReadOnly);
    auto view = store->read();
    storage::QuadPattern pattern{};
    if (!args.graph.empty()) {
        pattern[storage::kGraph] = resolveGraphArgument(*view, args.graph);
        if (!pattern[storage::kGraph]) throw DataError(fmt::format("the store has no graph <{}>", args.graph));
    }
    std::vector<storage::Quad> quads;
    storage::TermResolver term(*view);
    auto scan = view->scan(pattern);
    term.forEachQuad(
        scan, [](const storage::QuadIds&) { return true; },
        [&](const storage::QuadIds& q) {
            quads.push_back({term(q.s()), term(q.p()), term(q.o()), std::nullopt});
        });
    query::results::GraphViewOptions options;
    options.factsAsNodes = args.facts == "as-nodes";
    auto graph = query::results::buildGraphView(std::move(quads), options, view.get());
    if (picture) {
        std::string title = !args.title.empty() ? args.title : args.graph.empty() ? "corridor" : args.graph;
        writeOutput(args.output, [&](std::ostream& out) { query::results::drawPicture(graph, *picture, title, out); });
    } else if (format == GraphFormat::CsvTables) {
        writeGraphTables(graph, args.output);
    } else {
        writeOutput(args.output, [&](std::ostream& out) { query::results::writeGraph(graph, *format, out); });
    }
    if (!global.quiet && !args.output.empty())
        std::cerr << fmt::format("exported {} nodes and {} edges to {}\n", graph.nodes.size(), graph.edges.size(),
                                 args.output);
    return kExitOk;
}

// --format csv-case: one graph as the spreadsheet profile's two sheets.
int exportCaseSheets(const ExportArgs& args, const GlobalOptions& global) {
    if (args.output.empty())
        throw UsageError("--format csv-case writes two files, nodes.csv and edges.csv: name their folder with -o DIR");
    if (args.graph.empty())
        throw UsageError("--format csv-case writes one graph (a case): name it with --graph IRI (or --graph default)");
    if (args.unionGraphs) throw UsageError("--union does not apply to --format csv-case (it writes one graph)");
    if (fs::exists(args.output) && !fs::is_directory(args.output))
        throw DataError(fmt::format("cannot write {}: it is a file, and csv-case writes a folder", args.output));
    auto store = openStore(global, storage::OpenMode::ReadOnly);
    auto view = store->read();
    std::optional<std::string> graph;
    if (args.graph != "default") graph = args.graph;
    cases::CaseExportReport report = cases::exportCase(*view, graph, args.output);
    for (const auto& w : report.warnings) std::cerr << "warning: " << w << "\n";
    if (!global.quiet)
        std::cerr << fmt::format("exported {} node row(s) to {}/nodes.csv and {} edge row(s) to {}/edges.csv\n",
                                 report.nodeRows, args.output, report.edgeRows, args.output);
    return kExitOk;
}
// --format jsonld: JSON-LD compacted with the store's prefixes, through FILE.partial and a rename.
int exportJsonLdFile(const ExportArgs& args, const GlobalOptions& global) {
    if (args.unionGraphs) throw UsageError("--union does not apply to JSON-LD (it keeps graph names)");
    auto store = openStore(global, storage::OpenMode::ReadOnly);
    auto view = store->read();
    std::optional<storage::TermId> graph;
    if (!args.graph.empty()) {
        graph = resolveGraphArgument(*view, args.graph);
        if (!graph) throw DataError(fmt::format("the store has no graph <{}>", args.graph));
    }
    std::uint64_t n = 0;
    if (args.output.empty()) {
        n = storage::rdf_io::exportJsonLd(*view, graph, stdout);
        std::fflush(stdout);
    } else {
        OutputFile out(args.output);
        n = storage::rdf_io::exportJsonLd(*view, graph, out.file());
        out.commit();
        if (!global.quiet) std::cerr << fmt::format("exported {} statements to {}\n", n, args.output);
    }
    return kExitOk;
}
} // namespace

std::optional<storage::TermId> resolveGraphArgument(const storage::ReadView& view, const std::string& graph) {
    if (graph == "default") return storage::kDefaultGraph;
    auto id = view.lookup(storage::Term::iri(graph));
    if (!id) return std::nullopt;
    // The statistics keep a dropped graph's entry at zero: a graph exists while it holds quads.
    auto stats = view.statistics();
    auto it = stats.graphQuads.find(*id);
    if (it == stats.graphQuads.end() || it->second == 0) return std::nullopt;
    return id;
}

Runner addExportCommand(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<ExportArgs>();
    auto* cmd = app.add_subcommand("export", "Write the store, or one graph, as RDF or as a case's two sheets");
    cmd->add_option(
        "--format", args->format,
        "ntriples, nquads, turtle, trig or jsonld (default: from -o's extension, else nquads); graphml, gexf, "
        "cytoscape, dot or graph-csv (a folder of nodes.csv and edges.csv): the graph view "
        "(docs/graphs.md); svg, png or pdf: a picture of it; csv-case: one graph as the import "
        "profile's two sheets");
    cmd->add_option("--graph", args->graph, "Only this named graph ('default': the default graph)")->type_name("IRI");
    cmd->add_flag("--union", args->unionGraphs, "For ntriples/turtle: merge the triples of all graphs into one graph");
    cmd->add_option("-o,--output", args->output, "Write to FILE instead of standard output")->type_name("FILE");
    cmd->add_option("--facts", args->facts,
                    "Graph formats: n-ary facts (transfers, partnerships, milestones) as-edges (default) or as-nodes")
        ->check(CLI::IsMember({"as-edges", "as-nodes"}));
    cmd->add_option("--title", args->title, "Pictures (svg, png, pdf): the title drawn above");
    return [args, &global]() -> int {
        if (args->format == "csv-case") return exportCaseSheets(*args, global);
        if (args->format == "jsonld" || args->format == "json-ld" ||
            (args->format.empty() && args->output.ends_with(".jsonld")))
            return exportJsonLdFile(*args, global);
        if (auto g = !args->format.empty() ? query::results::graphFormatFromName(args->format)
                                           : query::results::graphFormatFromPath(args->output))
            return exportGraphView(*args, g, std::nullopt, global);
        if (auto p = !args->format.empty() ? query::results::pictureFormatFromName(args->format)
                                           : query::results::pictureFormatFromPath(args->output))
            return exportGraphView(*args, std::nullopt, p, global);
        using storage::rdf_io::RdfFormat;
        std::optional<RdfFormat> format;
        if (!args->format.empty()) {
            format = storage::rdf_io::formatFromName(args->format);
            if (!format)
                throw UsageError(fmt::format("unknown format '{}' (ntriples, nquads, turtle, trig, graphml, gexf, "
                                             "cytoscape, dot, graph-csv, svg, png, pdf, jsonld or csv-case)",
                                             args->format));
        } else if (!args->output.empty()) {
            format = storage::rdf_io::formatFromPath(args->output);
            if (!format)
                throw UsageError(fmt::format(
                    "cannot tell a format from the name {}: export writes .nt, .nq, .ttl, "
                    ".trig, .jsonld, .graphml, .gexf, .cyjs, .dot, .svg, .png or .pdf files (or give --format)",
                    args->output));
        }
        storage::ExportOptions options;
        options.format = format.value_or(RdfFormat::NQuads);
        options.unionGraphs = args->unionGraphs;
        auto store = openStore(global, storage::OpenMode::ReadOnly);
        auto view = store->read();
        if (!args->graph.empty()) {
            options.graph = resolveGraphArgument(*view, args->graph);
            if (!options.graph) throw DataError(fmt::format("the store has no graph <{}>", args->graph));
        }
        std::optional<OutputFile> file;
        if (!args->output.empty()) file.emplace(args->output);
        std::uint64_t n = storage::exportQuads(*view, options, file ? file->file() : stdout);
        if (file) file->commit();
        if (!global.quiet && file) std::cerr << fmt::format("exported {} statements to {}\n", n, args->output);
        return kExitOk;
    };
}

} // namespace corridor::cli
