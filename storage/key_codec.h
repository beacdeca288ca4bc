#pragma once
// Index keys: four 8-byte big-endian ids in an index order, 32 bytes in all.
// Big-endian makes byte order equal id order, so every scan returns ids sorted
// on its leading components (what merge joins need).

#include "storage/term_id.h"

#include <array>
#include <bit>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace corridor::storage {

enum Component : int { kSubject = 0, kPredicate = 1, kObject = 2, kGraph = 3 };

struct QuadIds {
    std::array<TermId, 4> ids{}; // indexed by Component
    TermId s() const { return ids[kSubject]; }
    TermId p() const { return ids[kPredicate]; }
    TermId o() const { return ids[kObject]; }
    TermId g() const { return ids[kGraph]; }
    bool operator==(const QuadIds&) const = default;
};

enum class IndexOrder : int { SPOG = 0, POSG, OSPG, GSPO, GPOS, GOSP };
inline constexpr int kIndexCount = 6;
inline constexpr std::size_t kKeySize = 32;
inline constexpr std::array<IndexOrder, kIndexCount> kAllOrders = {
    IndexOrder::SPOG, IndexOrder::POSG, IndexOrder::OSPG, IndexOrder::GSPO, IndexOrder::GPOS, IndexOrder::GOSP};

// The index orders with a prefix Bloom filter, and the length of the prefix it covers (0: none):
// SPOG on (s,p,o), "is this triple in any graph?"; POSG on (p,o), "does anything point to o by p?"
// (the reverse step of a path, mostly a miss on the leaves of a hierarchy). A scan binding at
// least that prefix uses the filter, and keeps to prefixes that long (QuadScan::prefixMode).
inline constexpr std::size_t filterPrefixSize(IndexOrder order) {
    return order == IndexOrder::SPOG ? 24 : order == IndexOrder::POSG ? 16 : 0;
}
inline constexpr bool usesPrefixFilter(IndexOrder order, int boundPrefix) {
    return filterPrefixSize(order) != 0 && 8u * static_cast<unsigned>(boundPrefix) >= filterPrefixSize(order);
}

// Which component sits at each key position, per order.
const std::array<Component, 4>& componentsOf(IndexOrder order);
// Column family name of an order ("spog", ...).
const char* indexName(IndexOrder order);

void encodeKey(IndexOrder order, const QuadIds& quad, char* out /* kKeySize bytes */);
std::string encodeKey(IndexOrder order, const QuadIds& quad);
QuadIds decodeKey(IndexOrder order, std::string_view key);

// Inline: a load writes six keys per quad and a scan reads four ids per key (as a loop over bytes
// in another file they took 1.5% of a load).
inline void putBigEndian(char* out, std::uint64_t v) {
    if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
    std::memcpy(out, &v, 8);
}
inline std::uint64_t getBigEndian(const char* in) {
    std::uint64_t v;
    std::memcpy(&v, in, 8);
    if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
    return v;
}

// A quad pattern: each component bound to an id or free.
using QuadPattern = std::array<std::optional<TermId>, 4>;

// The G-first orders (GSPO, GPOS, GOSP) hold the quads of named graphs only: a quad of the
// default graph is kept in the three G-last orders (SPOG, POSG, OSPG), where a scan of the
// default graph reads it with the graph as a filter (store format 2; see docs/decisions.md).
inline constexpr bool isGraphFirst(IndexOrder order) {
    return order == IndexOrder::GSPO || order == IndexOrder::GPOS || order == IndexOrder::GOSP;
}
// The G-last order that sorts like `order` once the graph is fixed (the order itself if G-last).
IndexOrder gLastTwin(IndexOrder order);

// The order whose leading components are exactly the bound ones (every one of
// the 16 bound/unbound combinations has one), and how many leading ids are bound.
// A pattern in the default graph takes the G-last order its other bound components
// choose; the graph is part of its prefix only when s, p and o are all bound.
struct IndexChoice {
    IndexOrder order;
    int boundPrefix;
};
IndexChoice chooseIndex(const QuadPattern& pattern);
// How many of `order`'s leading components the pattern binds.
inline int boundPrefix(IndexOrder order, const QuadPattern& pattern) {
    const auto& comps = componentsOf(order);
    int bound = 0;
    while (bound < 4 && pattern[comps[bound]]) ++bound;
    return bound;
}
// The key prefix for the bound components of `pattern` in `order`.
std::string prefixFor(IndexOrder order, const QuadPattern& pattern, int boundPrefix);

// Smallest key greater than every key starting with `prefix`: trailing 0xFF
// bytes are stripped, then the last byte is incremented. nullopt when the prefix
// is empty or all 0xFF (no upper bound).
std::optional<std::string> upperBound(std::string_view prefix);

} // namespace corridor::storage
