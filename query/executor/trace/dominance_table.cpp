#include "query/executor/trace/dominance_table.h"

#include <algorithm>

namespace corridor::query::executor::trace {

bool DominanceTable::admit(TermId node, std::uint32_t length, const PathState& state) {
    auto& list = labels_[node];
    bool dominated = std::any_of(list.begin(), list.end(), [&](const Label& l) {
        return (l.length < length || (sameLengthDominates_ && l.length == length)) &&
               constraints_.atLeastAsPermissive(l.state, state);
    });
    if (dominated) return false;
    list.push_back({length, state});
    return true;
}

} // namespace corridor::query::executor::trace
