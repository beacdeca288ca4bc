// Operators on hand-made inputs (VALUES rows), for the semantics that the
// fixtures exercise only indirectly: compatibility with unbound slots, MINUS's
// shared-variable rule, DISTINCT, slices and the merge join's duplicate groups.

#include "../test_util.h"
#include "query/executor/adaptive_join_op.h"
#include "query/executor/join_ops.h"
#include "query/executor/merge_join_op.h"
#include "query/executor/set_ops.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace corridor;
using namespace corridor::query::executor;
using corridor::test::TempDir;

namespace {
constexpr TermId U = kUnbound;

// Every row `op` produces, sorted.
std::vector<std::vector<TermId>> runSorted(ExecContext& ctx, Operator& op) {
    op.open(nullptr);
    std::vector<std::vector<TermId>> out;
    Batch b(ctx.width());
    while (op.next(b)) {
        for (std::size_t i = 0; i < b.size(); ++i) out.emplace_back(b.row(i), b.row(i) + ctx.width());
        b.clear();
    }
    std::sort(out.begin(), out.end());
    return out;
}

struct Fixture {
    TempDir dir;
    std::unique_ptr<storage::Store> store = storage::Store::open(dir.file("db"));
    ExecContext ctx{store->read(), 2};

    OperatorPtr values(std::vector<std::vector<TermId>> rows) {
        return std::make_unique<ValuesOp>(ctx, std::move(rows));
    }
    std::vector<std::vector<TermId>> run(Operator& op) { return runSorted(ctx, op); }
};
using Rows = std::vector<std::vector<TermId>>;

// A store of `data` (IRIs under http://e/) and adaptive joins of VALUES rows, keyed on slot 0,
// with the pattern (?0 <http://e/p> ?1).
struct AdaptiveFixture {
    TempDir dir;
    std::unique_ptr<storage::Store> store = storage::Store::open(dir.file("db"));
    std::unique_ptr<ExecContext> ctx;
    const ScanOp* scan = nullptr; // the pattern's scan in the join made last

    explicit AdaptiveFixture(const std::string& data) {
        test::loadText(*store, data);
        ctx = std::make_unique<ExecContext>(store->read(), 2);
    }
    TermId id(const std::string& name) const { return *ctx->view().lookup(storage::Term::iri("http://e/" + name)); }
    // `patternRows`: the pattern's row count as the planner passes it (0: unknown, the left side is
    // never hashed).
    // `keys` and `choices` as the planner gives them (keyed on slot 0 alone by default).
    std::unique_ptr<AdaptiveJoinOp> join(const Rows& left, std::size_t hashFrom, std::size_t patternRows = 0,
                                         std::vector<int> keys = {0}, std::vector<ProbeKeys> choices = {}) {
        PatternSlot x{false, std::nullopt, 0}, p{true, id("p"), -1}, y{false, std::nullopt, 1};
        auto right = std::make_unique<ScanOp>(*ctx, std::array<PatternSlot, 3>{x, p, y}, GraphSpec{});
        scan = right.get();
        return std::make_unique<AdaptiveJoinOp>(*ctx, std::make_unique<ValuesOp>(*ctx, left), std::move(right),
                                                std::move(keys), hashFrom, patternRows, std::move(choices));
    }
};
} // namespace

TEST_CASE("hash join: equal keys join, unbound slots are compatible with anything") {
    Fixture f;
    // No keys: every compatible pair; an unbound slot takes the other side's value.
    HashJoinOp join(f.ctx, f.values({{1, U}, {U, 6}, {2, 9}}), f.values({{1, 5}, {3, 6}}), {});
    CHECK(f.run(join) == Rows{{1, 5}, {3, 6}});
    HashJoinOp keyed(f.ctx, f.values({{1, U}, {2, U}}), f.values({{1, 5}, {3, 6}}), {0});
    CHECK(f.run(keyed) == Rows{{1, 5}});
}

