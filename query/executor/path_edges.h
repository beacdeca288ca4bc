#pragma once
// One IRI's edges held in memory, for a closure that would otherwise seek the index once per node
// it reaches (docs/decisions.md, "A closure holds its edges in memory"). Keyed by the node a step
// starts from: subjects for a step forward, objects for a step backward. Compressed rows: the
// distinct keys sorted, and each key's targets side by side in one array.

#include "storage/term_id.h"

#include <cstddef>
#include <span>
#include <vector>

namespace corridor::query::executor {

using storage::TermId;

class PathEdges {
public:
    // Adds one edge. Keys must come in ascending order; a key's targets in any order.
    void add(TermId key, TermId target) {
        if (keys_.empty() || keys_.back() != key) {
            keys_.push_back(key);
            starts_.push_back(targets_.size());
        }
        targets_.push_back(target);
    }

    // Where `key` steps to: empty if nowhere.
    std::span<const TermId> from(TermId key) const;

    std::size_t edges() const { return targets_.size(); }
    // Bytes held (what a memory charge counts).
    std::size_t bytes() const {
        return keys_.capacity() * sizeof(TermId) + starts_.capacity() * sizeof(std::size_t) +
               targets_.capacity() * sizeof(TermId);
    }

private:
    std::vector<TermId> keys_;        // distinct, ascending
    std::vector<std::size_t> starts_; // where each key's targets start in targets_
    std::vector<TermId> targets_;
};

} // namespace corridor::query::executor
