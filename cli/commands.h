#pragma once
// The subcommands of the corridor CLI. Each registers its options on the app
// and returns the function that runs it (after parsing).

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

namespace corridor::cli {

struct GlobalOptions {
    std::string store = "corridor.db";
    bool quiet = false;
    double wait = 0; // seconds a writer waits for another writer to finish (0: fail at once)
};

using Runner = std::function<int()>;

Runner addLoadCommand(CLI::App& app, const GlobalOptions& global);
Runner addExportCommand(CLI::App& app, const GlobalOptions& global);
Runner addDropCommand(CLI::App& app, const GlobalOptions& global);
Runner addClearCommand(CLI::App& app, const GlobalOptions& global);
Runner addStatsCommand(CLI::App& app, const GlobalOptions& global);
Runner addQueryCommand(CLI::App& app, const GlobalOptions& global);
Runner addShellCommand(CLI::App& app, const GlobalOptions& global);
Runner addUpdateCommand(CLI::App& app, const GlobalOptions& global);
Runner addCheckCommand(CLI::App& app, const GlobalOptions& global);
Runner addBackupCommand(CLI::App& app, const GlobalOptions& global);

} // namespace corridor::cli
