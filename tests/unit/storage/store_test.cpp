#include "../test_util.h"
#include "storage/error.h"
#include "storage/store_impl.h"

#include <chrono>
#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <future>
#include <set>
#include <sys/wait.h>
#include <unistd.h>

using namespace corridor;
using namespace corridor::storage;
using corridor::test::TempDir;

namespace {
const char* kData = R"(<http://ex/a> <http://ex/p> <http://ex/b> .
<http://ex/a> <http://ex/p> "x" <http://ex/g1> .
<http://ex/b> <http://ex/q> "01"^^<http://www.w3.org/2001/XMLSchema#integer> <http://ex/g1> .
<http://ex/b> <http://ex/q> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <http://ex/g2> .
<http://ex/c> <http://ex/p> <http://ex/a> <http://ex/g2> .
)";
} // namespace

TEST_CASE("a new store records its format version and reopens") {
    TempDir dir;
    std::string path = dir.file("db");
    { auto store = Store::open(path); }
    auto store = Store::open(path);
    CHECK(store->read()->statistics().quads == 0);
}

TEST_CASE("written files: the id-to-term dictionary in LZ4, the indexes in ZSTD") {
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    test::loadText(*store, kData);
    auto& impl = store->impl();
    auto compressions = [&](int cf) {
        rocksdb::TablePropertiesCollection tables;
        REQUIRE(impl.db->GetPropertiesOfAllTables(impl.cf(cf), &tables).ok());
        std::set<std::string> names;
        for (const auto& [file, properties] : tables) names.insert(properties->compression_name);
        return names;
    };
    CHECK(compressions(kId2TermCf) == std::set<std::string>{"LZ4"});
    CHECK(compressions(kTerm2IdCf) == std::set<std::string>{"ZSTD"});
    CHECK(compressions(kFirstIndexCf) == std::set<std::string>{"ZSTD"});
}

TEST_CASE("opening problems give one clear storage error") {
    TempDir dir;
    SUBCASE("read-only open of a missing store") {
        StoreOptions ro{OpenMode::ReadOnly};
        CHECK_THROWS_WITH_AS(Store::open(dir.file("missing"), ro), doctest::Contains("no store at"), StorageError);
    }
    SUBCASE("a folder with other files in it") {
        dir.write("notes.txt", "hello");
        CHECK_THROWS_WITH_AS(Store::open(dir.path()), doctest::Contains("not a Corridor store"), StorageError);
    }
    SUBCASE("a path that is a file") {
        std::string file = dir.write("file", "x");
        CHECK_THROWS_WITH_AS(Store::open(file), doctest::Contains("is a file"), StorageError);
    }
    SUBCASE("an unwritable location") {
        CHECK_THROWS_AS(Store::open("/proc/corridor-cannot-be-here/db"), StorageError);
    }
    SUBCASE("an unknown format version") {
        std::string path = dir.file("db");
        {
            auto store = Store::open(path);
            auto& impl = store->impl();
            REQUIRE(impl.db->Put(rocksdb::WriteOptions(), impl.cf(kMetaCf), "format", "99").ok());
        }
        CHECK_THROWS_WITH_AS(Store::open(path), doctest::Contains("format version 99"), StorageError);
        CHECK_THROWS_WITH_AS(Store::open(path, StoreOptions{OpenMode::ReadOnly}),
                             doctest::Contains("format version 99"), StorageError);
    }
    SUBCASE("a corrupted store is reported, not repaired") {
        std::string path = dir.file("db");
        {
            auto store = Store::open(path);
            test::loadText(*store, kData);
        }
        std::filesystem::resize_file(path + "/CURRENT", 0);
        CHECK_THROWS_AS(Store::open(path), StorageError);
        CHECK(std::filesystem::file_size(path + "/CURRENT") == 0); // left as found
    }
    SUBCASE("corrupted data blocks surface as a storage error when read") {
        std::string path = dir.file("db");
        {
            auto store = Store::open(path);
            test::loadText(*store, kData);
        }
        for (const auto& entry : std::filesystem::directory_iterator(path)) {
            if (entry.path().extension() != ".sst") continue;
            std::FILE* f = std::fopen(entry.path().c_str(), "r+b");
            std::fseek(f, 10, SEEK_SET);
            std::fwrite("garbagegarbage", 1, 14, f);
            std::fclose(f);
        }
        bool failed = false;
        try {
            auto store = Store::open(path);
            test::exportText(*store);
        } catch (const StorageError& e) {
            failed = true;
            CHECK(std::string(e.what()).find("storage error") == 0);
        }
        CHECK(failed);
    }
}

