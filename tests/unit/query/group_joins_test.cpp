// Joins between the parts of a group (a pattern and a UNION, an OPTIONAL, a subquery): run the
// right side once per left row when that reads less (plan_probed_side.cpp), read nothing of the
// left when the right side is empty, and give the rows SPARQL's bottom-up reading gives.

#include "../test_util.h"
#include "query/engine.h"

#include <algorithm>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <set>

using namespace corridor;

namespace {
// 300 people of a common type with a name, most with an e-mail address; three rare ones, of whom
// p1 has no address and p2 the address "skip".
std::string peopleData() {
    std::string d;
    for (int i = 0; i < 300; ++i) {
        d += fmt::format("<http://e/p{}> <http://e/type> <http://e/{}> .\n", i,
                         i == 1 || i == 2 || i == 3 ? "Rare" : "Common");
        d += fmt::format("<http://e/p{}> <http://e/name> \"n{}\" .\n", i, i);
        if (i != 1 && i % 10 != 9)
            d += fmt::format("<http://e/p{}> <http://e/email> \"{}\" .\n", i, i == 2 ? "skip" : fmt::format("m{}", i));
    }
    return d;
}

struct People : test::LoadedStore {
    People() : LoadedStore(peopleData()) {}
    query::QueryEngine engine{*store};
    std::string plan(const std::string& text) { return engine.explain(engine.prepare(text), true); }
    // Each row as "var=value ..." (unbound left out), sorted.
    std::multiset<std::string> rows(const std::string& text) {
        query::CollectingSink sink;
        engine.execute(engine.prepare(text), sink);
        std::multiset<std::string> out;
        for (const auto& row : sink.rows) {
            std::string line;
            for (std::size_t i = 0; i < row.size(); ++i)
                if (row[i]) line += sink.variables[i] + "=" + row[i]->value + " ";
            out.insert(line);
        }
        return out;
    }
};
} // namespace

TEST_CASE("a UNION after a few rows runs once per row with the row's values bound") {
    People people;
    const std::string q = "SELECT ?x ?v WHERE { ?x <http://e/type> <http://e/Rare> . "
                          "{ ?x <http://e/name> ?v } UNION { ?x <http://e/email> ?v } }";
    std::string plan = people.plan(q);
    CAPTURE(plan);
    // The union is opened for each of the three rare people, and reads only their statements.
    CHECK(plan.find("dependent join") != std::string::npos);
    CHECK(plan.find("union  [actual 5 rows over 3 opens]") != std::string::npos);
    CHECK(plan.find("hash join") == std::string::npos);
    CHECK(people.rows(q) == std::multiset<std::string>{"x=http://e/p1 v=n1 ", "x=http://e/p2 v=n2 ",
                                                       "x=http://e/p2 v=skip ", "x=http://e/p3 v=m3 ",
                                                       "x=http://e/p3 v=n3 "});
}

TEST_CASE("an OPTIONAL after a few rows runs once per row, keeping rows it does not match") {
    People people;
    const std::string q = "SELECT ?x ?e WHERE { ?x <http://e/type> <http://e/Rare> "
                          "OPTIONAL { ?x <http://e/email> ?e FILTER(?e != \"skip\") } }";
    std::string plan = people.plan(q);
    CAPTURE(plan);
    CHECK(plan.find("dependent left join (OPTIONAL) with filter  [actual 3 rows]") != std::string::npos);
    // p1 has no address and p2's fails the filter: both stay, without ?e.
    CHECK(people.rows(q) == std::multiset<std::string>{"x=http://e/p1 ", "x=http://e/p2 ", "x=http://e/p3 e=m3 "});
}

TEST_CASE("OPTIONALs one after another each run once per row") {
    People people;
    const std::string q = "SELECT ?x ?n ?e WHERE { ?x <http://e/type> <http://e/Rare> "
                          "OPTIONAL { ?x <http://e/email> ?e } OPTIONAL { ?x <http://e/name> ?n } }";
    std::string plan = people.plan(q);
    CAPTURE(plan);
    // The second's left side is the first OPTIONAL: at least its three rows, one probe each.
    auto first = plan.find("dependent left join (OPTIONAL)");
    REQUIRE(first != std::string::npos);
    CHECK(plan.find("dependent left join (OPTIONAL)", first + 1) != std::string::npos);
    CHECK(people.rows(q) ==
          std::multiset<std::string>{"x=http://e/p1 n=n1 ", "x=http://e/p2 n=n2 e=skip ", "x=http://e/p3 n=n3 e=m3 "});
}

