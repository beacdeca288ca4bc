#pragma once
// Internal to storage/: a bounded, thread-safe id -> term cache for resolve().
// Ids are never reused, so entries never go stale; when the cache is full it is
// emptied (cheap, and good enough for the access patterns of query output).

#include "storage/free_later.h"
#include "storage/term.h"
#include "storage/term_id.h"

#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>

namespace corridor::storage {

class TermCache {
public:
    explicit TermCache(std::size_t capacity = 1 << 18) : capacity_(capacity) {}
    ~TermCache() {
        if (map_.size() > 10000) freeInBackground(std::move(map_));
    }
    TermCache(const TermCache&) = delete;
    TermCache& operator=(const TermCache&) = delete;

    std::optional<Term> get(TermId id) const {
        std::lock_guard lock(mutex_);
        auto it = map_.find(id);
        if (it == map_.end()) return std::nullopt;
        return it->second;
    }
    void put(TermId id, const Term& term) {
        std::lock_guard lock(mutex_);
        if (map_.size() >= capacity_) freeInBackground(std::exchange(map_, {}));
        map_.emplace(id, term);
    }
    void clear() {
        std::lock_guard lock(mutex_);
        map_.clear();
    }

private:
    std::size_t capacity_;
    mutable std::mutex mutex_;
    std::unordered_map<TermId, Term> map_;
};

} // namespace corridor::storage
