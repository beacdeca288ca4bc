// String functions (section 17.4.3) and REGEX/REPLACE.

#include "query/functions/compare.h"
#include "query/functions/numeric.h"
#include "query/functions/regex.h"
#include "query/functions/registry.h"
#include "query/functions/unicode.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace corridor::query::functions {

namespace {

constexpr std::string_view kXsdString = "http://www.w3.org/2001/XMLSchema#string";

// Byte offsets of each code point, plus the end.
std::vector<std::size_t> codePoints(std::string_view s) {
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) offsets.push_back(i);
    offsets.push_back(s.size());
    return offsets;
}

// A result that keeps the language tag (or xsd:string type) of `like`.
Term sameKind(const Term& like, std::string value) {
    Term t = like;
    t.value = std::move(value);
    return t;
}

// Section 17.4.3.1.1: the two arguments are argument-compatible.
bool compatible(const Term& a, const Term& b) {
    if (!isStringLike(a) || !isStringLike(b)) return false;
    if (b.lang.empty()) return true;
    return a.lang == b.lang;
}

} // namespace

Term booleanTerm(bool v) {
    return Term::literal(v ? "true" : "false", "http://www.w3.org/2001/XMLSchema#boolean");
}
Term integerTerm(std::int64_t v) {
    return Term::literal(std::to_string(v), "http://www.w3.org/2001/XMLSchema#integer");
}
Term stringTerm(std::string s) {
    return Term::literal(std::move(s));
}

bool isStringLike(const Term& t) {
    return t.isLiteral() && (t.datatype.empty() || t.datatype == kXsdString);
}

std::optional<Term> fnStr(const std::vector<Term>& a, FunctionContext&) {
    if (a[0].isBlank()) return std::nullopt;
    return stringTerm(a[0].value);
}

std::optional<Term> fnStrlen(const std::vector<Term>& a, FunctionContext&) {
    if (!isStringLike(a[0])) return std::nullopt;
    return integerTerm(static_cast<std::int64_t>(codePoints(a[0].value).size() - 1));
}

std::optional<Term> fnSubstr(const std::vector<Term>& a, FunctionContext&) {
    if (!isStringLike(a[0])) return std::nullopt;
    auto start = numericValue(a[1]);
    if (!start) return std::nullopt;
    // XPath fn:substring: characters at positions p with round(start) <= p < round(start)+round(len).
    double s = std::floor(start->toDouble() + 0.5);
    double end = HUGE_VAL;
    if (a.size() > 2) {
        auto len = numericValue(a[2]);
        if (!len) return std::nullopt;
        end = s + std::floor(len->toDouble() + 0.5);
    }
    if (std::isnan(s) || std::isnan(end)) return sameKind(a[0], "");
    auto cps = codePoints(a[0].value);
    std::size_t n = cps.size() - 1;
    std::string out;
    for (std::size_t p = 1; p <= n; ++p) {
        double pos = static_cast<double>(p);
        if (pos >= s && pos < end) out += a[0].value.substr(cps[p - 1], cps[p] - cps[p - 1]);
    }
    return sameKind(a[0], out);
}

std::optional<Term> fnUcase(const std::vector<Term>& a, FunctionContext&) {
    if (!isStringLike(a[0])) return std::nullopt;
    return sameKind(a[0], upperCase(a[0].value));
}

std::optional<Term> fnLcase(const std::vector<Term>& a, FunctionContext&) {
    if (!isStringLike(a[0])) return std::nullopt;
    return sameKind(a[0], lowerCase(a[0].value));
}

std::optional<Term> fnStrstarts(const std::vector<Term>& a, FunctionContext&) {
    if (!compatible(a[0], a[1])) return std::nullopt;
    return booleanTerm(a[0].value.rfind(a[1].value, 0) == 0);
}

std::optional<Term> fnStrends(const std::vector<Term>& a, FunctionContext&) {
    if (!compatible(a[0], a[1])) return std::nullopt;
    const auto& s = a[0].value;
    const auto& t = a[1].value;
    return booleanTerm(s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0);
}

