#include "cli/web_page.h"

extern "C" const char corridor_web_page_begin[];
extern "C" const char corridor_web_page_end[];

namespace corridor::cli {

std::string_view webPage() {
    return {corridor_web_page_begin, static_cast<std::size_t>(corridor_web_page_end - corridor_web_page_begin)};
}

} // namespace corridor::cli
