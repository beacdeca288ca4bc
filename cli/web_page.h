#pragma once
// The page `corridor serve` shows at / (web/, bundled at build time and embedded
// in the binary: no CDN and no files at run time).

#include <string_view>

namespace corridor::cli {

std::string_view webPage();

} // namespace corridor::cli