TEST_CASE("hash table: a key's candidates are exactly its rows, in input order, among many keys") {
    Fixture f;
    // 50,000 keys, key k on 1 + k % 3 rows spread through the input: among 131,072 buckets
    // (twice as many as rows, rounded up) thousands hold rows of several keys, and rows of one
    // key arrive far apart.
    Rows rows;
    for (int round = 0; round < 3; ++round)
        for (TermId k = 1; k <= 50000; ++k)
            if (static_cast<int>(k % 3) >= round) rows.push_back({k, static_cast<TermId>(round)});
    auto input = f.values(rows);
    HashTable table;
    table.build(f.ctx, *input, nullptr, 2, {0});
    CHECK(table.size() == rows.size());
    for (TermId k = 1; k <= 50000; ++k) {
        TermId probe[2] = {k, U};
        std::vector<std::vector<TermId>> found;
        for (std::uint32_t i : table.candidates(probe)) found.emplace_back(table.row(i), table.row(i) + 2);
        Rows expected;
        for (TermId round = 0; round <= k % 3; ++round) expected.push_back({k, round});
        CHECK_MESSAGE(found == expected, "key " << k);
    }
    TermId absent[2] = {50001, U};
    CHECK(table.candidates(absent).empty());
    // Without keys, every row is a candidate.
    auto again = f.values(rows);
    table.build(f.ctx, *again, nullptr, 2, {});
    CHECK(table.candidates(absent).size() == rows.size());
}

TEST_CASE("left join keeps unmatched rows and applies no condition when there is none") {
    Fixture f;
    LeftJoinOp lj(f.ctx, f.values({{1, U}, {2, U}}), f.values({{1, 7}}), {0}, {});
    CHECK(f.run(lj) == Rows{{1, 7}, {2, U}});
}

TEST_CASE("minus removes only rows that share a bound variable with a compatible right row") {
    Fixture f;
    // Row {U,4} shares no variable with {1,U}: it stays (SPARQL's MINUS rule).
    MinusOp minus(f.ctx, f.values({{1, 2}, {3, 4}, {U, 4}}), f.values({{1, U}}), {});
    CHECK(f.run(minus) == Rows{{3, 4}, {U, 4}});
}

TEST_CASE("distinct on the projected slots, slices with offset and limit") {
    Fixture f;
    DistinctOp d(f.ctx, f.values({{1, 2}, {1, 3}, {1, 2}}), {0});
    CHECK(f.run(d).size() == 1);
    SliceOp s(f.ctx, f.values({{1, U}, {2, U}, {3, U}, {4, U}}), 1, 2);
    CHECK(f.run(s) == Rows{{2, U}, {3, U}});
}

TEST_CASE("merge join pairs every row of equal-key groups") {
    Fixture f;
    MergeJoinOp m(f.ctx, f.values({{1, U}, {2, U}, {2, U}, {5, U}}), f.values({{2, 8}, {2, 9}, {3, 1}, {5, 4}}), 0);
    CHECK(f.run(m) == Rows{{2, 8}, {2, 8}, {2, 9}, {2, 9}, {5, 4}});
}

