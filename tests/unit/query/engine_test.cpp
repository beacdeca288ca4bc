// The engine end to end on small stores: planning choices visible in
// --explain, cancellation, and the query forms.

#include "../test_util.h"
#include "query/engine.h"
#include "query/update/update.h"
#include "query/values/trace_path.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace corridor;
using corridor::test::TempDir;

namespace {
// 200 people of one type, 1 of another: a join should start from the rare type.
std::string skewedData() {
    std::string d;
    for (int i = 0; i < 200; ++i) {
        d += fmt::format("<http://e/p{}> <http://e/type> <http://e/Common> .\n", i);
        d += fmt::format("<http://e/p{}> <http://e/name> \"n{}\" .\n", i, i);
    }
    d += "<http://e/p7> <http://e/type> <http://e/Rare> .\n";
    return d;
}
// A store holding skewedData().
struct SkewedStore : test::LoadedStore {
    SkewedStore() : LoadedStore(skewedData()) {}
};
} // namespace

TEST_CASE("the planner scans the most selective pattern first and filters as early as it can") {
    SkewedStore skewed;
    auto& store = skewed.store;
    query::QueryEngine engine(*store);
    auto prepared = engine.prepare(
        "SELECT ?n WHERE { ?x <http://e/name> ?n . ?x <http://e/type> <http://e/Rare> FILTER(?n != \"z\") }");
    std::string plan = engine.explain(prepared, true);
    CAPTURE(plan);
    // The deepest (first) scan is the rare type; the name lookup follows; the filter sits on top.
    auto rare = plan.find("<http://e/Rare>");
    auto name = plan.find("<http://e/name>");
    REQUIRE(rare != std::string::npos);
    REQUIRE(name != std::string::npos);
    CHECK(rare < name); // the rare type is the dependent join's outer input, listed first
    CHECK(plan.find("scan (?x <http://e/type> <http://e/Rare>) in default graph  [estimated 1 rows, actual 1 rows]") !=
          std::string::npos);
    CHECK(plan.find("scan (?x <http://e/name> ?n) in default graph  [estimated 1 rows, actual 1 rows]") !=
          std::string::npos);
    auto join = plan.find("dependent join");
    REQUIRE(join != std::string::npos);
    CHECK(plan.rfind("filter", join) != std::string::npos); // the filter sits above the join
}

TEST_CASE("a timeout stops a long query from inside the operators") {
    SkewedStore skewed;
    auto& store = skewed.store;
    query::QueryOptions options;
    options.timeout = std::chrono::milliseconds(1);
    query::QueryEngine engine(*store, options);
    // A three-way cross product: 8 million rows, far longer than a millisecond.
    auto prepared =
        engine.prepare("SELECT * WHERE { ?a <http://e/name> ?x . ?b <http://e/name> ?y . ?c <http://e/name> ?z }");
    query::CollectingSink sink;
    CHECK_THROWS_WITH_AS(engine.execute(prepared, sink), doctest::Contains("timeout"), query::CancelledError);
}

TEST_CASE("a timeout counts from the moment given, not from when the query starts") {
    SkewedStore skewed;
    auto& store = skewed.store;
    query::QueryOptions options;
    // An hour's timeout that started two hours ago: a query that takes no time at all stops.
    options.timeout = std::chrono::hours(1);
    options.timeoutFrom = std::chrono::steady_clock::now() - std::chrono::hours(2);
    query::QueryEngine engine(*store, options);
    auto prepared = engine.prepare("SELECT * WHERE { ?a <http://e/name> ?x }");
    query::CollectingSink sink;
    CHECK_THROWS_WITH_AS(engine.execute(prepared, sink), doctest::Contains("timeout"), query::CancelledError);
    options.timeoutFrom.reset();
    query::QueryEngine fresh(*store, options);
    query::CollectingSink all;
    fresh.execute(fresh.prepare("SELECT * WHERE { ?a <http://e/name> ?x }"), all);
    CHECK(all.rows.size() > 0);
}

