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
#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

namespace corridor::query::executor {

class ProbeMemo {
public:
    static constexpr std::size_t kMaxQuadsPerProbe = 16;
    static constexpr std::size_t kMaxQuadsHeld = 1 << 16;

    // The quads the probe of `pattern` over `range` read before, in index order; nullopt when
    // unknown. Valid until the next keep().
    std::optional<std::span<const storage::QuadIds>> find(const storage::QuadPattern& pattern,
                                                          storage::GraphRange range) const {
        auto it = probes_.find(Key{pattern, range});
        if (it == probes_.end()) return std::nullopt;
        return std::span<const storage::QuadIds>(quads_.data() + it->second.offset, it->second.count);
    }
    // What a probe read to its end (at most kMaxQuadsPerProbe quads).
    void keep(const storage::QuadPattern& pattern, storage::GraphRange range,
              const std::vector<storage::QuadIds>& quads) {
        if (quads.size() > kMaxQuadsPerProbe) return;
        if (quads_.size() + probes_.size() + quads.size() + 1 > kMaxQuadsHeld) {
            probes_.clear();
            quads_.clear();
        }
        if (probes_
                .emplace(Key{pattern, range},
                         Span{static_cast<std::uint32_t>(quads_.size()), static_cast<std::uint32_t>(quads.size())})
                .second)
            quads_.insert(quads_.end(), quads.begin(), quads.end());
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
    struct Span {
        std::uint32_t offset, count; // in quads_
    };
    std::unordered_map<Key, Span, KeyHash> probes_;
    std::vector<storage::QuadIds> quads_; // every kept probe's quads, one after the other
};

} // namespace corridor::query::executor
