// Write transactions: steps, the view of earlier steps, netting of changes,
// exact statistics, spilling, dry runs; checked against a plain set model and
// with checkStore() after every commit.

#include "../test_util.h"
#include "storage/check.h"
#include "storage/error.h"
#include "storage/meta_keys.h"
#include "storage/store_impl.h"
#include "storage/write_txn.h"

#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <random>
#include <set>

using namespace corridor;
using namespace corridor::storage;
using corridor::test::TempDir;

namespace {

using Model = std::set<std::array<TermId, 4>>; // s, p, o, g

QuadIds quadOf(const std::array<TermId, 4>& a) {
    QuadIds q;
    q.ids = a;
    return q;
}

Model scanAll(const ReadView& view, const QuadPattern& pattern = {}, GraphRange graphs = GraphRange::All) {
    Model out;
    QuadScan scan = view.scan(pattern, graphs);
    QuadIds q;
    while (scan.next(q)) out.insert(q.ids);
    return out;
}

Model matching(const Model& model, const QuadPattern& pattern) {
    Model out;
    for (const auto& q : model) {
        bool ok = true;
        for (int c = 0; c < 4; ++c)
            if (pattern[c] && *pattern[c] != q[c]) ok = false;
        if (ok) out.insert(q);
    }
    return out;
}

void requireConsistent(const Store& store) {
    CheckReport report = checkStore(store);
    for (const auto& p : report.problems) INFO(p);
    REQUIRE(report.ok());
}

} // namespace

TEST_CASE("a transaction's view shows earlier steps, not the current one") {
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    test::loadText(*store, "<http://ex/a> <http://ex/p> <http://ex/b> .\n");
    WriteTxn txn(*store);
    TermId a = txn.intern(Term::iri("http://ex/a"));
    TermId p = txn.intern(Term::iri("http://ex/p"));
    TermId b = txn.intern(Term::iri("http://ex/b"));
    TermId fresh = txn.intern(Term::literal("new"));
    CHECK_FALSE(store->read()->lookup(Term::literal("new")));
    txn.remove(quadOf({a, p, b, kDefaultGraph}));
    txn.insert(quadOf({a, p, fresh, kDefaultGraph}));
    // The current step's changes are not visible yet.
    CHECK(scanAll(*txn.read()) == Model{{a, p, b, kDefaultGraph}});
    txn.nextStep();
    auto view = txn.read();
    CHECK(scanAll(*view) == Model{{a, p, fresh, kDefaultGraph}});
    CHECK(view->contains(quadOf({a, p, fresh, kDefaultGraph})));
    CHECK_FALSE(view->contains(quadOf({a, p, b, kDefaultGraph})));
    CHECK(view->lookup(Term::literal("new")) == fresh);
    CHECK(view->resolve(fresh) == Term::literal("new"));
    std::vector<Term> batch;
    view->resolveMany(std::vector<TermId>{fresh, a, fresh}, batch);
    CHECK(batch == std::vector<Term>{Term::literal("new"), Term::iri("http://ex/a"), Term::literal("new")});
    // Nothing reached the store before the commit.
    CHECK(store->read()->statistics().quads == 1);
    CommitSummary summary = txn.commit();
    CHECK(summary.quadsInserted == 1);
    CHECK(summary.quadsDeleted == 1);
    CHECK(summary.written);
    CHECK(scanAll(*store->read()) == Model{{a, p, fresh, kDefaultGraph}});
    CHECK(store->read()->resolve(fresh) == Term::literal("new"));
    requireConsistent(*store);
}