std::optional<Term> fnContains(const std::vector<Term>& a, FunctionContext&) {
    if (!compatible(a[0], a[1])) return std::nullopt;
    return booleanTerm(a[0].value.find(a[1].value) != std::string::npos);
}

std::optional<Term> fnStrbefore(const std::vector<Term>& a, FunctionContext&) {
    if (!compatible(a[0], a[1])) return std::nullopt;
    auto pos = a[0].value.find(a[1].value);
    if (pos == std::string::npos) return stringTerm("");
    return sameKind(a[0], a[0].value.substr(0, pos));
}

std::optional<Term> fnStrafter(const std::vector<Term>& a, FunctionContext&) {
    if (!compatible(a[0], a[1])) return std::nullopt;
    auto pos = a[0].value.find(a[1].value);
    if (pos == std::string::npos) return stringTerm("");
    return sameKind(a[0], a[0].value.substr(pos + a[1].value.size()));
}

std::optional<Term> fnEncodeForUri(const std::vector<Term>& a, FunctionContext&) {
    if (!isStringLike(a[0])) return std::nullopt;
    std::string out;
    for (unsigned char c : a[0].value) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += fmt::format("%{:02X}", c);
        }
    }
    return stringTerm(out);
}

std::optional<Term> fnConcat(const std::vector<Term>& a, FunctionContext&) {
    std::string out;
    bool sameLang = !a.empty();
    bool allTyped = !a.empty();
    for (const auto& t : a) {
        if (!isStringLike(t)) return std::nullopt;
        out += t.value;
        sameLang = sameLang && !t.lang.empty() && t.lang == a[0].lang;
        allTyped = allTyped && t.datatype == kXsdString;
    }
    if (sameLang) return Term::langLiteral(out, a[0].lang);
    (void)allTyped; // RDF 1.1: "x"^^xsd:string and "x" are the same term
    return stringTerm(out);
}

std::optional<Term> fnLangMatches(const std::vector<Term>& a, FunctionContext&) {
    if (!isStringLike(a[0]) || !isStringLike(a[1])) return std::nullopt;
    // Language tags and ranges are ASCII (BCP 47): ASCII case folding is exact.
    auto asciiLower = [](std::string v) {
        for (auto& c : v)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return v;
    };
    std::string tag = asciiLower(a[0].value), range = asciiLower(a[1].value);
    if (range == "*") return booleanTerm(!tag.empty());
    bool match = tag == range ||
                 (tag.size() > range.size() && tag.compare(0, range.size(), range) == 0 && tag[range.size()] == '-');
    return booleanTerm(match);
}

std::optional<Term> fnRegex(const std::vector<Term>& a, FunctionContext& ctx) {
    if (!isStringLike(a[0]) || !isStringLike(a[1])) return std::nullopt;
    std::string flags;
    if (a.size() > 2) {
        if (!isStringLike(a[2])) return std::nullopt;
        flags = a[2].value;
    }
    const Regex* re = ctx.regexes->get(a[1].value, flags);
    if (!re) return std::nullopt;
    if (ctx.checkCancelled) ctx.checkCancelled();
    auto found = re->search(a[0].value);
    if (!found) {
        if (ctx.warn)
            ctx.warn(fmt::format("REGEX gave up on some values: the pattern \"{}\" backtracks more than PCRE2 "
                                 "allows; those values count as errors (left out by a FILTER)",
                                 a[1].value));
        return std::nullopt;
    }
    return booleanTerm(*found);
}

std::optional<Term> fnReplace(const std::vector<Term>& a, FunctionContext& ctx) {
    if (!isStringLike(a[0]) || !isStringLike(a[1]) || !isStringLike(a[2])) return std::nullopt;
    std::string flags;
    if (a.size() > 3) {
        if (!isStringLike(a[3])) return std::nullopt;
        flags = a[3].value;
    }
    const Regex* re = ctx.regexes->get(a[1].value, flags);
    if (!re) return std::nullopt;
    if (ctx.checkCancelled) ctx.checkCancelled();
    auto out = re->replace(a[0].value, a[2].value);
    if (!out) return std::nullopt;
    return sameKind(a[0], *out);
}

} // namespace corridor::query::functions
