#include "storage/store.h"

#include "storage/leftover_folders.h"
#include "storage/meta_keys.h"
#include "storage/read_view_impl.h"
#include "storage/rocksdb_util.h"
#include "storage/statistics_codec.h"
#include "storage/store_impl.h"
#include "storage/write/write_txn_impl.h"

#include <cerrno>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <optional>
#include <rocksdb/filter_policy.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>
#include <rocksdb/transaction_log.h>
#include <rocksdb/utilities/checkpoint.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;

namespace corridor::storage {

const std::vector<std::string>& columnFamilyNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n = {rocksdb::kDefaultColumnFamilyName, "term2id", "id2term"};
        for (IndexOrder order : kAllOrders) n.emplace_back(indexName(order));
        return n;
    }();
    return names;
}

namespace {

class SilentLogger : public rocksdb::Logger {
public:
    SilentLogger() : rocksdb::Logger(rocksdb::InfoLogLevel::HEADER_LEVEL) {}
    using rocksdb::Logger::Logv;
    void Logv(const char*, va_list) override {}
};

rocksdb::Options dbOptions(bool readOnly) {
    rocksdb::Options o;
    o.create_if_missing = true;
    o.create_missing_column_families = true;
    o.paranoid_checks = true;
    // Two background threads for flushes and compactions. A reader (a secondary instance)
    // never flushes or compacts, and starting the threads was 2% of a one-query process.
    if (!readOnly) o.IncreaseParallelism(2);
    o.max_subcompactions = 2;
    o.max_open_files = -1; // required by secondary instances; fine for the primary
    // Opening reads each table's index and filter on the calling thread. RocksDB's default
    // starts 15 helper threads per column family for it (135 for our nine), which cost
    // more than the reads they share on a store of a few dozen files.
    o.max_file_opening_threads = 1;
    // No LOG file in the store: every problem comes back as a Status, and
    // RocksDB 7.8's log writer aborts (an assertion in Debian's build) when a
    // write to its LOG fails on a full disk, instead of reporting it.
    o.info_log = std::make_shared<SilentLogger>();
    return o;
}

std::vector<rocksdb::ColumnFamilyOptions> cfOptions() {
    static std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(64 << 20);
    std::vector<rocksdb::ColumnFamilyOptions> all;
    for (int cf = 0; cf < kColumnFamilyCount; ++cf) {
        rocksdb::ColumnFamilyOptions o;
        rocksdb::BlockBasedTableOptions table;
        table.block_cache = cache;
        table.block_size = 16 * 1024;
        table.format_version = 5;
        // A read-only open decompresses every table's index block (ZSTD at the bottom level):
        // stored plain they cost 1.3% more disk and the open of LUBM(10) 0.9 ms less (3.96 -> 3.04).
        table.enable_index_compression = false;
        if (cf == kTerm2IdCf || cf == kId2TermCf) {
            // Point lookups: a Bloom filter saves a block read for new terms. Blocks as large as the
            // indexes' (4 KiB until 2026-11-30): 0.8 bytes per quad less on LUBM(10), and decoding
            // results (L5, L8) or re-loading known terms measured no slower.
            table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
        }
        if (cf >= kFirstIndexCf && filterPrefixSize(static_cast<IndexOrder>(cf - kFirstIndexCf))) {
            // "Is (s,p,o) in any graph?" is the probe of cyclic joins, "what points to o
            // by p?" the reverse step of a path: both mostly misses, which a Bloom filter
            // on the prefix answers without reading a block. Shorter prefixes scan in
            // total order.
            o.prefix_extractor.reset(
                rocksdb::NewFixedPrefixTransform(filterPrefixSize(static_cast<IndexOrder>(cf - kFirstIndexCf))));
            table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
            table.whole_key_filtering = false;
        }
        o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
        o.compression = rocksdb::kLZ4Compression;
        // Every write is an ingested file, placed by RocksDB in the lowest level it
        // does not overlap: without dynamic level sizes, small writes of one region
        // stack up one per level and are never compacted (the levels stay under their
        // targets), so reads merge them all and deletion markers live forever. With
        // them, files above the base level are due for compaction into it.
        o.level_compaction_dynamic_level_bytes = true;
        // Smaller files in the bottom level: a compaction rewrites only the files a
        // write overlaps, not the whole index.
        o.target_file_size_base = 16 << 20;
        // ZSTD where files settle, except the id-to-term dictionary: a large result reads it
        // from cold blocks in every new process, and LZ4 decompresses several times faster (a
        // whole L8 as TSV 45.5 -> 42.9 ms, the store 1.2 bytes a quad larger on LUBM(10)).
        o.bottommost_compression = cf == kId2TermCf ? rocksdb::kLZ4Compression : rocksdb::kZSTD;
        all.push_back(o);
    }
    return all;
}

bool isStoreDirectory(const fs::path& path) {
    std::error_code ec;
    bool exists = fs::exists(path / "CURRENT", ec);
    if (ec) throw StorageError(fmt::format("cannot read the store folder {}: {}", path.string(), ec.message()));
    return exists;
}

// A folder with RocksDB's own files but no CURRENT: a store that lost its
// CURRENT file, not someone else's folder.
bool looksLikeDamagedStore(const fs::path& path) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(path, ec)) {
        std::string name = entry.path().filename().string();
        if (name.rfind("MANIFEST-", 0) == 0 || name.rfind("OPTIONS-", 0) == 0 || entry.path().extension() == ".sst")
            return true;
    }
    return false;
}