TEST_CASE("the latest step wins, and within a step an insert wins over a delete") {
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    WriteTxn txn(*store);
    TermId s = txn.intern(Term::iri("http://ex/s")), p = txn.intern(Term::iri("http://ex/p"));
    QuadIds q1 = quadOf({s, p, inlineInteger(1), kDefaultGraph});
    QuadIds q2 = quadOf({s, p, inlineInteger(2), kDefaultGraph});
    QuadIds q3 = quadOf({s, p, inlineInteger(3), kDefaultGraph});
    txn.insert(q1);
    txn.remove(q1); // same step: the insert wins
    txn.insert(q2);
    txn.nextStep();
    txn.remove(q2); // a later step: the delete wins
    txn.remove(q3);
    txn.nextStep();
    txn.insert(q3);
    txn.commit();
    CHECK(scanAll(*store->read()) == Model{q1.ids, q3.ids});
    requireConsistent(*store);
}

TEST_CASE("a dry run computes the changes and writes nothing") {
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    test::loadText(*store, "<http://ex/a> <http://ex/p> <http://ex/b> .\n");
    auto before = test::exportText(*store);
    WriteTxn txn(*store);
    TermId a = txn.intern(Term::iri("http://ex/a")), p = txn.intern(Term::iri("http://ex/p"));
    txn.insert(quadOf({a, p, txn.intern(Term::literal("x")), kDefaultGraph}));
    txn.insert(quadOf({a, p, txn.intern(Term::iri("http://ex/b")), kDefaultGraph})); // already there
    CommitSummary summary = txn.commit(true);
    CHECK(summary.quadsInserted == 1);
    CHECK_FALSE(summary.written);
    CHECK(test::exportText(*store) == before);
    CHECK_FALSE(store->read()->lookup(Term::literal("x")));
    requireConsistent(*store);
}

TEST_CASE("an abandoned transaction leaves nothing, and its ids are handed out again") {
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    TermId abandoned;
    {
        WriteTxn txn(*store);
        abandoned = txn.intern(Term::iri("http://ex/never"));
        txn.insert(quadOf({abandoned, abandoned, abandoned, kDefaultGraph}));
        CHECK(txn.read()->resolve(abandoned) == Term::iri("http://ex/never"));
    }
    CHECK(store->read()->statistics().quads == 0);
    CHECK_THROWS_AS(store->read()->resolve(abandoned), StorageError);
    test::loadText(*store, "<http://ex/other> <http://ex/other> <http://ex/other> .\n");
    CHECK(store->read()->resolve(abandoned) == Term::iri("http://ex/other"));
    requireConsistent(*store);
}

TEST_CASE("random steps of inserts and deletes match a set model, in every index order") {
    for (unsigned seed = 1; seed <= 12; ++seed) {
        CAPTURE(seed);
        TempDir dir;
        auto store = Store::open(dir.file("db"));
        std::mt19937_64 rng(seed);
        // A small universe so that changes collide with each other and with the store.
        std::vector<TermId> terms;
        {
            WriteTxn setup(*store);
            for (int i = 0; i < 6; ++i) terms.push_back(setup.intern(Term::iri("http://ex/t" + std::to_string(i))));
        }
        auto pick = [&] { return terms[rng() % terms.size()]; };
        auto randomQuad = [&] {
            return std::array<TermId, 4>{pick(), pick(), pick(), rng() % 3 == 0 ? kDefaultGraph : pick()};
        };
        Model model;
        for (int round = 0; round < 4; ++round) {
            // Small budgets make the staged changes spill to run files.
            WriteTxnOptions options;
            options.memoryBudget = (seed % 3 == 0) ? 4096 : std::size_t{64} << 20;
            WriteTxn txn(*store, options);
            for (TermId& t : terms) t = txn.intern(Term::iri("http://ex/t" + std::to_string(&t - terms.data())));
            Model expected = model;
            int steps = 1 + static_cast<int>(rng() % 4);
            for (int step = 0; step < steps; ++step) {
                if (step > 0) txn.nextStep();
                if (options.memoryBudget > 4096) {
                    auto view = txn.read();
                    REQUIRE(scanAll(*view) == expected);
                    for (int probe = 0; probe < 20; ++probe) {
                        auto q = randomQuad();
                        QuadPattern pattern;
                        for (int c = 0; c < 4; ++c)
                            if (rng() % 2) pattern[c] = q[c];
                        REQUIRE(scanAll(*view, pattern) == matching(expected, pattern));
                        REQUIRE(view->contains(quadOf(q)) == (expected.count(q) > 0));
                    }
                }
                // A step deletes, then inserts (as DELETE/INSERT does).
                Model deletes, inserts;
                int n = 1 + static_cast<int>(rng() % (seed % 3 == 0 ? 400 : 30));
                for (int i = 0; i < n; ++i) deletes.insert(randomQuad());
                n = 1 + static_cast<int>(rng() % (seed % 3 == 0 ? 400 : 30));
                for (int i = 0; i < n; ++i) inserts.insert(randomQuad());
                for (const auto& q : deletes) txn.remove(quadOf(q));
                for (const auto& q : inserts) txn.insert(quadOf(q));
                for (const auto& q : deletes) expected.erase(q);
                for (const auto& q : inserts) expected.insert(q);
            }
            Model before = model;
            CommitSummary summary = txn.commit();
            std::uint64_t added = 0, removed = 0;
            for (const auto& q : expected) added += before.count(q) == 0;
            for (const auto& q : before) removed += expected.count(q) == 0;
            CHECK(summary.quadsInserted == added);
            CHECK(summary.quadsDeleted == removed);
            model = expected;
            REQUIRE(scanAll(*store->read()) == model);
            requireConsistent(*store);
        }
    }
}

