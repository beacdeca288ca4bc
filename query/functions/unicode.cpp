#include "query/functions/unicode.h"

#include "storage/error.h"

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <vector>

namespace corridor::query::functions {

namespace {

std::u16string toUtf16(std::string_view utf8) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    // Ill-formed bytes (the parsers do not let them in) become U+FFFD.
    u_strFromUTF8WithSub(nullptr, 0, &length, utf8.data(), static_cast<int32_t>(utf8.size()), 0xFFFD, nullptr, &status);
    std::u16string out(static_cast<std::size_t>(length), u'\0');
    status = U_ZERO_ERROR;
    u_strFromUTF8WithSub(out.data(), length, nullptr, utf8.data(), static_cast<int32_t>(utf8.size()), 0xFFFD, nullptr,
                         &status);
    if (U_FAILURE(status)) throw Error(std::string("text conversion failed: ") + u_errorName(status));
    return out;
}

std::string toUtf8(const std::u16string& utf16) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    u_strToUTF8(nullptr, 0, &length, utf16.data(), static_cast<int32_t>(utf16.size()), &status);
    std::string out(static_cast<std::size_t>(length), '\0');
    status = U_ZERO_ERROR;
    u_strToUTF8(out.data(), length, nullptr, utf16.data(), static_cast<int32_t>(utf16.size()), &status);
    if (U_FAILURE(status)) throw Error(std::string("text conversion failed: ") + u_errorName(status));
    return out;
}

// Runs one of ICU's string mappings, growing the buffer when the result is longer ("ß" -> "SS").
template <typename Map>
std::string mapped(std::string_view utf8, Map map) {
    bool ascii = true;
    for (unsigned char c : utf8) ascii = ascii && c < 0x80;
    std::u16string in = toUtf16(utf8);
    std::u16string out(in.size() + 8, u'\0');
    for (int attempt = 0; attempt < 2; ++attempt) {
        UErrorCode status = U_ZERO_ERROR;
        int32_t length =
            map(out.data(), static_cast<int32_t>(out.size()), in.data(), static_cast<int32_t>(in.size()), &status);
        if (status == U_BUFFER_OVERFLOW_ERROR) {
            out.assign(static_cast<std::size_t>(length), u'\0');
            continue;
        }
        if (U_FAILURE(status)) throw Error(std::string("case mapping failed: ") + u_errorName(status));
        out.resize(static_cast<std::size_t>(length));
        return toUtf8(out);
    }
    throw Error("case mapping failed");
}

} // namespace

std::string upperCase(std::string_view utf8) {
    return mapped(utf8, [](UChar* dest, int32_t cap, const UChar* src, int32_t n, UErrorCode* status) {
        return u_strToUpper(dest, cap, src, n, "", status);
    });
}

std::string lowerCase(std::string_view utf8) {
    return mapped(utf8, [](UChar* dest, int32_t cap, const UChar* src, int32_t n, UErrorCode* status) {
        return u_strToLower(dest, cap, src, n, "", status);
    });
}

std::string caseFold(std::string_view utf8) {
    return mapped(utf8, [](UChar* dest, int32_t cap, const UChar* src, int32_t n, UErrorCode* status) {
        return u_strFoldCase(dest, cap, src, n, U_FOLD_CASE_DEFAULT, status);
    });
}

} // namespace corridor::query::functions