void checkColumnFamilies(const std::string& path, const rocksdb::Options& options) {
    std::vector<std::string> existing;
    // This reads CURRENT and the manifest it names without the store's lock: a writer that opens
    // meanwhile replaces the manifest, and the one just named is gone. Such a race passes (found by
    // tests/stress/serve_stress.py: 1 of ~550 `corridor update` runs beside a serving writer);
    // a store that stays unreadable is reported.
    rocksdb::Status status;
    for (int attempt = 1;; ++attempt) {
        existing.clear();
        status = rocksdb::DB::ListColumnFamilies(options, path, &existing);
        if (status.ok() || attempt == 6 || !(status.IsIOError() || status.IsNotFound() || status.IsPathNotFound()))
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
    }
    throwIfError(status, "opening store at {}", path);
    for (const auto& name : columnFamilyNames()) {
        if (std::find(existing.begin(), existing.end(), name) == existing.end())
            throw StorageError(
                fmt::format("{} is a RocksDB database but not a Corridor store (no '{}' column family)", path, name));
    }
}

// The format version the store records ("1", "2", ...), as written.
rocksdb::Status storedFormat(const Store::Impl& impl, std::string& value) {
    return impl.db->Get(rocksdb::ReadOptions(), impl.cf(kMetaCf), std::string(meta::kFormat), &value);
}

void checkFormat(Store::Impl& impl) {
    std::string value;
    auto status = storedFormat(impl, value);
    if (status.IsNotFound())
        throw StorageError(
            fmt::format("{} is a RocksDB database but not a Corridor store (no format version)", impl.path));
    throwIfError(status, "reading the format version of {}", impl.path);
    if (value == "1" || value == std::to_string(kStoreFormatVersion)) {
        impl.format = value == "1" ? 1 : kStoreFormatVersion;
        return;
    }
    throw StorageError(fmt::format("{} has store format version {}, but this corridor reads only versions 1 and {}",
                                   impl.path, value, kStoreFormatVersion));
}