TEST_CASE("a second writer is refused while the first holds the store") {
    TempDir dir;
    std::string path = dir.file("db");
    auto first = Store::open(path);
    test::loadText(*first, kData);
    SUBCASE("in the same process") {
        CHECK_THROWS_AS(Store::open(path), StoreBusyError);
    }
    SUBCASE("in another process") {
        pid_t child = ::fork();
        if (child == 0) {
            int code = 0;
            try {
                Store::open(path);
            } catch (const StoreBusyError&) {
                code = 42;
            } catch (...) {
                code = 1;
            }
            ::_exit(code);
        }
        int status = 0;
        ::waitpid(child, &status, 0);
        CHECK(WEXITSTATUS(status) == 42);
    }
    SUBCASE("readers still open read-only and see committed data") {
        auto reader = Store::open(path, StoreOptions{OpenMode::ReadOnly});
        CHECK(reader->read()->statistics().quads == 5);
        CHECK_THROWS_AS(reader->clear(), UsageError);
    }
}

TEST_CASE("a read-only store keeps its statistics until it is refreshed") {
    TempDir dir;
    std::string path = dir.file("db");
    auto writer = Store::open(path);
    test::loadText(*writer, "<http://ex/a> <http://ex/p> <http://ex/b> .\n");
    auto reader = Store::open(path, StoreOptions{OpenMode::ReadOnly});
    CHECK(reader->read()->statistics().quads == 1);
    test::loadText(*writer, kData);
    CHECK(reader->read()->statistics().quads == 1); // the same state as its quads
    reader->refresh();
    CHECK(reader->read()->statistics().quads == 5); // kData repeats the first quad
    CHECK(reader->read()->statistics().predicates.size() == 2);
}

namespace {
// Every pattern of bound and free components, for each quad of kData: exactly its matches, in
// the chosen index's key order.
void checkScanPatterns(const ReadView& view) {
    std::vector<QuadIds> all;
    {
        QuadScan scan = view.scan(QuadPattern{});
        for (QuadIds q; scan.next(q);) all.push_back(q);
    }
    REQUIRE(all.size() == 5);
    for (const QuadIds& probe : all) {
        for (int mask = 0; mask < 16; ++mask) {
            QuadPattern pattern{};
            for (int c = 0; c < 4; ++c)
                if (mask & (1 << c)) pattern[c] = probe.ids[c];
            std::vector<QuadIds> expected;
            for (const QuadIds& q : all) {
                bool match = true;
                for (int c = 0; c < 4; ++c) match = match && (!pattern[c] || *pattern[c] == q.ids[c]);
                if (match) expected.push_back(q);
            }
            std::vector<QuadIds> got;
            QuadScan scan = view.scan(pattern);
            for (QuadIds q; scan.next(q);) got.push_back(q);
            CAPTURE(mask);
            CHECK(got.size() == expected.size());
            for (const auto& q : expected) CHECK(std::find(got.begin(), got.end(), q) != got.end());
            for (std::size_t i = 1; i < got.size(); ++i)
                CHECK(encodeKey(scan.order(), got[i - 1]) < encodeKey(scan.order(), got[i]));
        }
    }
}
// A writer that has loaded kData, and a read-only instance of the same store beside it.
struct WriterBesideReader {
    TempDir dir;
    std::string path = dir.file("db");
    std::unique_ptr<Store> writer = Store::open(path);
    std::unique_ptr<Store> reader;
    WriterBesideReader() {
        test::loadText(*writer, kData);
        reader = Store::open(path, StoreOptions{OpenMode::ReadOnly});
    }
};
} // namespace

