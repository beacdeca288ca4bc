#pragma once
// Terms for people: IRIs shortened to prefixed names where a prefix fits.

#include "storage/term.h"

#include <string>
#include <utility>
#include <vector>

namespace corridor::query::results {

class TermDisplay {
public:
    explicit TermDisplay(std::vector<std::pair<std::string, std::string>> prefixes);
    std::string show(const storage::Term& term) const;
    // For tables: literals without quotes where unambiguous (numbers, plain text).
    std::string cell(const storage::Term& term) const;

private:
    std::vector<std::pair<std::string, std::string>> prefixes_; // longest namespace first
};

} // namespace corridor::query::results