// Format 1 kept the default graph's quads in all six orders and no quads per class. Upgrading
// deletes the default graph's quads from the G-first orders (whose keys start with the graph, the
// default graph's id 0 first), counts rdf:type's quads per class (its POSG range) and records
// format 2 in one synced write: a crash leaves the old format or the new, both readable. The
// compaction that drops the deleted keys is best effort, as after a commit.
void upgradeFormat(Store::Impl& impl) {
    if (impl.readOnly || impl.format == kStoreFormatVersion) return;
    rocksdb::WriteBatch batch;
    if (auto rdfType = findRdfType(*impl.db, impl.cf(kTerm2IdCf), rocksdb::ReadOptions())) {
        std::map<TermId, std::uint64_t> classes;
        const std::string prefix = meta::u64(*rdfType);
        rocksdb::ReadOptions whole;
        whole.total_order_seek = true; // a prefix shorter than the index's filtered one
        std::unique_ptr<rocksdb::Iterator> it(impl.db->NewIterator(whole, impl.index(IndexOrder::POSG)));
        for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next())
            ++classes[getBigEndian(it->key().data() + 8)];
        throwIfError(it->status(), "upgrading {}", impl.path);
        for (const auto& [c, n] : classes)
            throwIfError(batch.Put(impl.cf(kMetaCf), meta::idKey(meta::kClassPrefix, c), meta::u64(n)), "upgrading {}",
                         impl.path);
    }
    const std::string from(8, '\0');
    std::string to(8, '\0');
    to[7] = '\1'; // above every key of graph 0
    for (IndexOrder order : kAllOrders)
        if (isGraphFirst(order))
            throwIfError(batch.DeleteRange(impl.index(order), from, to), "upgrading {}", impl.path);
    throwIfError(batch.Put(impl.cf(kMetaCf), std::string(meta::kFormat), std::to_string(kStoreFormatVersion)),
                 "upgrading {}", impl.path);
    rocksdb::WriteOptions options;
    options.sync = true;
    throwIfError(impl.db->Write(options, &batch), "upgrading the store format of {}", impl.path);
    impl.format = kStoreFormatVersion;
    rocksdb::CompactRangeOptions compact;
    compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
    for (IndexOrder order : kAllOrders)
        if (isGraphFirst(order)) (void)impl.db->CompactRange(compact, impl.index(order), nullptr, nullptr);
}

std::vector<rocksdb::ColumnFamilyDescriptor>
descriptorsFor(const std::vector<rocksdb::ColumnFamilyOptions>& cfOptions) {
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (int cf = 0; cf < kColumnFamilyCount; ++cf) descriptors.emplace_back(columnFamilyNames()[cf], cfOptions[cf]);
    return descriptors;
}

