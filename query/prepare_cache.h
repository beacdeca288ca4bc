#pragma once
// A process-wide cache of prepared queries: the same text, prepared with the same
// parse options (base IRI, prefixes), is parsed and translated once. A prepared
// query depends on its text and those options alone (never on the store: plans are
// made at execution), so an entry needs no invalidation when the store changes.
// Bounded by entry count and by the size of the texts it holds (a longer text is not
// kept); the least recently used entry goes first. Updates are not kept (a large INSERT DATA rarely repeats).

#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace corridor::query {

struct PreparedQuery;

class PrepareCache {
public:
    PrepareCache(std::size_t maxEntries, std::size_t maxTextBytes, std::size_t maxOneText);

    // The prepared query for `key`, made by `make` on a miss (and kept if `keep` says so).
    // `make`'s exceptions (syntax errors) pass through and nothing is kept.
    std::shared_ptr<const PreparedQuery> get(const std::string& key,
                                             const std::function<std::shared_ptr<const PreparedQuery>()>& make,
                                             const std::function<bool(const PreparedQuery&)>& keep);

    // Whether a text of this many bytes may be kept at all (longer ones are prepared each time).
    bool mayKeep(std::size_t bytes) const { return bytes <= maxOneText_; }
    std::size_t size() const;
    std::size_t hits() const;
    void clear();

    // The one the engine uses.
    static PrepareCache& shared();

private:
    struct Entry {
        std::string key;
        std::shared_ptr<const PreparedQuery> prepared;
    };
    void evict(); // while over a bound: drop the least recently used

    std::size_t maxEntries_, maxTextBytes_, maxOneText_;
    mutable std::mutex mutex_;
    std::list<Entry> order_; // most recently used first
    std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;
    std::size_t textBytes_ = 0, hits_ = 0;
};

} // namespace corridor::query
