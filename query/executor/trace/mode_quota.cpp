#include "query/executor/trace/mode_quota.h"

namespace corridor::query::executor::trace {

using Mode = algebra::TraceSpec::Mode;

bool ModeQuota::take(storage::TermId target, std::uint32_t length) {
    switch (mode_) {
    case Mode::All: return true;
    case Mode::Shortest: return found_.emplace(target, length).second;
    case Mode::AllShortest: return found_.emplace(target, length).first->second == length;
    case Mode::KShortest: return ++found_[target] <= k_;
    }
    return false;
}

bool ModeQuota::satisfied(const std::unordered_set<storage::TermId>& targets) const {
    if (mode_ == Mode::All) return false;
    for (storage::TermId t : targets) {
        auto it = found_.find(t);
        if (it == found_.end()) return false;
        if (mode_ == Mode::KShortest && it->second < k_) return false;
    }
    return true;
}

} // namespace corridor::query::executor::trace