TEST_CASE("a read-only store reads an index of one file directly, with the same answers") {
    WriterBesideReader stores;
    auto& writer = stores.writer;
    auto& reader = stores.reader;
    checkScanPatterns(*reader->read());               // small scans: through the database's iterators
    for (int order = 0; order < kIndexCount; ++order) // one load: one file an index
        CHECK(reader->impl().directTable(static_cast<IndexOrder>(order)) != nullptr);
    checkScanPatterns(*reader->read());                             // the files open: every scan reads them directly
    CHECK(writer->impl().directTable(IndexOrder::SPOG) == nullptr); // a writer's files move
    // A second load adds a file to each index, inside the first one's keys: after a refresh, the
    // reader merges them again (files that do not overlap are read directly: the next test).
    test::loadText(*writer, "<http://ex/a> <http://ex/q> <http://ex/c> .\n");
    reader->refresh();
    CHECK(reader->impl().directTable(IndexOrder::SPOG) == nullptr);
    QuadScan scan = reader->read()->scan(QuadPattern{});
    int n = 0;
    for (QuadIds q; scan.next(q);) ++n;
    CHECK(n == 6);
}

namespace {
// A store at `path` loaded with `data` by a writer that has closed, opened read-only.
std::unique_ptr<Store> readOnlyStoreWith(const std::string& path, const std::string& data) {
    {
        auto writer = Store::open(path);
        test::loadText(*writer, data);
    }
    return Store::open(path, StoreOptions{OpenMode::ReadOnly});
}
// A pattern binding one component to an IRI the store has.
QuadPattern boundTo(const ReadView& view, Component component, const char* iri) {
    auto id = view.lookup(Term::iri(iri));
    REQUIRE(id);
    QuadPattern pattern{};
    pattern[component] = *id;
    return pattern;
}
} // namespace

namespace {
// What a scan returns, in order.
std::vector<QuadIds> scanned(const ReadView& view, const QuadPattern& pattern) {
    std::vector<QuadIds> out;
    QuadScan scan = view.scan(pattern);
    for (QuadIds q; scan.next(q);) out.push_back(q);
    return out;
}
} // namespace

namespace {
storage::LoadOptions smallBudget() {
    storage::LoadOptions options;
    options.memoryBudget = 4096 * 64; // files of 4,096 keys (write/commit.cpp)
    return options;
}
} // namespace