TEST_CASE("a view of earlier steps that no longer fit in memory is refused, not wrong") {
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    WriteTxnOptions options;
    options.memoryBudget = 4096; // the staged changes spill almost at once
    WriteTxn txn(*store, options);
    TermId s = txn.intern(Term::iri("http://ex/s"));
    for (int i = 0; i < 5000; ++i) txn.insert(quadOf({s, s, inlineInteger(i), kDefaultGraph}));
    txn.nextStep();
    CHECK_THROWS_WITH_AS(txn.read(), doctest::Contains("memory budget"), Error);
    CHECK(txn.commit().quadsInserted == 5000);
    requireConsistent(*store);
}

TEST_CASE("dropping a graph and loading it again stays consistent") {
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    std::string data;
    for (int i = 0; i < 3000; ++i)
        data += fmt::format("<http://ex/s{}> <http://ex/p{}> \"{}\" <http://ex/g> .\n", i % 300, i % 7, i);
    data += "<http://ex/s1> <http://ex/p1> \"kept\" .\n";
    test::loadText(*store, data);
    CHECK(store->dropGraph(*store->read()->lookup(Term::iri("http://ex/g"))) == 3000);
    requireConsistent(*store);
    CHECK(store->read()->statistics().quads == 1);
    test::loadText(*store, data);
    requireConsistent(*store);
    CHECK(store->read()->statistics().quads == 3001);
}

TEST_CASE("a large write under a small budget is written as several files per index, all of them ingested") {
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    auto sstFiles = [&] {
        std::size_t n = 0;
        for (const auto& entry : std::filesystem::directory_iterator(dir.file("db")))
            n += entry.path().extension() == ".sst";
        return n;
    };
    const std::size_t before = sstFiles();
    WriteTxnOptions options;
    options.memoryBudget = 256 << 10; // files of 4,096 keys
    WriteTxn txn(*store, options);
    TermId s = txn.intern(Term::iri("http://ex/s"));
    Model model;
    for (int i = 0; i < 10000; ++i) {
        txn.insert(quadOf({s, s, inlineInteger(i), kDefaultGraph}));
        model.insert({s, s, inlineInteger(i), kDefaultGraph});
    }
    CHECK(txn.commit().quadsInserted == 10000);
    // Three files for each G-last order (the G-first ones hold no quad of the default graph), and
    // one for the dictionary and statistics.
    CHECK(sstFiles() - before >= 3 * 3);
    CHECK(scanAll(*store->read()) == model);
    for (int order = 0; order < 4; ++order) {
        QuadPattern pattern{};
        pattern[order] = order == 2 ? inlineInteger(4097) : s;
        if (order == 3) pattern[order] = kDefaultGraph;
        CHECK(scanAll(*store->read(), pattern) == matching(model, pattern));
    }
    requireConsistent(*store);
}

