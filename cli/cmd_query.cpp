// corridor query: run a query against a read-only snapshot of the store.

#include "cli/commands.h"
#include "cli/interrupt.h"
#include "cli/output_file.h"
#include "cli/query_output.h"
#include "cli/store_open.h"
#include "query/engine.h"
#include "query/error.h"
#include "storage/error.h"

#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace corridor::cli {

namespace {

struct QueryArgs {
    std::string text;
    std::string file;
    std::string format;
    std::string base;
    std::string output;
    double timeout = 0;
    std::size_t memoryLimit = 0; // MiB; 0: the default
    bool explain = false;
    bool strict = false;
    bool timings = false;
};

int reportStop(const Error& e) {
    std::cout.flush();
    std::cerr << e.what() << "\n";
    std::cerr.flush();
    return e.exitCode();
}

} // namespace

std::string readQueryFile(const std::string& path) {
    if (path == "-") {
        std::stringstream ss;
        ss << std::cin.rdbuf();
        return ss.str();
    }
    std::ifstream in(path);
    if (!in) throw DataError(fmt::format("{}: cannot open the query file", path));
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

query::QueryOptions queryOptions(const std::string& base, double timeout, bool strict,
                                 const std::atomic<bool>* interrupt) {
    query::QueryOptions options;
    options.baseIri = base;
    options.unionDefaultGraph = !strict;
    if (timeout > 0) options.timeout = std::chrono::milliseconds(static_cast<long long>(timeout * 1000));
    options.interrupt = interrupt;
    return options;
}

Runner addQueryCommand(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<QueryArgs>();
    auto* cmd = app.add_subcommand("query", "Run a SPARQL query (the default graph is the union of all graphs)");
    cmd->add_option("query", args->text, "The query text")->type_name("TEXT");
    cmd->add_option("-f,--file", args->file, "Read the query from FILE (- for standard input)")->type_name("FILE");
    cmd->add_option("--format", args->format,
                    "table, tsv, csv, json or xml for solutions; ntriples or turtle for graphs; "
                    "steps (CSV, a row per step), nquads, trig, graphml or dot for the paths of a TRACE "
                    "(default: from -o's extension, else table/turtle on a terminal, tsv/ntriples otherwise); "
                    "for graphs and TRACE paths also gexf, cytoscape, graph-csv (with -o DIR), svg, png or pdf");
    cmd->add_option("-o,--output", args->output,
                    "Write to FILE (a folder for graph-csv) instead of standard output; a file appears only "
                    "once the query has succeeded")
        ->type_name("FILE");
    cmd->add_option("--base", args->base, "Base IRI for relative IRIs in the query")->type_name("IRI");
    cmd->add_option("--timeout", args->timeout,
                    "Stop the query SECONDS after the command starts (opening the store included)")
        ->type_name("SECONDS")
        ->check(seconds(false));
    cmd->add_flag("--explain", args->explain, "Run the query and print the plan with estimated and actual rows");
    cmd->add_option("--memory-limit", args->memoryLimit,
                    fmt::format("Stop with an error when the query's operators hold more than MIB (default {} MiB)",
                                query::QueryOptions::defaultMemoryLimit() >> 20))
        ->type_name("MIB")
        ->check(CLI::PositiveNumber);
    cmd->add_flag("--strict", args->strict,
                  "Strict SPARQL dataset: the default graph is the store's default graph only");
    cmd->add_flag("--timings", args->timings,
                  "Print to stderr where the time went: start-up, opening the store, parsing, running and "
                  "writing, closing");
    return [args, &global]() -> int {
        if (args->text.empty() == args->file.empty())
            throw UsageError("give the query as an argument or with -f FILE (one of the two)");
        PhaseTimer timer(global.started, global.cpuAtStart);
        std::string text = args->file.empty() ? args->text : readQueryFile(args->file);
        timer.mark("arguments and query text");
        auto store = openStore(global, storage::OpenMode::ReadOnly);
        store->closeAtProcessExit();
        timer.mark("opening the store");
        // A query stopped by its timeout, Ctrl-C or its memory limit is reported as soon as it has
        // unwound, before the store closes (closing RocksDB after a large query takes a while).
        auto run = [&]() -> int {
            InterruptGuard guard;
            query::QueryOptions options = queryOptions(args->base, args->timeout, args->strict, guard.flag());
            options.timeoutFrom = global.started;
            if (args->memoryLimit) options.memoryLimit = args->memoryLimit << 20;
            query::QueryEngine engine(*store, options);
            query::PreparedQuery prepared = engine.prepare(text);
            timer.mark("parsing");
            if (args->explain) {
                std::cout << engine.explain(prepared, true);
                return kExitOk;
            }
            if (prepared.isUpdate() && prepared.unit.update->operations.empty())
                throw UsageError("the query is empty (it holds no more than PREFIX or BASE declarations)");
            if (prepared.isUpdate())
                throw UsageError(
                    "this is an update request: run it with `corridor update` (a query never changes the store)");
            std::string format = args->format;
            if (format.empty() && !args->output.empty()) {
                format = formatFromOutputName(args->output);
                if (format.empty())
                    throw UsageError(fmt::format("cannot tell a format from the name {}: give --format (for example "
                                                 "--format graph-csv for a folder of nodes.csv and edges.csv)",
                                                 args->output));
            }
            if (format == "graph-csv") {
                if (args->output.empty())
                    throw UsageError("--format graph-csv writes two files, nodes.csv and edges.csv: name their folder "
                                     "with -o DIR");
                auto sink = makeOutput(format, prepared.query->form, false, std::cout, store->read(), args->output);
                engine.execute(prepared, *sink);
                if (!global.quiet) std::cerr << fmt::format("wrote {0}/nodes.csv and {0}/edges.csv\n", args->output);
                return kExitOk;
            }
            if (!args->output.empty()) {
                // Checked before the query runs, so that a format that does not fit leaves no file behind.
                checkFormatFits(format, prepared.query->form);
                writeOutput(args->output, [&](std::ostream& out) {
                    auto sink = makeOutput(format, prepared.query->form, false, out, store->read());
                    engine.execute(prepared, *sink);
                });
                return kExitOk;
            }
            bool terminal = ::isatty(STDOUT_FILENO) != 0;
            auto sink = makeOutput(format, prepared.query->form, terminal, std::cout, store->read());
            engine.execute(prepared, *sink);
            std::cout.flush();
            return kExitOk;
        };
        try {
            int code = run();
            if (args->timings) {
                timer.mark("planning, running, writing");
                store.reset();
                timer.mark("closing the store");
                timer.print(std::cerr);
            }
            return code;
        } catch (const query::CancelledError& e) {
            return reportStop(e);
        } catch (const query::ResourceError& e) {
            return reportStop(e);
        }
    };
}

} // namespace corridor::cli
