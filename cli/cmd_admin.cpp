// corridor drop / clear / stats / check.

#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/store_open.h"
#include "query/results/term_display.h"
#include "storage/check.h"
#include "storage/error.h"

#include <fmt/format.h>
#include <iostream>

namespace corridor::cli {

Runner addDropCommand(CLI::App& app, const GlobalOptions& global) {
    auto graph = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("drop", "Remove every quad of one graph (atomically)");
    cmd->add_option("--graph", *graph, "The graph's IRI ('default': the default graph)")->required()->type_name("IRI");
    return [graph, &global]() -> int {
        auto store = openStore(global, storage::OpenMode::ReadWrite);
        auto id = resolveGraphArgument(*store->read(), *graph);
        if (!id) throw DataError(fmt::format("the store has no graph <{}>", *graph));
        std::uint64_t removed = store->dropGraph(*id);
        if (!global.quiet) std::cerr << fmt::format("dropped {} quads of <{}>\n", removed, *graph);
        return kExitOk;
    };
}

Runner addClearCommand(CLI::App& app, const GlobalOptions& global) {
    auto yes = std::make_shared<bool>(false);
    auto* cmd = app.add_subcommand("clear", "Remove every quad, term and statistic (atomically)");
    cmd->add_flag("-y,--yes", *yes, "Confirm: without it, clear refuses to run");
    return [yes, &global]() -> int {
        if (!*yes) throw UsageError("clear deletes everything in the store; add --yes to confirm");
        auto store = openStore(global, storage::OpenMode::ReadWrite);
        store->clear();
        if (!global.quiet) std::cerr << fmt::format("cleared {}\n", store->path());
        return kExitOk;
    };
}

Runner addStatsCommand(CLI::App& app, const GlobalOptions& global) {
    app.add_subcommand("stats", "Show quads per graph and per predicate, and size on disk");
    return [&global]() -> int {
        auto store = openStore(global, storage::OpenMode::ReadOnly);
        auto view = store->read();
        storage::Statistics stats = view->statistics();
        query::results::TermDisplay display(view->prefixes());
        storage::DiskUsage disk = store->diskUsage();
        std::cout << fmt::format("store       {}\n", store->path());
        std::cout << fmt::format("quads       {}\n", stats.quads);
        std::cout << fmt::format("terms       {} ids allocated\n", stats.termsAllocated);
        std::cout << fmt::format("disk        {} ({} in SST files{})\n", humanBytes(disk.totalBytes),
                                 humanBytes(disk.sstBytes),
                                 stats.quads ? fmt::format(", {:.1f} bytes/quad", static_cast<double>(disk.sstBytes) /
                                                                                      static_cast<double>(stats.quads))
                                             : "");
        std::cout << fmt::format("\ngraphs ({})\n", stats.graphQuads.size());
        for (const auto& [g, n] : stats.graphQuads) {
            std::string name = g == storage::kDefaultGraph ? "(default graph)" : display.show(view->resolve(g));
            std::cout << fmt::format("  {:>10}  {}\n", n, name);
        }
        std::cout << fmt::format("\npredicates ({})\n", stats.predicates.size());
        std::cout << fmt::format("  {:>10}  {:>10}  {:>10}  {}\n", "quads", "subjects", "objects", "predicate");
        for (const auto& [p, ps] : stats.predicates) {
            std::cout << fmt::format("  {:>10}  {:>10}  {:>10}  {}\n", ps.quads, ps.distinctSubjects,
                                     ps.distinctObjects, display.show(view->resolve(p)));
        }
        return kExitOk;
    };
}

Runner addCheckCommand(CLI::App& app, const GlobalOptions& global) {
    app.add_subcommand("check", "Verify the store: the six indexes agree, every id resolves, statistics match");
    return [&global]() -> int {
        auto store = openStore(global, storage::OpenMode::ReadOnly);
        storage::CheckReport report = storage::checkStore(*store);
        for (const auto& p : report.problems) std::cout << "problem: " << p << "\n";
        if (!report.ok())
            throw StorageError(fmt::format(
                "{} is inconsistent ({} problem(s) above); restore a backup, or re-load the data into a new store",
                store->path(), report.problems.size()));
        if (!global.quiet)
            std::cout << fmt::format("{}: consistent ({} quads in each of the six indexes, {} terms)\n", store->path(),
                                     report.quads, report.terms);
        return kExitOk;
    };
}

Runner addBackupCommand(CLI::App& app, const GlobalOptions& global) {
    auto dir = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("backup", "Copy the store, consistently, into a new folder (readers keep running)");
    cmd->add_option("dir", *dir, "The new folder for the copy; it opens as a store of its own")
        ->required()
        ->type_name("DIR");
    return [dir, &global]() -> int {
        auto store = openStore(global, storage::OpenMode::ReadWrite);
        store->backup(*dir);
        // The copy must open and hold the same counts as the original.
        storage::StoreOptions readOnly{storage::OpenMode::ReadOnly};
        auto copy = storage::Store::open(*dir, readOnly);
        std::uint64_t quads = copy->read()->statistics().quads;
        if (!global.quiet) std::cerr << fmt::format("backed up {} quads of {} into {}\n", quads, store->path(), *dir);
        return kExitOk;
    };
}

} // namespace corridor::cli
