// corridor update: run a SPARQL 1.1 Update request; all of it lands, or none.

#include "cli/commands.h"
#include "cli/interrupt.h"
#include "cli/store_open.h"
#include "query/engine.h"
#include "query/update/update.h"
#include "storage/error.h"
#include "storage/rdf_io/iri.h"

#include <fmt/format.h>
#include <iostream>

namespace corridor::cli {

std::string readQueryFile(const std::string& path); // cmd_query.cpp
query::QueryOptions queryOptions(const std::string& base, double timeout, bool strict,
                                 const std::atomic<bool>* interrupt);

namespace {
struct UpdateArgs {
    std::string text;
    std::string file;
    std::string base;
    double timeout = 0;
    std::size_t memoryLimit = 0; // MiB; 0: the default
    bool strict = false;
    bool dryRun = false;
};
} // namespace

std::string describeUpdate(const query::UpdateSummary& s) {
    return fmt::format("inserted {}, deleted {} quads{}", s.inserted, s.deleted,
                       s.written || s.inserted + s.deleted == 0 ? "" : " (dry run: nothing written)");
}

Runner addUpdateCommand(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<UpdateArgs>();
    auto* cmd = app.add_subcommand(
        "update", "Run a SPARQL 1.1 Update request (INSERT, DELETE, LOAD, CLEAR, DROP, ...), atomically");
    cmd->add_option("request", args->text, "The update request text")->type_name("TEXT");
    cmd->add_option("-f,--file", args->file, "Read the request from FILE (- for standard input)")->type_name("FILE");
    cmd->add_option("--base", args->base, "Base IRI for relative IRIs in the request")->type_name("IRI");
    cmd->add_option("--timeout", args->timeout, "Give up (changing nothing) after SECONDS")
        ->type_name("SECONDS")
        ->check(seconds(false));
    cmd->add_option("--memory-limit", args->memoryLimit,
                    fmt::format("Stop with an error when the query's operators hold more than MIB (default {} MiB)",
                                query::QueryOptions::defaultMemoryLimit() >> 20))
        ->type_name("MIB")
        ->check(CLI::PositiveNumber);
    cmd->add_flag("--strict", args->strict,
                  "Strict SPARQL dataset: WHERE parts read the store's default graph, not the union of all graphs");
    cmd->add_flag("--dry-run", args->dryRun, "Report what would change without writing");
    return [args, &global]() -> int {
        if (args->text.empty() == args->file.empty())
            throw UsageError("give the request as an argument or with -f FILE (one of the two)");
        if (!args->base.empty())
            if (auto problem = storage::rdf_io::absoluteIriProblem(args->base))
                throw UsageError(fmt::format("--base {}: not an absolute IRI: {}", args->base, *problem));
        std::string text = args->file.empty() ? args->text : readQueryFile(args->file);
        auto store = openStore(global, storage::OpenMode::ReadWrite);
        InterruptGuard guard;
        query::QueryOptions options = queryOptions(args->base, args->timeout, args->strict, guard.flag());
        if (args->memoryLimit) options.memoryLimit = args->memoryLimit << 20;
        query::QueryEngine engine(*store, options);
        query::PreparedQuery prepared = engine.prepare(text);
        if (!prepared.isUpdate())
            throw UsageError("this is a query, not an update request: run it with `corridor query`");
        query::UpdateOptions updateOptions;
        updateOptions.dryRun = args->dryRun;
        query::UpdateSummary summary = query::executeUpdate(*store, prepared, options, updateOptions);
        for (const auto& w : summary.warnings) std::cerr << "warning: " << w << "\n";
        if (!global.quiet || args->dryRun) std::cerr << describeUpdate(summary) << "\n";
        return kExitOk;
    };
}

} // namespace corridor::cli
