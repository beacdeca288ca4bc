// corridor shell: an interactive prompt (libedit) over a read-only view of the store.
//
// A query runs when a line ends with ';' or after an empty line. PREFIX
// declarations persist for the session. Dot commands: .help .prefixes .format
// .timeout .explain .refresh .quit

#include "cli/commands.h"
#include "cli/interrupt.h"
#include "cli/query_output.h"
#include "cli/store_open.h"
#include "query/engine.h"
#include "storage/error.h"

#include <cstdlib>
#include <editline/readline.h>
#include <fmt/format.h>
#include <iostream>
#include <sstream>

namespace corridor::cli {

query::QueryOptions queryOptions(const std::string& base, double timeout, bool strict,
                                 const std::atomic<bool>* interrupt); // cmd_query.cpp

namespace {

const char* kHelp = R"(Type a query and end it with ';' (or an empty line) to run it.
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
        if (it != s.prefixes.end()) it->second = p.second;
        else s.prefixes.push_back(p);
    }
    if (prepared.isUpdate() && prepared.unit.update->operations.empty()) {
        std::cout << fmt::format("{} prefix(es) known in this session\n", s.prefixes.size());
        return;
    }
    if (explain) {
        std::cout << engine.explain(prepared, true);
        return;
    }
    auto sink = makeOutput(s.format, true, std::cout, *s.store.read());
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
        Session session{*store, {}, "table", 0};
        std::string history = historyPath();
        if (!history.empty()) read_history(history.c_str());
        std::cout << fmt::format("corridor shell on {} ({} quads). .help for help, .quit to leave.\n",
                                 store->path(), store->read()->statistics().quads);
        std::string buffer;
        for (;;) {
            char* raw = readline(buffer.empty() ? "corridor> " : "     ...> ");
            if (!raw) break;
            std::string line = raw;
            std::free(raw);
            std::string t = trim(line);
            if (buffer.empty() && t.rfind('.', 0) == 0) {
                add_history(t.c_str());
                if (!dotCommand(session, t)) break;
                continue;
            }
            bool ends = !t.empty() && t.back() == ';';
            if (ends) t.pop_back();
            if (!t.empty()) buffer += (buffer.empty() ? "" : "\n") + t;
            if (!(ends || (t.empty() && !buffer.empty()))) continue;
            add_history(buffer.c_str());
            try {
                run(session, buffer, false);
            } catch (const Error& e) {
                std::cout << e.what() << "\n";
            }
            buffer.clear();
        }
        if (!history.empty()) write_history(history.c_str());
        std::cout << "\n";
        return kExitOk;
    };
}

} // namespace corridor::cli
