#include "query/executor/trace/count_limits.h"

#include <algorithm>

namespace corridor::query::executor::trace {

namespace {
bool compare(std::uint64_t value, const std::string& op, std::uint64_t n) {
    if (op == "<") return value < n;
    if (op == "<=") return value <= n;
    if (op == "=") return value == n;
    if (op == ">") return value > n;
    return value >= n;
}
} // namespace

bool CountLimits::hold(std::span<const storage::TermId> nodes, bool final) const {
    std::vector<storage::TermId> seen;
    for (const CountLimit& limit : limits_) {
        seen.clear();
        for (storage::TermId node : nodes) values_(limit, node, seen);
        std::sort(seen.begin(), seen.end());
        auto value = static_cast<std::uint64_t>(std::unique(seen.begin(), seen.end()) - seen.begin());
        if (final) {
            if (!compare(value, limit.op, limit.n)) return false;
        } else if ((limit.op == "<" && value >= limit.n) ||
                   ((limit.op == "<=" || limit.op == "=") && value > limit.n)) {
            return false; // the count only grows along a longer path
        }
    }
    return true;
}

} // namespace corridor::query::executor::trace