TEST_CASE(
    "a scan re-aimed over many prefixes with a prefix filter (SPOG s,p,o; POSG p,o) sees what a fresh scan sees") {
    CHECK(usesPrefixFilter(IndexOrder::SPOG, 3));
    CHECK_FALSE(usesPrefixFilter(IndexOrder::SPOG, 2));
    CHECK(usesPrefixFilter(IndexOrder::POSG, 2));
    CHECK_FALSE(usesPrefixFilter(IndexOrder::POSG, 1));
    CHECK_FALSE(usesPrefixFilter(IndexOrder::OSPG, 3));
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    std::mt19937_64 rng(7);
    std::vector<TermId> terms;
    Model model;
    {
        WriteTxn txn(*store);
        for (int i = 0; i < 40; ++i) terms.push_back(txn.intern(Term::iri("http://ex/t" + std::to_string(i))));
        for (int i = 0; i < 600; ++i) {
            std::array<TermId, 4> q{terms[rng() % 40], terms[rng() % 4], terms[rng() % 40],
                                    rng() % 2 ? kDefaultGraph : terms[rng() % 40]};
            txn.insert(quadOf(q));
            model.insert(q);
        }
        txn.commit();
    }
    {
        // A later write deletes some (markers in a newer file over the first).
        WriteTxn txn(*store);
        for (int i = 0; i < 150; ++i) {
            auto it = std::next(model.begin(), static_cast<long>(rng() % model.size()));
            txn.remove(quadOf(*it));
            model.erase(it);
        }
        txn.commit();
    }
    WriteTxn open(*store); // and a transaction's view, whose changes merge into the scan
    Model viewModel = model;
    for (int i = 0; i < 100; ++i) {
        std::array<TermId, 4> q{terms[rng() % 40], terms[rng() % 4], terms[rng() % 40], kDefaultGraph};
        open.insert(quadOf(q));
        viewModel.insert(q);
    }
    open.nextStep(); // the view shows the steps before the current one
    for (auto [view, expected] : {std::pair{store->read(), &model}, std::pair{open.read(), &viewModel}}) {
        for (IndexOrder order : {IndexOrder::SPOG, IndexOrder::POSG}) {
            std::optional<QuadScan> scan;
            for (int probe = 0; probe < 300; ++probe) {
                QuadPattern pattern{};
                pattern[kPredicate] = terms[rng() % 5]; // t4 is never a predicate: a miss
                if (order == IndexOrder::SPOG) pattern[kSubject] = terms[rng() % 40];
                pattern[kObject] = terms[rng() % 40];
                if (!scan) {
                    scan.emplace(view->scanIn(order, pattern));
                    REQUIRE(scan->prefixMode());
                } else {
                    scan->reset(pattern);
                }
                Model got;
                QuadIds q;
                while (scan->next(q)) got.insert(q.ids);
                REQUIRE(got == matching(*expected, pattern));
            }
            // A filtered scan keeps to prefixes as long as its filter's.
            QuadPattern shorter{};
            shorter[kPredicate] = terms[0];
            CHECK_THROWS_AS(scan->reset(shorter), StorageError);
        }
    }
}

