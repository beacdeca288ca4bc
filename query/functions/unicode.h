#pragma once
// Unicode case mapping and case folding (ICU), for UCASE, LCASE and the
// case-insensitive label lookup of TRACE ends: researchers' names carry
// diacritics ("Café" -> "CAFÉ", "Straße" -> "STRASSE").

#include <string>
#include <string_view>

namespace corridor::query::functions {

// Full Unicode case mappings, independent of the locale (XPath's fn:upper-case / fn:lower-case).
std::string upperCase(std::string_view utf8);
std::string lowerCase(std::string_view utf8);
// Unicode case folding: two strings that differ only in case fold to the same bytes.
std::string caseFold(std::string_view utf8);

} // namespace corridor::query::functions