TEST_CASE("an interrupt flag (Ctrl-C) stops a running query") {
    SkewedStore skewed;
    auto& store = skewed.store;
    std::atomic<bool> interrupt{true};
    query::QueryOptions options;
    options.interrupt = &interrupt;
    query::QueryEngine engine(*store, options);
    auto prepared = engine.prepare("SELECT * WHERE { ?a <http://e/name> ?x . ?b <http://e/name> ?y }");
    query::CollectingSink sink;
    CHECK_THROWS_WITH_AS(engine.execute(prepared, sink), doctest::Contains("interrupted"), query::CancelledError);
}

TEST_CASE("results of the four query forms") {
    test::LoadedStore loaded("<http://e/a> <http://e/p> _:x .\n_:x <http://e/q> \"v\" .\n");
    auto& store = loaded.store;
    query::QueryEngine engine(*store);
    auto run = [&](const char* text) {
        query::CollectingSink sink;
        engine.execute(engine.prepare(text), sink);
        return sink;
    };
    CHECK(run("ASK { ?s ?p ?o }").value);
    CHECK(run("SELECT * { ?s <http://e/p> ?o }").rows.size() == 1);
    // DESCRIBE follows blank node objects (concise bounded description).
    CHECK(run("DESCRIBE <http://e/a>").triples.size() == 2);
    // CONSTRUCT: a fresh blank node per solution.
    auto c = run("CONSTRUCT { [] <http://e/r> ?o } WHERE { ?s ?p ?o }");
    REQUIRE(c.triples.size() == 2);
    CHECK(c.triples[0][0].isBlank());
    CHECK(c.triples[0][0] != c.triples[1][0]);
}

TEST_CASE("two star patterns sorted on the same variable are merge-joined") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    std::string data;
    for (int i = 0; i < 300; ++i) {
        data += fmt::format("<http://e/p{}> <http://e/type> <http://e/Common> .\n", i);
        if (i % 2 == 0) data += fmt::format("<http://e/p{}> <http://e/tag> \"even\" .\n", i);
    }
    test::loadText(*store, data);
    query::QueryEngine engine(*store);
    auto prepared =
        engine.prepare("SELECT ?x WHERE { ?x <http://e/type> <http://e/Common> . ?x <http://e/tag> \"even\" }");
    std::string plan = engine.explain(prepared, true);
    CAPTURE(plan);
    CHECK(plan.find("merge join on ?x  [estimated 150 rows, actual 150 rows]") != std::string::npos);
    query::CollectingSink sink;
    engine.execute(prepared, sink);
    CHECK(sink.rows.size() == 150);
}

TEST_CASE("a query past its memory limit stops with an error naming the limit; ORDER BY ... LIMIT stays small") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    std::string data;
    for (int i = 0; i < 20000; ++i) data += fmt::format("<http://e/s{}> <http://e/v> \"value {}\" .\n", i, i);
    test::loadText(*store, data);
    query::QueryOptions options;
    options.memoryLimit = 1 << 20;
    query::QueryEngine engine(*store, options);
    query::CollectingSink sink;
    // 20,000 rows and their sort keys: more than 1 MiB.
    auto sorted = engine.prepare("SELECT ?s WHERE { ?s <http://e/v> ?v } ORDER BY ?v");
    CHECK_THROWS_WITH_AS(engine.execute(sorted, sink),
                         doctest::Contains("memory limit of 1 MiB (the rows of an ORDER BY)"), query::ResourceError);
    // The best 3 need only a few rows at a time.
    auto top = engine.prepare("SELECT ?s WHERE { ?s <http://e/v> ?v } ORDER BY DESC(?v) LIMIT 3");
    query::CollectingSink topSink;
    engine.execute(top, topSink);
    REQUIRE(topSink.rows.size() == 3);
    CHECK(topSink.rows[0][0]->value == "http://e/s9999");
    CHECK(topSink.rows[2][0]->value == "http://e/s9997");
    // Nested OPTIONALs over unconnected patterns: the inner group (a 400-million-row cross
    // product) goes into a hash table, even with LIMIT 1.
    auto cross = engine.prepare("SELECT * WHERE { ?a <http://e/v> ?x OPTIONAL { ?b <http://e/v> ?y OPTIONAL { ?c "
                                "<http://e/v> ?z } } } LIMIT 1");
    query::CollectingSink crossSink;
    CHECK_THROWS_AS(engine.execute(cross, crossSink), query::ResourceError);
    // DISTINCT and GROUP BY are charged too.
    CHECK_THROWS_WITH_AS(engine.execute(engine.prepare("SELECT DISTINCT ?v WHERE { ?s <http://e/v> ?v }"), sink),
                         doctest::Contains("DISTINCT"), query::ResourceError);
    CHECK_THROWS_WITH_AS(
        engine.execute(engine.prepare("SELECT ?v (COUNT(*) AS ?n) WHERE { ?s <http://e/v> ?v } GROUP BY ?v"), sink),
        doctest::Contains("GROUP BY"), query::ResourceError);
}

