#define PCRE2_CODE_UNIT_WIDTH 8
#include "query/functions/regex.h"

#include <pcre2.h>

namespace corridor::query::functions {

std::unique_ptr<Regex> Regex::compile(std::string_view pattern, std::string_view flags) {
    uint32_t options = PCRE2_UTF;
    bool literal = flags.find('q') != std::string_view::npos;
    if (!literal) options |= PCRE2_UCP; // PCRE2_LITERAL allows no UCP
    for (char f : flags) {
        switch (f) {
        case 'i': options |= PCRE2_CASELESS; break;
        case 's': options |= PCRE2_DOTALL; break;
        case 'm': options |= PCRE2_MULTILINE; break;
        case 'x': options |= PCRE2_EXTENDED; break;
        case 'q': options |= PCRE2_LITERAL; break;
        default: return nullptr;
        }
    }
    int error = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code* code =
        pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), options, &error, &offset, nullptr);
    if (!code) return nullptr;
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    std::unique_ptr<Regex> r(new Regex());
    r->code_ = code;
    return r;
}

Regex::~Regex() {
    pcre2_code_free(static_cast<pcre2_code*>(code_));
}

std::optional<bool> Regex::search(std::string_view text) const {
    auto* code = static_cast<pcre2_code*>(code_);
    pcre2_match_data* md = pcre2_match_data_create_from_pattern(code, nullptr);
    int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0, 0, md, nullptr);
    pcre2_match_data_free(md);
    if (rc >= 0) return true;
    if (rc == PCRE2_ERROR_NOMATCH) return false;
    return std::nullopt; // match limit, depth limit, out of memory
}

bool Regex::matchesEmpty() const {
    auto* code = static_cast<pcre2_code*>(code_);
    pcre2_match_data* md = pcre2_match_data_create_from_pattern(code, nullptr);
    int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(""), 0, 0, 0, md, nullptr);
    pcre2_match_data_free(md);
    return rc >= 0;
}

std::optional<std::string> Regex::replace(std::string_view text, std::string_view replacement) const {
    if (matchesEmpty()) return std::nullopt; // XPath: error FORX0003
    // XPath replacement syntax: $n groups, \$ and \\ escapes. PCRE2: $n, $$ for '$'.
    std::string rep;
    for (std::size_t i = 0; i < replacement.size(); ++i) {
        char c = replacement[i];
        if (c == '\\') {
            if (i + 1 >= replacement.size()) return std::nullopt;
            char n = replacement[++i];
            if (n == '$')
                rep += "$$";
            else if (n == '\\')
                rep += '\\';
            else
                return std::nullopt;
        } else if (c == '$') {
            if (i + 1 >= replacement.size() || !std::isdigit(static_cast<unsigned char>(replacement[i + 1])))
                return std::nullopt;
            rep += '$';
        } else {
            rep += c;
        }
    }
    auto* code = static_cast<pcre2_code*>(code_);
    std::string out(text.size() * 2 + 64, '\0');
    for (int attempt = 0; attempt < 2; ++attempt) {
        PCRE2_SIZE outLength = out.size();
        int rc =
            pcre2_substitute(code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0,
                             PCRE2_SUBSTITUTE_GLOBAL | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH | PCRE2_SUBSTITUTE_UNSET_EMPTY,
                             nullptr, nullptr, reinterpret_cast<PCRE2_SPTR>(rep.data()), rep.size(),
                             reinterpret_cast<PCRE2_UCHAR*>(out.data()), &outLength);
        if (rc >= 0) {
            out.resize(outLength);
            return out;
        }
        if (rc != PCRE2_ERROR_NOMEMORY) return std::nullopt;
        out.resize(outLength + 1);
    }
    return std::nullopt;
}

const Regex* RegexCache::get(const std::string& pattern, const std::string& flags) {
    auto key = std::make_pair(pattern, flags);
    auto it = cache_.find(key);
    if (it == cache_.end()) it = cache_.emplace(key, Regex::compile(pattern, flags)).first;
    return it->second.get();
}

} // namespace corridor::query::functions
