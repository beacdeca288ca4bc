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

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
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
        if (size_ == 0) return std::nullopt;
        const Entry key = entryOf(pattern, range);
        for (std::size_t i = hashOf(key) & mask();; i = (i + 1) & mask()) {
            const Entry& e = table_[i];
            if (!e.used) return std::nullopt;
            if (e.sameProbe(key)) return std::span<const storage::QuadIds>(quads_.data() + e.offset, e.count);
        }
    }
    // What a probe read to its end (at most kMaxQuadsPerProbe quads).
    void keep(const storage::QuadPattern& pattern, storage::GraphRange range,
              const std::vector<storage::QuadIds>& quads) {
        if (quads.size() > kMaxQuadsPerProbe) return;
        if (quads_.size() + size_ + quads.size() + 1 > kMaxQuadsHeld) {
            table_.assign(table_.size(), Entry{});
            size_ = 0;
            quads_.clear();
        }
        if (2 * (size_ + 1) > table_.size()) grow();
        Entry key = entryOf(pattern, range);
        std::size_t i = hashOf(key) & mask();
        for (; table_[i].used; i = (i + 1) & mask())
            if (table_[i].sameProbe(key)) return; // kept already
        key.used = true;
        key.offset = static_cast<std::uint32_t>(quads_.size());
        key.count = static_cast<std::uint32_t>(quads.size());
        table_[i] = key;
        ++size_;
        quads_.insert(quads_.end(), quads.begin(), quads.end());
    }
    std::size_t size() const { return size_; }

private:
    // A probe's pattern and range, and where its quads are in quads_. The table is open-addressed
    // (linear probing, at most half full): a find or keep costs no allocation.
    struct Entry {
        std::array<storage::TermId, 4> ids{};
        std::uint8_t bound = 0; // bit i: component i is given
        std::uint8_t range = 0;
        bool used = false;
        std::uint32_t offset = 0, count = 0; // in quads_
        bool sameProbe(const Entry& o) const { return ids == o.ids && bound == o.bound && range == o.range; }
    };
    static Entry entryOf(const storage::QuadPattern& pattern, storage::GraphRange range) {
        Entry e;
        for (int i = 0; i < 4; ++i)
            if (pattern[i]) {
                e.ids[i] = *pattern[i];
                e.bound |= static_cast<std::uint8_t>(1u << i);
            }
        e.range = static_cast<std::uint8_t>(range);
        return e;
    }
    static std::size_t hashOf(const Entry& e) {
        std::uint64_t h = (static_cast<std::uint64_t>(e.range) << 8) | e.bound;
        for (auto id : e.ids) h = (h ^ id) * 0x9E3779B97F4A7C15ULL;
        return static_cast<std::size_t>(h ^ (h >> 32));
    }
    std::size_t mask() const { return table_.size() - 1; }
    void grow() {
        std::vector<Entry> old = std::move(table_);
        table_.assign(old.empty() ? 64 : old.size() * 2, Entry{});
        for (const Entry& e : old) {
            if (!e.used) continue;
            std::size_t i = hashOf(e) & mask();
            while (table_[i].used) i = (i + 1) & mask();
            table_[i] = e;
        }
    }

    std::vector<Entry> table_; // a power of two long, or empty
    std::size_t size_ = 0;
    std::vector<storage::QuadIds> quads_; // every kept probe's quads, one after the other
};

} // namespace corridor::query::executor