TEST_CASE("a scan split at a value reads every quad once, in the store's view and a transaction's") {
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    std::string data;
    for (int i = 0; i < 200; ++i)
        data += fmt::format("<http://ex/s{}> <http://ex/p> <http://ex/o{}> .\n", i, (i * 7) % 50);
    test::loadText(*store, data);
    WriteTxn txn(*store);
    TermId p = txn.intern(Term::iri("http://ex/p"));
    TermId s0 = txn.intern(Term::iri("http://ex/s0"));
    // Changes on both sides of any split: new objects (ids above the store's) and old ones.
    for (int i = 0; i < 50; i += 5)
        txn.insert(quadOf({s0, p, txn.intern(Term::iri(fmt::format("http://ex/o{}", i))), kDefaultGraph}));
    txn.insert(quadOf({s0, p, txn.intern(Term::literal("fresh")), kDefaultGraph}));
    txn.remove(
        quadOf({txn.intern(Term::iri("http://ex/s7")), p, txn.intern(Term::iri("http://ex/o49")), kDefaultGraph}));
    txn.nextStep();
    for (auto view : {store->read(), txn.read()}) {
        QuadPattern pattern{};
        pattern[kPredicate] = p;
        std::vector<std::array<TermId, 4>> whole;
        QuadScan scan = view->scan(pattern);
        QuadIds q;
        while (scan.next(q)) whole.push_back(q.ids);
        REQUIRE(whole.size() > 100);
        // The last quad in the store's files: the transaction's own changes are not in it.
        scan.reset(pattern);
        auto last = scan.lastInStore();
        REQUIRE(last);
        TermId lastObject = 0;
        for (const auto& quad : scanAll(*store->read(), pattern)) lastObject = std::max(lastObject, quad[kObject]);
        CHECK(last->o() == lastObject);
        std::size_t second = 1; // the first quad of the second object
        while (whole[second][kObject] == whole[0][kObject]) ++second;
        for (std::size_t at : {second, whole.size() / 3, whole.size() / 2, whole.size() - 1}) {
            QuadPattern split = pattern;
            split[kObject] = whole[at][kObject];
            std::vector<std::array<TermId, 4>> parts;
            scan.reset(pattern);
            scan.stopBefore(split);
            while (scan.next(q)) parts.push_back(q.ids);
            const std::size_t firstPart = parts.size();
            scan.reset(pattern);
            scan.seekWithin(split);
            while (scan.next(q)) parts.push_back(q.ids);
            CHECK(parts == whole);
            CHECK(firstPart > 0);
            CHECK(firstPart < whole.size());
        }
    }
}

namespace {

// Every pattern of ids from `model` (each component free or bound to a value the model holds,
// the graph also to the default graph and to a named one), scanned from `view`, gives the
// model's matching quads; a free graph over named graphs only gives those of named graphs.
void checkEveryScan(const ReadView& view, const Model& model, TermId named) {
    const auto& [s, p, o, g] = *model.begin();
    (void)g;
    for (int mask = 0; mask < 8; ++mask)
        for (std::optional<TermId> graph :
             {std::optional<TermId>(), std::optional<TermId>(kDefaultGraph), std::optional<TermId>(named)}) {
            QuadPattern pattern{};
            if (mask & 1) pattern[kSubject] = s;
            if (mask & 2) pattern[kPredicate] = p;
            if (mask & 4) pattern[kObject] = o;
            pattern[kGraph] = graph;
            CAPTURE(mask);
            CAPTURE(graph.value_or(999));
            CHECK(scanAll(view, pattern) == matching(model, pattern));
            if (!graph) {
                Model named;
                for (const auto& q : matching(model, pattern))
                    if (q[3] != kDefaultGraph) named.insert(q);
                CHECK(scanAll(view, pattern, GraphRange::NamedOnly) == named);
            }
        }
}

// The keys of a G-first order whose graph is the default graph.
std::size_t defaultGraphKeys(const Store& store, IndexOrder order) {
    const auto& impl = store.impl();
    std::unique_ptr<rocksdb::Iterator> it(impl.db->NewIterator(rocksdb::ReadOptions(), impl.index(order)));
    std::size_t n = 0;
    for (it->SeekToFirst(); it->Valid() && getBigEndian(it->key().data()) == kDefaultGraph; it->Next()) ++n;
    return n;
}

} // namespace

