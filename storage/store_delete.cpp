// Store::dropGraph and Store::clear: deletions, each one atomic WriteBatch.

#include "storage/meta_keys.h"
#include "storage/read_view_impl.h"
#include "storage/rocksdb_util.h"
#include "storage/statistics_codec.h"
#include "storage/store_impl.h"

#include <rocksdb/write_batch.h>

namespace corridor::storage {

namespace {

// True when the index holds a key with the 16-byte `prefix` whose graph is not `graph`.
bool groupSurvives(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* cf, IndexOrder order,
                   const std::string& prefix, TermId graph) {
    rocksdb::ReadOptions options = scanOptions(rocksdb::ReadOptions(), order, 0);
    std::string upper = *upperBound(prefix);
    rocksdb::Slice upperSlice(upper);
    options.iterate_upper_bound = &upperSlice;
    std::unique_ptr<rocksdb::Iterator> it(db.NewIterator(options, cf));
    for (it->Seek(prefix); it->Valid(); it->Next()) {
        QuadIds q = decodeKey(order, std::string_view(it->key().data(), it->key().size()));
        if (q.g() != graph) return true;
    }
    throwIfError(it->status(), "reading the store");
    return false;
}

void writeSynced(Store::Impl& impl, rocksdb::WriteBatch& batch, const char* what) {
    rocksdb::WriteOptions options;
    options.sync = true;
    throwIfError(impl.db->Write(options, &batch), "{} in {}", what, impl.path);
}

void putMeta(rocksdb::WriteBatch& batch, rocksdb::ColumnFamilyHandle* cf,
             const std::vector<MetaUpdate>& updates) {
    for (const auto& [key, value] : updates) {
        if (value) {
            batch.Put(cf, key, *value);
        } else {
            batch.Delete(cf, key);
        }
    }
}

} // namespace

std::uint64_t Store::dropGraph(TermId graph) {
    impl_->checkWritable();
    std::lock_guard lock(impl_->writerMutex);
    rocksdb::DB& db = *impl_->db;
    rocksdb::WriteBatch batch;
    StatisticsDelta delta;

    // Walk the graph's quads in GSPO order: (s,p) groups are contiguous.
    std::string graphPrefix = meta::u64(graph);
    std::string graphUpper = *upperBound(graphPrefix);
    rocksdb::Slice upperSlice(graphUpper);
    rocksdb::ReadOptions options;
    options.total_order_seek = true;
    options.iterate_upper_bound = &upperSlice;
    std::unique_ptr<rocksdb::Iterator> it(db.NewIterator(options, impl_->index(IndexOrder::GSPO)));
    std::string lastGroup;
    std::uint64_t removed = 0;
    for (it->Seek(graphPrefix); it->Valid(); it->Next()) {
        QuadIds q = decodeKey(IndexOrder::GSPO, std::string_view(it->key().data(), it->key().size()));
        for (IndexOrder order : kAllOrders) batch.Delete(impl_->index(order), encodeKey(order, q));
        ++removed;
        ++delta.predicates[q.p()].quads;
        std::string group = encodeKey(IndexOrder::SPOG, q).substr(0, 16);
        if (group != lastGroup) {
            lastGroup = group;
            if (!groupSurvives(db, impl_->index(IndexOrder::SPOG), IndexOrder::SPOG, group, graph))
                ++delta.predicates[q.p()].distinctSubjects;
        }
    }
    throwIfError(it->status(), "reading graph for deletion");
    if (removed == 0) return 0;

    // (p,o) groups, contiguous in GPOS order.
    it.reset(db.NewIterator(options, impl_->index(IndexOrder::GPOS)));
    lastGroup.clear();
    for (it->Seek(graphPrefix); it->Valid(); it->Next()) {
        QuadIds q = decodeKey(IndexOrder::GPOS, std::string_view(it->key().data(), it->key().size()));
        std::string group = encodeKey(IndexOrder::POSG, q).substr(0, 16);
        if (group == lastGroup) continue;
        lastGroup = group;
        if (!groupSurvives(db, impl_->index(IndexOrder::POSG), IndexOrder::POSG, group, graph))
            ++delta.predicates[q.p()].distinctObjects;
    }
    throwIfError(it->status(), "reading graph for deletion");

    // Turn the counts into negative deltas.
    delta.quads = -static_cast<std::int64_t>(removed);
    delta.graphQuads[graph] = -static_cast<std::int64_t>(removed);
    for (auto& [p, d] : delta.predicates) {
        d.quads = -d.quads;
        d.distinctSubjects = -d.distinctSubjects;
        d.distinctObjects = -d.distinctObjects;
    }
    Statistics current = readStatistics(db, impl_->cf(kMetaCf), rocksdb::ReadOptions());
    putMeta(batch, impl_->cf(kMetaCf), statisticsUpdates(current, delta));
    writeSynced(*impl_, batch, "dropping a graph");
    return removed;
}

void Store::clear() {
    impl_->checkWritable();
    std::lock_guard lock(impl_->writerMutex);
    rocksdb::WriteBatch batch;
    const std::string lowest(1, '\0');
    const std::string highest(64, '\xff'); // above every key we write
    for (int cf = kTerm2IdCf; cf < kColumnFamilyCount; ++cf)
        batch.DeleteRange(impl_->cf(cf), lowest, highest);
    // Statistics and prefixes go; the format version and the id counter stay
    // (ids are never reused).
    batch.DeleteRange(impl_->cf(kMetaCf), std::string(meta::kPrefixPrefix),
                      *upperBound(meta::kPrefixPrefix));
    batch.DeleteRange(impl_->cf(kMetaCf), std::string(meta::kStatsPrefix),
                      *upperBound(meta::kStatsPrefix));
    writeSynced(*impl_, batch, "clearing the store");
    impl_->cache.clear();
}

} // namespace corridor::storage
