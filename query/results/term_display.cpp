#include "query/results/term_display.h"

#include "query/values/trace_path.h"

#include <algorithm>

namespace corridor::query::results {

namespace {
bool simpleLocalName(std::string_view s) {
    if (s.empty()) return true;
    if (s.front() == '-' || s.front() == '.' || s.back() == '.') return false;
    return std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-' || c == '.' || c >= 0x80;
    });
}
} // namespace

TermDisplay::TermDisplay(std::vector<std::pair<std::string, std::string>> prefixes) : prefixes_(std::move(prefixes)) {
    std::stable_sort(prefixes_.begin(), prefixes_.end(),
                     [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
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

std::string TermDisplay::cell(const storage::Term& term) const {
    if (!term.isLiteral()) return show(term);
    if (values::isPath(term)) return values::pathText(term);
    std::string_view dt = term.datatype;
    constexpr std::string_view xsd = "http://www.w3.org/2001/XMLSchema#";
    if (dt.empty() && term.lang.empty()) return term.value;
    if (!term.lang.empty()) return term.value + "@" + term.lang;
    if (dt.substr(0, xsd.size()) == xsd) {
        auto local = dt.substr(xsd.size());
        if (local == "integer" || local == "decimal" || local == "double" || local == "boolean") return term.value;
    }
    return term.value + "^^" + show(storage::Term::iri(std::string(dt)));
}

} // namespace corridor::query::results
