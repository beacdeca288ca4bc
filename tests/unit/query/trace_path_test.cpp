// The typed TRACE path value: its JSON written and read back field for field, the
// payload found through the literal, and a payload that is no part of a term's identity.

#include "query/values/path_json.h"
#include "query/values/trace_path.h"
#include "storage/vocabulary.h"

#include <atomic>
#include <doctest/doctest.h>
#include <stdexcept>
#include <thread>

using namespace corridor;
using query::values::PathNode;
using query::values::PathStep;
using query::values::TracePath;
using storage::Term;

namespace {

// a -(VIA :link, in :g1)-> b -(STEP with ?t = _:t1, ?y = 2006)-> c, with b2 a member the same as b.
std::shared_ptr<TracePath> samplePath() {
    auto node = [](const char* iri, const char* brief, bool scaled) {
        auto n = std::make_shared<PathNode>();
        n->term = Term::iri(iri);
        n->label = std::string(brief) + " (long)";
        n->brief = brief;
        n->types = {"http://ex/Type"};
        if (scaled) {
            n->scale = "http://ex/scale/national";
            n->scaleLabel = "national";
            n->rank = 5;
        }
        n->countries = {"http://ex/THA"};
        n->countryLabels = {"Thailand"};
        return n;
    };
    auto path = std::make_shared<TracePath>();
    path->start = Term::iri("http://ex/a");
    path->end = Term::iri("http://ex/c");
    path->edit().nodes = {node("http://ex/a", "A", true), node("http://ex/b", "B", false),
                          node("http://ex/c", "C \"q\"", true)};
    path->edit().members.push_back({node("http://ex/b2", "B2", false), Term::iri("http://ex/b")});
    auto via = std::make_shared<PathStep>();
    via->from = path->start;
    via->to = Term::iri("http://ex/b");
    via->predicate = "http://ex/link";
    via->inverse = true;
    via->note = "link";
    via->graphs = {"http://ex/g1"};
    via->sources = {"http://ex/g1", "http://ex/doc"};
    via->facts.push_back(
        {Term::iri("http://ex/b"), Term::iri("http://ex/link"), path->start, Term::iri("http://ex/g1")});
    auto pattern = std::make_shared<PathStep>();
    pattern->from = Term::iri("http://ex/b2");
    pattern->to = path->end;
    pattern->pattern = true;
    pattern->bindings = {{"t", Term::blank("t1")},
                         {"y", Term::literal("2006", "http://www.w3.org/2001/XMLSchema#gYear")}};
    pattern->labels = {{"t", "t1"}, {"y", "2006"}};
    pattern->note = "2006";
    pattern->facts.push_back({Term::blank("t1"), Term::iri("http://ex/to"), path->end, std::nullopt});
    path->edit().steps = {via, pattern};
    path->text = "A \u2190link\u2014 B (= B2) \u20142006\u2192 C \"q\"";
    return path;
}

void checkSameNode(const PathNode& a, const PathNode& b) {
    CHECK(a.term == b.term);
    CHECK(a.label == b.label);
    CHECK(a.brief == b.brief);
    CHECK(a.types == b.types);
    CHECK(a.scale == b.scale);
    CHECK(a.scaleLabel == b.scaleLabel);
    CHECK(a.rank == b.rank);
    CHECK(a.countries == b.countries);
    CHECK(a.countryLabels == b.countryLabels);
}

void checkSameStep(const PathStep& a, const PathStep& b) {
    CHECK(a.from == b.from);
    CHECK(a.to == b.to);
    CHECK(a.predicate == b.predicate);
    CHECK(a.inverse == b.inverse);
    CHECK(a.pattern == b.pattern);
    CHECK(a.bindings == b.bindings);
    CHECK(a.labels == b.labels);
    CHECK(a.note == b.note);
    CHECK(a.graphs == b.graphs);
    CHECK(a.sources == b.sources);
    REQUIRE(a.facts.size() == b.facts.size());
    for (std::size_t i = 0; i < a.facts.size(); ++i) {
        CHECK(a.facts[i].s == b.facts[i].s);
        CHECK(a.facts[i].p == b.facts[i].p);
        CHECK(a.facts[i].o == b.facts[i].o);
        CHECK(a.facts[i].g == b.facts[i].g);
    }
}

} // namespace

