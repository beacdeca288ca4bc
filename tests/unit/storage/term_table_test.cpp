#include "storage/write/term_table.h"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <string>
#include <vector>

using namespace corridor::storage;

TEST_CASE("the term table finds every key it was given, across growth and blocks") {
    TermTable table(256); // small blocks: keys spread over many
    std::vector<std::string> keys;
    for (int i = 0; i < 5000; ++i) keys.push_back(fmt::format("<http://example.org/term/{}>", i));
    keys.push_back(std::string(1000, 'x')); // longer than a block
    for (std::size_t i = 0; i < keys.size(); ++i) {
        REQUIRE(table.find(keys[i], TermTable::hash(keys[i])) == nullptr);
        const auto& e = table.insert(keys[i], TermTable::hash(keys[i]), i % 2 ? "spelled" : "", i, i % 3 == 0);
        CHECK(e.key == keys[i]);
    }
    CHECK(table.size() == keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const auto* e = table.find(keys[i], TermTable::hash(keys[i]));
        REQUIRE(e != nullptr);
        CHECK(e->id == i);
        CHECK(e->key == keys[i]);
        CHECK(e->original == (i % 2 ? std::string_view("spelled") : std::string_view(keys[i])));
        CHECK(e->isNew == (i % 3 == 0));
    }
    CHECK(table.find("<http://example.org/term/5000>", TermTable::hash("<http://example.org/term/5000>")) == nullptr);
    CHECK(table.bytes() > 5000 * 28);
    table.clear();
    CHECK(table.size() == 0);
    CHECK(table.find(keys[7], TermTable::hash(keys[7])) == nullptr);
}

TEST_CASE("keys whose hashes agree are told apart by their text") {
    TermTable table(1024);
    const std::uint64_t h = 0x1234567890abcdefULL;
    table.insert("a", h, {}, 1, true);
    table.insert("b", h, {}, 2, true);
    table.insert("c", h ^ 1, {}, 3, true); // same upper half, same slot
    REQUIRE(table.find("a", h) != nullptr);
    CHECK(table.find("a", h)->id == 1);
    CHECK(table.find("b", h)->id == 2);
    CHECK(table.find("c", h ^ 1)->id == 3);
    CHECK(table.find("d", h) == nullptr);
}
