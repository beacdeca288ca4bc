#pragma once
// Internal to storage/: terms already looked up in the dictionary, by their dictionary key, absent
// ones too (a query names the same constants again and again: in its patterns, its union
// branches, the planner's estimates). Emptied when full. A writable store's views each keep one
// for their snapshot; a read-only store keeps one for all its views until Store::refresh, since a
// secondary instance does not move until then (as with its statistics).

#include "storage/term_id.h"

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace corridor::storage {

class LookupMemo {
public:
    // nullopt: not looked up yet; else what the lookup found (nullopt inside: absent).
    std::optional<std::optional<TermId>> find(const std::string& key) const {
        std::lock_guard lock(mutex_);
        auto it = map_.find(key);
        if (it == map_.end()) return std::nullopt;
        return it->second;
    }
    void put(std::string key, std::optional<TermId> id) {
        std::lock_guard lock(mutex_);
        if (map_.size() >= kEntries) map_.clear();
        map_.emplace(std::move(key), id);
    }
    void clear() {
        std::lock_guard lock(mutex_);
        map_.clear();
    }

private:
    static constexpr std::size_t kEntries = 4096;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::optional<TermId>> map_;
};

} // namespace corridor::storage
