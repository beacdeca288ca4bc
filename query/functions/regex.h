#pragma once
// XPath-style regular expressions (REGEX, REPLACE) on PCRE2, UTF-8 mode.
// Flags: i (caseless), s (dot matches newline), m (multiline), x (extended),
// q (literal pattern). Compiled patterns are cached per query.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace corridor::query::functions {

class Regex {
public:
    // nullptr when the pattern or flags are invalid.
    static std::unique_ptr<Regex> compile(std::string_view pattern, std::string_view flags);
    ~Regex();
    // Whether the pattern occurs in the text; nullopt when PCRE2 gave up (its
    // backtracking limits), which must not be read as "no match".
    std::optional<bool> search(std::string_view text) const;
    // Replaces every match; nullopt on error (e.g. a pattern matching "").
    std::optional<std::string> replace(std::string_view text, std::string_view replacement) const;
    bool matchesEmpty() const;

private:
    Regex() = default;
    void* code_ = nullptr; // pcre2_code_8*
};

class RegexCache {
public:
    // The compiled pattern, or nullptr if invalid.
    const Regex* get(const std::string& pattern, const std::string& flags);

private:
    std::map<std::pair<std::string, std::string>, std::unique_ptr<Regex>> cache_;
};

} // namespace corridor::query::functions