TEST_CASE("a read-only store reads an index of several files directly, with the same answers") {
    // A load with a small memory budget cuts each index into files of 4,096 keys (write/commit.cpp).
    // Four quads a subject and one more: the cuts fall inside subjects, so scans of one subject cross files.
    TempDir dir;
    std::string path = dir.file("db");
    auto writer = Store::open(path);
    std::string data;
    for (int i = 0; i < 4000; ++i) {
        for (int p = 0; p < 3; ++p)
            data += fmt::format("<http://ex/s{}> <http://ex/p{}> <http://ex/o{}> {}.\n", i, p, (i + p) % 11,
                                i % 5 == 0 ? "<http://ex/g> " : "");
        data += fmt::format("<http://ex/s{}> <http://ex/name> \"n{}\" .\n", i, i); // 8,000 terms: two files
    }
    data += "<http://ex/s0> <http://ex/extra> <http://ex/o0> .\n"; // one more: the cuts fall inside subjects
    {
        // Options made in place for the loader (GCC's maybe-uninitialized misfires on copying
        // or moving a local LoadOptions here, under the sanitizer build's -Werror).
        storage::BulkLoader loader(*writer, smallBudget());
        loader.addText(data, storage::rdf_io::RdfFormat::NQuads, "test");
        loader.commit();
    }
    auto reader = Store::open(path, StoreOptions{OpenMode::ReadOnly});
    for (int order = 0; order < kIndexCount; ++order) {
        auto files = reader->impl().directTable(static_cast<IndexOrder>(order));
        REQUIRE(files != nullptr);
        if (!isGraphFirst(static_cast<IndexOrder>(order))) CHECK(files->fileCount() >= 2);
    }
    auto direct = reader->read(), merged = writer->read(); // the writer reads through the database
    auto id = [&](const std::string& iri) { return *merged->lookup(Term::iri(iri)); };
    std::vector<QuadPattern> patterns = {QuadPattern{}};
    for (int i = 0; i < 4000; ++i) { // each subject (SPOG's prefix filter), some with a predicate too
        QuadPattern bySubject{};
        bySubject[kSubject] = id(fmt::format("http://ex/s{}", i));
        patterns.push_back(bySubject);
        if (i % 97 == 0) {
            bySubject[kPredicate] = id("http://ex/p1");
            patterns.push_back(bySubject);
        }
    }
    for (int p = 0; p < 3; ++p) {
        QuadPattern byPredicate{};
        byPredicate[kPredicate] = id(fmt::format("http://ex/p{}", p));
        patterns.push_back(byPredicate);
        for (int o = 0; o < 11; ++o) { // POSG's prefix filter: some (p, o) groups cross a cut
            byPredicate[kObject] = id(fmt::format("http://ex/o{}", o));
            patterns.push_back(byPredicate);
        }
    }
    for (int o = 0; o < 11; ++o) {
        QuadPattern byObject{};
        byObject[kObject] = id(fmt::format("http://ex/o{}", o));
        patterns.push_back(byObject);
        byObject[kGraph] = id("http://ex/g");
        patterns.push_back(byObject);
    }
    std::size_t quads = 0;
    for (const auto& pattern : patterns) {
        auto expected = scanned(*merged, pattern);
        quads += expected.size();
        REQUIRE(scanned(*direct, pattern) == expected);
        QuadScan a = direct->scan(pattern), b = merged->scan(pattern);
        CHECK(a.lastInStore() == b.lastInStore());
    }
    // All; each subject; 42 subjects with p1; p0-p2, alone and with each object; each object; each
    // object in <g> (800 subjects).
    CHECK(quads == 16001 + 16001 + 42 + 12000 + 12000 + 12001 + 2400);
    // The dictionary's files too: a large batch of ids, resolved from them.
    std::vector<TermId> ids;
    for (int i = 0; i < 4000; ++i) ids.push_back(id(fmt::format("http://ex/s{}", 3999 - i)));
    std::vector<Term> fromFiles, fromDatabase;
    direct->resolveMany(ids, fromFiles);
    auto dictionary = reader->impl().directTable(kId2TermCf, false);
    REQUIRE(dictionary != nullptr);
    CHECK(dictionary->fileCount() >= 2);
    merged->resolveMany(ids, fromDatabase);
    CHECK(fromFiles == fromDatabase);
    CHECK(fromFiles[0] == Term::iri("http://ex/s3999"));
}

TEST_CASE("a read-only store's views share their dictionary lookups until a refresh") {
    WriterBesideReader stores;
    auto& writer = stores.writer;
    auto& reader = stores.reader;
    const Term fresh = Term::iri("http://ex/fresh");
    CHECK_FALSE(reader->read()->lookup(fresh)); // remembered as absent
    auto a = reader->read()->lookup(Term::iri("http://ex/a"));
    REQUIRE(a);
    test::loadText(*writer, "<http://ex/fresh> <http://ex/p> <http://ex/a> .\n");
    CHECK_FALSE(reader->read()->lookup(fresh)); // not caught up yet
    reader->refresh();
    auto view = reader->read();
    CHECK(view->lookup(fresh) == writer->read()->lookup(fresh));
    CHECK(view->lookup(fresh));
    CHECK(view->lookup(Term::iri("http://ex/a")) == a);
}

TEST_CASE("a read-only scan opens the index's file once it has read enough, and goes on from the same key") {
    TempDir dir;
    std::string data;
    for (int i = 0; i < 6000; ++i) data += fmt::format("<http://ex/s{}> <http://ex/p> <http://ex/o{}> .\n", i, i % 7);
    auto reader = readOnlyStoreWith(dir.file("db"), data);
    auto view = reader->read();
    QuadScan scan = view->scan(boundTo(*view, kPredicate, "http://ex/p"));
    CHECK(reader->impl().directTable(scan.order(), false) == nullptr); // not yet
    std::vector<std::string> keys;
    for (QuadIds q; scan.next(q);) {
        keys.push_back(encodeKey(scan.order(), q));
        // Past 4,096 steps the file is being opened on another thread; once it is open, the scan
        // goes on in it from the next key.
        if (keys.size() == 4500) {
            reader->impl().waitForOpeners();
            CHECK(reader->impl().directTable(scan.order(), false) != nullptr);
        }
    }
    CHECK(keys.size() == 6000);
    CHECK(std::adjacent_find(keys.begin(), keys.end(), std::greater_equal<>()) == keys.end()); // ascending, none twice
}

