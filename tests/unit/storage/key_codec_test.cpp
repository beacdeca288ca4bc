#include "storage/key_codec.h"

#include <doctest/doctest.h>
#include <set>

using namespace corridor::storage;

TEST_CASE("index keys round-trip in every order") {
    QuadIds q;
    q.ids = {0x1000000000000001ULL, 0x2ffffffffffffff0ULL, 0xffULL, 0ULL};
    for (IndexOrder order : kAllOrders) {
        CAPTURE(indexName(order));
        std::string key = encodeKey(order, q);
        CHECK(key.size() == kKeySize);
        CHECK(decodeKey(order, key) == q);
    }
}

TEST_CASE("key byte order equals id order") {
    QuadIds a, b;
    a.ids = {1, 2, 3, 0};
    b.ids = {1, 2, 0x100, 0};
    CHECK(encodeKey(IndexOrder::SPOG, a) < encodeKey(IndexOrder::SPOG, b));
    b.ids = {0x0100000000000000ULL, 0, 0, 0};
    CHECK(encodeKey(IndexOrder::SPOG, a) < encodeKey(IndexOrder::SPOG, b));
}

TEST_CASE("upperBound strips trailing 0xFF bytes before incrementing") {
    CHECK(*upperBound(std::string("\x01\x02", 2)) == std::string("\x01\x03", 2));
    CHECK(*upperBound(std::string("\x01\xff", 2)) == std::string("\x02", 1));
    CHECK(*upperBound(std::string("\x01\xff\xff\xff", 4)) == std::string("\x02", 1));
    CHECK(*upperBound(std::string("\x00\xff", 2)) == std::string("\x01", 1));
    CHECK_FALSE(upperBound(std::string("\xff\xff", 2)));
    CHECK_FALSE(upperBound(""));

    // Every key that starts with the prefix sorts below the bound.
    std::string prefix("\x07\xff", 2);
    std::string bound = *upperBound(prefix);
    for (unsigned c = 0; c < 256; ++c) {
        std::string key = prefix + static_cast<char>(c) + std::string(5, '\xff');
        CHECK(key < bound);
    }
    CHECK_FALSE(std::string("\x08", 1) < bound);
}

TEST_CASE("each of the 16 bound/unbound patterns maps to one exact prefix scan") {
    std::set<std::pair<int, int>> seen;
    for (int mask = 0; mask < 16; ++mask) {
        QuadPattern pattern{};
        int bound = 0;
        for (int c = 0; c < 4; ++c) {
            if (mask & (1 << c)) {
                pattern[c] = static_cast<TermId>(c + 10);
                ++bound;
            }
        }
        CAPTURE(mask);
        IndexChoice choice = chooseIndex(pattern);
        CHECK(choice.boundPrefix == bound);
        const auto& comps = componentsOf(choice.order);
        for (int i = 0; i < bound; ++i) CHECK(pattern[comps[i]].has_value());
        std::string prefix = prefixFor(choice.order, pattern, choice.boundPrefix);
        CHECK(prefix.size() == static_cast<std::size_t>(8 * bound));
    }
    // Graph-free patterns use the triple-first orders.
    QuadPattern sOnly{};
    sOnly[kSubject] = 5;
    CHECK(chooseIndex(sOnly).order == IndexOrder::SPOG);
    QuadPattern gOnly{};
    gOnly[kGraph] = 5;
    CHECK(chooseIndex(gOnly).order == IndexOrder::GSPO);
    // The default graph is in the G-last orders only: its graph is a filter after the prefix,
    // and part of the prefix only when s, p and o are bound too.
    for (int mask = 0; mask < 8; ++mask) {
        QuadPattern pattern{};
        pattern[kGraph] = kDefaultGraph;
        int bound = 0;
        for (int c = 0; c < 3; ++c)
            if (mask & (1 << c)) {
                pattern[c] = static_cast<TermId>(c + 10);
                ++bound;
            }
        CAPTURE(mask);
        IndexChoice choice = chooseIndex(pattern);
        CHECK_FALSE(isGraphFirst(choice.order));
        CHECK(choice.boundPrefix == (bound == 3 ? 4 : bound));
    }
    CHECK(gLastTwin(IndexOrder::GPOS) == IndexOrder::POSG);
    CHECK(gLastTwin(IndexOrder::OSPG) == IndexOrder::OSPG);
}