TEST_CASE("adaptive join: probes the index for few left rows, hashes the pattern for many, same rows") {
    std::string data;
    for (int i = 0; i < 12; ++i) data += fmt::format("<http://e/a{}> <http://e/p> <http://e/b{}> .\n", i, i % 3);
    AdaptiveFixture f(data);
    auto& ctx = *f.ctx;
    auto id = [&](const std::string& name) { return f.id(name); };
    // Left rows bind ?x (slot 0), twice a0 (a repeated probe), an x with no match, and an unbound row.
    Rows left = {{id("a1"), U}, {id("a0"), U}, {id("a4"), U}, {id("a0"), U}, {id("p"), U}};
    auto join = [&](std::size_t hashFrom) { return f.join(left, hashFrom); };
    auto run = [&](Operator& op) { return runSorted(ctx, op); };
    Rows expected = {{id("a0"), id("b0")}, {id("a0"), id("b0")}, {id("a1"), id("b1")}, {id("a4"), id("b1")}};
    std::sort(expected.begin(), expected.end());
    auto probing = join(100); // 5 left rows < 100: probe
    CHECK(run(*probing) == expected);
    CHECK(probing->describe().find("probed the index") != std::string::npos);
    auto hashing = join(3); // 5 left rows >= 3: hash
    CHECK(run(*hashing) == expected);
    CHECK(hashing->describe().find("hashed the pattern") != std::string::npos);
    // Opened again, it starts over (gathered rows and table of the first run are gone).
    CHECK(run(*hashing) == expected);
    // A left side longer than the rows it may hold, under a threshold it never reaches: it
    // probes in gathered batches, every row once.
    const std::size_t many = AdaptiveJoinOp::kMaxGatherRows + 1000;
    left.assign(many, {id("a5"), U});
    auto batches = join(many + 1);
    Rows out = run(*batches);
    CHECK(out.size() == many);
    CHECK(out.front() == std::vector<TermId>{id("a5"), id("b2")});
    CHECK(batches->describe().find("probed the index") != std::string::npos);
}

TEST_CASE("adaptive join: rows with one key probe the index once, and distinct keys decide") {
    std::string data;
    for (int i = 0; i < 12; ++i) data += fmt::format("<http://e/a{}> <http://e/p> <http://e/b{}> .\n", i % 4, i);
    AdaptiveFixture f(data);
    auto& ctx = *f.ctx;
    auto id = [&](const std::string& name) { return f.id(name); };
    // Six left rows, three keys (a0 three times, a1 twice, a2 once): every a has three b's.
    Rows left = {{id("a0"), U}, {id("a1"), U}, {id("a0"), U}, {id("a2"), U}, {id("a1"), U}, {id("a0"), U}};
    auto join = [&](std::size_t hashFrom) { return f.join(left, hashFrom); };
    // 6 rows reach a threshold of 4, but 3 keys do not: each key probes once, every row gets its 3 matches.
    auto probing = join(4);
    Rows out = runSorted(ctx, *probing);
    CHECK(out.size() == 18);
    CHECK(std::count_if(out.begin(), out.end(), [&](const auto& r) { return r[0] == id("a0"); }) == 9);
    CHECK(probing->describe().find("probed the index") != std::string::npos);
    CHECK(f.scan->opens == 3);
    // A threshold of 3 keys is reached: the pattern is hashed, with the same rows.
    auto hashing = join(3);
    CHECK(runSorted(ctx, *hashing) == out);
    CHECK(hashing->describe().find("hashed the pattern") != std::string::npos);
    // Counted (COUNT(*) asks this) instead of run: the same number, either way, and again when opened again.
    for (std::size_t hashFrom : {4, 3}) {
        auto counted = join(hashFrom);
        for (int round = 0; round < 2; ++round) {
            counted->open(nullptr);
            CHECK(counted->countRows() == 18);
        }
        CHECK(counted->rowsProduced == 36);
    }
    // A row whose other slot already holds a value takes only the matches that agree with it.
    left = {{id("a0"), id("b4")}, {id("a0"), id("b5")}, {id("a3"), U}};
    for (std::size_t hashFrom : {100, 2}) {
        auto agreeing = join(hashFrom);
        agreeing->open(nullptr);
        CHECK(agreeing->countRows() == 1 + 0 + 3); // a0 has b0, b4, b8; a3 has b3, b7, b11
        CHECK(runSorted(ctx, *agreeing).size() == 4);
    }
    // Counting probes a key for its number of matches when the row takes them all; a later row
    // of that key that needs the matches themselves reads them, in either order.
    for (Rows rows : {Rows{{id("a0"), U}, {id("a0"), id("b4")}, {id("a0"), U}},
                      Rows{{id("a0"), id("b4")}, {id("a0"), U}, {id("a0"), id("b5")}}}) {
        left = rows;
        auto mixed = join(100);
        mixed->open(nullptr);
        std::uint64_t expected = 0;
        for (const auto& r : rows) expected += r[1] == U ? 3 : r[1] == id("b4") ? 1 : 0;
        CHECK(mixed->countRows() == expected);
        CHECK(runSorted(ctx, *mixed).size() == expected);
    }
}

