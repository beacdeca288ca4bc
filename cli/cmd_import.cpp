// corridor import NODES.csv EDGES.csv: a case kept as two sheets, in one atomic write.

#include "cases/case_import.h"
#include "cli/commands.h"
#include "cli/store_open.h"
#include "storage/error.h"
#include "storage/key_codec.h"
#include "storage/read_view.h"
#include "storage/write_txn.h"

#include <chrono>
#include <fmt/format.h>
#include <iostream>

namespace corridor::cli {

namespace {
struct ImportArgs {
    std::vector<std::string> files;
    std::string graph;
    std::string mapping;
    bool keepGoing = false;
    bool dryRun = false;
    bool replace = false;
};

// --replace: whatever the case's graph held goes, in the same step as the
// import's quads arrive (an insert wins over a delete of the same step).
void stageReplacement(storage::WriteTxn& txn, const std::string& graph) {
    auto view = txn.read();
    auto id = view->lookup(storage::Term::iri(graph));
    if (!id) return;
    storage::QuadPattern pattern{};
    pattern[storage::kGraph] = *id;
    storage::QuadScan scan = view->scan(pattern);
    storage::QuadIds q;
    while (scan.next(q)) txn.remove(q);
}
} // namespace

Runner addImportCommand(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<ImportArgs>();
    auto* cmd = app.add_subcommand(
        "import", "Import a case kept as two sheets, nodes and edges (CSV or TSV; docs/import.md), atomically");
    cmd->add_option("files", args->files,
                    "The nodes sheet and the edges sheet, in either order (told by their headers)")
        ->required()
        ->expected(2)
        ->type_name("FILE");
    cmd->add_option("--graph", args->graph, "Put the whole case into this named graph (the case's graph)")
        ->type_name("IRI");
    cmd->add_option("--mapping", args->mapping,
                    "A mapping file for sheets with other header names, type values or relations (docs/import.md)")
        ->type_name("FILE.csv");
    cmd->add_flag("--keep-going", args->keepGoing, "Skip bad rows, import the rest, and list every skipped row");
    cmd->add_flag("--dry-run", args->dryRun, "Validate and show what would be imported, without writing");
    cmd->add_flag("--replace", args->replace,
                  "Replace what the --graph graph holds with the sheets' content (re-import a revised case)");
    return [args, &global]() -> int {
        if (args->replace && args->graph.empty())
            throw UsageError("--replace needs --graph IRI: only a case kept in a graph of its own can be replaced");
        auto start = std::chrono::steady_clock::now();
        auto store = openStore(global, storage::OpenMode::ReadWrite);
        storage::WriteTxn txn(*store);
        cases::ImportOptions options;
        if (!args->graph.empty()) options.graph = args->graph;
        options.keepGoing = args->keepGoing;
        if (!args->mapping.empty()) options.mapping = cases::readMapping(args->mapping);
        cases::ImportReport report = cases::importCase(txn, args->files[0], args->files[1], options);
        if (args->replace) stageReplacement(txn, args->graph);
        storage::CommitSummary written = txn.commit(args->dryRun);
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        for (const auto& w : report.warnings) std::cerr << "warning: " << w << "\n";
        for (const auto& s : report.skipped) std::cerr << "skipped: " << s << "\n";
        if (!global.quiet) {
            std::string where = args->graph.empty() ? "the graphs of their sources" : "<" + args->graph + ">";
            std::cerr << fmt::format(
                "{} {} node row(s) and {} edge row(s): {} entities, {} fact nodes, {} source documents{}; {} {} new "
                "quads{} into {} in {:.2f} s{}\n",
                args->dryRun ? "dry run, nothing written:" : "imported", report.nodeRows, report.edgeRows,
                report.entities, report.factNodes, report.sourceDocuments,
                report.countriesCreated.empty()
                    ? ""
                    : fmt::format(", new country node(s) {}", fmt::join(report.countriesCreated, ", ")),
                args->dryRun ? "would insert" : "inserted", written.quadsInserted,
                args->replace ? fmt::format(" ({} quads removed)", written.quadsDeleted) : "", where, seconds,
                report.skipped.empty() ? "" : fmt::format("; {} row(s) skipped", report.skippedRows));
        }
        return report.skipped.empty() ? kExitOk : kExitDataError;
    };
}

} // namespace corridor::cli
