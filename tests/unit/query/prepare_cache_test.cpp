// The cache of prepared queries: its bounds and order, and, through the engine, that
// an entry is found only under the same text, base IRI and prefixes, and that a
// cached query still reads the store as it is when it runs.

#include "../test_util.h"
#include "query/engine.h"
#include "query/error.h"
#include "query/prepare_cache.h"
#include "query/update/update.h"

#include <atomic>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <thread>

using namespace corridor;
using corridor::test::TempDir;

namespace {

std::shared_ptr<const query::PreparedQuery> made(int& calls) {
    ++calls;
    return std::make_shared<const query::PreparedQuery>();
}

bool always(const query::PreparedQuery&) {
    return true;
}

} // namespace

TEST_CASE("the prepare cache keeps the most recently used texts within its bounds") {
    query::PrepareCache cache(2, 100, 40);
    int calls = 0;
    auto get = [&](const std::string& key) {
        return cache.get(
            key, [&] { return made(calls); }, always);
    };
    auto a = get("a");
    CHECK(get("a") == a); // the same object, made once
    CHECK(calls == 1);
    CHECK(cache.hits() == 1);
    get("b");
    get("a"); // now "b" is the least recently used
    get("c"); // over two entries: "b" goes
    CHECK(cache.size() == 2);
    calls = 0;
    get("a");
    get("c");
    CHECK(calls == 0);
    get("b");
    CHECK(calls == 1);

    SUBCASE("a text longer than one entry's bound is made each time, not kept") {
        std::string longText(41, 'x');
        calls = 0;
        get(longText);
        get(longText);
        CHECK(calls == 2);
    }
    SUBCASE("the texts' total size bounds the cache too") {
        cache.clear();
        get(std::string(40, '1'));
        get(std::string(40, '2'));
        get(std::string(40, '3')); // 120 bytes: the oldest goes
        CHECK(cache.size() == 2);
        calls = 0;
        get(std::string(40, '1'));
        CHECK(calls == 1);
    }
    SUBCASE("what `keep` refuses and what fails to prepare are not kept") {
        cache.clear();
        calls = 0;
        cache.get(
            "u", [&] { return made(calls); }, [](const query::PreparedQuery&) { return false; });
        cache.get(
            "u", [&] { return made(calls); }, always);
        CHECK(calls == 2);
        CHECK_THROWS(cache.get(
            "bad", []() -> std::shared_ptr<const query::PreparedQuery> { throw 1; }, always));
        CHECK(cache.size() == 1);
    }
}

TEST_CASE("the engine reuses a prepared query only under the same text, base and prefixes") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    test::loadText(*store, "<http://e/a> <http://e/p> \"1\" .\n<http://f/a> <http://f/p> \"2\" .\n");
    auto first = [&](const query::QueryOptions& options, const std::string& text) {
        query::QueryEngine engine(*store, options);
        query::CollectingSink sink;
        engine.execute(engine.prepare(text), sink);
        REQUIRE(sink.rows.size() == 1);
        return sink.rows[0][0]->value;
    };
    query::QueryOptions e, f;
    e.baseIri = "http://e/";
    f.baseIri = "http://f/";
    const std::string iri = "SELECT (IRI(\"x\") AS ?i) {}";
    std::size_t before = query::PrepareCache::shared().hits();
    CHECK(first(e, iri) == "http://e/x");
    CHECK(first(e, iri) == "http://e/x");
    CHECK(query::PrepareCache::shared().hits() == before + 1);
    CHECK(first(f, iri) == "http://f/x");

    f.baseIri = e.baseIri; // from here on, only the prefixes differ
    e.prefixes = {{"x", "http://e/"}};
    f.prefixes = {{"x", "http://f/"}};
    const std::string prefixed = "SELECT ?o { ?s x:p ?o }";
    CHECK(first(e, prefixed) == "1");
    CHECK(first(f, prefixed) == "2");
    CHECK(first(e, prefixed) == "1");

    // Without the built-in prefixes, rdf: is unknown, though the same text was prepared with them.
    const std::string builtin = "SELECT ?s { ?s rdf:type ?o }";
    query::QueryOptions none;
    query::QueryEngine with(*store);
    with.prepare(builtin);
    none.builtinPrefixes = false;
    query::QueryEngine without(*store, none);
    CHECK_THROWS_AS(without.prepare(builtin), query::SemanticError);

    // A syntax error is reported each time, with its place.
    query::QueryEngine engine(*store);
    CHECK_THROWS_AS(engine.prepare("SELECT ?x {"), query::SyntaxError);
    CHECK_THROWS_AS(engine.prepare("SELECT ?x {"), query::SyntaxError);
}

TEST_CASE("a cached query reads the store as it is when it runs; updates are not cached") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    test::loadText(*store, "<http://e/a> <http://e/p> \"1\" .\n");
    query::QueryEngine engine(*store);
    auto count = [&] {
        query::CollectingSink sink;
        engine.execute(engine.prepare("SELECT ?o { ?s <http://e/p> ?o }"), sink);
        return sink.rows.size();
    };
    CHECK(count() == 1);
    std::size_t size = query::PrepareCache::shared().size();
    const std::string insert = "INSERT DATA { <http://e/b> <http://e/p> \"2\" }";
    query::executeUpdate(*store, engine.prepare(insert), {});
    CHECK(query::PrepareCache::shared().size() == size);
    CHECK(count() == 2);
}

TEST_CASE("threads prepare the same and different texts at once, each getting its own query's answer") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    test::loadText(*store, "<http://e/a> <http://e/p> \"1\" .\n");
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            query::QueryEngine engine(*store);
            for (int i = 0; i < 200; ++i) {
                int n = (i * 3 + t) % 300; // more texts than the cache keeps: entries go while others are read
                query::CollectingSink sink;
                engine.execute(engine.prepare(fmt::format("SELECT ({} AS ?n) {{}}", n)), sink);
                if (sink.rows.size() != 1 || sink.rows[0][0]->value != std::to_string(n)) ++wrong;
            }
        });
    for (auto& thread : threads) thread.join();
    CHECK(wrong == 0);
    CHECK(query::PrepareCache::shared().size() <= 256);
}
