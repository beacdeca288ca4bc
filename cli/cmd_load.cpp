// corridor load FILE...: all files land in one atomic write, or none does.

#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/store_open.h"
#include "storage/error.h"
#include "storage/load/bulk_loader.h"
#include "storage/write_txn.h"

#include <chrono>
#include <fmt/format.h>
#include <iostream>

namespace corridor::cli {

namespace {
struct LoadArgs {
    std::vector<std::string> files;
    std::string format;
    std::string graph;
    std::string base;
    bool keepGoing = false;
    bool replace = false;
    std::size_t memoryLimit = 512; // MiB
};

// Below this the term table and the quad buffer spill after a few thousand statements: a load
// still works, but it is all spilling; refused so that a typo (`--memory-limit 1`) is noticed.
constexpr std::size_t kMinLoadMemoryMiB = 16;

// --replace: the quads the graphs held before the load are deleted in the same
// step as the files' quads are inserted (an insert wins over a delete of the
// same step), so each graph ends up holding exactly what the files say.
std::uint64_t stageReplacement(storage::WriteTxn& txn, const storage::BulkLoader& loader, bool namedTarget) {
    if (!namedTarget && loader.graphs().count(storage::kDefaultGraph))
        throw UsageError("--replace would replace the store's default graph, which files share: load the file "
                         "into a graph of its own with --graph IRI (or put its triples in named graphs)");
    auto view = txn.read();
    for (storage::TermId g : loader.graphs()) {
        storage::QuadPattern pattern{};
        pattern[storage::kGraph] = g;
        storage::QuadScan scan = view->scan(pattern);
        storage::QuadIds q;
        while (scan.next(q)) txn.remove(q);
    }
    return loader.graphs().size();
}
} // namespace

Runner addLoadCommand(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<LoadArgs>();
    auto* cmd =
        app.add_subcommand("load", "Load RDF files (N-Triples, N-Quads, Turtle, TriG) into the store, atomically");
    cmd->add_option("files", args->files, "Files to load; - reads standard input")->required()->type_name("FILE");
    cmd->add_option("--format", args->format,
                    "Input syntax: ntriples, nquads, turtle or trig (default: from the extension)");
    cmd->add_option("--graph", args->graph, "Load the triples of each file's default graph into this named graph")
        ->type_name("IRI");
    cmd->add_option("--base", args->base, "Base IRI for relative IRIs (default: the file's IRI)")->type_name("IRI");
    cmd->add_flag("--keep-going", args->keepGoing, "Skip bad statements, load the rest, and list every rejected line");
    cmd->add_option("--memory-limit", args->memoryLimit,
                    "Memory for the term table, the quad buffer and one statement's text, in MiB; past it they "
                    "spill to disk (default 512)")
        ->type_name("MIB");
    cmd->add_flag("--replace", args->replace,
                  "Replace what the graphs the files fill hold (re-import a revised case) instead of adding to it");
    return [args, &global]() -> int {
        std::optional<storage::rdf_io::RdfFormat> format;
        if (!args->format.empty()) {
            format = storage::rdf_io::formatFromName(args->format);
            if (!format) throw UsageError(fmt::format("unknown format '{}'", args->format));
        }
        if (args->memoryLimit < kMinLoadMemoryMiB)
            throw UsageError(
                fmt::format("--memory-limit {}: a load needs at least {} MiB", args->memoryLimit, kMinLoadMemoryMiB));
        auto store = openStore(global, storage::OpenMode::ReadWrite);
        storage::LoadOptions options;
        options.memoryBudget = args->memoryLimit << 20;
        if (!args->graph.empty()) options.graph = args->graph;
        if (!args->base.empty()) options.baseIri = args->base;
        options.keepGoing = args->keepGoing;
        ProgressLine progress;
        if (progress.enabled() && !global.quiet) {
            options.progress = [&progress](const storage::LoadProgress& p) {
                progress.update(p.source, p.bytesRead, p.bytesTotal, p.statements);
            };
        }
        auto start = std::chrono::steady_clock::now();
        storage::WriteTxnOptions txnOptions;
        txnOptions.memoryBudget = options.memoryBudget;
        storage::WriteTxn txn(*store, txnOptions);
        storage::BulkLoader loader(txn, options);
        try {
            for (const auto& file : args->files) loader.addFile(file, format);
        } catch (...) {
            progress.clear();
            throw;
        }
        progress.clear();
        storage::LoadSummary summary = loader.commit();
        std::uint64_t replacedGraphs = args->replace ? stageReplacement(txn, loader, options.graph.has_value()) : 0;
        storage::CommitSummary written = txn.commit();
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        for (const auto& r : summary.rejected) std::cerr << "rejected: " << r << "\n";
        if (!global.quiet) {
            std::cerr << fmt::format(
                "loaded {} file(s): {} statements read, {} new quads{}, {} new terms in {:.2f} s "
                "({:.0f} statements/s){}\n",
                summary.files, summary.statements, written.quadsInserted,
                args->replace ? fmt::format(", {} quads removed from {} graph(s)", written.quadsDeleted, replacedGraphs)
                              : "",
                written.newTerms, seconds, seconds > 0 ? static_cast<double>(summary.statements) / seconds : 0.0,
                summary.rejected.empty() ? "" : fmt::format("; {} statement(s) rejected", summary.rejected.size()));
        }
        return summary.rejected.empty() ? kExitOk : kExitDataError;
    };
}

} // namespace corridor::cli