TEST_CASE("adaptive join: probes on fewer keys when they are as cheap and repeat more, same rows") {
    // Each a has one b (a0 two): (?0 p ?1) with ?0 bound reads about as much as with both bound.
    std::string data = "<http://e/a0> <http://e/p> <http://e/b100> .\n";
    for (int i = 0; i < 10; ++i) data += fmt::format("<http://e/a{}> <http://e/p> <http://e/b{}> .\n", i, i);
    AdaptiveFixture f(data);
    auto& ctx = *f.ctx;
    auto id = [&](const std::string& name) { return f.id(name); };
    // 100 rows pairing every a with every b (100 distinct pairs, 10 distinct a), and 5 with ?1 unbound.
    Rows left;
    for (int i = 0; i < 10; ++i)
        for (int j = 0; j < 10; ++j) left.push_back({id(fmt::format("a{}", i)), id(fmt::format("b{}", j))});
    for (int i = 0; i < 5; ++i) left.push_back({id(fmt::format("a{}", i)), U});
    static_assert(AdaptiveJoinOp::kChooseKeysFrom <= 105);
    const std::vector<int> both = {0, 1};
    auto whole = f.join(left, 1000, 0, both);
    const Rows expected = runSorted(ctx, *whole);
    CHECK(expected.size() == 10 + 2 + 4); // (ai, bi); (a0, ?) takes b0 and b100; (a1..a4, ?) one each
    CHECK(f.scan->opens == 105);          // one probe per distinct (?0, ?1), unbound included
    // Offered ?0 alone at the same cost per probe: 10 probes instead of 105, the same rows.
    auto fewer = f.join(left, 1000, 0, both, {{both, 4}, {{0}, 4}});
    for (int round = 1; round <= 2; ++round) { // opened again, it chooses again
        CHECK(runSorted(ctx, *fewer) == expected);
        CHECK(f.scan->opens == 10u * round);
    }
    CHECK(fewer->describe().find("probed the index on 1 of its keys") != std::string::npos);
    auto counted = f.join(left, 1000, 0, both, {{both, 4}, {{0}, 4}});
    counted->open(nullptr);
    CHECK(counted->countRows() == expected.size());
    // A probe on ?0 alone costing 100 times more: 105 x 4 < 10 x 400, so every key is bound.
    auto dear = f.join(left, 1000, 0, both, {{both, 4}, {{0}, 400}});
    CHECK(runSorted(ctx, *dear) == expected);
    CHECK(f.scan->opens == 105);
    CHECK(dear->describe().find("of its keys") == std::string::npos);
    // Too few rows to be worth counting: every key is bound.
    const Rows few(left.begin(), left.begin() + AdaptiveJoinOp::kChooseKeysFrom - 1);
    auto small = f.join(few, 1000, 0, both, {{both, 4}, {{0}, 4}});
    runSorted(ctx, *small);
    CHECK(f.scan->opens == AdaptiveJoinOp::kChooseKeysFrom - 1);
}

