// What TRACE reads about nodes (NodeFacts): a node's values of a property are the same whether
// they come from one walk over its subject quads (few of them) or from a lookup per property
// (many), and the walk stops at its limit.

#include "../test_util.h"
#include "query/executor/trace/node_facts.h"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <set>

using namespace corridor;
using namespace corridor::query::executor::trace;
using storage::Term;

namespace {

// The objects of (node, property, ?, any graph) read straight from the index, in id order.
std::vector<TermId> scanned(const storage::ReadView& view, TermId node, TermId property) {
    storage::QuadPattern pattern{};
    pattern[storage::kSubject] = node;
    pattern[storage::kPredicate] = property;
    std::set<TermId> out;
    auto scan = view.scan(pattern);
    for (storage::QuadIds q; scan.next(q);) out.insert(q.o());
    return {out.begin(), out.end()};
}

} // namespace

TEST_CASE("a node's values are the same walked or looked up, on both sides of the walk's limit") {
    test::TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    const std::size_t limit = NodeFacts::kSubjectWalkLimit;
    // ex:small has few quads (one repeated in two graphs); ex:edge exactly the limit; ex:big one more.
    std::string data = "<http://ex/small> <http://ex/label> \"Small\" .\n"
                       "<http://ex/small> <http://ex/label> \"Small\" <http://ex/g> .\n"
                       "<http://ex/small> <http://ex/type> <http://ex/Zone> .\n"
                       "<http://ex/small> <http://ex/type> <http://ex/Place> <http://ex/g> .\n";
    for (const char* node : {"edge", "big"}) {
        std::size_t n = std::string(node) == "edge" ? limit : limit + 1;
        data += fmt::format("<http://ex/{}> <http://ex/label> \"{}\" .\n", node, node);
        for (std::size_t i = 1; i < n; ++i)
            data += fmt::format("<http://ex/{}> <http://ex/link> <http://ex/n{}> .\n", node, i);
    }
    test::loadText(*store, data);
    auto view = store->read();
    TraceVocabulary vocabulary;
    NodeFacts facts(*view, vocabulary);
    auto id = [&](const char* iri) { return *view->lookup(Term::iri(iri)); };
    TermId label = id("http://ex/label"), type = id("http://ex/type"), link = id("http://ex/link");

    const auto* small = facts.subjectQuads(id("http://ex/small"));
    REQUIRE(small != nullptr);
    CHECK(small->size() == 4);
    const auto* edge = facts.subjectQuads(id("http://ex/edge"));
    REQUIRE(edge != nullptr);
    CHECK(edge->size() == limit);
    CHECK(facts.subjectQuads(id("http://ex/big")) == nullptr);

    for (const char* node : {"http://ex/small", "http://ex/edge", "http://ex/big"}) {
        CAPTURE(node);
        for (TermId property : {label, type, link}) {
            auto expected = scanned(*view, id(node), property);
            CHECK(facts.objects(id(node), property) == expected);
            CHECK(facts.values(property, id(node)) == expected);
        }
    }
    CHECK(facts.objects(id("http://ex/small"), label).size() == 1); // one value, in two graphs
    CHECK(facts.objects(id("http://ex/big"), link).size() == limit);
}
