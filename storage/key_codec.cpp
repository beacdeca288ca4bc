#include "storage/key_codec.h"

#include "storage/error.h"

namespace corridor::storage {

namespace {
constexpr std::array<std::array<Component, 4>, kIndexCount> kComponents = {{
    {kSubject, kPredicate, kObject, kGraph}, // SPOG
    {kPredicate, kObject, kSubject, kGraph}, // POSG
    {kObject, kSubject, kPredicate, kGraph}, // OSPG
    {kGraph, kSubject, kPredicate, kObject}, // GSPO
    {kGraph, kPredicate, kObject, kSubject}, // GPOS
    {kGraph, kObject, kSubject, kPredicate}, // GOSP
}};
constexpr std::array<const char*, kIndexCount> kNames = {"spog", "posg", "ospg", "gspo", "gpos", "gosp"};
} // namespace

const std::array<Component, 4>& componentsOf(IndexOrder order) {
    return kComponents[static_cast<int>(order)];
}

const char* indexName(IndexOrder order) {
    return kNames[static_cast<int>(order)];
}

void encodeKey(IndexOrder order, const QuadIds& quad, char* out) {
    const auto& comps = componentsOf(order);
    for (int i = 0; i < 4; ++i) putBigEndian(out + 8 * i, quad.ids[comps[i]]);
}

std::string encodeKey(IndexOrder order, const QuadIds& quad) {
    std::string key(kKeySize, '\0');
    encodeKey(order, quad, key.data());
    return key;
}

QuadIds decodeKey(IndexOrder order, std::string_view key) {
    if (key.size() != kKeySize) throw StorageError("corrupted index key (wrong length)");
    const auto& comps = componentsOf(order);
    QuadIds quad;
    for (int i = 0; i < 4; ++i) quad.ids[comps[i]] = getBigEndian(key.data() + 8 * i);
    return quad;
}

IndexOrder gLastTwin(IndexOrder order) {
    switch (order) {
    case IndexOrder::GSPO: return IndexOrder::SPOG;
    case IndexOrder::GPOS: return IndexOrder::POSG;
    case IndexOrder::GOSP: return IndexOrder::OSPG;
    default: return order;
    }
}

IndexChoice chooseIndex(const QuadPattern& pattern) {
    if (pattern[kGraph] == kDefaultGraph) {
        QuadPattern triple = pattern;
        triple[kGraph].reset();
        const IndexOrder order = chooseIndex(triple).order; // G-last: the graph is free
        return {order, boundPrefix(order, pattern)};
    }
    int boundCount = 0;
    for (const auto& c : pattern) boundCount += c.has_value();
    // The orders are listed so that a free graph prefers S/P/O-first orders.
    for (IndexOrder order : kAllOrders)
        if (int prefix = boundPrefix(order, pattern); prefix == boundCount) return {order, prefix};
    throw StorageError("no index covers the pattern"); // unreachable: the six orders cover all 16
}

std::string prefixFor(IndexOrder order, const QuadPattern& pattern, int boundPrefix) {
    std::string prefix(8 * static_cast<std::size_t>(boundPrefix), '\0');
    const auto& comps = componentsOf(order);
    for (int i = 0; i < boundPrefix; ++i) putBigEndian(prefix.data() + 8 * i, *pattern[comps[i]]);
    return prefix;
}

std::optional<std::string> upperBound(std::string_view prefix) {
    std::string bound(prefix);
    while (!bound.empty() && static_cast<unsigned char>(bound.back()) == 0xff) bound.pop_back();
    if (bound.empty()) return std::nullopt;
    bound.back() = static_cast<char>(static_cast<unsigned char>(bound.back()) + 1);
    return bound;
}

} // namespace corridor::storage
