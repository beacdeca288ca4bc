#pragma once
// How many paths a TRACE mode takes per target: ALL every one, SHORTEST the first (the search
// goes level by level, so the first is a shortest), ALL SHORTEST every one of the least length,
// SHORTEST k the first k. And when a search between given targets has all it wants.

#include "query/algebra/trace_spec.h"
#include "storage/term_id.h"

#include <cstdint>
#include <unordered_map>
#include <unordered_set>

namespace corridor::query::executor::trace {

class ModeQuota {
public:
    ModeQuota(algebra::TraceSpec::Mode mode, std::uint64_t k) : mode_(mode), k_(k) {}

    // Is a path of `length` to `target`, found now, one to return? (Paths come shortest first.)
    bool take(storage::TermId target, std::uint32_t length);
    // Has every one of `targets` all the paths the mode wants? (Never, for ALL.)
    bool satisfied(const std::unordered_set<storage::TermId>& targets) const;

private:
    algebra::TraceSpec::Mode mode_;
    std::uint64_t k_;
    std::unordered_map<storage::TermId, std::uint64_t> found_; // per target: least length, or paths taken
};

} // namespace corridor::query::executor::trace
