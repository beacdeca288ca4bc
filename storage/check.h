#pragma once
// checkStore: verifies that a store is consistent with itself. The six index
// orders hold the same quads, every id in a quad resolves in the dictionary
// (and the dictionary's two directions agree), and the statistics match the
// data. Used by `corridor check` and by the tests after every kind of write.

#include "storage/store.h"

#include <cstdint>
#include <string>
#include <vector>

namespace corridor::storage {

struct CheckReport {
    std::uint64_t quads = 0;           // in SPOG
    std::uint64_t terms = 0;           // dictionary entries read
    std::vector<std::string> problems; // empty when the store is consistent
    bool ok() const { return problems.empty(); }
};

// Reads the whole store (every index and the dictionary once).
CheckReport checkStore(const Store& store);

} // namespace corridor::storage
