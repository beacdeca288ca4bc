#include "cases/case_terms.h"

#include "cases/case_profile.h"
#include "storage/rdf_io/iri.h"

#include <fmt/format.h>
#include <xxhash.h>

namespace corridor::cases {

std::string_view trim(std::string_view s) {
    std::size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    std::size_t e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::optional<std::string> expandPrefixed(std::string_view text, const PrefixList& prefixes) {
    std::size_t colon = text.find(':');
    if (colon == std::string_view::npos || text.substr(colon).starts_with("://")) return std::nullopt;
    std::string_view prefix = text.substr(0, colon);
    for (const auto& [name, ns] : prefixes)
        if (name == prefix) return ns + std::string(text.substr(colon + 1));
    return std::nullopt;
}

namespace {
bool looksAbsolute(std::string_view text) {
    return text.find("://") != std::string_view::npos || text.starts_with("urn:");
}

bool unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~' || c >= 0x80;
}
} // namespace

std::optional<std::string> nodeIri(std::string_view id, const PrefixList& prefixes, std::string& problem) {
    id = trim(id);
    if (id.empty()) {
        problem = "the id is empty";
        return std::nullopt;
    }
    if (looksAbsolute(id)) {
        if (auto why = storage::rdf_io::absoluteIriProblem(id)) {
            problem = fmt::format("'{}' is not a usable IRI: {}", id, *why);
            return std::nullopt;
        }
        return std::string(id);
    }
    if (auto expanded = expandPrefixed(id, prefixes)) return expanded;
    return instanceIri(id);
}

std::string instanceIri(std::string_view id) {
    std::string out(iri::kId);
    for (unsigned char c : id) {
        if (unreserved(c))
            out.push_back(static_cast<char>(c));
        else
            out += fmt::format("%{:02X}", c);
    }
    return out;
}

std::string sourceDocumentIri(std::string_view text, bool& minted) {
    text = trim(text);
    minted = false;
    auto lower = [](std::string_view s) {
        std::string out(s);
        for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return out;
    };
    std::string low = lower(text.substr(0, std::min<std::size_t>(text.size(), 16)));
    bool noSpace = text.find_first_of(" \t") == std::string_view::npos;
    if (low.starts_with("doi:") && noSpace) return "https://doi.org/" + std::string(trim(text.substr(4)));
    if (low.starts_with("10.") && text.find('/') != std::string_view::npos && noSpace)
        return "https://doi.org/" + std::string(text);
    if ((low.starts_with("http://") || low.starts_with("https://")) && noSpace &&
        !storage::rdf_io::absoluteIriProblem(text))
        return std::string(text);
    // Free text: whitespace runs count as one space, so re-typed citations match.
    std::string normal;
    for (char c : text) {
        bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
        if (space) {
            if (!normal.empty() && normal.back() != ' ') normal.push_back(' ');
        } else {
            normal.push_back(c);
        }
    }
    minted = true;
    return fmt::format("{}doc-{:016x}", iri::kSource, XXH3_64bits(normal.data(), normal.size()));
}

ColumnName parseColumnName(std::string_view header) {
    header = trim(header);
    ColumnName out;
    std::string_view name = header;
    if (std::size_t hats = header.find("^^"); hats != std::string_view::npos && hats > 0) {
        out.datatype = std::string(header.substr(hats + 2));
        name = header.substr(0, hats);
    }
    std::size_t at = name.rfind('@');
    if (out.datatype.empty() && at != std::string_view::npos && at > 0 && at + 1 < name.size()) {
        out.lang = std::string(name.substr(at + 1));
        name = name.substr(0, at);
    }
    bool plain = name.find(':') == std::string_view::npos;
    out.name = std::string(name);
    if (plain)
        for (char& c : out.name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

} // namespace corridor::cases
