#pragma once
// Internal to storage/: keys of the "default" column family, which holds the
// format version, the id counter, the statistics and the recorded prefixes.

#include "storage/key_codec.h"

#include <string>
#include <string_view>

namespace corridor::storage::meta {

inline constexpr std::string_view kFormat = "format";        // decimal version
inline constexpr std::string_view kNextId = "next_id";       // 8-byte big-endian
inline constexpr std::string_view kQuads = "s:quads";        // 8-byte big-endian
inline constexpr std::string_view kGraphPrefix = "s:g";      // + graph id -> count
inline constexpr std::string_view kPredicatePrefix = "s:p";  // + id -> 3 counts
inline constexpr std::string_view kClassPrefix = "s:c";      // + class id -> rdf:type quads
inline constexpr std::string_view kPrefixPrefix = "prefix:"; // + name -> IRI
inline constexpr std::string_view kStatsPrefix = "s:";

inline std::string idKey(std::string_view prefix, TermId id) {
    std::string key(prefix);
    key.resize(prefix.size() + 8);
    putBigEndian(key.data() + prefix.size(), id);
    return key;
}

inline std::string u64(std::uint64_t v) {
    std::string s(8, '\0');
    putBigEndian(s.data(), v);
    return s;
}

} // namespace corridor::storage::meta
