#pragma once
// Reuses one RocksDB iterator per index order across many scans: operators
// that scan once per input row (dependent joins, path search) re-seek instead
// of creating an iterator each time.

#include "storage/quad_scan.h"
#include "storage/read_view.h"

#include <array>
#include <optional>

namespace corridor::query::executor {

class ScanCache {
public:
    storage::QuadScan& scan(const storage::ReadView& view, const storage::QuadPattern& pattern,
                            storage::GraphRange range = storage::GraphRange::All) {
        auto choice = storage::chooseIndex(pattern);
        auto order = choice.order;
        // Probes binding an index's filtered prefix use the filter: iterators of their own.
        bool filtered = storage::usesPrefixFilter(order, choice.boundPrefix);
        auto& slot = (filtered ? filtered_ : scans_)[static_cast<int>(order)];
        if (slot) {
            slot->reset(pattern, range);
        } else {
            slot.emplace(view.scanIn(order, pattern, range));
        }
        return *slot;
    }

private:
    std::array<std::optional<storage::QuadScan>, storage::kIndexCount> scans_;
    std::array<std::optional<storage::QuadScan>, storage::kIndexCount> filtered_;
};

} // namespace corridor::query::executor
