#include "cli/term_display.h"

#include <algorithm>

namespace corridor::cli {

namespace {
bool simpleLocalName(std::string_view s) {
    if (s.empty()) return true;
    if (s.front() == '-' || s.front() == '.' || s.back() == '.') return false;
    return std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-' || c == '.' || c >= 0x80;
    });
}
} // namespace

TermDisplay::TermDisplay(std::vector<std::pair<std::string, std::string>> prefixes)
    : prefixes_(std::move(prefixes)) {
    std::stable_sort(prefixes_.begin(), prefixes_.end(), [](const auto& a, const auto& b) {
        return a.second.size() > b.second.size();
    });
}

std::string TermDisplay::show(const storage::Term& term) const {
    if (term.isIri()) {
        for (const auto& [name, ns] : prefixes_) {
            if (term.value.size() >= ns.size() && term.value.compare(0, ns.size(), ns) == 0) {
                std::string_view local = std::string_view(term.value).substr(ns.size());
                if (simpleLocalName(local)) return name + ":" + std::string(local);
            }
        }
    }
    return term.toNTriples();
}

} // namespace corridor::cli