TEST_CASE("an OPTIONAL after many rows reads its side once into a hash table") {
    People people;
    const std::string q = "SELECT (COUNT(*) AS ?n) (COUNT(?e) AS ?m) WHERE { ?x <http://e/type> <http://e/Common> "
                          "OPTIONAL { ?x <http://e/email> ?e } }";
    std::string plan = people.plan(q);
    CAPTURE(plan);
    CHECK(plan.find("left join (OPTIONAL) on 1 key(s)") != std::string::npos);
    CHECK(plan.find("dependent left join") == std::string::npos);
    // 297 common people, of whom 30 (i % 10 == 9, none rare) have no address.
    CHECK(people.rows(q) == std::multiset<std::string>{"n=297 m=267 "});
}

TEST_CASE("a UNION branch whose filter reads a variable from outside the branch is not run per row") {
    People people;
    // Inside the first branch ?n is not in scope (unbound), so its filter removes every row there;
    // running the branch with the outer row's ?n bound would keep p3's address.
    const std::string q = "SELECT ?x ?v WHERE { ?x <http://e/type> <http://e/Rare> . ?x <http://e/name> ?n . "
                          "{ ?x <http://e/email> ?v FILTER(?n = \"n3\") } UNION { ?x <http://e/name> ?v } }";
    std::string plan = people.plan(q);
    CAPTURE(plan);
    CHECK(plan.find("hash join") != std::string::npos);
    CHECK(people.rows(q) ==
          std::multiset<std::string>{"x=http://e/p1 v=n1 ", "x=http://e/p2 v=n2 ", "x=http://e/p3 v=n3 "});
}

namespace {
// The actual rows --explain reports on the first line holding `what`.
std::uint64_t actualRows(const std::string& plan, const std::string& what) {
    auto at = plan.find(what);
    REQUIRE(at != std::string::npos);
    auto actual = plan.find("actual ", at);
    REQUIRE(actual < plan.find('\n', at));
    return std::stoull(plan.substr(actual + 7));
}
} // namespace

TEST_CASE("a join with an empty side reads little or nothing of its other side") {
    People people;
    // A subquery is joined by hashing. When it has no rows, the product of everyone with everyone's
    // names (89,100 rows) is not made: only its first batch is looked at.
    const std::string emptyRight = "SELECT * WHERE { ?x <http://e/type> <http://e/Common> . ?y <http://e/name> ?n . "
                                   "{ SELECT ?z WHERE { ?z <http://e/type> <http://e/Nobody> } } }";
    std::string plan = people.plan(emptyRight);
    CAPTURE(plan);
    CHECK(actualRows(plan, "hash join on 0 key(s)") == 0);
    CHECK(actualRows(plan, "dependent join") <= 4096);
    CHECK(people.rows(emptyRight).empty());
    // When the left side has no rows, the subquery is never run.
    const std::string emptyLeft = "SELECT * WHERE { ?x <http://e/type> <http://e/Nobody> . "
                                  "{ SELECT ?y ?n WHERE { ?y <http://e/name> ?n } } }";
    plan = people.plan(emptyLeft);
    CHECK(actualRows(plan, "scan (?y <http://e/name> ?n)") == 0);
    CHECK(people.rows(emptyLeft).empty());
    // The same for an OPTIONAL read by hashing.
    const std::string emptyOptional = "SELECT * WHERE { ?x <http://e/type> <http://e/Nobody> . "
                                      "OPTIONAL { SELECT ?x ?n WHERE { ?x <http://e/name> ?n } } }";
    plan = people.plan(emptyOptional);
    CAPTURE(plan);
    CHECK(actualRows(plan, "left join (OPTIONAL)") == 0);
    CHECK(actualRows(plan, "scan (?x <http://e/name> ?n)") == 0);
}
