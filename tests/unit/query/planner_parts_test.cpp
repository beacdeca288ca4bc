// The planner in parts, on a store whose statistics are known: its estimates pattern by pattern
// (query/planner/cardinality.h) and its join order (join_order.h). The store:
// 300 people, each with one name and two of 30 hobbies; one rare type.

#include "../test_util.h"
#include "query/planner/cardinality.h"
#include "query/planner/join_order.h"
#include "storage/vocabulary.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace corridor;
using corridor::query::algebra::PathPtr;
using corridor::query::algebra::TriplePattern;
using corridor::query::algebra::VarOrTerm;
using corridor::query::planner::Cardinality;
using corridor::test::TempDir;

namespace {
VarOrTerm var(const char* name) {
    return VarOrTerm::variable(name);
}
VarOrTerm iri(const std::string& value) {
    return VarOrTerm::constant(storage::Term::iri("http://e/" + value));
}
TriplePattern triple(VarOrTerm s, VarOrTerm p, VarOrTerm o) {
    TriplePattern t;
    t.subject = std::move(s);
    t.predicate = std::move(p);
    t.object = std::move(o);
    return t;
}
std::string people() {
    std::string d;
    for (int i = 0; i < 300; ++i) {
        d += fmt::format("<http://e/p{}> <http://e/type> <http://e/Person> .\n", i);
        d += fmt::format("<http://e/p{}> <http://e/name> \"n{}\" .\n", i, i);
        d += fmt::format("<http://e/p{}> <http://e/likes> <http://e/h{}> .\n", i, i % 30);
        d += fmt::format("<http://e/p{}> <http://e/likes> <http://e/h{}> .\n", i, (i + 1) % 30);
    }
    d += "<http://e/p7> <http://e/type> <http://e/Rare> .\n";
    return d;
}
// The store above, opened, with its statistics and an estimator over them.
struct PeopleStore {
    TempDir dir;
    std::unique_ptr<storage::Store> store = storage::Store::open(dir.file("db"));
    std::shared_ptr<const storage::ReadView> view = load(*store);
    storage::Statistics stats = view->statistics();
    Cardinality cardinality{*view, stats};

    static std::shared_ptr<const storage::ReadView> load(storage::Store& s) {
        test::loadText(s, people());
        return s.read();
    }
};
} // namespace

TEST_CASE("estimates follow the statistics, and count patterns of constants exactly") {
    PeopleStore people;
    const auto& stats = people.stats;
    const Cardinality& c = people.cardinality;
    const std::set<std::string> none;

    // Constants only: counted (the rare class is 1, not the average of its predicate).
    CHECK(c.estimate(triple(var("x"), iri("type"), iri("Rare")), none) == 1);
    // Past the counting limit: more than the limit, though the statistics average 301 quads over 2
    // distinct objects to 150.5 (Person has 300).
    CHECK(c.estimate(triple(var("x"), iri("type"), iri("Person")), none) == Cardinality::kExactCountLimit + 1);
    // A predicate alone: its quads; with a bound subject: quads per distinct subject.
    CHECK(c.estimate(triple(var("x"), iri("likes"), var("h")), none) == 600);
    CHECK(c.estimate(triple(var("x"), iri("likes"), var("h")), {"x"}) == doctest::Approx(600.0 / 300));
    CHECK(c.estimate(triple(var("x"), iri("likes"), var("h")), {"h"}) == doctest::Approx(600.0 / 30));
    CHECK(c.estimate(triple(var("x"), iri("likes"), var("h")), {"x", "h"}) == 1);
    // A term the store has never seen matches nothing.
    CHECK(c.estimate(triple(var("x"), iri("unknown"), var("h")), none) == 0);
    CHECK(c.estimate(triple(var("x"), iri("type"), iri("Unknown")), none) == 0);
    // A variable predicate: the named defaults, never more than the store holds.
    CHECK(c.estimate(triple(var("x"), var("p"), var("o")), none) == static_cast<double>(stats.quads));
    CHECK(c.estimate(triple(var("x"), var("p"), var("o")), {"x"}) == Cardinality::kStatementsPerSubject);
    CHECK(c.estimate(triple(var("x"), var("p"), var("o")), {"o"}) == Cardinality::kStatementsPerObject);
    CHECK(c.estimate(triple(var("x"), var("p"), var("o")), {"x", "o"}) == Cardinality::kStatementsPerPair);
}