TEST_CASE("adaptive join: a left side that ends smaller than the pattern is hashed instead, same rows") {
    std::string data;
    for (int i = 0; i < 12; ++i) data += fmt::format("<http://e/a{}> <http://e/p> <http://e/b{}> .\n", i % 4, i);
    AdaptiveFixture f(data);
    auto& ctx = *f.ctx;
    auto id = [&](const std::string& name) { return f.id(name); };
    // Five rows, four keys; a0 twice, a key the store lacks, and rows whose other slot holds a
    // value: only the matches that agree with it join.
    Rows left = {{id("a0"), U}, {id("a1"), id("b5")}, {id("a0"), U}, {id("p"), U}, {id("a2"), id("b5")}};
    Rows probed = runSorted(ctx, *f.join(left, 100));
    CHECK(probed.size() == 3 + 1 + 3);
    auto hashLeft = f.join(left, 3, 12);      // 5 rows reach 3 and end before the pattern's 12
    for (int round = 0; round < 2; ++round) { // opened again, it starts over
        CHECK(runSorted(ctx, *hashLeft) == probed);
        CHECK(f.scan->rowsProduced == 12u * (round + 1)); // the pattern read once a round
    }
    CHECK(hashLeft->describe().find("hashed the left side") != std::string::npos);
    CHECK(hashLeft->describe().find("pattern") == std::string::npos);
    auto counted = f.join(left, 3, 12);
    counted->open(nullptr);
    CHECK(counted->countRows() == probed.size());
    // A left side as long as the pattern, or a pattern of unknown size: the pattern is hashed.
    for (std::size_t patternRows : {5, 0}) {
        auto hashPattern = f.join(left, 3, patternRows);
        CHECK(runSorted(ctx, *hashPattern) == probed);
        CHECK(hashPattern->describe().find("hashed the pattern") != std::string::npos);
    }
    // A left side longer than the pattern's estimate may have been gathered whole by then: its
    // gathered rows and the rest join with the hashed pattern, every one once.
    left.clear();
    for (int i = 0; i < 40; ++i) left.push_back({id(fmt::format("a{}", i % 4)), U});
    auto longLeft = f.join(left, 3, 20);
    CHECK(runSorted(ctx, *longLeft).size() == 40 * 3);
    CHECK(longLeft->describe().find("hashed the pattern") != std::string::npos);
}

TEST_CASE("adaptive join: a large pattern read past a hashed left side, in two parts at once") {
    const int n = 20000; // left rows: past AdaptiveJoinOp::kSplitBuildFrom
    std::string data;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < 2; ++j) data += fmt::format("<http://e/x{}> <http://e/p> <http://e/y{}> .\n", i, j);
    AdaptiveFixture f(data);
    auto& ctx = *f.ctx;
    auto id = [&](const std::string& name) { return f.id(name); };
    Rows left;
    for (int i = 0; i < n; ++i) left.push_back({id(fmt::format("x{}", i)), U});
    static_assert(AdaptiveJoinOp::kSplitBuildFrom < 20000);
    Rows probed = runSorted(ctx, *f.join(left, AdaptiveJoinOp::kMaxGatherRows + 1));
    CHECK(probed.size() == 2u * n);
    auto hashLeft = f.join(left, AdaptiveJoinOp::kSplitBuildFrom, 2 * n);
    CHECK(runSorted(ctx, *hashLeft) == probed);
    CHECK(hashLeft->describe().find("hashed the left side") != std::string::npos);
    CHECK(f.scan->rowsProduced == 2u * n); // both parts, each row once
    auto counted = f.join(left, AdaptiveJoinOp::kSplitBuildFrom, 2 * n);
    counted->open(nullptr);
    CHECK(counted->countRows() == 2u * n);
    // Over the memory limit, whichever thread finds it, the query stops with the limit's error:
    // the gathered rows (320 KB) and the table (about 1 MB) fit, the matched rows do not.
    ctx.cancel.memoryBudget = 1500 << 10;
    auto limited = f.join(left, AdaptiveJoinOp::kSplitBuildFrom, 2 * n);
    CHECK_THROWS_AS(runSorted(ctx, *limited), query::ResourceError);
    ctx.cancel.memoryBudget = 0;
}

