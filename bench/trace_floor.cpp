// The floor of T3 on Corridor's store: the time-respecting diffusion trace of
// bench/queries/trace/T3 (every chain of 1 to 4 policies modelled on policy/0 through
// originatesFrom, followed backwards, whose years never decrease) computed with the
// storage API alone. One scan per expanded node for its children (POSG) and one per
// child for its year (SPOG), each remembered for the rest of the run as the engine's
// probe memo does; no query text, no planning, no operators, no labels, paths kept as
// ids. What this takes is the least a query engine over this storage could take for T3.
//
//   corridor_trace_floor STORE [--runs N] [--base IRI]
// Prints the median and fastest run in ms and the number of paths, as JSON.

#include "storage/read_view.h"
#include "storage/store.h"
#include "storage/term_id.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fmt/format.h>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

using namespace corridor;
using storage::TermId;

namespace {

struct Floor {
    const storage::ReadView& view;
    TermId originatesFrom, year;
    std::unordered_map<TermId, std::vector<TermId>> children;
    std::unordered_map<TermId, std::optional<std::int64_t>> years;
    std::vector<TermId> path;
    std::size_t paths = 0;
    // One scan per index, re-aimed for every probe (as the engine's scans are).
    std::optional<storage::QuadScan> yearScan, childScan;

    storage::QuadScan& aim(std::optional<storage::QuadScan>& scan, const storage::QuadPattern& pattern) {
        if (scan)
            scan->reset(pattern);
        else
            scan.emplace(view.scan(pattern));
        return *scan;
    }

    std::optional<std::int64_t> yearOf(TermId node) {
        auto it = years.find(node);
        if (it != years.end()) return it->second;
        std::optional<std::int64_t> y;
        storage::QuadScan& scan = aim(yearScan, {node, year, std::nullopt, std::nullopt});
        storage::QuadIds q;
        while (scan.next(q))
            if (storage::tagOf(q.o()) == storage::IdTag::InlineInteger) y = storage::inlineIntegerValue(q.o());
        return years.emplace(node, y).first->second;
    }
    const std::vector<TermId>& childrenOf(TermId node) {
        auto it = children.find(node);
        if (it != children.end()) return it->second;
        std::vector<TermId> out;
        storage::QuadScan& scan = aim(childScan, {std::nullopt, originatesFrom, node, std::nullopt});
        storage::QuadIds q;
        while (scan.next(q))
            if (out.empty() || out.back() != q.s()) out.push_back(q.s());
        return children.emplace(node, std::move(out)).first->second;
    }
    void walk(TermId node, std::int64_t y, int depth) {
        if (depth == 4) return;
        for (TermId child : childrenOf(node)) {
            if (std::find(path.begin(), path.end(), child) != path.end()) continue;
            auto cy = yearOf(child);
            if (!cy || *cy < y) continue;
            path.push_back(child);
            ++paths; // every chain is a result, its end the ?q
            walk(child, *cy, depth + 1);
            path.pop_back();
        }
    }
};

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: corridor_trace_floor STORE [--runs N] [--base IRI]\n");
        return 2;
    }
    int runs = 3000;
    std::string base = "http://example.org/pm/";
    for (int i = 2; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--runs") runs = std::stoi(argv[i + 1]);
        if (a == "--base") base = argv[i + 1];
    }
    storage::StoreOptions options;
    options.mode = storage::OpenMode::ReadOnly;
    auto store = storage::Store::open(argv[1], options);
    auto view = store->read();
    auto id = [&](const std::string& local) {
        auto found = view->lookup(storage::Term::iri(base + local));
        if (!found) {
            std::fprintf(stderr, "the store has no <%s%s>\n", base.c_str(), local.c_str());
            std::exit(1);
        }
        return *found;
    };
    TermId start = id("policy/0"), originatesFrom = id("originatesFrom"), year = id("year");
    std::vector<double> ms;
    std::size_t paths = 0;
    for (int r = 0; r <= runs; ++r) {
        auto t0 = std::chrono::steady_clock::now();
        Floor floor{.view = *view, .originatesFrom = originatesFrom, .year = year};
        floor.path.push_back(start);
        if (auto y = floor.yearOf(start)) floor.walk(start, *y, 0);
        auto t1 = std::chrono::steady_clock::now();
        paths = floor.paths;
        if (r > 0) ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    fmt::print("{{\"query\": \"T3-floor\", \"median_ms\": {:.4f}, \"min_ms\": {:.4f}, \"paths\": {}}}\n",
               ms[ms.size() / 2], ms.front(), paths);
    return 0;
}