TEST_CASE("a path's JSON reads back as the same path, field for field") {
    auto path = samplePath();
    std::string json;
    query::values::appendPathJson(json, *path);
    auto back = query::values::parsePathJson(json);
    REQUIRE(back);
    CHECK(back->start == path->start);
    CHECK(back->end == path->end);
    CHECK(back->text == path->text);
    REQUIRE(back->nodes().size() == path->nodes().size());
    for (std::size_t i = 0; i < path->nodes().size(); ++i) checkSameNode(*back->nodes()[i], *path->nodes()[i]);
    REQUIRE(back->members().size() == 1);
    checkSameNode(*back->members()[0].node, *path->members()[0].node);
    CHECK(back->members()[0].sameAs == path->members()[0].sameAs);
    REQUIRE(back->steps().size() == path->steps().size());
    for (std::size_t i = 0; i < path->steps().size(); ++i) checkSameStep(*back->steps()[i], *path->steps()[i]);
    // Written again, the same bytes.
    std::string again;
    query::values::appendPathJson(again, *back);
    CHECK(again == json);
    CHECK(json.find("\"length\":2") != std::string::npos);
}

TEST_CASE("JSON that is not a path is refused, not half read") {
    for (const char* text : {"", "not json", "[]", "{\"text\":\"x\"}", "{\"start\":1,\"end\":2,\"steps\":[]}",
                             R"({"start":{"type":"uri","value":"a"},"end":{"type":"uri","value":"b"},"steps":[7]})"})
        CHECK_MESSAGE(query::values::parsePathJson(text) == nullptr, text);
}

TEST_CASE("the path a term stands for: its payload, its JSON, or none") {
    auto path = samplePath();
    Term t = query::values::pathTerm(path);
    CHECK(t.value == path->text);
    CHECK(t.datatype == storage::vocab::kTracePath);
    CHECK(query::values::pathOf(t) == path); // the payload itself, not a copy

    std::string json;
    query::values::appendPathJson(json, *path);
    auto read = query::values::pathOf(Term::literal(json, std::string(storage::vocab::kTracePath)));
    REQUIRE(read);
    CHECK(read->steps().size() == 2);
    CHECK(query::values::pathOf(Term::literal(json)) == nullptr); // not a path
    CHECK(query::values::pathOf(Term::literal(path->text, std::string(storage::vocab::kTracePath))) ==
          nullptr); // text only

    auto facts = path->facts();
    REQUIRE(facts.size() == 2);
    CHECK(facts[0].graph == Term::iri("http://ex/g1"));
    CHECK(!facts[1].graph);
    CHECK(path->describe(Term::iri("http://ex/b2"))->brief == "B2");
    CHECK(path->describe(Term::iri("http://ex/zz")) == nullptr);
}

TEST_CASE("a payload is no part of a term's identity") {
    Term a = query::values::pathTerm(samplePath());
    Term b = Term::literal(a.value, a.datatype);
    CHECK(a == b);
    CHECK((a <=> b) == 0);
    CHECK(Term::iri("http://ex/a") < Term::iri("http://ex/b"));
    CHECK(Term::iri("http://ex/z") < Term::blank("a")); // kind first
}

TEST_CASE("a path built when read: once, by whichever of several threads reads first") {
    auto sample = samplePath();
    std::atomic<int> builds{0};
    auto lazy = std::make_shared<TracePath>(2, [&] {
        ++builds;
        query::values::PathDetail d;
        d.nodes = sample->nodes();
        d.members = sample->members();
        d.steps = sample->steps();
        return d;
    });
    CHECK(lazy->length() == 2); // known before the detail
    CHECK_FALSE(lazy->built());
    std::vector<std::thread> readers;
    std::atomic<std::size_t> stepsSeen{0};
    for (int i = 0; i < 4; ++i) readers.emplace_back([&] { stepsSeen += lazy->steps().size(); });
    for (auto& r : readers) r.join();
    CHECK(builds == 1);
    CHECK(stepsSeen == 8);
    CHECK(lazy->built());
    CHECK(lazy->facts().size() == 2);
    CHECK(lazy->describe(Term::iri("http://ex/b2")) != nullptr); // a member

    // A builder that fails leaves the path unbuilt, to be tried again; abandon() gives up.
    int attempts = 0;
    auto failing = std::make_shared<TracePath>(1, [&]() -> query::values::PathDetail {
        ++attempts;
        throw std::runtime_error("store gone");
    });
    CHECK_THROWS(failing->steps());
    CHECK_FALSE(failing->built());
    failing->abandon();
    CHECK(failing->built());
    CHECK(failing->steps().empty());
    CHECK(attempts == 1);
}