void syncDirectory(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

// Folders of store creations that were killed: ".<name>.creating-<pid>-XXXXXX"
// beside the store, whose process is gone.
void removeAbandonedCreations(const fs::path& parent, const std::string& name) {
    std::error_code ec;
    std::string prefix = "." + name + ".creating-";
    for (const auto& entry : fs::directory_iterator(parent, ec)) {
        std::string file = entry.path().filename().string();
        if (file.rfind(prefix, 0) != 0) continue;
        if (processGone(file, prefix.size())) fs::remove_all(entry.path(), ec);
    }
}

// A new store is built in a hidden folder beside its path and renamed into
// place once complete (format version written and synced), so a creation
// killed at any moment leaves either no store or a whole one, and of two
// processes creating the same store at once, one wins and the other opens it.
void createStore(const std::string& path, const rocksdb::Options& options,
                 const std::vector<rocksdb::ColumnFamilyOptions>& cfOptions) {
    std::error_code ec;
    fs::path target = fs::absolute(path, ec);
    while (!target.empty() && target.filename().empty()) target = target.parent_path(); // "db/"
    fs::path parent = target.parent_path();
    fs::create_directories(parent, ec);
    if (ec) throw StorageError(fmt::format("cannot create store at {}: {}", path, ec.message()));
    std::string name = target.filename().string();
    removeAbandonedCreations(parent, name);
    std::string tmpl = (parent / fmt::format(".{}.creating-{}-XXXXXX", name, ::getpid())).string();
    if (!::mkdtemp(tmpl.data()))
        throw StorageError(fmt::format("cannot create store at {}: {}", path, std::strerror(errno)));
    struct Cleanup {
        std::string dir;
        ~Cleanup() {
            std::error_code e;
            if (!dir.empty()) fs::remove_all(dir, e);
        }
    } cleanup{tmpl};
    {
        std::vector<rocksdb::ColumnFamilyHandle*> handles;
        rocksdb::DB* raw = nullptr;
        throwIfError(rocksdb::DB::Open(options, tmpl, descriptorsFor(cfOptions), &handles, &raw),
                     "creating store at {}", path);
        std::unique_ptr<rocksdb::DB> db(raw);
        rocksdb::WriteBatch batch;
        batch.Put(handles[kMetaCf], std::string(meta::kFormat), std::to_string(kStoreFormatVersion));
        batch.Put(handles[kMetaCf], std::string(meta::kNextId), meta::u64(1));
        rocksdb::WriteOptions wo;
        wo.sync = true;
        auto status = db->Write(wo, &batch);
        for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
        db->Close();
        throwIfError(status, "initialising store at {}", path);
    }
    syncDirectory(tmpl);
    // rename() replaces a missing or empty folder; a folder someone filled meanwhile stays.
    if (::rename(tmpl.c_str(), target.c_str()) == 0) {
        cleanup.dir.clear();
        syncDirectory(parent);
    } else if (errno != ENOTEMPTY && errno != EEXIST) {
        throw StorageError(fmt::format("cannot create store at {}: {}", path, std::strerror(errno)));
    }
}

const char* kDamageAdvice = "restore a backup (`corridor backup` makes one), or load the data into a new store";

// Every file the store's manifest lists must be there with its full size. A
// primary open checks this itself; a read-only (secondary) open does not, and
// would answer from what is left (a COUNT over a store missing an index file
// printed 0). Cheap: one stat per file.
void verifyLiveFiles(Store::Impl& impl) {
    std::vector<rocksdb::LiveFileMetaData> files;
    impl.db->GetLiveFilesMetaData(&files);
    for (const auto& f : files) {
        fs::path file = fs::path(f.db_path) / fs::path(f.name).relative_path();
        std::error_code ec;
        auto size = fs::file_size(file, ec);
        if (ec)
            throw StorageError(fmt::format("the store at {} is damaged: its data file {} is missing ({}); {}",
                                           impl.path, file.filename().string(), ec.message(), kDamageAdvice));
        if (size != f.size)
            throw StorageError(
                fmt::format("the store at {} is damaged: its data file {} holds {} bytes, {} were written; {}",
                            impl.path, file.filename().string(), size, f.size, kDamageAdvice));
    }
}

// Whether a column family holds nothing in memory (all of it is in its files); false when
// RocksDB cannot say.
bool memtablesEmpty(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* handle) {
    for (const char* property : {"rocksdb.num-entries-active-mem-table", "rocksdb.num-entries-imm-mem-tables"}) {
        std::uint64_t n = 1;
        if (!db.GetIntProperty(handle, property, &n) || n != 0) return false;
    }
    return true;
}

// Live keys of a column family from its files' metadata, or nullopt when that
// cannot be exact (range deletions, or entries still in a memtable).
std::optional<std::uint64_t> liveKeys(Store::Impl& impl, int cf) {
    if (!memtablesEmpty(*impl.db, impl.cf(cf))) return std::nullopt;
    rocksdb::TablePropertiesCollection tables;
    throwIfError(impl.db->GetPropertiesOfAllTables(impl.cf(cf), &tables), "reading the store's file properties at {}",
                 impl.path);
    std::int64_t live = 0;
    for (const auto& [file, props] : tables) {
        if (props->num_range_deletions > 0) return std::nullopt;
        live += static_cast<std::int64_t>(props->num_entries) - 2 * static_cast<std::int64_t>(props->num_deletions);
    }
    return live < 0 ? 0 : static_cast<std::uint64_t>(live);
}

// The store's writes put only keys that are not there and delete only keys that
// are, so each index holds entries - 2 x deletions live keys, known from file
// metadata without reading data. Every index must hold the statistics' quad
// count, and the two halves of the dictionary the same number of terms. A
// read-only (secondary) instance that finds a data file missing or cut short
// silently falls back to an older state of that column family; this is how it
// finds out (a COUNT over such a store printed 0 for 100,573 quads).
void verifyCounts(Store::Impl& impl) {
    rocksdb::ReadOptions ro;
    Statistics stats = readStatistics(*impl.db, impl.cf(kMetaCf), ro);
    // Since format 2 the G-first orders hold the named graphs' quads only (checkFormat reports a
    // format it does not know; here, anything but 1 counts as 2).
    std::string format;
    const bool allInGraphFirst = storedFormat(impl, format).ok() && format == "1";
    const auto inDefault = stats.graphQuads.find(kDefaultGraph);
    const std::uint64_t named = stats.quads - (inDefault == stats.graphQuads.end() ? 0 : inDefault->second);
    for (IndexOrder order : kAllOrders) {
        auto live = liveKeys(impl, kFirstIndexCf + static_cast<int>(order));
        const std::uint64_t expected = isGraphFirst(order) && !allInGraphFirst ? named : stats.quads;
        if (live && *live != expected)
            throw StorageError(fmt::format(
                "the store at {} is damaged: index {} holds {} quads, its statistics say {} (a data file is "
                "missing, cut short or unreadable); {}",
                impl.path, indexName(order), *live, expected, kDamageAdvice));
    }
    auto forward = liveKeys(impl, kTerm2IdCf), backward = liveKeys(impl, kId2TermCf);
    if (forward && backward && *forward != *backward)
        throw StorageError(
            fmt::format("the store at {} is damaged: its dictionary holds {} terms one way and {} the other; {}",
                        impl.path, *forward, *backward, kDamageAdvice));
}

// A write killed before its commit leaves its temporary folder behind; the
// store never referenced it, so the next writer removes it. ("tmp-load-" is
// what stores of earlier versions left.)
void removeAbandonedWrites(const std::string& path) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(path, ec)) {
        std::string name = entry.path().filename().string();
        if (entry.is_directory(ec) && (name.rfind(kTempFolderPrefix, 0) == 0 || name.rfind("tmp-load-", 0) == 0))
            fs::remove_all(entry.path(), ec);
    }
}