TEST_CASE("adaptive join: a large pattern is hashed from two parts read at once, with every row") {
    const int n = 20000; // past AdaptiveJoinOp::kSplitBuildFrom keys
    std::string data;
    for (int i = 0; i < n; ++i) data += fmt::format("<http://e/x{}> <http://e/p> <http://e/y{}> .\n", i, i % 100);
    AdaptiveFixture f(data);
    auto& ctx = *f.ctx;
    auto id = [&](const std::string& name) { return f.id(name); };
    Rows left;
    for (int i = 0; i < n; i += 1) left.push_back({id(fmt::format("x{}", i)), U});
    auto join = [&](std::size_t hashFrom) { return f.join(left, hashFrom); };
    static_assert(AdaptiveJoinOp::kSplitBuildFrom < 20000);
    auto hashing = join(AdaptiveJoinOp::kSplitBuildFrom);
    Rows hashed = runSorted(ctx, *hashing);
    CHECK(hashing->describe().find("hashed the pattern") != std::string::npos);
    CHECK(f.scan->rowsProduced == static_cast<std::uint64_t>(n)); // both parts, each row once
    auto probing = join(AdaptiveJoinOp::kMaxGatherRows + 1);
    Rows probed = runSorted(ctx, *probing);
    CHECK(probing->describe().find("probed the index") != std::string::npos);
    CHECK(hashed.size() == static_cast<std::size_t>(n));
    CHECK(hashed == probed);
    // Opened again (the scan probes whole in between), the same rows.
    CHECK(runSorted(ctx, *hashing) == hashed);
    // Past the memory limit, whichever thread finds it, the query stops with the limit's error.
    ctx.cancel.memoryBudget = 600 << 10; // the 20,000 gathered rows fit (320 KB), the table does not
    auto limited = join(AdaptiveJoinOp::kSplitBuildFrom);
    CHECK_THROWS_AS(runSorted(ctx, *limited), query::ResourceError);
    ctx.cancel.memoryBudget = 0;
}

TEST_CASE("adaptive join: counting many keys splits them between two threads, with the walk's total") {
    std::string data;
    for (int i = 0; i < 600; ++i)
        for (int j = 0; j <= i % 5; ++j) data += fmt::format("<http://e/a{}> <http://e/p> <http://e/b{}> .\n", i, j);
    AdaptiveFixture f(data);
    auto& ctx = *f.ctx;
    auto id = [&](const std::string& name) { return f.id(name); };
    // 600 keys (past kSplitCountFrom), every third one on two rows; a key the store lacks.
    Rows left;
    std::uint64_t expected = 0;
    for (int i = 0; i < 600; ++i) {
        const int rows = i % 3 == 0 ? 2 : 1;
        for (int r = 0; r < rows; ++r) left.push_back({id(fmt::format("a{}", i)), U});
        expected += static_cast<std::uint64_t>(rows * (i % 5 + 1));
    }
    left.push_back({id("p"), U});
    static_assert(AdaptiveJoinOp::kSplitCountFrom < 600);
    auto join = [&] { return f.join(left, AdaptiveJoinOp::kMaxGatherRows + 1); };
    auto counted = join();
    for (int round = 0; round < 2; ++round) {
        counted->open(nullptr);
        CHECK(counted->countRows() == expected);
    }
    CHECK(f.scan->opens == 2 * 601); // each key once a round, whichever thread counted it
    auto walked = join();
    CHECK(runSorted(ctx, *walked).size() == expected);
}

