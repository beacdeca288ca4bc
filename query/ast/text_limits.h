#pragma once
// Checks a request's text before the parser sees it, so that no text can make
// it crash or hang: the size, well-formed UTF-8, and how deeply brackets nest
// (the generated parser recurses about a dozen frames per level of
// parentheses, and ran out of stack past about 4,000). Throws SyntaxError at
// the offending position.

#include <cstddef>
#include <string_view>

namespace corridor::query::ast {

inline constexpr std::size_t kMaxRequestBytes = std::size_t{32} << 20;
inline constexpr int kMaxNesting = 256; // ( [ { together

void checkRequestText(std::string_view text);

} // namespace corridor::query::ast
