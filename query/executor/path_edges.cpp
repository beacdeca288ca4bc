#include "query/executor/path_edges.h"

#include <algorithm>

namespace corridor::query::executor {

std::span<const TermId> PathEdges::from(TermId key) const {
    auto it = std::lower_bound(keys_.begin(), keys_.end(), key);
    if (it == keys_.end() || *it != key) return {};
    const auto i = static_cast<std::size_t>(it - keys_.begin());
    const std::size_t end = i + 1 < starts_.size() ? starts_[i + 1] : targets_.size();
    return {targets_.data() + starts_[i], end - starts_[i]};
}

} // namespace corridor::query::executor
