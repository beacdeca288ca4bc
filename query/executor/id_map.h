#pragma once
// An open-addressing hash map from term ids to a small value, for the hot sets
// of path search and COUNT(DISTINCT) (std::unordered_set allocates per element).
// kUnbound marks empty slots: it is never a term id.

#include "query/executor/batch.h"

#include <cstdint>
#include <vector>

namespace corridor::query::executor {

template <typename Value>
class IdMap {
public:
    // No slots until the first insertion: a GROUP BY keeps one (usually unused) set per group.
    IdMap() = default;

    // The value of `id`, inserted as Value{} when absent; `inserted` tells which.
    Value& get(TermId id, bool& inserted) {
        if ((size_ + 1) * 2 > slots_.size()) grow();
        std::size_t i = find(id);
        inserted = slots_[i].id == kUnbound;
        if (inserted) {
            slots_[i].id = id;
            ++size_;
        }
        return slots_[i].value;
    }
    bool insert(TermId id) {
        bool inserted;
        get(id, inserted);
        return inserted;
    }
    const Value* lookup(TermId id) const {
        if (slots_.empty()) return nullptr;
        const Slot& s = slots_[find(id)];
        return s.id == kUnbound ? nullptr : &s.value;
    }
    std::size_t size() const { return size_; }

private:
    struct Slot {
        TermId id;
        Value value;
    };
    std::size_t find(TermId id) const {
        std::size_t mask = slots_.size() - 1;
        std::size_t i = (id * 0x9E3779B97F4A7C15ULL >> 17) & mask;
        while (slots_[i].id != kUnbound && slots_[i].id != id) i = (i + 1) & mask;
        return i;
    }
    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{kUnbound, Value{}});
        for (const Slot& s : old)
            if (s.id != kUnbound) slots_[find(s.id)] = s;
    }
    std::vector<Slot> slots_;
    std::size_t size_ = 0;
};

using IdSet = IdMap<bool>;

} // namespace corridor::query::executor
