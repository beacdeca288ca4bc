#include "query/prepare_cache.h"

#include "query/engine.h"

namespace corridor::query {

PrepareCache::PrepareCache(std::size_t maxEntries, std::size_t maxTextBytes, std::size_t maxOneText)
    : maxEntries_(maxEntries), maxTextBytes_(maxTextBytes), maxOneText_(maxOneText) {}

std::shared_ptr<const PreparedQuery>
PrepareCache::get(const std::string& key, const std::function<std::shared_ptr<const PreparedQuery>()>& make,
                  const std::function<bool(const PreparedQuery&)>& keep) {
    {
        std::lock_guard lock(mutex_);
        if (auto it = index_.find(key); it != index_.end()) {
            order_.splice(order_.begin(), order_, it->second);
            ++hits_;
            return it->second->prepared;
        }
    }
    // Prepared outside the lock: other threads' lookups do not wait for a parse.
    std::shared_ptr<const PreparedQuery> prepared = make();
    if (key.size() > maxOneText_ || !keep(*prepared)) return prepared;
    std::lock_guard lock(mutex_);
    if (index_.count(key)) return prepared; // another thread kept the same text meanwhile
    order_.push_front(Entry{key, prepared});
    index_.emplace(order_.front().key, order_.begin());
    textBytes_ += key.size();
    evict();
    return prepared;
}

void PrepareCache::evict() {
    while (!order_.empty() && (order_.size() > maxEntries_ || textBytes_ > maxTextBytes_)) {
        textBytes_ -= order_.back().key.size();
        index_.erase(order_.back().key);
        order_.pop_back();
    }
}

std::size_t PrepareCache::size() const {
    std::lock_guard lock(mutex_);
    return order_.size();
}

std::size_t PrepareCache::hits() const {
    std::lock_guard lock(mutex_);
    return hits_;
}

void PrepareCache::clear() {
    std::lock_guard lock(mutex_);
    index_.clear();
    order_.clear();
    textBytes_ = 0;
}

PrepareCache& PrepareCache::shared() {
    // A server's or a notebook's working set of queries: 256 texts, 1 MiB of them, none
    // over 64 KiB (a prepared query takes some tens of times its text's size).
    static PrepareCache cache(256, std::size_t{1} << 20, std::size_t{64} << 10);
    return cache;
}

} // namespace corridor::query
