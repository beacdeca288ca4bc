#pragma once
// Internal to storage/: the RocksDB objects behind Store. Nothing outside
// storage/ includes this file.

#include "storage/direct_files.h"
#include "storage/key_codec.h"
#include "storage/lookup_memo.h"
#include "storage/statistics.h"
#include "storage/store.h"
#include "storage/term_cache.h"

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <string>
#include <thread>
#include <vector>

namespace corridor::storage {

enum ColumnFamily : int {
    kMetaCf = 0, // RocksDB's "default" column family
    kTerm2IdCf = 1,
    kId2TermCf = 2,
    kFirstIndexCf = 3, // then the six index orders in IndexOrder order
    kColumnFamilyCount = kFirstIndexCf + kIndexCount,
};

// Read options for an iterator over `order` that will seek prefixes of `prefixLength` bytes.
inline rocksdb::ReadOptions scanOptions(rocksdb::ReadOptions base, IndexOrder order, std::size_t prefixLength) {
    std::size_t filtered = filterPrefixSize(order);
    base.total_order_seek = !(filtered && prefixLength >= filtered);
    return base;
}

struct Store::Impl {
    std::string path;
    bool readOnly = false;
    int format = kStoreFormatVersion; // as read at open (1: G-first orders may hold the default graph)
    std::string secondaryDir;         // ReadOnly: RocksDB secondary instance's own folder
    bool closeAtExit = false;         // closeAtProcessExit()
    // The largest id of the last large batch ReadView::resolveMany read (closeAtExit only).
    mutable std::atomic<TermId> lastBatchEnd{0};
    rocksdb::Options options;
    std::vector<rocksdb::ColumnFamilyOptions> cfOptions;
    std::unique_ptr<rocksdb::DB> db;
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    std::mutex writerMutex; // one writer at a time inside this process
    mutable TermCache cache;
    // ReadOnly: the statistics, read by the first query's view and kept until Store::refresh
    // (every query reads them for the planner's estimates; a secondary instance does not move
    // in between). A writable store reads them per view: its writes are ingested files, and
    // one that overlaps nothing moves no sequence number to key a cache on.
    mutable std::mutex statisticsMutex;
    mutable std::optional<Statistics> statistics;
    // ReadOnly: the dictionary lookups of all views, kept until Store::refresh (lookup_memo.h).
    mutable LookupMemo lookups;
    // ReadOnly: each column family's table files when they do not overlap and nothing else holds
    // its keys (the six index orders and the dictionary), read without the database's merging and
    // level iterators (directTable); until Store::refresh.
    mutable std::mutex tablesMutex;
    mutable std::array<std::optional<std::shared_ptr<const DirectFiles>>, kColumnFamilyCount> tables;
    // Families whose files a thread of their own is opening (directTableSoon), and those threads:
    // joined by waitForOpeners() (refresh, the store's close).
    mutable std::array<std::atomic<bool>, kColumnFamilyCount> opening{};
    mutable std::vector<std::thread> openers; // under tablesMutex
    // Tests only: run on an opener's thread once its files are open, before they land in `tables`
    // (a test holds an opening back with it to check who waits for it). Set before any opening.
    std::function<void()> beforeOpenedFilesLand;
    // Work the scans of each index order have done through the database's iterators (units of
    // QuadScan::Impl::goDirect), added when a scan is reset or ends: a process that runs many
    // small queries (a server, a shell, a benchmark) opens the files too.
    mutable std::array<std::atomic<std::uint64_t>, kIndexCount> scanWork{};

    rocksdb::ColumnFamilyHandle* cf(int which) const { return handles[which]; }
    rocksdb::ColumnFamilyHandle* index(IndexOrder order) const {
        return handles[kFirstIndexCf + static_cast<int>(order)];
    }
    // The table files that hold all of a column family's keys in a read-only store, opened for
    // reading directly (docs/decisions.md, "A read-only index of one file (or of files that do not
    // overlap) is read directly"); null when the files overlap, or the family has unflushed
    // changes, or the store is writable, and, unless `open`, when they have not been opened yet.
    std::shared_ptr<const DirectFiles> directTable(int family, bool open = true) const;
    std::shared_ptr<const DirectFiles> directTable(IndexOrder order, bool open = true) const {
        return directTable(kFirstIndexCf + static_cast<int>(order), open);
    }
    // The same, without waiting: when undecided, the files are opened on a thread of their own
    // (opening a large index's files reads its whole index and filters, 2 ms for pm10000's SPOG)
    // and this returns nullopt, as it does while they are being opened; scans go on through the
    // database meanwhile. Without a thread to be had, the files are opened here.
    std::optional<std::shared_ptr<const DirectFiles>> directTableSoon(IndexOrder order) const;
    bool directTableOpening(IndexOrder order) const {
        return opening[static_cast<std::size_t>(kFirstIndexCf + static_cast<int>(order))].load(
            std::memory_order_acquire);
    }
    // An iterator over a column family: through `table` when it is open, else the database's.
    std::unique_ptr<rocksdb::Iterator> newIterator(const DirectFiles* table, const rocksdb::ReadOptions& options,
                                                   int family) const {
        if (table) return table->newIterator(options);
        return std::unique_ptr<rocksdb::Iterator>(db->NewIterator(options, cf(family)));
    }
    // Waits until no family's files are being opened.
    void waitForOpeners() const;
    // A family's table files and the options to open them with; nullopt while it has changes in
    // memory (a read-only store that refreshed onto a writer's unflushed writes).
    struct FilesToOpen {
        rocksdb::Options options;
        rocksdb::ColumnFamilyMetaData meta;
    };
    std::optional<FilesToOpen> filesToOpen(int family) const;
    void checkWritable() const;
    // Waits (bounded) for the compactions RocksDB has due; writers call it before closing.
    void settle();
    void closeDb(); // closes the database and its column family handles, if open

    ~Impl();
};

// Names of the column families, indexed by ColumnFamily.
const std::vector<std::string>& columnFamilyNames();

} // namespace corridor::storage
