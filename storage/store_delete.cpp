// Store::dropGraph and Store::clear: deletions, each one atomic write.

#include "storage/meta_keys.h"
#include "storage/read_view_impl.h"
#include "storage/rocksdb_util.h"
#include "storage/statistics_codec.h"
#include "storage/store_impl.h"
#include "storage/write_txn.h"

#include <rocksdb/write_batch.h>

namespace corridor::storage {

namespace {

void writeSynced(Store::Impl& impl, rocksdb::WriteBatch& batch, const char* what) {
    rocksdb::WriteOptions options;
    options.sync = true;
    throwIfError(impl.db->Write(options, &batch), "{} in {}", what, impl.path);
}

} // namespace

// The graph's quads, read in GSPO order, become deletions of one transaction:
// its commit writes them as deletion markers in SST files (no write-ahead log,
// memory bounded by the transaction's spill files) and counts statistics exactly.
std::uint64_t Store::dropGraph(TermId graph) {
    WriteTxn txn(*this);
    storage::QuadPattern pattern{};
    pattern[kGraph] = graph;
    QuadScan scan = txn.read()->scan(pattern);
    QuadIds q;
    while (scan.next(q)) txn.remove(q);
    return txn.commit().quadsDeleted;
}

void Store::clear() {
    impl_->checkWritable();
    std::lock_guard lock(impl_->writerMutex);
    rocksdb::WriteBatch batch;
    const std::string lowest(1, '\0');
    const std::string highest(64, '\xff'); // above every key we write
    for (int cf = kTerm2IdCf; cf < kColumnFamilyCount; ++cf) batch.DeleteRange(impl_->cf(cf), lowest, highest);
    // Statistics and prefixes go; the format version and the id counter stay
    // (ids are never reused).
    batch.DeleteRange(impl_->cf(kMetaCf), std::string(meta::kPrefixPrefix), *upperBound(meta::kPrefixPrefix));
    batch.DeleteRange(impl_->cf(kMetaCf), std::string(meta::kStatsPrefix), *upperBound(meta::kStatsPrefix));
    writeSynced(*impl_, batch, "clearing the store");
    // Drop the deleted data now: range deletions would otherwise stay in the
    // files (and keep the space) until a compaction happened to reach them.
    rocksdb::FlushOptions flush;
    for (auto* h : impl_->handles) throwIfError(impl_->db->Flush(flush, h), "clearing the store at {}", impl_->path);
    rocksdb::CompactRangeOptions compact;
    compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
    for (auto* h : impl_->handles)
        throwIfError(impl_->db->CompactRange(compact, h, nullptr, nullptr), "clearing the store at {}", impl_->path);
    impl_->cache.clear();
}

} // namespace corridor::storage
