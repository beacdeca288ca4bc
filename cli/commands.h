#pragma once
// The subcommands of the corridor CLI. Each registers its options on the app
// and returns the function that runs it (after parsing).

#include "cli/phase_timer.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <string>

namespace corridor::cli {

struct GlobalOptions {
    std::string store = "corridor.db";
    bool quiet = false;
    double wait = 0; // seconds a writer waits for another writer to finish (0: fail at once)
    // When the command began: `query --timeout` counts from here, so the store's opening and the
    // query's parsing are part of the time it allows.
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    // The process's CPU time then: what loading the program took (--timings).
    std::chrono::nanoseconds cpuAtStart = processCpuTime();
};

using Runner = std::function<int()>;

// --timeout and --wait: a finite number of seconds, above 0 (or at least 0 when zeroAllowed).
inline CLI::Validator seconds(bool zeroAllowed) {
    return CLI::Validator(
        [zeroAllowed](std::string& text) -> std::string {
            char* end = nullptr;
            double v = std::strtod(text.c_str(), &end);
            if (end == text.c_str() || *end != '\0' || !std::isfinite(v) || v < 0 || (v == 0 && !zeroAllowed))
                return zeroAllowed ? "give a number of seconds, 0 or more" : "give a number of seconds above 0";
            return {};
        },
        "SECONDS");
}

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
Runner addImportCommand(CLI::App& app, const GlobalOptions& global);
Runner addLinkCommand(CLI::App& app, const GlobalOptions& global);
Runner addServeCommand(CLI::App& app, const GlobalOptions& global);

} // namespace corridor::cli