// RocksDB 7.8 opens a new write-ahead log at every open and, when that log
// stays empty, never moves its minimum log number past it: our writes are
// all ingested files, so every writer's open left one empty log behind (300
// small updates, 300 files). Fixed upstream in 8.3 (facebook/rocksdb#11409).
// Once this process holds the store as its writer, an empty log older than
// the live one holds nothing to recover and is removed; a log with any bytes
// in it is left to RocksDB.
void removeEmptyOldLogs(rocksdb::DB& db, const std::string& path) {
    std::unique_ptr<rocksdb::LogFile> current;
    if (!db.GetCurrentWalFile(&current).ok() || !current) return;
    const std::uint64_t live = current->LogNumber();
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(path, ec)) {
        const std::string name = entry.path().filename().string();
        if (!name.ends_with(".log")) continue;
        // RocksDB's name for a log: its number, then ".log" (anything else is not ours to touch).
        std::uint64_t number = 0;
        const char* end = name.data() + name.size() - 4;
        auto [stop, error] = std::from_chars(name.data(), end, number);
        if (error != std::errc() || stop != end || stop == name.data()) continue;
        std::error_code sizeError;
        if (number >= live || entry.file_size(sizeError) != 0 || sizeError) continue;
        fs::remove(entry.path(), sizeError);
    }
}

} // namespace