TEST_CASE("planning a huge group of patterns stops at the timeout too") {
    SkewedStore skewed;
    auto& store = skewed.store;
    query::QueryOptions options;
    options.timeout = std::chrono::milliseconds(1);
    query::QueryEngine engine(*store, options);
    std::string text = "SELECT * WHERE {";
    for (int i = 0; i < 20000; ++i) text += fmt::format(" ?s{} <http://e/name> ?s{} .", i, i + 1);
    text += " }";
    auto prepared = engine.prepare(text);
    query::CollectingSink sink;
    CHECK_THROWS_WITH_AS(engine.execute(prepared, sink), doctest::Contains("timeout"), query::CancelledError);
}

namespace {
// A tree under r: 100 middle nodes (a level of 100, past the sorted walk's threshold), each with
// three leaves (a level of 300 that nothing points to), loaded interleaved with other predicates'
// quads so that ids of nodes with and without predecessors alternate. m0's edges also sit in graph
// g1 (repeats the default graph must not count twice); x points to m5 in g2 only.
std::string closureTree() {
    std::string data;
    for (int i = 0; i < 100; ++i) {
        data += fmt::format("<http://e/m{}> <http://e/in> <http://e/r> .\n", i);
        for (int j = 0; j < 3; ++j) {
            data += fmt::format("<http://e/l{}_{}> <http://e/in> <http://e/m{}> .\n", i, j, i);
            data += fmt::format("<http://e/l{}_{}> <http://e/name> \"l{}\" .\n", i, j, j);
        }
    }
    data += "<http://e/m0> <http://e/in> <http://e/r> <http://e/g1> .\n";
    data += "<http://e/l0_0> <http://e/in> <http://e/m0> <http://e/g1> .\n";
    data += "<http://e/x> <http://e/in> <http://e/m5> <http://e/g2> .\n";
    return data;
}

std::string countRows(storage::Store& store, const std::string& query) {
    query::QueryEngine engine(store);
    query::CollectingSink sink;
    engine.execute(engine.prepare(query), sink);
    REQUIRE(sink.rows.size() == 1);
    return sink.rows[0][0]->value;
}

// A query's solutions, in its order.
std::vector<std::vector<std::optional<query::Term>>> solutions(query::QueryEngine& engine, const std::string& query) {
    query::CollectingSink sink;
    engine.execute(engine.prepare(query), sink);
    return std::move(sink.rows);
}

std::string explainQuery(storage::Store& store, const std::string& query) {
    query::QueryEngine engine(store);
    return engine.explain(engine.prepare(query), true);
}

// The closures of closureTree() in every graph scope, and inside a write.
void checkTreeClosures(storage::Store& store) {
    auto count = [&](const std::string& where) {
        return countRows(store, "SELECT (COUNT(*) AS ?n) WHERE { " + where + " }");
    };
    CHECK(count("?x <http://e/in>+ <http://e/r>") == "401");
    CHECK(count("<http://e/r> (^<http://e/in>)+ ?x") == "401");
    CHECK(count("?x <http://e/in>* <http://e/r>") == "402");
    CHECK(count("?y <http://e/name> \"l0\" . ?y <http://e/in>+ ?x") == "200"); // forward, from 100 leaves
    CHECK(count("GRAPH <http://e/g1> { ?x <http://e/in>+ <http://e/r> }") == "2");
    CHECK(count("GRAPH <http://e/g2> { ?x <http://e/in>+ <http://e/m5> }") == "1");
    CHECK(countRows(store, "SELECT (COUNT(*) AS ?n) FROM <http://e/g1> FROM <http://e/g2> "
                           "WHERE { ?x <http://e/in>+ <http://e/m0> }") == "1");
    // Inside a write: the request's own inserts are walked too (the scan merges them); w points
    // to two leaves, whose ids lie between m0's and m1's: walking the middle level, the scan
    // must step past the second when it seeks m1.
    query::QueryEngine writer(store);
    query::executeUpdate(
        store,
        writer.prepare("INSERT DATA { <http://e/y> <http://e/in> <http://e/m7> . "
                       "<http://e/z> <http://e/in> <http://e/l3_1> . <http://e/w> <http://e/in> <http://e/l0_1>, "
                       "<http://e/l0_2> } ; "
                       "INSERT { ?x <http://e/under> <http://e/r> } WHERE { ?x <http://e/in>+ <http://e/r> }"),
        {});
    CHECK(count("?x <http://e/under> <http://e/r>") == "404");
}
} // namespace

