#include "storage/rdf_io/iri.h"

#include <cctype>
#include <fmt/format.h>
#include <optional>

namespace corridor::storage::rdf_io {

namespace {

struct IriParts {
    std::optional<std::string_view> scheme;
    std::optional<std::string_view> authority;
    std::string_view path;
    std::optional<std::string_view> query;
    std::optional<std::string_view> fragment;
};

std::size_t schemeLength(std::string_view s) {
    if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return 0;
    for (std::size_t i = 1; i < s.size(); ++i) {
        char c = s[i];
        if (c == ':') return i;
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return 0;
    }
    return 0;
}

IriParts split(std::string_view s) {
    IriParts parts;
    if (std::size_t n = schemeLength(s); n > 0) {
        parts.scheme = s.substr(0, n);
        s.remove_prefix(n + 1);
    }
    if (auto hash = s.find('#'); hash != std::string_view::npos) {
        parts.fragment = s.substr(hash + 1);
        s = s.substr(0, hash);
    }
    if (auto q = s.find('?'); q != std::string_view::npos) {
        parts.query = s.substr(q + 1);
        s = s.substr(0, q);
    }
    if (s.starts_with("//")) {
        s.remove_prefix(2);
        auto slash = s.find('/');
        parts.authority = s.substr(0, slash);
        s = slash == std::string_view::npos ? std::string_view{} : s.substr(slash);
    }
    parts.path = s;
    return parts;
}

std::string merge(const IriParts& base, std::string_view refPath) {
    if (base.authority && base.path.empty()) return "/" + std::string(refPath);
    auto slash = base.path.rfind('/');
    if (slash == std::string_view::npos) return std::string(refPath);
    return std::string(base.path.substr(0, slash + 1)) + std::string(refPath);
}

std::string recompose(const IriParts& p, const std::string& path) {
    std::string out;
    if (p.scheme) {
        out += *p.scheme;
        out += ':';
    }
    if (p.authority) {
        out += "//";
        out += *p.authority;
    }
    out += path;
    if (p.query) {
        out += '?';
        out += *p.query;
    }
    if (p.fragment) {
        out += '#';
        out += *p.fragment;
    }
    return out;
}

} // namespace

bool hasScheme(std::string_view iri) {
    return schemeLength(iri) > 0;
}

std::optional<std::string> absoluteIriProblem(std::string_view iri) {
    if (!hasScheme(iri)) return "it has no scheme (an absolute IRI starts like https: or urn:)";
    std::size_t colon = iri.find(':');
    if (colon + 1 == iri.size()) return "nothing follows its scheme";
    for (unsigned char c : iri) {
        if (c <= 0x20 || std::string_view("<>\"{}|^`\\").find(static_cast<char>(c)) != std::string_view::npos)
            return c == ' ' ? std::string("it contains a space")
                            : fmt::format("it contains the character '{}'", static_cast<char>(c));
    }
    return std::nullopt;
}

std::string removeDotSegments(std::string_view in) {
    std::string out;
    while (!in.empty()) {
        if (in.starts_with("../")) {
            in.remove_prefix(3);
        } else if (in.starts_with("./")) {
            in.remove_prefix(2);
        } else if (in.starts_with("/./")) {
            in.remove_prefix(2);
        } else if (in == "/.") {
            in = "/";
        } else if (in.starts_with("/../") || in == "/..") {
            in = in.size() == 3 ? std::string_view("/") : in.substr(3);
            auto slash = out.rfind('/');
            out.erase(slash == std::string::npos ? 0 : slash);
        } else if (in == "." || in == "..") {
            in = {};
        } else {
            std::size_t start = in.front() == '/' ? 1 : 0;
            std::size_t next = in.find('/', start);
            out += in.substr(0, next);
            in = next == std::string_view::npos ? std::string_view{} : in.substr(next);
        }
    }
    return out;
}

std::string resolveIri(std::string_view baseIri, std::string_view reference) {
    IriParts ref = split(reference);
    IriParts base = split(baseIri);
    IriParts target;
    std::string path;
    if (ref.scheme) {
        target = ref;
        path = removeDotSegments(ref.path);
    } else {
        target.scheme = base.scheme;
        if (ref.authority) {
            target.authority = ref.authority;
            path = removeDotSegments(ref.path);
            target.query = ref.query;
        } else {
            target.authority = base.authority;
            if (ref.path.empty()) {
                path = std::string(base.path);
                target.query = ref.query ? ref.query : base.query;
            } else {
                path = ref.path.front() == '/' ? removeDotSegments(ref.path) : removeDotSegments(merge(base, ref.path));
                target.query = ref.query;
            }
        }
        target.fragment = ref.fragment;
    }
    return recompose(target, path);
}

} // namespace corridor::storage::rdf_io