// Short-lived writers (one CLI command each) would otherwise exit before
// RocksDB's background compactions run, and the files they ingest would pile
// up in level 0 with their deletion markers: reads merge ever more files and
// skip ever more markers (an update repeated ten times got three times slower).
// So a writer lets the compactions its writes made due finish before it
// closes, up to a bound; they are safe to interrupt.
void Store::Impl::settle() {
    if (readOnly || !db) return;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    for (;;) {
        std::uint64_t running = 0, pending = 0;
        db->GetIntProperty(rocksdb::DB::Properties::kNumRunningCompactions, &running);
        for (auto* h : handles) {
            std::uint64_t p = 0;
            if (db->GetIntProperty(h, rocksdb::DB::Properties::kCompactionPending, &p)) pending += p;
        }
        if ((running == 0 && pending == 0) || std::chrono::steady_clock::now() > deadline) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

void Store::Impl::closeDb() {
    if (!db) return;
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
    handles.clear();
    db->Close();
    db.reset();
}

Store::Impl::~Impl() {
    waitForOpeners();
    if (readOnly && closeAtExit) {
        // Left to the process's exit, which unmaps the table files all at once; closing them here
        // unmapped each while RocksDB's threads were alive (0.5 ms of a lookup's 10, strace).
        static_cast<void>(db.release());
        handles.clear();
    }
    settle();
    closeDb();
    if (!secondaryDir.empty()) removeReaderFolder(secondaryDir);
}

void Store::Impl::checkWritable() const {
    if (readOnly) throw UsageError(fmt::format("the store at {} was opened read-only", path));
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

std::unique_ptr<Store> Store::open(const std::string& path, const StoreOptions& options) {
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->readOnly = options.mode == OpenMode::ReadOnly;
    impl->options = dbOptions(impl->readOnly);
    if (impl->readOnly) impl->options.allow_mmap_reads = true;
    impl->cfOptions = cfOptions();

    std::error_code ec;
    bool exists = fs::exists(path, ec);
    if (exists && !fs::is_directory(path, ec))
        throw StorageError(fmt::format("{} is a file, not a store folder", path));
    bool isStore = exists && isStoreDirectory(path);
    if (!isStore) {
        if (exists && !fs::is_empty(path, ec)) {
            if (looksLikeDamagedStore(path))
                throw StorageError(
                    fmt::format("{} is a damaged store: its CURRENT file, which names the live files, is missing; {}",
                                path, kDamageAdvice));
            throw StorageError(fmt::format("{} is not a Corridor store (the folder holds other files); choose another "
                                           "--store path",
                                           path));
        }
        if (impl->readOnly || !options.createIfMissing)
            throw StorageError(fmt::format("no store at {} (create one with `corridor load`)", path));
        createStore(path, impl->options, impl->cfOptions);
    }
    checkColumnFamilies(path, impl->options);

    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors = descriptorsFor(impl->cfOptions);

    if (impl->readOnly) {
        impl->secondaryDir = makeReaderFolder();
        // A reader opens beside a writer that may be compacting: a file the
        // reader's manifest names can be gone a moment later, which looks just
        // like damage. Such races pass; damage stays. So a reader tries again
        // a few times before it reports what it found.
        constexpr int kAttempts = 6;
        for (int attempt = 1;; ++attempt) {
            try {
                rocksdb::DB* raw = nullptr;
                throwIfError(rocksdb::DB::OpenAsSecondary(impl->options, path, impl->secondaryDir, descriptors,
                                                          &impl->handles, &raw),
                             "opening store at {} read-only", path);
                impl->db.reset(raw);
                verifyLiveFiles(*impl);
                verifyCounts(*impl);
                break;
            } catch (const StorageError&) {
                impl->closeDb();
                if (attempt == kAttempts) throw;
                std::this_thread::sleep_for(std::chrono::milliseconds(40 * attempt));
            }
        }
    } else {
        rocksdb::DB* raw = nullptr;
        throwIfError(rocksdb::DB::Open(impl->options, path, descriptors, &impl->handles, &raw), "opening store at {}",
                     path);
        impl->db.reset(raw);
        verifyLiveFiles(*impl);
        verifyCounts(*impl);
    }
    if (!impl->readOnly) {
        removeAbandonedWrites(path);
        removeEmptyOldLogs(*impl->db, path);
    }
    checkFormat(*impl);
    upgradeFormat(*impl);
    return std::unique_ptr<Store>(new Store(std::move(impl)));
}

const std::string& Store::path() const {
    return impl_->path;
}
bool Store::readOnly() const {
    return impl_->readOnly;
}

std::shared_ptr<const ReadView> Store::read() const {
    return std::make_shared<ReadView>(std::make_unique<ReadView::Impl>(*impl_));
}

std::shared_ptr<const DirectFiles> Store::Impl::directTable(int family, bool open) const {
    if (!readOnly) return nullptr;
    if (open && opening[static_cast<std::size_t>(family)].load(std::memory_order_acquire)) waitForOpeners();
    std::lock_guard lock(tablesMutex);
    auto& slot = tables[static_cast<std::size_t>(family)];
    if (slot || !open) return slot.value_or(nullptr);
    slot = std::shared_ptr<const DirectFiles>(); // decided once: direct or not
    auto files = filesToOpen(family);
    if (!files) return nullptr;
    slot = DirectFiles::open(files->options, files->meta);
    return *slot;
}

std::optional<Store::Impl::FilesToOpen> Store::Impl::filesToOpen(int family) const {
    rocksdb::ColumnFamilyHandle* handle = cf(family);
    if (!memtablesEmpty(*db, handle)) return std::nullopt; // changes in memory
    FilesToOpen out{rocksdb::Options(options, cfOptions[static_cast<std::size_t>(family)]), {}};
    db->GetColumnFamilyMetaData(handle, &out.meta);
    return out;
}

std::optional<std::shared_ptr<const DirectFiles>> Store::Impl::directTableSoon(IndexOrder order) const {
    if (!readOnly) return std::shared_ptr<const DirectFiles>();
    const int family = kFirstIndexCf + static_cast<int>(order);
    const auto f = static_cast<std::size_t>(family);
    std::lock_guard lock(tablesMutex);
    auto& slot = tables[f];
    if (slot) return *slot;
    if (opening[f].load(std::memory_order_relaxed)) return std::nullopt;
    auto toOpen = filesToOpen(family);
    if (!toOpen) { // decided: not direct
        slot = std::shared_ptr<const DirectFiles>();
        return *slot;
    }
    opening[f].store(true, std::memory_order_release);
    try {
        openers.emplace_back([this, f, toOpen] {
            std::shared_ptr<const DirectFiles> files;
            try {
                files = DirectFiles::open(toOpen->options, toOpen->meta);
            } catch (...) { // out of memory: the scans stay on the database's iterators
            }
            if (beforeOpenedFilesLand) beforeOpenedFilesLand();
            std::lock_guard done(tablesMutex);
            tables[f] = std::move(files);
            opening[f].store(false, std::memory_order_release);
        });
    } catch (const std::system_error&) { // no thread to be had: open them here
        opening[f].store(false, std::memory_order_release);
        slot = DirectFiles::open(toOpen->options, toOpen->meta);
        return *slot;
    }
    return std::nullopt;
}

void Store::Impl::waitForOpeners() const {
    std::vector<std::thread> running;
    {
        std::lock_guard lock(tablesMutex);
        running.swap(openers);
    }
    for (auto& t : running) t.join();
}

void Store::closeAtProcessExit() {
#if !defined(__SANITIZE_ADDRESS__)
    impl_->closeAtExit = true;
#endif
}

void Store::refresh() {
    if (!impl_->readOnly) return;
    throwIfError(impl_->db->TryCatchUpWithPrimary(), "refreshing the read-only view of {}", impl_->path);
    impl_->waitForOpeners(); // files asked for before the catch-up may be gone: let them land, then forget them
    {
        std::lock_guard lock(impl_->tablesMutex);
        impl_->tables = {}; // the files may have changed; scans open keep their readers
    }
    impl_->lookups.clear(); // terms may have come (or gone, with a cleared store)
    std::lock_guard lock(impl_->statisticsMutex);
    impl_->statistics.reset();
}

DiskUsage Store::diskUsage() const {
    DiskUsage usage;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(impl_->path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        const auto& entry = *it;
        // A write's scratch folder (running, or left by a killed one) is not the store.
        if (entry.is_directory(ec) && entry.path().filename().string().rfind(kTempFolderPrefix, 0) == 0) {
            it.disable_recursion_pending();
            continue;
        }
        if (!entry.is_regular_file(ec)) continue;
        auto size = entry.file_size(ec);
        if (ec) continue;
        usage.totalBytes += size;
        if (entry.path().extension() == ".sst") usage.sstBytes += size;
    }
    return usage;
}

void Store::backup(const std::string& dir) {
    impl_->checkWritable();
    std::lock_guard lock(impl_->writerMutex);
    std::error_code ec;
    if (fs::exists(dir, ec)) throw UsageError(fmt::format("{} already exists: a backup goes into a new folder", dir));
    rocksdb::Checkpoint* raw = nullptr;
    throwIfError(rocksdb::Checkpoint::Create(impl_->db.get(), &raw), "backing up {}", impl_->path);
    std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
    throwIfError(checkpoint->CreateCheckpoint(dir), "backing up {} into {}", impl_->path, dir);
}

void Store::compact() {
    impl_->checkWritable();
    std::lock_guard lock(impl_->writerMutex);
    rocksdb::CompactRangeOptions options;
    options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
    for (auto* h : impl_->handles)
        throwIfError(impl_->db->CompactRange(options, h, nullptr, nullptr), "compacting {}", impl_->path);
}

} // namespace corridor::storage