TEST_CASE("a class's members are estimated from the quads the store keeps per class, past the counting limit") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    const std::string type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
    std::string data;
    for (int i = 0; i < 300; ++i) data += fmt::format("<http://e/p{}> {} <http://e/Person> .\n", i, type);
    data += fmt::format("<http://e/p7> {} <http://e/Rare> <http://e/g> .\n", type);
    data += "<http://e/Person> <http://e/label> \"person\" .\n"; // a term, but no class of anything
    test::loadText(*store, data);
    auto view = store->read();
    storage::Statistics stats = view->statistics();
    REQUIRE(stats.classesKept);
    Cardinality c{*view, stats};
    const VarOrTerm rdfType = VarOrTerm::constant(storage::Term::iri(std::string(storage::vocab::kRdfType)));
    CHECK(c.estimate(triple(var("x"), rdfType, iri("Person")), {}) == 300);
    CHECK(c.estimate(triple(var("x"), rdfType, iri("Rare")), {}) == 1);
    CHECK(c.estimate(triple(var("x"), rdfType, iri("label")), {}) == 0);
    // A statistics without the counts (a store of format 1) counts, up to the limit.
    stats.classesKept = false;
    Cardinality counting{*view, stats};
    CHECK(counting.estimate(triple(var("x"), rdfType, iri("Person")), {}) == Cardinality::kExactCountLimit + 1);
}

namespace {
using PathKind = query::algebra::Path::Kind;
query::algebra::PathPtr pathOf(PathKind kind, std::vector<query::algebra::PathPtr> items, const char* iri = nullptr) {
    auto p = std::make_shared<query::algebra::Path>();
    p->kind = kind;
    p->items = std::move(items);
    if (iri) p->iri = storage::Term::iri(std::string("http://e/") + iri);
    return p;
}
TriplePattern pathTriple(query::algebra::PathPtr path) {
    TriplePattern t = triple(var("a"), VarOrTerm{}, var("b"));
    t.path = std::move(path);
    return t;
}
} // namespace

TEST_CASE("a path pattern is estimated by which ends are bound") {
    PeopleStore people;
    const auto& stats = people.stats;
    const Cardinality& c = people.cardinality;
    auto likes = pathOf(PathKind::Iri, {}, "likes");
    TriplePattern t = pathTriple(pathOf(PathKind::OneOrMore, {likes}));
    CHECK(c.estimate(t, {}) == static_cast<double>(stats.quads));
    CHECK(c.estimate(t, {"a", "b"}) == 1);
    // likes+ from a bound subject: 2 hobbies per person, a level each, capped by the 30 hobbies.
    CHECK(c.estimate(t, {"a"}) == 30);
    // From a bound object: 20 people per hobby, capped by the 300 people.
    CHECK(c.estimate(t, {"b"}) == 300);
    // The inverse turns it round; * adds the start itself.
    CHECK(c.estimate(pathTriple(pathOf(PathKind::OneOrMore, {pathOf(PathKind::Inverse, {likes})})), {"a"}) == 300);
    CHECK(c.estimate(pathTriple(pathOf(PathKind::ZeroOrMore, {likes})), {"a"}) == 31);
    // A fan below the cap is summed over kPathLevels levels (name: 1 per person).
    auto name = pathOf(PathKind::Iri, {}, "name");
    CHECK(c.estimate(pathTriple(pathOf(PathKind::OneOrMore, {name})), {"a"}) == Cardinality::kPathLevels);
    // A predicate the store lacks reaches nothing (but the start, for *); other paths: the default.
    auto unknown = pathOf(PathKind::Iri, {}, "unknown");
    CHECK(c.estimate(pathTriple(pathOf(PathKind::OneOrMore, {unknown})), {"a"}) == 0);
    CHECK(c.estimate(pathTriple(pathOf(PathKind::ZeroOrMore, {unknown})), {"a"}) == 1);
    auto sequence = pathOf(PathKind::Sequence, {likes, likes});
    CHECK(c.estimate(pathTriple(pathOf(PathKind::OneOrMore, {sequence})), {"a"}) == Cardinality::kPathReach);
    CHECK(c.estimate(pathTriple(pathOf(PathKind::ZeroOrOne, {likes})), {"a"}) == Cardinality::kPathReach);
}

