#pragma once
// TermResolver: ids to terms with a small bounded memo, for writers that walk
// the indexes (subjects, predicates and graphs repeat a lot in index order).
// Blank nodes come out as _:b<number>, stable for a store.

#include "storage/read_view.h"
#include "storage/term.h"

#include <fmt/format.h>
#include <unordered_map>

namespace corridor::storage {

class TermResolver {
public:
    explicit TermResolver(const ReadView& view) : view_(view) {}
    const Term& operator()(TermId id) {
        if (auto it = memo_.find(id); it != memo_.end()) return it->second;
        if (memo_.size() > kMemoSize) memo_.clear(); // a cache, not a second copy of the store
        Term t = view_.resolve(id);
        if (t.isBlank()) t.value = fmt::format("b{}", payloadOf(id));
        return memo_.emplace(id, std::move(t)).first->second;
    }

private:
    static constexpr std::size_t kMemoSize = 100000;
    const ReadView& view_;
    std::unordered_map<TermId, Term> memo_;
};

} // namespace corridor::storage