TEST_CASE("a read-only index's files are opened on another thread; a refresh waits for them and forgets them") {
    TempDir dir;
    auto reader = readOnlyStoreWith(dir.file("db"), kData);
    const auto& impl = reader->impl();
    const IndexOrder order = IndexOrder::SPOG;
    CHECK_FALSE(impl.directTableSoon(order).has_value()); // the opening starts; nothing to read yet
    impl.waitForOpeners();
    CHECK_FALSE(impl.directTableOpening(order));
    auto files = impl.directTableSoon(order);
    REQUIRE(files.has_value());
    CHECK(*files != nullptr);
    CHECK(impl.directTable(order, false) == *files);
    // A refresh while another family's files are being opened: they land, then are forgotten.
    CHECK_FALSE(impl.directTableSoon(IndexOrder::POSG).has_value());
    reader->refresh();
    CHECK_FALSE(impl.directTableOpening(IndexOrder::POSG));
    CHECK(impl.directTable(IndexOrder::POSG, false) == nullptr);
    CHECK(impl.directTable(order, false) == nullptr);
    CHECK(impl.directTable(order) != nullptr); // opened here when asked to wait
    checkScanPatterns(*reader->read());
}

TEST_CASE("a refresh waits for an opening that has not landed yet, then forgets its files") {
    TempDir dir;
    auto reader = readOnlyStoreWith(dir.file("db"), kData);
    // The opening is held back until the test lets it go, or for at most 200 ms: a refresh that
    // waits for it takes that long (the test cannot let it go while refresh holds its thread).
    std::promise<void> letGo;
    std::shared_future<void> released = letGo.get_future().share();
    reader->impl().beforeOpenedFilesLand = [released] { released.wait_for(std::chrono::milliseconds(200)); };
    const auto& impl = reader->impl();
    CHECK_FALSE(impl.directTableSoon(IndexOrder::POSG).has_value());
    reader->refresh();
    letGo.set_value();
    impl.waitForOpeners();
    // A refresh that did not wait would have forgotten the files before they landed, and they
    // would be read after it although they may be gone.
    CHECK(impl.directTable(IndexOrder::POSG, false) == nullptr);
}

TEST_CASE("many small read-only scans together open the index's file") {
    TempDir dir;
    auto reader = readOnlyStoreWith(dir.file("db"), kData);
    auto view = reader->read();
    const QuadPattern pattern = boundTo(*view, kSubject, "http://ex/a");
    const IndexOrder order = view->scan(pattern).order();
    int found = 0;
    for (int i = 0; i < 300; ++i) { // a seek each (16 units): 4,800 in all, past 4,096
        QuadScan scan = view->scan(pattern);
        for (QuadIds q; scan.next(q);) ++found;
        if (i == 200) CHECK(reader->impl().directTable(order, false) == nullptr); // not yet
    }
    CHECK(found == 600);
    reader->impl().waitForOpeners();
    CHECK(reader->impl().directTable(order, false) != nullptr);
}

TEST_CASE("all 16 scan patterns return exactly the matching quads, in key order") {
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    test::loadText(*store, kData);
    auto view = store->read();
    checkScanPatterns(*view);
    SUBCASE("named graphs only skips the default graph") {
        QuadScan scan = view->scan(QuadPattern{}, GraphRange::NamedOnly);
        int n = 0;
        for (QuadIds q; scan.next(q);) {
            CHECK(q.g() != kDefaultGraph);
            ++n;
        }
        CHECK(n == 4);
    }
}

TEST_CASE("lexical forms are kept: 01 and 1 are different integers") {
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    test::loadText(*store, kData);
    auto view = store->read();
    auto one = view->lookup(Term::literal("1", std::string(xsd::kInteger)));
    auto zeroOne = view->lookup(Term::literal("01", std::string(xsd::kInteger)));
    REQUIRE(one);
    REQUIRE(zeroOne);
    CHECK(*one != *zeroOne);
    CHECK(view->resolve(*zeroOne).value == "01");
    CHECK(test::lines(test::exportText(*store)) == test::lines(kData));
}

