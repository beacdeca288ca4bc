#pragma once
// Internal to storage/: a forward-only cursor over one index of the store, for
// writers that visit keys in increasing order ("is this key there?", "is any
// key with this prefix there?").
//
// It moves only forwards and re-seeks only when the target lies past its
// current key. That matters after deletions: RocksDB skips deletion markers
// (tombstones) one by one, and a fresh Seek per key would skip the same run of
// markers again for every key that lands in it (a load after a drop took
// minutes for thousands of quads); moving forwards skips each marker once.

#include "storage/rocksdb_util.h"
#include "storage/store_impl.h"

#include <cstring>
#include <memory>
#include <rocksdb/iterator.h>

namespace corridor::storage {

class IndexCursor {
public:
    IndexCursor(const Store::Impl& store, IndexOrder order, const rocksdb::ReadOptions& base = {})
        : order_(order), it_(store.db->NewIterator(scanOptions(base, order, 0), store.index(order))) {}

    // Moves to the first key >= target (target may be a prefix of a key).
    // Never moves backwards: a target below the current key leaves it in place.
    void seekAtLeast(const char* target, std::size_t length) {
        rocksdb::Slice t(target, length);
        if (positioned_) {
            if (!it_->Valid() || it_->key().compare(t) >= 0) return;
            // Close targets are usually a few keys ahead: step before seeking.
            for (int i = 0; i < 4; ++i) {
                it_->Next();
                if (!it_->Valid() || it_->key().compare(t) >= 0) return check();
            }
        }
        it_->Seek(t);
        positioned_ = true;
        check();
    }
    bool valid() const { return it_->Valid(); }
    // The current key (kKeySize bytes); valid() must be true.
    const char* key() const { return it_->key().data(); }
    bool at(const char* key, std::size_t length) const {
        return it_->Valid() && it_->key().size() >= length && std::memcmp(it_->key().data(), key, length) == 0;
    }
    void next() {
        it_->Next();
        check();
    }
    IndexOrder order() const { return order_; }

private:
    void check() {
        if (!it_->Valid()) throwIfError(it_->status(), "reading index {}", indexName(order_));
    }
    IndexOrder order_;
    std::unique_ptr<rocksdb::Iterator> it_;
    bool positioned_ = false;
};

} // namespace corridor::storage
