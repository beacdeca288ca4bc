// TRACE searches against brute force on random graphs, and the time order of
// mixed-granularity dates. The searches run over an in-memory step expander,
// so these tests check the algorithms, not the store.

#include "../test_util.h"
#include "query/executor/trace/trace_search.h"

#include <doctest/doctest.h>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>

using namespace corridor;
using namespace corridor::query::executor;
using namespace corridor::query::executor::trace;

namespace {

// A directed multigraph over node ids 1..n, as a step expander.
class GraphSteps : public StepExpander {
public:
    std::map<TermId, std::vector<TermId>> out, in;
    void add(TermId a, TermId b) {
        out[a].push_back(b);
        in[b].push_back(a);
    }
    void expand(TermId node, bool backward, std::vector<Edge>& edges) override {
        ++expansions;
        auto& adj = backward ? in : out;
        auto it = adj.find(node);
        if (it == adj.end()) return;
        for (TermId next : it->second) edges.push_back({next, 0});
    }
    void allOrigins(bool, std::vector<TermId>& nodes) override {
        for (const auto& [n, _] : out) nodes.push_back(n);
    }
    std::string describe() const override { return "test graph"; }
};

// Every walk of 1..maxLen steps from `from` to `to` (brute force).
void walks(const GraphSteps& g, TermId at, TermId to, std::size_t maxLen, std::vector<TermId>& path,
           std::vector<std::vector<TermId>>& found) {
    if (path.size() > 1 && at == to) found.push_back(path);
    if (path.size() > maxLen) return;
    auto it = g.out.find(at);
    if (it == g.out.end()) return;
    for (TermId next : it->second) {
        path.push_back(next);
        walks(g, next, to, maxLen, path, found);
        path.pop_back();
    }
}

std::vector<TermId> nodesOf(const FoundPath& p) {
    std::vector<TermId> nodes = {p.start};
    for (const auto& h : p.hops) nodes.push_back(h.to);
    return nodes;
}

// A random graph and two different nodes of it, with every walk of up to maxLen steps between them.
struct Case {
    GraphSteps graph;
    TermId start = 0, end = 0;
    std::vector<std::vector<TermId>> walks;
};

GraphSteps randomGraph(std::mt19937& rng, int nodes, int edges);

std::optional<Case> randomCase(std::mt19937& rng, int nodes, int edges, std::size_t maxLen) {
    Case c;
    c.graph = randomGraph(rng, nodes, edges);
    c.start = 1 + rng() % static_cast<unsigned>(nodes);
    c.end = 1 + rng() % static_cast<unsigned>(nodes);
    if (c.start == c.end) return std::nullopt;
    std::vector<TermId> path = {c.start};
    walks(c.graph, c.start, c.end, maxLen, path, c.walks);
    return c;
}

GraphSteps randomGraph(std::mt19937& rng, int nodes, int edges) {
    GraphSteps g;
    std::uniform_int_distribution<TermId> pick(1, static_cast<TermId>(nodes));
    std::set<std::pair<TermId, TermId>> seen;
    for (int i = 0; i < edges; ++i) {
        TermId a = pick(rng), b = pick(rng);
        if (a != b && seen.insert({a, b}).second) g.add(a, b);
    }
    return g;
}

struct Fixture {
    test::TempDir dir;
    std::unique_ptr<storage::Store> store = storage::Store::open(dir.file("db"));
    ExecContext ctx{store->read(), 1};
    TraceVocabulary vocabulary;
    NodeFacts facts{ctx.view(), vocabulary};
};

} // namespace

TEST_CASE("breadth-first TRACE searches agree with brute force on random graphs") {
    Fixture f;
    std::mt19937 rng(7);
    for (int round = 0; round < 60; ++round) {
        auto c = randomCase(rng, 9, 22, 8);
        if (!c) continue;
        GraphSteps& g = c->graph;
        TermId s = c->start, t = c->end;
        const auto& all = c->walks;
        std::size_t best = SIZE_MAX;
        for (const auto& w : all) best = std::min(best, w.size() - 1);
        std::set<std::vector<TermId>> shortest;
        for (const auto& w : all)
            if (w.size() - 1 == best) shortest.insert(w);

        SearchSpec spec;
        spec.mode = Mode::AllShortest;
        for (bool bothEnds : {false, true}) {
            TraceSearch search(f.ctx, g, f.facts, spec, {});
            std::vector<FoundPath> found;
            if (bothEnds) {
                search.between(s, t, found);
            } else {
                TargetSet targets = {t};
                search.fromOrigins({s}, false, &targets, found);
            }
            std::set<std::vector<TermId>> got;
            for (const auto& p : found) got.insert(nodesOf(p));
            CHECK_MESSAGE(got == shortest, "round " << round << (bothEnds ? " (from both ends)" : ""));
            CHECK(got.size() == found.size()); // no path twice
        }
        // SHORTEST: one of those, from either algorithm.
        SearchSpec one;
        for (bool bothEnds : {false, true}) {
            TraceSearch search(f.ctx, g, f.facts, one, {});
            std::vector<FoundPath> found;
            TargetSet targets = {t};
            if (bothEnds)
                search.between(s, t, found);
            else
                search.fromOrigins({s}, false, &targets, found);
            CHECK(found.size() == (shortest.empty() ? 0u : 1u));
            if (!found.empty()) CHECK(shortest.count(nodesOf(found[0])) == 1);
        }
        // Backwards from t gives the same paths.
        TraceSearch back(f.ctx, g, f.facts, spec, {});
        std::vector<FoundPath> found;
        TargetSet starts = {s};
        back.fromOrigins({t}, true, &starts, found);
        std::set<std::vector<TermId>> got;
        for (const auto& p : found) got.insert(nodesOf(p));
        CHECK(got == shortest);
    }
}

