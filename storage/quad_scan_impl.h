#pragma once
// Internal to storage/: the iterator state behind a QuadScan.

#include "storage/quad_scan.h"

#include <memory>
#include <optional>
#include <rocksdb/iterator.h>
#include <rocksdb/options.h>
#include <string>

namespace corridor::storage {

struct QuadScan::Impl {
    IndexOrder order = IndexOrder::SPOG;
    std::string prefix; // keys outside it end the scan (checked, not an upper bound,
                        // so the iterator can be re-seeked for another prefix)
    std::unique_ptr<rocksdb::Iterator> iterator;
    bool namedGraphsOnly = false;
    bool started = false;
    bool exhausted = false;
    bool prefixMode = false; // uses the (s,p,o) prefix Bloom filter: prefixes of 24+ bytes only
};

} // namespace corridor::storage