TEST_CASE("a closure walked backwards steps a large level from one sorted walk, with the same nodes") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    // 10,000 more edges by the same IRI, none reaching r: reading them all would cost more than
    // the closure's seeks, so the closure seeks (and walks its large level).
    std::string noise;
    for (int i = 0; i < 10000; ++i) noise += fmt::format("<http://e/a{}> <http://e/in> <http://e/b{}> .\n", i, i);
    test::loadText(*store, closureTree() + noise);
    const std::string where = "SELECT * WHERE { ?x <http://e/in>+ <http://e/r> }";
    CHECK(explainQuery(*store, where).find("edges read into memory") == std::string::npos);
    checkTreeClosures(*store);
}

TEST_CASE("a closure reads its IRI's edges into memory when seeking node by node would cost more") {
    test::LoadedStore loaded(closureTree());
    auto& store = loaded.store;
    std::string plan = explainQuery(*store, "SELECT * WHERE { ?x <http://e/in>+ <http://e/r> }");
    CAPTURE(plan);
    CHECK(plan.find("401 edges read into memory") != std::string::npos); // the union's, each triple once
    checkTreeClosures(*store);
}

TEST_CASE("a closure the planner expects to be short reads the edges once its seeks have cost as much") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    // One chain c0 -> c1 -> ... -> c999: each node has one successor, so the planner expects a
    // handful of steps, and the search seeks until it has sought about an eighth of the edges.
    std::string data;
    for (int i = 0; i < 999; ++i) data += fmt::format("<http://e/c{}> <http://e/next> <http://e/c{}> .\n", i, i + 1);
    test::loadText(*store, data);
    const std::string query = "SELECT (COUNT(*) AS ?n) WHERE { <http://e/c0> <http://e/next>+ ?x }";
    std::string plan = explainQuery(*store, query);
    CAPTURE(plan);
    CHECK(plan.find("999 edges read into memory") != std::string::npos);
    CHECK(plan.find("[estimated 8 rows, actual 999 rows]") != std::string::npos);
    CHECK(countRows(*store, query) == "999");
    CHECK(countRows(*store, "SELECT (COUNT(*) AS ?n) WHERE { ?x <http://e/next>* <http://e/c999> }") == "1000");
    // Under a memory limit too small to hold them the search keeps seeking, with the same answer.
    query::QueryOptions options;
    options.memoryLimit = 64 * 1024;
    query::QueryEngine engine(*store, options);
    query::CollectingSink sink;
    engine.execute(engine.prepare(query), sink);
    REQUIRE(sink.rows.size() == 1);
    CHECK(sink.rows[0][0]->value == "999");
}

