#pragma once
// UTF-8 well-formedness (RFC 3629): no overlong forms (C0 AF for '/'), no stray
// continuation bytes, nothing past U+10FFFF. Surrogates (ED A0..BF ..) are left
// to the callers, which report them in their own words.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace corridor::storage {

// The offset of the first byte that does not start a well-formed sequence, or nullopt.
inline std::optional<std::size_t> firstInvalidUtf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        // ASCII eight bytes at a time: the usual case of IRIs and most literals.
        if (i + 8 <= s.size()) {
            std::uint64_t word;
            std::memcpy(&word, s.data() + i, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
        if (n < 0 || c >= 0xF5 || c == 0xC0 || c == 0xC1 || i + static_cast<std::size_t>(n) >= s.size()) return i;
        auto b1 = static_cast<unsigned char>(s[i + 1]);
        if ((c == 0xE0 && b1 < 0xA0) || (c == 0xF0 && b1 < 0x90) || (c == 0xF4 && b1 > 0x8F)) return i;
        for (int k = 1; k <= n; ++k)
            if ((static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0xC0) != 0x80) return i;
        i += static_cast<std::size_t>(n) + 1;
    }
    return std::nullopt;
}

inline bool validUtf8(std::string_view s) {
    return !firstInvalidUtf8(s);
}

} // namespace corridor::storage
