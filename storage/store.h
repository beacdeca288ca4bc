#pragma once
// The store: a RocksDB database of dictionary-encoded quads. This header and
// the ones it names (read_view.h, quad_scan.h, statistics.h, term.h,
// term_id.h) are all that the query engine sees of storage.
//
// - One writer at a time: RocksDB's lock file keeps out other processes, a
//   mutex other threads. Every write (a load, a drop) lands atomically.
// - Readers take a ReadView: a consistent snapshot for as long as they hold it.
// - OpenMode::ReadOnly opens the store as a RocksDB secondary instance, which
//   needs no lock, so queries and exports run while another process writes.

#include "storage/read_view.h"

#include <cstdint>
#include <memory>
#include <string>

namespace corridor::storage {

enum class OpenMode { ReadWrite, ReadOnly };

struct StoreOptions {
    OpenMode mode = OpenMode::ReadWrite;
    bool createIfMissing = true; // ReadWrite only
};

// The on-disk format this build writes; stored under "format". Version 2 keeps the default
// graph's quads out of the G-first orders (key_codec.h). A version 1 store is read as it is and
// upgraded in place when opened for writing (its G-first orders' default-graph keys deleted).
inline constexpr int kStoreFormatVersion = 2;

struct DiskUsage {
    std::uint64_t totalBytes = 0; // every file in the store directory
    std::uint64_t sstBytes = 0;   // live SST files (after compaction settles)
};

class Store {
public:
    // Throws StorageError (missing, corrupted, unknown version, unwritable)
    // or StoreBusyError (another process holds the write lock).
    static std::unique_ptr<Store> open(const std::string& path, const StoreOptions& options = {});
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const std::string& path() const;
    bool readOnly() const;

    // A consistent view of the current state.
    std::shared_ptr<const ReadView> read() const;
    // Read-only stores: catch up with what the writing process committed since
    // the store was opened (a no-op for the writer, which is always current).
    void refresh();

    // For a command whose process ends as soon as the store is closed (the CLI ends with
    // std::_Exit): closing a read-only store then only removes its reader's temporary folder,
    // and leaves RocksDB's files, mappings and threads to the process's exit, which releases them
    // at once. A store open for writing closes in full as always; so does every store under
    // AddressSanitizer, whose leak check runs at exit.
    void closeAtProcessExit();

    DiskUsage diskUsage() const;
    // Rewrites all SST files (drops deleted entries and duplicates).
    void compact();
    // A consistent copy of the store in `dir` (which must not exist yet), made
    // with a RocksDB checkpoint: hard links where the file system allows, copies
    // otherwise. The copy opens as a store of its own. Writable stores only.
    void backup(const std::string& dir);

    // Removes every quad of one named graph (or of the default graph, for
    // kDefaultGraph) in one atomic write. Returns the number of quads removed.
    std::uint64_t dropGraph(TermId graph);
    // Removes every quad, term and statistic in one atomic write.
    void clear();

    struct Impl;
    Impl& impl() { return *impl_; }
    const Impl& impl() const { return *impl_; }

private:
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace corridor::storage
