#pragma once
// Internal to storage/: the iterator state behind a QuadScan.

#include "storage/direct_files.h"
#include "storage/quad_scan.h"
#include "storage/store.h"
#include "storage/write/staged_quads.h"

#include <memory>
#include <optional>
#include <rocksdb/iterator.h>
#include <rocksdb/options.h>
#include <string>
#include <vector>

namespace corridor::storage {

struct QuadScan::Impl {
    IndexOrder order = IndexOrder::SPOG;
    std::string prefix; // keys outside it end the scan
    std::string stop;   // when set (stopBefore), keys from it on end the scan too
    // The iterator's upper bound: ReadOptions point at `upperSlice`, which reset()
    // re-aims (RocksDB reads the bound at every seek). Without it, a scan whose
    // prefix ends in a run of deletion markers would skip all of them.
    std::string upper;
    rocksdb::Slice upperSlice; // the Impl lives on the heap: its address is stable
    // The table file the iterator reads directly (Store::Impl::directTable), kept open while it
    // does: declared before the iterator, so destroyed after it.
    std::shared_ptr<const DirectFiles> table;
    std::unique_ptr<rocksdb::Iterator> iterator;
    // A read-only store's scan starts on the database's iterator unless the table is open
    // already, and opens it once its work would pay for that (goDirect).
    const Store::Impl* store = nullptr; // null: never direct (a writable store's scan)
    rocksdb::ReadOptions options;       // the iterator's
    std::uint64_t work = 0;             // seeks count kSeekWork, steps 1; not yet in the store's
    static constexpr std::uint64_t kSeekWork = 16, kDirectAfter = 4096;
    void goDirect(std::uint64_t units, bool reposition);
    void addWorkToStore(); // this scan's work to the store's count for its order (scanWork)
    ~Impl() { addWorkToStore(); }
    bool namedGraphsOnly = false;
    bool defaultGraphOnly = false; // the default graph's quads in a G-last order: the graph is a filter
    bool started = false;
    bool positioned = false; // seekWithin() has placed the iterator on the next quad to read
    bool exhausted = false;
    bool prefixMode = false; // uses the index's prefix Bloom filter: prefixes at least filterPrefixSize()

    // A write transaction's changes, merged into the scan (null for plain views).
    std::shared_ptr<const std::vector<OrderedRecord>> overlay;
    std::size_t overlayPos = 0, overlayEnd = 0; // the current prefix's changes
    bool baseLoaded = false, baseValid = false;
    QuadIds baseQuad;

    bool nextBase(QuadIds& out); // the store's next quad in the prefix
};

} // namespace corridor::storage