TEST_CASE("scans sharing a probe memo: a small probe read to its end is answered from memory after, same rows") {
    std::string data;
    for (int i = 0; i < 3; ++i) data += fmt::format("<http://e/a0> <http://e/p> <http://e/b{}> .\n", i);
    for (int i = 0; i < 20; ++i) data += fmt::format("<http://e/a1> <http://e/p> <http://e/b{}> .\n", i);
    data += "<http://e/a3> <http://e/p> <http://e/a3> .\n";
    AdaptiveFixture f(data);
    auto& ctx = *f.ctx;
    ProbeMemo memo;
    PatternSlot x{false, std::nullopt, 0}, p{true, f.id("p"), -1}, y{false, std::nullopt, 1};
    auto scanOf = [&](PatternSlot object) {
        auto scan = std::make_unique<ScanOp>(ctx, std::array<PatternSlot, 3>{x, p, object}, GraphSpec{});
        scan->memoize(&memo);
        return scan;
    };
    auto rows = [&](ScanOp& scan, TermId subject) {
        std::vector<TermId> seed = {subject, U};
        scan.open(seed.data());
        Rows out;
        Batch b(ctx.width());
        while (scan.next(b)) {
            for (std::size_t i = 0; i < b.size(); ++i) out.emplace_back(b.row(i), b.row(i) + ctx.width());
            b.clear();
        }
        return out;
    };
    auto first = scanOf(y), second = scanOf(y);
    Rows a0 = rows(*first, f.id("a0"));
    CHECK(a0.size() == 3);
    CHECK(first->memoOpens == 0);
    CHECK(rows(*second, f.id("a0")) == a0); // another scan of the same probe: from memory
    CHECK(second->memoOpens == 1);
    // 20 quads: more than a probe keeps.
    CHECK(rows(*first, f.id("a1")).size() == 20);
    CHECK(rows(*second, f.id("a1")).size() == 20);
    CHECK(second->memoOpens == 1);
    // A probe opened again before it was read to its end is not kept.
    std::vector<TermId> seed = {f.id("a3"), U};
    first->open(seed.data());
    CHECK(rows(*first, f.id("a0")) == a0);
    CHECK(rows(*second, f.id("a3")).size() == 1);
    CHECK(second->memoOpens == 1);
    // The same probe from a scan binding other slots: the memory's quads bind them.
    PatternSlot z{false, std::nullopt, 0};
    auto other = std::make_unique<ScanOp>(ctx, std::array<PatternSlot, 3>{y, p, z}, GraphSpec{});
    other->memoize(&memo);
    std::vector<TermId> bySubject = {U, f.id("a0")};
    other->open(bySubject.data());
    Batch b(ctx.width());
    CHECK(other->next(b));
    CHECK(other->memoOpens == 1);
    REQUIRE(b.size() == 3);
    CHECK(b.row(0)[0] == a0[0][1]);
    // A twin shares the memo: a3's probe, kept above, comes from memory.
    auto twin = first->twin();
    CHECK(rows(*twin, f.id("a3")).size() == 1);
    CHECK(twin->memoOpens == 1);
}

TEST_CASE("a probe memo keeps probes up to its bound, then starts again empty") {
    ProbeMemo memo;
    storage::QuadPattern pattern{};
    std::vector<storage::QuadIds> one(1);
    const std::size_t fit = ProbeMemo::kMaxQuadsHeld / 2; // each probe counts its quads and one more
    for (std::size_t i = 0; i < fit; ++i) {
        pattern[storage::kSubject] = i + 1;
        memo.keep(pattern, storage::GraphRange::All, one);
    }
    CHECK(memo.size() == fit);
    pattern[storage::kSubject] = 1;
    CHECK(memo.find(pattern, storage::GraphRange::All).has_value());
    CHECK(memo.find(pattern, storage::GraphRange::NamedOnly).has_value() == false); // the range is part of the probe
    pattern[storage::kSubject] = fit + 1;
    memo.keep(pattern, storage::GraphRange::All, one);
    CHECK(memo.size() == 1);
    memo.keep(pattern, storage::GraphRange::All,
              std::vector<storage::QuadIds>(ProbeMemo::kMaxQuadsPerProbe + 1)); // too large: not kept
    pattern[storage::kSubject] = fit + 2;
    memo.keep(pattern, storage::GraphRange::All, std::vector<storage::QuadIds>(ProbeMemo::kMaxQuadsPerProbe + 1));
    CHECK(memo.find(pattern, storage::GraphRange::All).has_value() == false);
}
