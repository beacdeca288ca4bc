// corridor: the command-line interface. Errors are caught here, once, printed
// as one line, and turned into the documented exit codes (storage/error.h).

#include "cli/commands.h"
#include "storage/error.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>

namespace {
int run(int argc, char** argv) {
    using namespace corridor;
    std::ios::sync_with_stdio(false); // results go through std::cout only
    CLI::App app{"corridor: a knowledge-graph store for policy mobility research"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "corridor 0.1.0");
    cli::GlobalOptions global;
    if (const char* env = std::getenv("CORRIDOR_STORE"); env && *env) global.store = env;
    app.add_option("--store", global.store, "Store folder (default: ./corridor.db, or $CORRIDOR_STORE)")
        ->type_name("PATH");
    app.add_flag("-q,--quiet", global.quiet, "Print nothing but results and errors");
    app.add_option("--wait", global.wait,
                   "Commands that write: wait up to SECONDS for another process's write to finish (default: "
                   "fail at once with exit code 4)")
        ->type_name("SECONDS")
        ->check(cli::seconds(true));

    std::map<CLI::App*, cli::Runner> runners;
    auto add = [&](cli::Runner (*fn)(CLI::App&, const cli::GlobalOptions&)) {
        std::size_t before = app.get_subcommands({}).size();
        cli::Runner r = fn(app, global);
        runners[app.get_subcommands({})[before]] = std::move(r);
    };
    add(cli::addLoadCommand);
    add(cli::addQueryCommand);
    add(cli::addUpdateCommand);
    add(cli::addImportCommand);
    add(cli::addLinkCommand);
    add(cli::addServeCommand);
    add(cli::addShellCommand);
    add(cli::addExportCommand);
    add(cli::addDropCommand);
    add(cli::addClearCommand);
    add(cli::addStatsCommand);
    add(cli::addCheckCommand);
    add(cli::addBackupCommand);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "usage error: " << e.what() << "\n(run `corridor --help` or `corridor "
                  << "COMMAND --help`)\n";
        return kExitUsageError;
    }
    try {
        for (auto* sub : app.get_subcommands()) return runners.at(sub)();
        return kExitUsageError;
    } catch (const Error& e) {
        std::cout.flush();
        std::cerr << e.what() << "\n";
        return e.exitCode();
    } catch (const std::bad_alloc&) {
        std::cerr << "error: out of memory\n";
        return kExitStorageError;
    } catch (const std::exception& e) {
        std::cerr << "internal error: " << e.what() << "\n";
        return kExitStorageError;
    }
}
} // namespace

// Everything a command owns (the store, output files, the shell's history) is closed by the time
// run() returns. What is left are static objects: ANTLR's parser tables, RocksDB's option maps
// and thread pools, OpenSSL's tables. Destroying them and unmapping their memory took 2-3 ms of a
// 25 ms lookup, for nothing: the process ends. So the streams are flushed and the process exits
// without running static destructors, except under AddressSanitizer, whose leak check runs there.
int main(int argc, char** argv) {
    int rc = run(argc, argv);
#if defined(__SANITIZE_ADDRESS__)
    return rc;
#else
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    std::_Exit(rc);
#endif
}