TEST_CASE("join order: the most selective connected pattern first, merge joins where both sides are sorted") {
    PeopleStore people;
    const Cardinality& c = people.cardinality;
    using corridor::query::planner::JoinOrderInput;
    using corridor::query::planner::JoinStep;
    std::vector<TriplePattern> patterns = {
        triple(var("x"), iri("likes"), var("h")),   // 600 rows
        triple(var("x"), iri("name"), var("n")),    // 300 rows
        triple(var("x"), iri("type"), iri("Rare")), // 1 row (counted)
        triple(var("y"), iri("likes"), var("h")),   // joins through ?h only
    };
    JoinOrderInput in;
    in.patterns = &patterns;
    in.cardinality = &c;
    // Every scan sorted on its subject, as if each came from an index that starts there.
    in.sortVariable = [](const TriplePattern& t) { return t.subject.isVariable ? t.subject.var : std::string(); };
    int checks = 0;
    in.checkCancelled = [&] { ++checks; };
    auto steps = corridor::query::planner::orderJoins(in);
    REQUIRE(steps.size() == 4);
    CHECK(checks == 4);
    CHECK(steps[0].pattern == 2);
    CHECK(steps[0].kind == JoinStep::Kind::First);
    CHECK(steps[0].planRows == 1);
    // With ?x bound: a name per person (1) before two hobbies per person (2).
    CHECK(steps[1].pattern == 1);
    CHECK(steps[2].pattern == 0);
    // Sorted on ?x on both sides and joined only through it, but the name index is 300 rows
    // against a plan of one: probing wins.
    CHECK(steps[1].kind == JoinStep::Kind::Dependent);
    CHECK(steps[3].pattern == 3);
    // ?y likes ?h, joined on ?h: reading the 600 rows whole pays from 600 / (3 + 20 per probe) rows
    // of the plan on; the plan's 2 estimated rows are close enough to that to let the join decide.
    CHECK(steps[3].kind == JoinStep::Kind::Adaptive);
    CHECK(steps[3].hashKeys == std::vector<std::string>{"h"});
    CHECK(steps[3].hashFromRows == doctest::Approx(600.0 / (3 + 20)));
    CHECK(steps[3].planRows == doctest::Approx(1 * 1 * 2 * (600.0 / 30)));

    // Two long patterns sorted on the same variable and joined through it alone: a merge join.
    std::vector<TriplePattern> both = {triple(var("x"), iri("name"), var("n")),
                                       triple(var("x"), iri("likes"), var("h"))};
    in.patterns = &both;
    auto merged = corridor::query::planner::orderJoins(in);
    REQUIRE(merged.size() == 2);
    CHECK(merged[0].pattern == 0); // 300 rows before 600
    CHECK(merged[1].kind == JoinStep::Kind::Merge);
    CHECK(merged[1].sortedOn == "x");

    // A pattern joined on two keys is offered probes on fewer keys that cost at most
    // kProbeChoiceCostRatio times a probe on both: (?y likes ?h) with ?y alone reads 2 rows a
    // probe, kept; with ?h alone 20, left out.
    std::vector<TriplePattern> twoKeys = {
        triple(var("x"), iri("type"), iri("Person")), triple(var("x"), iri("likes"), var("h")),
        triple(var("x"), iri("name"), var("n")),      triple(var("y"), iri("name"), var("n")),
        triple(var("y"), iri("likes"), var("h")),
    };
    in.patterns = &twoKeys;
    auto keyed = corridor::query::planner::orderJoins(in);
    REQUIRE(keyed.size() == 5);
    REQUIRE(keyed[4].pattern == 4);
    REQUIRE(keyed[4].kind == JoinStep::Kind::Adaptive);
    CHECK(keyed[4].hashKeys == std::vector<std::string>{"y", "h"});
    REQUIRE(keyed[4].probeChoices.size() == 2);
    CHECK(keyed[4].probeChoices[0].keys == std::vector<std::string>{"y", "h"});
    CHECK(keyed[4].probeChoices[0].costPerProbe == doctest::Approx(3 + 1));
    CHECK(keyed[4].probeChoices[1].keys == std::vector<std::string>{"y"});
    CHECK(keyed[4].probeChoices[1].costPerProbe == doctest::Approx(3 + 600.0 / 300));
    for (const auto& step : keyed)
        if (step.hashKeys.size() < 2) CHECK(step.probeChoices.empty());

    // A path from a constant goes first unless another pattern is kPathProbeRows times smaller:
    // probed per row later, each row would run a closure. likes+ back from h0 is estimated at the
    // 300 people (likes' fan of 20 a level, capped by its 300 subjects); names are 300 rows, the
    // rare type 1.
    TriplePattern path = triple(var("x"), VarOrTerm{}, iri("h0"));
    path.path = pathOf(PathKind::OneOrMore, {pathOf(PathKind::Iri, {}, "likes")});
    REQUIRE(c.estimate(path, {}) == 300);
    for (const auto& [other, pathFirst] : {std::pair{triple(var("x"), iri("name"), var("n")), true},
                                           std::pair{triple(var("x"), iri("type"), iri("Rare")), false}}) {
        std::vector<TriplePattern> withPath = {other, path};
        in.patterns = &withPath;
        auto order = corridor::query::planner::orderJoins(in);
        REQUIRE(order.size() == 2);
        CHECK(order[0].pattern == (pathFirst ? 1u : 0u));
    }
}
