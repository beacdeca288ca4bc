#pragma once
// Appending text with some bytes replaced. The stretches between replaced bytes
// are copied whole, which is what keeps the result writers' inner loop cheap.

#include <array>
#include <string>
#include <string_view>

namespace corridor::storage {

// `replace(c)` says what stands for byte c: nullptr keeps it, "" drops it.
template <class Replace>
void appendReplacing(std::string& out, std::string_view text, Replace replace) {
    const char* run = text.data();
    const char* end = text.data() + text.size();
    for (const char* p = run; p != end; ++p) {
        const char* r = replace(static_cast<unsigned char>(*p));
        if (!r) continue;
        out.append(run, p);
        out.append(r);
        run = p + 1;
    }
    out.append(run, end);
}

// "\uXXXX" for an ASCII byte (c < 0x80), hex digits upper- or lower-case.
inline const char* unicodeEscape(unsigned char c, bool lowerCase = false) {
    using Table = std::array<std::array<char, 7>, 128>;
    static const auto tables = [] {
        std::array<Table, 2> t{};
        for (int lower = 0; lower < 2; ++lower)
            for (int b = 0; b < 128; ++b) {
                const char* digits = lower ? "0123456789abcdef" : "0123456789ABCDEF";
                t[lower][b] = {'\\', 'u', '0', '0', digits[b >> 4], digits[b & 15], '\0'};
            }
        return t;
    }();
    return tables[lowerCase ? 1 : 0][c & 0x7f].data();
}

} // namespace corridor::storage
