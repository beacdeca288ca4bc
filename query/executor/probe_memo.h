#pragma once
// The quads of small index probes, kept for the rest of one execution. A TRACE step
// pattern is opened once per node the search reaches, and its probes come back: the
// node's own facts were read as a step's far end when the search arrived there (a
// time-respecting trace reads each node's year twice). The scans the planner builds for
// a step pattern ask here before seeking. The execution's view does not change, so an
// entry never goes stale. What a probe read is kept only when it read to its end and
// found few quads; past kMaxQuadsHeld in all, the memo starts again empty.

#include "storage/key_codec.h"
#include "storage/quad_scan.h"

#include <cstddef>
#include <functional>
#include <unordered_map>
#include <vector>

namespace corridor::query::executor {

class ProbeMemo {
public:
    static constexpr std::size_t kMaxQuadsPerProbe = 16;
    static constexpr std::size_t kMaxQuadsHeld = 1 << 16;

    // The quads the probe of `pattern` over `range` read before, in index order; nullptr when unknown.
    const std::vector<storage::QuadIds>* find(const storage::QuadPattern& pattern, storage::GraphRange range) const {
        auto it = probes_.find(Key{pattern, range});
        return it == probes_.end() ? nullptr : &it->second;
    }
    // What a probe read to its end (at most kMaxQuadsPerProbe quads).
    void keep(const storage::QuadPattern& pattern, storage::GraphRange range, std::vector<storage::QuadIds> quads) {
        if (quads.size() > kMaxQuadsPerProbe) return;
        if (held_ + quads.size() + 1 > kMaxQuadsHeld) {
            probes_.clear();
            held_ = 0;
        }
        held_ += quads.size() + 1;
        probes_.emplace(Key{pattern, range}, std::move(quads));
    }
    std::size_t size() const { return probes_.size(); }

private:
    struct Key {
        storage::QuadPattern pattern;
        storage::GraphRange range;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const {
            std::size_t h = static_cast<std::size_t>(k.range);
            for (const auto& c : k.pattern) h = h * 0x9E3779B97F4A7C15ULL + (c ? *c + 1 : 0);
            return h ^ (h >> 29);
        }
    };
    std::unordered_map<Key, std::vector<storage::QuadIds>, KeyHash> probes_;
    std::size_t held_ = 0;
};

} // namespace corridor::query::executor
