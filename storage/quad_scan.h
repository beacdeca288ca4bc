#pragma once
// QuadScan: the quads matching a pattern of bound/free ids, read with one
// prefix scan of the index whose leading components are the bound ones.
// Results come in that index's key order, i.e. sorted by the free components
// in index order (what merge joins rely on).

#include "storage/key_codec.h"

#include <memory>
#include <optional>

namespace corridor::storage {

// What a free graph component ranges over.
enum class GraphRange {
    All,       // the default graph and every named graph
    NamedOnly, // named graphs only (GRAPH ?g in strict SPARQL)
};

class QuadScan {
public:
    QuadScan(QuadScan&&) noexcept;
    QuadScan& operator=(QuadScan&&) noexcept;
    ~QuadScan();

    // Next matching quad; false at the end. Throws StorageError on I/O errors.
    bool next(QuadIds& out);
    // Starts over with another pattern whose bound components form a prefix of
    // the same index, reusing the RocksDB iterator (cheap re-seek).
    void reset(const QuadPattern& pattern, GraphRange graphs = GraphRange::All);
    // Moves forward within the current pattern: the next quads are those from `target` on, where
    // `target` binds the pattern's components and the next ones of the index (an object for a
    // scan of one predicate in POSG, say). Targets must not go back: the scan reads one
    // iterator forwards, which is what makes a sorted batch of probes cheap.
    void seekWithin(const QuadPattern& target);
    // Ends the scan where `target` begins (target binds the pattern's components and the next ones
    // of the index, as for seekWithin): with seekWithin, a scan covers one part of its pattern.
    void stopBefore(const QuadPattern& target);
    // The pattern's last quad in the store, the scan's own changes aside (a write's view), or none.
    // Moves the scan: reset() it before reading on.
    std::optional<QuadIds> lastInStore();
    // The index the scan walks.
    IndexOrder order() const;
    // Whether the scan may use its index's prefix filter (SPOG: s,p,o; POSG: p,o);
    // reset() keeps the mode, so a scan in prefix mode only serves patterns binding that prefix.
    bool prefixMode() const;

    struct Impl;
    explicit QuadScan(std::unique_ptr<Impl> impl);

private:
    std::unique_ptr<Impl> impl_;
};

} // namespace corridor::storage