TEST_CASE("the default graph's quads are kept in the G-last orders only, and every scan finds them") {
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    Model model;
    TermId named = 0;
    {
        WriteTxn txn(*store);
        TermId a = txn.intern(Term::iri("http://ex/a")), p = txn.intern(Term::iri("http://ex/p"));
        TermId b = txn.intern(Term::iri("http://ex/b"));
        named = txn.intern(Term::iri("http://ex/g"));
        // a p b in both graphs (the first quad of the model, whose ids the patterns bind), and
        // quads of each graph alone around it.
        for (const auto& q : std::vector<std::array<TermId, 4>>{{a, p, b, kDefaultGraph},
                                                                {a, p, b, named},
                                                                {a, p, inlineInteger(1), kDefaultGraph},
                                                                {b, p, b, named},
                                                                {a, b, b, kDefaultGraph},
                                                                {b, b, a, named}}) {
            txn.insert(quadOf(q));
            model.insert(q);
        }
        CHECK(txn.commit().quadsInserted == 6);
    }
    for (IndexOrder order : kAllOrders)
        if (isGraphFirst(order)) CHECK(defaultGraphKeys(*store, order) == 0);
    checkEveryScan(*store->read(), model, named);
    requireConsistent(*store);
    // A transaction's view merges its changes the same way.
    {
        WriteTxn txn(*store);
        const auto first = *model.begin();
        txn.remove(quadOf(first));
        model.erase(first);
        auto added = std::array<TermId, 4>{first[0], first[1], inlineInteger(2), kDefaultGraph};
        txn.insert(quadOf(added));
        model.insert(added);
        txn.nextStep();
        checkEveryScan(*txn.read(), model, named);
        txn.commit();
    }
    checkEveryScan(*store->read(), model, named);
    requireConsistent(*store);
    // Dropping the default graph leaves the named graph whole.
    store->dropGraph(kDefaultGraph);
    for (auto it = model.begin(); it != model.end();) it = (*it)[3] == kDefaultGraph ? model.erase(it) : std::next(it);
    CHECK(scanAll(*store->read()) == model);
    requireConsistent(*store);
}

