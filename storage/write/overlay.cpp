#include "storage/write/overlay.h"

#include <algorithm>

namespace corridor::storage {

std::shared_ptr<const std::vector<OrderedRecord>> Overlay::inOrder(IndexOrder order) const {
    std::lock_guard lock(mutex_);
    auto& slot = sorted_[static_cast<int>(order)];
    if (!slot) slot = std::make_shared<const std::vector<OrderedRecord>>(sortedNet(order, records_, records_.size()));
    return slot;
}

std::optional<bool> Overlay::find(const QuadIds& quad) const {
    if (records_.empty()) return std::nullopt;
    auto sorted = inOrder(IndexOrder::SPOG);
    OrderedRecord probe = orderedRecord(IndexOrder::SPOG, StagedRecord{quad, 0});
    auto it = std::lower_bound(sorted->begin(), sorted->end(), probe);
    if (it == sorted->end() || !std::equal(probe.begin(), probe.begin() + 4, it->begin())) return std::nullopt;
    return ((*it)[4] & 1) != 0;
}

} // namespace corridor::storage
