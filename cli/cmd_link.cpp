// corridor link: candidate links between cases (scored, explained), accepting
// them as owl:sameAs / skos:closeMatch with provenance, and undoing a run.

#include "cases/link_candidates.h"
#include "cases/link_store.h"
#include "cases/sheet_reader.h"
#include "cli/commands.h"
#include "cli/store_open.h"
#include "query/results/writers.h"
#include "storage/error.h"
#include "storage/write_txn.h"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <map>
#include <set>

namespace corridor::cli {

namespace {
struct LinkArgs {
    double minScore = 0.5;
    std::string format = "table";
    std::string accept;
    std::string as;
    std::string by;
    std::string linksGraph = std::string(cases::kDefaultLinksGraph);
    std::string undo;
    bool dryRun = false;
};

std::string shortIri(const std::string& iri) {
    constexpr std::string_view ex = "https://w3id.org/corridor/id/";
    return iri.starts_with(ex) ? "ex:" + iri.substr(ex.size()) : "<" + iri + ">";
}

std::string joinReasons(const std::vector<std::string>& reasons) {
    std::string out;
    for (const auto& r : reasons) out += (out.empty() ? "" : "; ") + r;
    return out;
}

void printCandidates(const std::vector<cases::LinkCandidate>& candidates, const std::string& format) {
    if (format == "csv") {
        std::cout << "id,score,suggest,a,a_label,b,b_label,reasons,accept\n";
        for (const auto& c : candidates)
            std::cout << c.id << "," << fmt::format("{:.2f}", c.score) << "," << (c.sameAs ? "sameAs" : "closeMatch")
                      << "," << query::results::csvField(c.a) << "," << query::results::csvField(c.aLabel) << ","
                      << query::results::csvField(c.b) << "," << query::results::csvField(c.bLabel) << ","
                      << query::results::csvField(joinReasons(c.reasons)) << ",\n";
        return;
    }
    for (const auto& c : candidates)
        std::cout << fmt::format("{}  {:.2f}  {:<10}  {} {}\n          ~ {} {}\n          {}\n", c.id, c.score,
                                 c.sameAs ? "sameAs" : "closeMatch", c.aLabel, shortIri(c.a), c.bLabel, shortIri(c.b),
                                 joinReasons(c.reasons));
    std::cout << fmt::format("{} candidate link(s)\n", candidates.size());
}

std::string utcNow() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

bool kindFromWord(const std::string& word, bool suggested, bool& sameAs) {
    std::string w;
    for (char c : word) w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (w == "sameas" || w == "same-as" || w == "same_as") return sameAs = true, true;
    if (w == "closematch" || w == "close-match" || w == "close_match" || w == "close") return sameAs = false, true;
    if (w == "yes" || w == "y" || w == "x" || w == "1" || w == "true") return sameAs = suggested, true;
    return false;
}

// The reviewed CSV: rows whose `accept` cell says yes, sameAs or closeMatch.
std::vector<cases::AcceptedLink> acceptedFromFile(const std::string& path) {
    cases::SheetReader reader(path);
    std::map<std::string, std::size_t> col;
    for (std::size_t i = 0; i < reader.header().size(); ++i) col[reader.header()[i]] = i;
    for (const char* need : {"a", "b", "accept"})
        if (!col.count(need))
            throw DataError(fmt::format("{}:1:1: missing column '{}'; write the candidates with `corridor link "
                                        "--format csv`, fill the accept column, and give that file",
                                        path, need));
    std::vector<cases::AcceptedLink> out;
    cases::SheetRow row;
    auto cell = [&](const char* name) -> std::string {
        auto it = col.find(name);
        return it == col.end() || it->second >= row.fields.size() ? std::string() : row.fields[it->second];
    };
    while (reader.next(row)) {
        std::string accept = cell("accept");
        if (accept.empty() || accept == "no" || accept == "n") continue;
        cases::AcceptedLink link;
        link.a = cell("a");
        link.b = cell("b");
        if (!kindFromWord(accept, cell("suggest") != "closeMatch", link.sameAs))
            throw DataError(fmt::format("{}:{}:{}: accept '{}' is not one of yes, no, sameAs, closeMatch", path,
                                        row.line, col["accept"] + 1, accept));
        if (link.a.find("://") == std::string::npos || link.b.find("://") == std::string::npos)
            throw DataError(fmt::format("{}:{}:1: the a and b cells must be the full IRIs the candidates list gave",
                                        path, row.line));
        link.score = std::strtod(cell("score").c_str(), nullptr);
        link.reason = cell("reasons");
        out.push_back(std::move(link));
    }
    return out;
}
} // namespace

Runner addLinkCommand(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<LinkArgs>();
    auto* cmd = app.add_subcommand("link", "Find entities of different cases that are probably the same, and link "
                                           "them (owl:sameAs or skos:closeMatch, with provenance)");
    cmd->add_option("--min-score", args->minScore,
                    "List (and accept with --accept all) candidates scoring at least "
                    "this (0..1, default 0.5)")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--format", args->format, "table (default) or csv (with an accept column to fill in)")
        ->check(CLI::IsMember({"table", "csv"}));
    cmd->add_option("--accept", args->accept,
                    "Write links: 'all' (every candidate at or above --min-score, as suggested), candidate ids "
                    "separated by commas, or a reviewed CSV file")
        ->type_name("all|ID,...|FILE.csv");
    cmd->add_option("--as", args->as, "With --accept all or ids: write every link as same-as or close-match")
        ->check(CLI::IsMember({"same-as", "close-match"}));
    cmd->add_option("--by", args->by, "Who accepts (recorded with each link; default: $USER)");
    cmd->add_option("--links-graph", args->linksGraph, "The graph that holds accepted links")->type_name("IRI");
    cmd->add_option("--undo", args->undo, "Remove the links of a run: last, all, or the run's id")
        ->type_name("last|all|RUN");
    cmd->add_flag("--dry-run", args->dryRun, "With --accept or --undo: say what would change, write nothing");
    return [args, &global]() -> int {
        if (!args->undo.empty() && !args->accept.empty()) throw UsageError("give --accept or --undo, not both");
        if (!args->as.empty() && args->accept.empty()) throw UsageError("--as goes with --accept");
        if (!args->undo.empty()) {
            auto store = openStore(global, storage::OpenMode::ReadWrite);
            storage::WriteTxn txn(*store);
            cases::UndoSummary undone = cases::stageUndo(txn, args->undo, args->linksGraph);
            storage::CommitSummary written = txn.commit(args->dryRun);
            if (!global.quiet)
                std::cerr << fmt::format("{} {} link(s) of {} run(s) ({}), {} quads with their provenance\n",
                                         args->dryRun ? "dry run: would remove" : "removed", undone.links,
                                         undone.runs.size(), fmt::join(undone.runs, ", "), written.quadsDeleted);
            return kExitOk;
        }
        if (args->accept.empty()) {
            auto store = openStore(global, storage::OpenMode::ReadOnly);
            cases::LinkOptions options;
            options.minScore = args->minScore;
            printCandidates(cases::findLinkCandidates(*store->read(), options), args->format);
            return kExitOk;
        }
        auto store = openStore(global, storage::OpenMode::ReadWrite);
        storage::WriteTxn txn(*store);
        std::vector<cases::AcceptedLink> links;
        // A reviewed file: an existing path, or a name that reads as one (its absence is then an error).
        bool fromFile =
            args->accept != "all" && (std::filesystem::exists(args->accept) || args->accept.ends_with(".csv") ||
                                      args->accept.ends_with(".tsv") || args->accept.find('/') != std::string::npos);
        if (fromFile) {
            links = acceptedFromFile(args->accept);
        } else {
            cases::LinkOptions options;
            options.minScore = args->accept == "all" ? args->minScore : 0.0;
            auto candidates = cases::findLinkCandidates(*txn.read(), options);
            std::set<std::string> wanted;
            if (args->accept != "all") {
                std::string id;
                for (char c : args->accept + ",") {
                    if (c == ',') {
                        if (!id.empty()) wanted.insert(id);
                        id.clear();
                    } else if (c != ' ') {
                        id.push_back(c);
                    }
                }
            }
            for (const auto& c : candidates) {
                if (args->accept != "all" && !wanted.erase(c.id)) continue;
                bool sameAs = args->as.empty() ? c.sameAs : args->as == "same-as";
                links.push_back({c.a, c.b, sameAs, c.score, joinReasons(c.reasons)});
            }
            if (!wanted.empty())
                throw DataError(
                    fmt::format("no candidate with id {} (run `corridor link` to list them)", fmt::join(wanted, ", ")));
        }
        cases::LinkRun run;
        run.linksGraph = args->linksGraph;
        const char* user = std::getenv("USER");
        run.who = !args->by.empty() ? args->by : user && *user ? user : "unknown";
        run.when = utcNow();
        std::string runIri = links.empty() ? "" : cases::stageLinks(txn, links, run);
        storage::CommitSummary written = txn.commit(args->dryRun);
        if (!global.quiet) {
            std::size_t same = 0;
            for (const auto& l : links) same += l.sameAs;
            std::cerr << fmt::format(
                "{} {} owl:sameAs and {} skos:closeMatch link(s) into <{}>{}\n",
                args->dryRun ? "dry run: would write" : "wrote", same, links.size() - same, args->linksGraph,
                runIri.empty() ? ""
                               : fmt::format(" (run {}; undo with `corridor link --undo "
                                             "last`), {} new quads",
                                             runIri.substr(runIri.rfind('/') + 1), written.quadsInserted));
        }
        return kExitOk;
    };
}

} // namespace corridor::cli