TEST_CASE("ALL walks, ACYCLIC paths and SHORTEST k agree with brute force") {
    Fixture f;
    std::mt19937 rng(11);
    for (int round = 0; round < 40; ++round) {
        auto c = randomCase(rng, 7, 16, 4);
        if (!c) continue;
        GraphSteps& g = c->graph;
        TermId s = c->start, t = c->end;
        const auto& all = c->walks;
        std::multiset<std::vector<TermId>> expectedWalks(all.begin(), all.end());
        std::multiset<std::vector<TermId>> expectedSimple;
        for (const auto& w : all)
            if (std::set<TermId>(w.begin(), w.end()).size() == w.size()) expectedSimple.insert(w);

        SearchSpec spec;
        spec.mode = Mode::All;
        spec.maxLength = 4;
        TargetSet targets = {t};
        for (bool acyclic : {false, true}) {
            spec.acyclic = acyclic;
            TraceSearch search(f.ctx, g, f.facts, spec, {});
            std::vector<FoundPath> found;
            search.fromOrigins({s}, false, &targets, found);
            std::multiset<std::vector<TermId>> got;
            for (const auto& p : found) got.insert(nodesOf(p));
            CHECK(got == (acyclic ? expectedSimple : expectedWalks));
        }

        // SHORTEST 3: the three shortest simple paths (any of equal length), shortest first.
        spec = SearchSpec{};
        spec.mode = Mode::KShortest;
        spec.k = 3;
        spec.maxLength = 4;
        TraceSearch search(f.ctx, g, f.facts, spec, {});
        std::vector<FoundPath> found;
        search.fromOrigins({s}, false, &targets, found);
        std::vector<std::size_t> lengths;
        for (const auto& w : expectedSimple) lengths.push_back(w.size() - 1);
        std::sort(lengths.begin(), lengths.end());
        lengths.resize(std::min<std::size_t>(3, lengths.size()));
        std::vector<std::size_t> got;
        for (const auto& p : found) {
            got.push_back(p.hops.size());
            CHECK(expectedSimple.count(nodesOf(p)) == 1);
        }
        CHECK(got == lengths);
    }
}

// A graph whose edges carry years, for time-respecting searches.
struct TimedGraph : StepExpander {
    struct E {
        TermId from, to;
        TimeKey when;
    };
    std::vector<E> edges;
    void expand(TermId node, bool backward, std::vector<Edge>& out) override {
        for (std::uint32_t i = 0; i < edges.size(); ++i)
            if ((backward ? edges[i].to : edges[i].from) == node)
                out.push_back({backward ? edges[i].from : edges[i].to, i});
    }
    void allOrigins(bool, std::vector<TermId>&) override {}
    std::string describe() const override { return "timed test graph"; }
};

