#pragma once
// Internal to storage/: what a write transaction's read view adds to the
// store: the net changes of its earlier steps (sorted per index order on first
// use) and the terms the transaction has interned.

#include "storage/term.h"
#include "storage/write/staged_quads.h"

#include <array>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace corridor::storage {

class TermInterner;

class Overlay {
public:
    // `records`: the changes to show (a copy). `terms` must outlive the overlay.
    Overlay(std::vector<StagedRecord> records, const TermInterner* terms)
        : records_(std::move(records)), terms_(terms) {}

    bool empty() const { return records_.empty(); }
    // The net changes in `order`, sorted by key (one per key).
    std::shared_ptr<const std::vector<OrderedRecord>> inOrder(IndexOrder order) const;
    // Whether the changes insert (true) or delete (false) this quad; nullopt: untouched.
    std::optional<bool> find(const QuadIds& quad) const;

    const TermInterner* terms() const { return terms_; }

private:
    std::vector<StagedRecord> records_;
    const TermInterner* terms_;
    mutable std::mutex mutex_;
    mutable std::array<std::shared_ptr<const std::vector<OrderedRecord>>, kIndexCount> sorted_;
};

} // namespace corridor::storage