TEST_CASE("many ids resolve at once: repeats, any order, inline terms, unknown ids refused") {
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    test::loadText(*store, kData);
    auto view = store->read();
    std::vector<Term> terms = {Term::iri("http://ex/c"),
                               Term::iri("http://ex/a"),
                               Term::literal("x"),
                               Term::iri("http://ex/c"),
                               Term::literal("01", std::string(xsd::kInteger)),
                               Term::iri("http://ex/g2"),
                               Term::iri("http://ex/a")};
    std::vector<TermId> ids;
    for (const auto& t : terms) ids.push_back(*view->lookup(t));
    std::vector<Term> out;
    view->resolveMany(ids, out);
    CHECK(out == terms);
    view->resolveMany({}, out);
    CHECK(out.empty());
    TermId unknown = ids[0] + 1000;
    ids.push_back(unknown);
    CHECK_THROWS_WITH_AS(view->resolveMany(ids, out), doctest::Contains("not in the dictionary"), StorageError);
}

TEST_CASE("a read-only store resolves a large batch from the dictionary's file, with the same terms") {
    TempDir dir;
    std::vector<Term> terms;
    std::string data;
    for (int i = 0; i < 400; ++i) {
        data += fmt::format("<http://ex/s{}> <http://ex/p> \"v{}\" .\n", i, i);
        terms.push_back(Term::literal(fmt::format("v{}", i)));
        terms.push_back(Term::iri(fmt::format("http://ex/s{}", i)));
    }
    auto reader = readOnlyStoreWith(dir.file("db"), data);
    auto view = reader->read();
    std::vector<TermId> ids;
    for (const auto& t : terms) ids.push_back(*view->lookup(t));
    std::reverse(ids.begin(), ids.end()); // any order
    std::reverse(terms.begin(), terms.end());
    std::vector<Term> out;
    view->resolveMany(ids, out);
    CHECK(out == terms);
    CHECK(reader->impl().directTable(kId2TermCf, false) != nullptr); // 800 ids: read from the file
    ids.push_back(ids[0] + 100000);
    CHECK_THROWS_WITH_AS(view->resolveMany(ids, out), doctest::Contains("not in the dictionary"), StorageError);
}

TEST_CASE("a small batch of resolved ids goes into the term cache, a large one does not") {
    TempDir dir;
    std::string data;
    for (int i = 0; i < 100; ++i) data += fmt::format("<http://ex/s{}> <http://ex/p> \"v{}\" .\n", i, i);
    auto reader = readOnlyStoreWith(dir.file("db"), data);
    auto view = reader->read();
    std::vector<TermId> ids;
    for (int i = 0; i < 100; ++i) ids.push_back(*view->lookup(Term::iri(fmt::format("http://ex/s{}", i))));
    auto& cache = reader->impl().cache;
    cache.clear();
    std::vector<Term> out;
    view->resolveMany(std::span(ids).first(65), out); // one past the bound: a large batch
    for (int i = 0; i < 65; ++i) CHECK_FALSE(cache.get(ids[i]));
    view->resolveMany(std::span(ids).subspan(65, 10), out);
    for (int i = 65; i < 75; ++i) CHECK(cache.get(ids[i]) == Term::iri(fmt::format("http://ex/s{}", i)));
    CHECK_FALSE(cache.get(ids[75]));
}

TEST_CASE("dictionary interning is idempotent and loading twice changes nothing") {
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    auto first = test::loadText(*store, kData);
    CHECK(first.quadsAdded == 5);
    auto idBefore = store->read()->lookup(Term::iri("http://ex/a"));
    auto statsBefore = store->read()->statistics();
    auto second = test::loadText(*store, kData);
    CHECK(second.quadsAdded == 0);
    CHECK(second.newTerms == 0);
    CHECK(store->read()->lookup(Term::iri("http://ex/a")) == idBefore);
    auto statsAfter = store->read()->statistics();
    CHECK(statsAfter.quads == statsBefore.quads);
    CHECK(statsAfter.predicates == statsBefore.predicates);
    CHECK(statsAfter.termsAllocated == statsBefore.termsAllocated);
}

