#pragma once
// Internal to storage/: what a ReadView holds.

#include "storage/lookup_memo.h"
#include "storage/read_view.h"
#include "storage/store_impl.h"
#include "storage/write/overlay.h"

#include <optional>
#include <rocksdb/snapshot.h>
#include <string>

namespace corridor::storage {

struct ReadView::Impl {
    const Store::Impl& store;
    // A secondary (read-only) instance does not move until it is told to catch
    // up (Store::refresh), which the shell does only between requests, never
    // while a view is open; it needs no snapshot.
    std::unique_ptr<rocksdb::ManagedSnapshot> snapshot;
    // A write transaction's view: its earlier steps' changes and new terms.
    std::shared_ptr<const Overlay> overlay;
    // Terms already looked up in this snapshot (a read-only store's views share the store's).
    mutable LookupMemo ownLookups;
    LookupMemo& lookups() const { return store.readOnly ? store.lookups : ownLookups; } // no overlay there

    explicit Impl(const Store::Impl& s) : store(s) {
        if (!s.readOnly) snapshot = std::make_unique<rocksdb::ManagedSnapshot>(s.db.get());
    }
    rocksdb::ReadOptions readOptions() const {
        rocksdb::ReadOptions o;
        if (snapshot) o.snapshot = snapshot->snapshot();
        return o;
    }
};

} // namespace corridor::storage