TEST_CASE("a format 1 store, whose G-first orders also hold the default graph, is read and upgraded") {
    TempDir dir;
    const std::string path = dir.file("db");
    Model model;
    TermId named = 0;
    {
        auto store = Store::open(path);
        test::loadText(*store, "<http://ex/a> <http://ex/p> <http://ex/b> .\n"
                               "<http://ex/a> <http://ex/p> <http://ex/b> <http://ex/g> .\n"
                               "<http://ex/b> <http://ex/p> <http://ex/a> .\n"
                               "<http://ex/b> <http://ex/q> \"x\" <http://ex/g> .\n"
                               "<http://ex/b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex/C> .\n");
        model = scanAll(*store->read());
        named = *store->read()->lookup(Term::iri("http://ex/g"));
        // What format 1 wrote: every quad in all six orders.
        auto& impl = store->impl();
        for (const auto& q : model)
            if (q[3] == kDefaultGraph)
                for (IndexOrder order : kAllOrders)
                    if (isGraphFirst(order))
                        REQUIRE(
                            impl.db->Put(rocksdb::WriteOptions(), impl.index(order), encodeKey(order, quadOf(q)), "")
                                .ok());
        REQUIRE(impl.db->Put(rocksdb::WriteOptions(), impl.cf(kMetaCf), std::string(meta::kFormat), "1").ok());
        REQUIRE(store->read()->statistics().classQuads.size() == 1); // format 1 kept none
        const TermId c = *store->read()->lookup(Term::iri("http://ex/C"));
        REQUIRE(impl.db->Delete(rocksdb::WriteOptions(), impl.cf(kMetaCf), meta::idKey(meta::kClassPrefix, c)).ok());
        REQUIRE(impl.db->Flush(rocksdb::FlushOptions(), impl.handles).ok());
    }
    REQUIRE(model.size() == 5);
    {
        auto reader = Store::open(path, StoreOptions{OpenMode::ReadOnly});
        CHECK(defaultGraphKeys(*reader, IndexOrder::GSPO) == 3); // read as it is
        checkEveryScan(*reader->read(), model, named);
        requireConsistent(*reader);
    }
    auto store = Store::open(path);
    std::string format;
    REQUIRE(store->impl()
                .db->Get(rocksdb::ReadOptions(), store->impl().cf(kMetaCf), std::string(meta::kFormat), &format)
                .ok());
    CHECK(format == std::to_string(kStoreFormatVersion));
    for (IndexOrder order : kAllOrders)
        if (isGraphFirst(order)) CHECK(defaultGraphKeys(*store, order) == 0);
    checkEveryScan(*store->read(), model, named);
    CHECK(store->read()->statistics().classQuads.size() == 1); // counted by the upgrade
    requireConsistent(*store);
    // A format 2 store with a default-graph key in a G-first order is reported.
    auto& impl = store->impl();
    const auto inDefault = *model.begin();
    REQUIRE(inDefault[3] == kDefaultGraph);
    REQUIRE(impl.db
                ->Put(rocksdb::WriteOptions(), impl.index(IndexOrder::GPOS),
                      encodeKey(IndexOrder::GPOS, quadOf(inDefault)), "")
                .ok());
    CheckReport report = checkStore(*store);
    REQUIRE_FALSE(report.ok());
    CHECK(report.problems.front().find("quads of the default graph") != std::string::npos);
}

TEST_CASE("the store counts rdf:type's quads per class through inserts, deletions and graphs") {
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    // rdf:type new in the first write, then known.
    test::loadText(*store,
                   "<http://ex/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex/C> .\n"
                   "<http://ex/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex/C> <http://ex/g> .\n"
                   "<http://ex/b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex/C> .\n"
                   "<http://ex/b> <http://ex/p> <http://ex/C> .\n");
    auto id = [&](const char* iri) { return *store->read()->lookup(Term::iri(iri)); };
    const TermId rdfType = id("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), c = id("http://ex/C");
    const TermId a = id("http://ex/a"), b = id("http://ex/b");
    CHECK(store->read()->statistics().classQuads == std::map<TermId, std::uint64_t>{{c, 3}});
    requireConsistent(*store);
    TermId d = 0;
    {
        WriteTxn txn(*store);
        d = txn.intern(Term::iri("http://ex/D"));
        txn.remove(quadOf({b, rdfType, c, kDefaultGraph}));
        txn.insert(quadOf({a, rdfType, d, kDefaultGraph}));
        txn.insert(quadOf({a, rdfType, c, kDefaultGraph})); // already there: no change
        txn.commit();
    }
    CHECK(store->read()->statistics().classQuads == std::map<TermId, std::uint64_t>{{c, 2}, {d, 1}});
    requireConsistent(*store);
    store->dropGraph(kDefaultGraph); // a class whose last quad goes is no longer listed
    CHECK(store->read()->statistics().classQuads == std::map<TermId, std::uint64_t>{{c, 1}});
    requireConsistent(*store);
    // A count that does not match the data is reported.
    auto& impl = store->impl();
    REQUIRE(
        impl.db->Put(rocksdb::WriteOptions(), impl.cf(kMetaCf), meta::idKey(meta::kClassPrefix, c), meta::u64(5)).ok());
    CheckReport report = checkStore(*store);
    REQUIRE_FALSE(report.ok());
    CHECK(report.problems.front().find("per class") != std::string::npos);
}