namespace {
// Reads each path's text during the execution, and its steps only when asked to.
struct PathPeek : query::ResultSink {
    bool readSteps = false;
    std::vector<bool> builtWhenSeen;
    std::vector<std::string> texts;
    std::vector<std::size_t> stepCounts;
    void solution(const std::vector<std::optional<query::Term>>& values) override {
        auto path = query::values::pathOf(*values.at(0));
        REQUIRE(path);
        builtWhenSeen.push_back(path->built());
        texts.push_back(path->text);
        if (readSteps) stepCounts.push_back(path->steps().size());
    }
};
} // namespace

TEST_CASE("a TRACE path's detail is built when first read, or as its execution ends if still held") {
    test::LoadedStore loaded("<http://e/a> <http://e/next> <http://e/b> .\n"
                             "<http://e/b> <http://e/next> <http://e/c> .\n"
                             "<http://e/b> <http://www.w3.org/2000/01/rdf-schema#label> \"Bee\" .\n");
    auto& store = loaded.store;
    query::QueryEngine engine(*store);
    auto prepared = engine.prepare("SELECT ?p { TRACE ?p FROM <http://e/a> TO <http://e/c> VIA <http://e/next> }");
    const std::string text = "a \u2014next\u2192 Bee \u2014next\u2192 c";

    // A writer showing only the text never builds the rest.
    PathPeek textOnly;
    engine.execute(prepared, textOnly);
    CHECK(textOnly.builtWhenSeen == std::vector<bool>{false});
    CHECK(textOnly.texts == std::vector<std::string>{text});
    // One that reads the steps builds them there.
    PathPeek steps;
    steps.readSteps = true;
    engine.execute(prepared, steps);
    CHECK(steps.stepCounts == std::vector<std::size_t>{2});

    // Kept past the end of its execution: built before the store state it needs went away.
    query::CollectingSink kept;
    engine.execute(prepared, kept);
    REQUIRE(kept.rows.size() == 1);
    auto path = query::values::pathOf(*kept.rows[0][0]);
    REQUIRE(path);
    CHECK(path->built());
    CHECK(path->text == text);
    REQUIRE(path->nodes().size() == 3);
    CHECK(path->nodes()[1]->label == "Bee");
    REQUIRE(path->steps().size() == 2);
    CHECK(path->steps()[1]->note == "next");
    auto facts = path->facts();
    REQUIRE(facts.size() == 2);
    CHECK(facts[1].subject == query::Term::iri("http://e/b"));
    CHECK(facts[1].object == query::Term::iri("http://e/c"));
}

TEST_CASE("comparisons and logical operators: their three values as a value and as a filter") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    query::QueryEngine engine(*store);
    // The value BIND gets: "true", "false", or unbound (an error).
    auto bound = [&](const std::string& expr) -> std::string {
        query::CollectingSink sink;
        engine.execute(engine.prepare("SELECT ?x { BIND((" + expr + ") AS ?x) }"), sink);
        REQUIRE(sink.rows.size() == 1);
        return sink.rows[0][0] ? sink.rows[0][0]->value : "error";
    };
    CHECK(bound("1 = 2 || 2 = 3") == "false");
    CHECK(bound("1 < 2 && 2 <= 2") == "true");
    CHECK(bound("\"a\" < 1 || 1 = 1") == "true");
    CHECK(bound("\"a\" < 1 || 1 = 2") == "error");
    CHECK(bound("\"a\" < 1 && 1 = 2") == "false");
    CHECK(bound("\"a\" < 1 && 1 = 1") == "error");
    CHECK(bound("!(2 > 1)") == "false");
    CHECK(bound("!(\"a\" >= 1)") == "error");
    CHECK(bound("1 != 1.0") == "false");
    // As a filter an error drops the row like false, but not under a negation of false.
    auto rows = [&](const std::string& expr) {
        query::CollectingSink sink;
        engine.execute(engine.prepare("SELECT * { FILTER(" + expr + ") }"), sink);
        return sink.rows.size();
    };
    CHECK(rows("!(\"a\" < 1 && 1 = 2)") == 1);
    CHECK(rows("!(\"a\" < 1 || 1 = 2)") == 0);
    CHECK(rows("!(1 = 2 || 2 = 3)") == 1);
    CHECK(rows("\"a\" < 1") == 0);
}