TEST_CASE("time-respecting searches, pruned by dominance, agree with brute force") {
    Fixture f;
    std::mt19937 rng(5);
    for (int round = 0; round < 80; ++round) {
        TimedGraph g;
        for (int i = 0; i < 20; ++i) {
            TermId a = 1 + rng() % 8, b = 1 + rng() % 8;
            if (a == b) continue;
            TimeKey k;
            k.number = static_cast<double>(2000 + rng() % 6);
            g.edges.push_back({a, b, k});
        }
        TermId s = 1 + rng() % 8, t = 1 + rng() % 8;
        if (s == t) continue;
        // Every walk of 1..7 steps from s to t whose years never decrease (edge lists).
        std::vector<std::vector<std::uint32_t>> valid;
        std::vector<std::uint32_t> walk;
        std::function<void(TermId)> extend = [&](TermId at) {
            if (!walk.empty() && at == t) valid.push_back(walk);
            if (walk.size() == 7) return;
            for (std::uint32_t i = 0; i < g.edges.size(); ++i) {
                if (g.edges[i].from != at) continue;
                if (!walk.empty() && g.edges[i].when.number < g.edges[walk.back()].when.number) continue;
                walk.push_back(i);
                extend(g.edges[i].to);
                walk.pop_back();
            }
        };
        extend(s);
        auto simple = [&](const std::vector<std::uint32_t>& w) {
            std::set<TermId> nodes = {s};
            for (auto e : w)
                if (!nodes.insert(g.edges[e].to).second) return false;
            return true;
        };
        std::size_t best = SIZE_MAX;
        for (const auto& w : valid) best = std::min(best, w.size());
        std::set<std::vector<std::uint32_t>> shortest, acyclic;
        for (const auto& w : valid) {
            if (w.size() == best) shortest.insert(w);
            if (simple(w)) acyclic.insert(w);
        }
        auto edgesOf = [](const FoundPath& p) {
            std::vector<std::uint32_t> out;
            for (const auto& h : p.hops) out.push_back(h.step);
            return out;
        };
        StepTime time = [&](std::uint32_t step) { return &g.edges[step].when; };
        TargetSet targets = {t};
        for (Mode mode : {Mode::AllShortest, Mode::All}) {
            for (bool backward : {false, true}) {
                SearchSpec spec;
                spec.mode = mode;
                spec.timeOrdered = true;
                spec.acyclic = mode == Mode::All;
                spec.maxLength = 7;
                TraceSearch search(f.ctx, g, f.facts, spec, time);
                std::vector<FoundPath> found;
                TargetSet other = {s};
                if (backward)
                    search.fromOrigins({t}, true, &other, found);
                else
                    search.fromOrigins({s}, false, &targets, found);
                std::set<std::vector<std::uint32_t>> got;
                for (const auto& p : found) got.insert(edgesOf(p));
                CHECK_MESSAGE(got == (mode == Mode::All ? acyclic : shortest),
                              "round " << round << ", backward " << backward << ", mode " << static_cast<int>(mode));
            }
        }
    }
}

TEST_CASE("MAX STATES and MAX PATHS stop a search and say so") {
    Fixture f;
    GraphSteps g;
    for (TermId a = 1; a <= 6; ++a)
        for (TermId b = 1; b <= 6; ++b)
            if (a != b) g.add(a, b);
    SearchSpec spec;
    spec.mode = Mode::All;
    spec.maxLength = 6;
    spec.maxPaths = 10;
    TargetSet targets = {6};
    TraceSearch search(f.ctx, g, f.facts, spec, {});
    std::vector<FoundPath> found;
    search.fromOrigins({1}, false, &targets, found);
    CHECK(found.size() == 10);
    CHECK(search.stats.pathsCut);

    spec.maxPaths = 1000000;
    spec.maxStates = 50;
    TraceSearch bounded(f.ctx, g, f.facts, spec, {});
    found.clear();
    bounded.fromOrigins({1}, false, &targets, found);
    CHECK(bounded.stats.statesCut);
    CHECK(bounded.stats.states <= 51);
}

TEST_CASE("time keys: periods of mixed granularity follow each other when they can") {
    using storage::Term;
    const std::string xsd = "http://www.w3.org/2001/XMLSchema#";
    auto key = [&](const char* v, const char* type) { return *timeKeyOf(Term::literal(v, xsd + type)); };
    TimeKey y2015 = key("2015", "gYear"), m2015_06 = key("2015-06", "gYearMonth"), d2014 = key("2014-12-31", "date"),
            d2015 = key("2015-03-01", "date"), y2016 = key("2016", "gYear");
    CHECK(mayFollow(y2015, m2015_06, false)); // a month inside the year
    CHECK(mayFollow(m2015_06, y2015, false)); // the year may be later than June
    CHECK(mayFollow(y2015, d2015, false));
    CHECK_FALSE(mayFollow(y2015, d2014, false)); // the day is over before the year starts
    CHECK(mayFollow(y2015, y2015, false));
    CHECK_FALSE(mayFollow(y2016, y2015, false));
    CHECK(mayFollow(y2016, y2015, true)); // descending
    CHECK_FALSE(mayFollow(d2014, y2015, true));
    // Numbers and strings compare in their own kind; kinds do not mix.
    TimeKey n1990 = *timeKeyOf(Term::literal("1990", xsd + "integer"));
    TimeKey n2000 = *timeKeyOf(Term::literal("2000", xsd + "integer"));
    CHECK(mayFollow(n1990, n2000, false));
    CHECK_FALSE(mayFollow(n2000, n1990, false));
    CHECK_FALSE(mayFollow(n1990, y2015, false));
    CHECK_FALSE(timeKeyOf(Term::iri("http://ex/a")).has_value());
    // Dominance: an earlier start admits every step a later one admits.
    CHECK(atLeastAsPermissive(d2014, y2015, false));
    CHECK_FALSE(atLeastAsPermissive(y2016, y2015, false));
}
