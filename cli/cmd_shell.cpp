// corridor shell: an interactive prompt (libedit) over a read-only view of the store.
//
// A request runs when a line ends with ';' or after an empty line (and at the
// end of the input). PREFIX declarations persist for the session. Update
// requests open the store for writing just for their duration. Dot commands:
// .help .prefixes .format .timeout .explain .refresh .quit
//
// Reading from a pipe or file (not a terminal), it prints no prompts, sends
// errors to standard error and exits with the status of the first failed
// request (0 when all succeeded).

#include "cli/commands.h"
#include "cli/interrupt.h"
#include "cli/query_output.h"
#include "cli/store_open.h"
#include "query/engine.h"
#include "query/update/update.h"
#include "storage/error.h"

#include <cstdlib>
#include <editline/readline.h>
#include <fmt/format.h>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace corridor::cli {

query::QueryOptions queryOptions(const std::string& base, double timeout, bool strict,
                                 const std::atomic<bool>* interrupt); // cmd_query.cpp
std::string describeUpdate(const query::UpdateSummary& s);            // cmd_update.cpp

namespace {

const char* kHelp = R"(Type a query or an update and end it with ';' (or an empty line) to run it.
  PREFIX ex: <http://example.org/>      declared prefixes stay for the whole session
  .prefixes                             list the session's prefixes
  .format table|tsv|csv|json|xml|turtle|ntriples   (TRACE paths also: steps|graphml|dot|nquads|trig)
  .timeout SECONDS                      0 = no limit
  .explain QUERY                        the plan with estimated and actual rows
  .refresh                              see data loaded since the shell started
  .help                                 this text
  .quit                                 leave (or Ctrl-D)
TRACE ?p FROM ... TO ... VIA p | STEP ?a ?b { ... } [options] traces paths (docs/trace.md).
Built-in prefixes: rdf rdfs xsd owl prov skos schema dcterms wd wdt pmz scale element itype pkind mtype ex src trace
)";

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string historyPath() {
    const char* home = std::getenv("HOME");
    return home ? std::string(home) + "/.corridor_history" : std::string();
}

struct Session {
    const GlobalOptions& global;
    storage::Store& store;
    std::vector<std::pair<std::string, std::string>> prefixes;
    std::string format = "table";
    double timeout = 0;
};

void run(Session& s, const std::string& text, bool explain) {
    InterruptGuard guard;
    query::QueryOptions options = queryOptions("", s.timeout, false, guard.flag());
    options.prefixes = s.prefixes;
    query::QueryEngine engine(s.store, options);
    query::PreparedQuery prepared = engine.prepare(text);
    for (const auto& p : prepared.unit.declaredPrefixes) {
        auto it = std::find_if(s.prefixes.begin(), s.prefixes.end(), [&](const auto& x) { return x.first == p.first; });
        if (it != s.prefixes.end())
            it->second = p.second;
        else
            s.prefixes.push_back(p);
    }
    if (prepared.isUpdate() && prepared.unit.update->operations.empty()) {
        std::cout << fmt::format("{} prefix(es) known in this session\n", s.prefixes.size());
        return;
    }
    if (explain) {
        std::cout << engine.explain(prepared, true);
        return;
    }
    if (prepared.isUpdate()) {
        query::UpdateSummary summary;
        {
            auto writable = openStore(s.global, storage::OpenMode::ReadWrite);
            summary = query::executeUpdate(*writable, prepared, options);
        }
        s.store.refresh(); // see what the update wrote
        for (const auto& w : summary.warnings) std::cout << "warning: " << w << "\n";
        std::cout << describeUpdate(summary) << "\n";
        return;
    }
    // The session's format where it fits the query form; else the form's own default.
    std::string format = s.format;
    try {
        checkFormatFits(format, prepared.query->form);
    } catch (const UsageError&) {
        std::cout << fmt::format("(.format {} does not fit this query: shown in its default format)\n", format);
        format.clear();
    }
    auto sink = makeOutput(format, prepared.query->form, true, std::cout, s.store.read());
    engine.execute(prepared, *sink);
    std::cout.flush();
}

bool dotCommand(Session& s, const std::string& line) {
    std::istringstream in(line);
    std::string cmd;
    in >> cmd;
    if (cmd == ".quit" || cmd == ".exit") return false;
    if (cmd == ".help") {
        std::cout << kHelp;
    } else if (cmd == ".prefixes") {
        for (const auto& [n, i] : s.prefixes) std::cout << fmt::format("PREFIX {}: <{}>\n", n, i);
        if (s.prefixes.empty()) std::cout << "(no session prefixes; the built-in ones are always there)\n";
    } else if (cmd == ".format") {
        in >> s.format;
    } else if (cmd == ".timeout") {
        in >> s.timeout;
    } else if (cmd == ".refresh") {
        s.store.refresh();
        std::cout << "refreshed\n";
    } else if (cmd == ".explain") {
        std::string rest;
        std::getline(in, rest);
        try {
            run(s, rest, true);
        } catch (const Error& e) {
            std::cout << e.what() << "\n";
        }
    } else {
        std::cout << "unknown command " << cmd << " (.help lists them)\n";
    }
    return true;
}

} // namespace

Runner addShellCommand(CLI::App& app, const GlobalOptions& global) {
    app.add_subcommand("shell", "An interactive query prompt with history and session prefixes");
    return [&global]() -> int {
        auto store = openStore(global, storage::OpenMode::ReadOnly);
        Session session{global, *store, {}, "table", 0};
        const bool interactive = ::isatty(STDIN_FILENO) != 0;
        if (!interactive) session.format = "tsv";
        std::string history = historyPath();
        if (interactive) {
            if (!history.empty()) read_history(history.c_str());
            std::cout << fmt::format("corridor shell on {} ({} quads). .help for help, .quit to leave.\n",
                                     store->path(), store->read()->statistics().quads);
        }
        int status = kExitOk;
        auto runBuffer = [&](const std::string& text) {
            try {
                run(session, text, false);
            } catch (const Error& e) {
                if (interactive) {
                    std::cout << e.what() << "\n";
                } else {
                    std::cout.flush();
                    std::cerr << e.what() << "\n";
                    if (status == kExitOk) status = e.exitCode();
                }
            }
        };
        auto readLine = [&](const char* prompt, std::string& line) {
            if (!interactive) return static_cast<bool>(std::getline(std::cin, line));
            char* raw = readline(prompt);
            if (!raw) return false;
            line = raw;
            std::free(raw);
            return true;
        };
        std::string buffer, line;
        while (readLine(buffer.empty() ? "corridor> " : "     ...> ", line)) {
            std::string t = trim(line);
            if (buffer.empty() && t.rfind('.', 0) == 0) {
                if (interactive) add_history(t.c_str());
                if (!dotCommand(session, t)) break;
                continue;
            }
            bool ends = !t.empty() && t.back() == ';';
            if (ends) t.pop_back();
            if (!t.empty()) buffer += (buffer.empty() ? "" : "\n") + t;
            if (!(ends || (t.empty() && !buffer.empty()))) continue;
            if (interactive) add_history(buffer.c_str());
            runBuffer(buffer);
            buffer.clear();
        }
        if (!trim(buffer).empty()) runBuffer(buffer); // the last request needs no terminator
        if (interactive) {
            if (!history.empty()) write_history(history.c_str());
            std::cout << "\n";
        }
        return status;
    };
}

} // namespace corridor::cli