TEST_CASE("statistics follow loads and drops") {
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    test::loadText(*store, kData);
    auto view = store->read();
    auto p = *view->lookup(Term::iri("http://ex/p"));
    auto q = *view->lookup(Term::iri("http://ex/q"));
    auto g1 = *view->lookup(Term::iri("http://ex/g1"));
    auto g2 = *view->lookup(Term::iri("http://ex/g2"));
    Statistics s = view->statistics();
    CHECK(s.quads == 5);
    CHECK(s.graphQuads.at(kDefaultGraph) == 1);
    CHECK(s.graphQuads.at(g1) == 2);
    CHECK(s.graphQuads.at(g2) == 2);
    CHECK(s.predicates.at(p) == PredicateStatistics{3, 2, 3});
    CHECK(s.predicates.at(q) == PredicateStatistics{2, 1, 2});

    // <a> <p> is in the default graph and in g1: dropping g1 keeps subject a for p.
    CHECK(store->dropGraph(g1) == 2);
    s = store->read()->statistics();
    CHECK(s.quads == 3);
    CHECK(s.graphQuads.count(g1) == 0);
    CHECK(s.predicates.at(p) == PredicateStatistics{2, 2, 2});
    CHECK(s.predicates.at(q) == PredicateStatistics{1, 1, 1});

    CHECK(store->dropGraph(g2) == 2);
    s = store->read()->statistics();
    CHECK(s.quads == 1);
    CHECK(s.predicates.count(q) == 0);
    CHECK(s.predicates.at(p) == PredicateStatistics{1, 1, 1});

    store->clear();
    s = store->read()->statistics();
    CHECK(s.quads == 0);
    CHECK(s.graphQuads.empty());
    CHECK(s.predicates.empty());
    CHECK(test::exportText(*store).empty());

    // Loading after a clear works and does not reuse ids.
    test::loadText(*store, kData);
    CHECK(store->read()->statistics().quads == 5);
    CHECK(*store->read()->lookup(Term::iri("http://ex/p")) != p);
}

TEST_CASE("a failing load leaves the store exactly as it was") {
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    test::loadText(*store, kData);
    std::string before = test::exportText(*store);
    auto statsBefore = store->read()->statistics();
    {
        BulkLoader loader(*store, {});
        loader.addText("<http://ex/new> <http://ex/p> <http://ex/z> .\n", rdf_io::RdfFormat::NTriples, "good.nt");
        CHECK_THROWS_WITH_AS(
            loader.addText("<http://ex/new2> <http://ex/p> \"unterminated .\n", rdf_io::RdfFormat::NTriples, "bad.nt"),
            doctest::Contains("bad.nt:1:"), DataError);
        // The loader is abandoned without commit.
    }
    CHECK(test::exportText(*store) == before);
    auto statsAfter = store->read()->statistics();
    CHECK(statsAfter.quads == statsBefore.quads);
    CHECK(statsAfter.termsAllocated == statsBefore.termsAllocated);
    CHECK_FALSE(store->read()->lookup(Term::iri("http://ex/new")));
}

TEST_CASE("a read view is a snapshot") {
    TempDir dir;
    auto store = Store::open(dir.file("db"));
    test::loadText(*store, "<http://ex/a> <http://ex/p> <http://ex/b> .\n");
    auto view = store->read();
    test::loadText(*store, "<http://ex/c> <http://ex/p> <http://ex/d> .\n");
    CHECK(view->statistics().quads == 1);
    int n = 0;
    QuadScan scan = view->scan(QuadPattern{});
    for (QuadIds q; scan.next(q);) ++n;
    CHECK(n == 1);
    CHECK(store->read()->statistics().quads == 2);
}

TEST_CASE("committed data survives reopening") {
    TempDir dir;
    std::string path = dir.file("db");
    {
        auto store = Store::open(path);
        test::loadText(*store, kData);
        store->dropGraph(*store->read()->lookup(Term::iri("http://ex/g2")));
    }
    auto store = Store::open(path);
    CHECK(store->read()->statistics().quads == 3);
}