TEST_CASE("stored integers compare by value, whether their ids hold them or the dictionary does") {
    // -5, 3 and 1000000 are inline ids; "03" is not canonical, so a dictionary term of value 3.
    test::LoadedStore loaded("<http://e/a> <http://e/v> \"-5\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
                             "<http://e/b> <http://e/v> \"3\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
                             "<http://e/c> <http://e/v> \"03\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
                             "<http://e/d> <http://e/v> \"1000000\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
    query::QueryEngine engine(*loaded.store);
    // The local names of the ?y the pattern finds, in order.
    auto subjectsWhere = [&](const std::string& where) {
        std::string out;
        for (const auto& row : solutions(engine, "SELECT ?y WHERE { " + where + " } ORDER BY ?y"))
            out += (out.empty() ? "" : " ") + row[0]->value.substr(9);
        return out;
    };
    // The subjects whose value v makes `3 op v` true, 3 being b's (inline) value.
    auto against3 = [&](const std::string& op) {
        return subjectsWhere("<http://e/b> <http://e/v> ?vx . ?y <http://e/v> ?vy FILTER(?vx " + op + " ?vy)");
    };
    CHECK(against3("=") == "b c");
    CHECK(against3("!=") == "a d");
    CHECK(against3("<") == "d");
    CHECK(against3(">") == "a");
    CHECK(against3("<=") == "b c d");
    CHECK(against3(">=") == "a b c");
    // The same against the constant 3 (and a constant that is no inline integer, 3.0).
    auto subjects = [&](const std::string& filter) {
        return subjectsWhere("?y <http://e/v> ?vy FILTER(" + filter + ")");
    };
    CHECK(subjects("?vy < 3") == "a");
    CHECK(subjects("?vy >= 3") == "b c d");
    CHECK(subjects("3 = ?vy") == "b c");
    CHECK(subjects("?vy != 3") == "a d");
    CHECK(subjects("1000000 <= ?vy") == "d");
    CHECK(subjects("?vy > -6") == "a b c d");
    CHECK(subjects("?vy < 3.0") == "a");
}

TEST_CASE("GROUP BY with plain counts: COUNT(*) counts rows, COUNT(?v) the rows where ?v is bound") {
    // a has three values, two of them named; b one, named; c none by <v>.
    test::LoadedStore loaded("<http://e/a> <http://e/v> <http://e/x1> .\n<http://e/a> <http://e/v> <http://e/x2> .\n"
                             "<http://e/a> <http://e/v> <http://e/x3> .\n<http://e/b> <http://e/v> <http://e/x1> .\n"
                             "<http://e/x1> <http://e/name> \"one\" .\n<http://e/x3> <http://e/name> \"three\" .\n"
                             "<http://e/c> <http://e/w> <http://e/x2> .\n");
    query::QueryEngine engine(*loaded.store);
    auto table = [&](const std::string& query) {
        std::string out;
        for (const auto& row : solutions(engine, query)) {
            for (const auto& v : row) out += (v ? v->value : "-") + " ";
            out += "| ";
        }
        return out;
    };
    const std::string where = "WHERE { ?s <http://e/v> ?x OPTIONAL { ?x <http://e/name> ?n } } GROUP BY ?s ORDER BY ?s";
    CHECK(table("SELECT ?s (COUNT(*) AS ?rows) (COUNT(?n) AS ?named) " + where) ==
          "http://e/a 3 2 | http://e/b 1 1 | ");
    // With an aggregate that is no plain count, every aggregate goes the general way: the same counts.
    CHECK(table("SELECT ?s (COUNT(*) AS ?rows) (COUNT(?n) AS ?named) (COUNT(DISTINCT ?x) AS ?xs) " + where) ==
          "http://e/a 3 2 3 | http://e/b 1 1 1 | ");
    // No GROUP BY and no rows: one group, counted 0.
    CHECK(table("SELECT (COUNT(?n) AS ?named) WHERE { ?s <http://e/none> ?n }") == "0 | ");
}
