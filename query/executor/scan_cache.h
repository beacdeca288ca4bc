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
        // SPOG probes binding s, p and o use the prefix filter: their own iterator.
        bool filtered = order == storage::IndexOrder::SPOG && choice.boundPrefix >= 3;
        auto& slot = filtered ? filtered_ : scans_[static_cast<int>(order)];
        if (slot) {
            slot->reset(pattern, range);
        } else {
            slot.emplace(view.scanIn(order, pattern, range));
        }
        return *slot;
    }

private:
    std::array<std::optional<storage::QuadScan>, storage::kIndexCount> scans_;
    std::optional<storage::QuadScan> filtered_;
};

} // namespace corridor::query::executor
