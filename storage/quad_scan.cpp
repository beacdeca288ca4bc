#include "storage/quad_scan.h"

#include "storage/quad_scan_impl.h"
#include "storage/rocksdb_util.h"

#include <fmt/format.h>

namespace corridor::storage {

QuadScan::QuadScan(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
QuadScan::QuadScan(QuadScan&&) noexcept = default;
QuadScan& QuadScan::operator=(QuadScan&&) noexcept = default;
QuadScan::~QuadScan() = default;

IndexOrder QuadScan::order() const { return impl_->order; }
bool QuadScan::prefixMode() const { return impl_->prefixMode; }

void QuadScan::reset(const QuadPattern& pattern, GraphRange graphs) {
    const auto& comps = componentsOf(impl_->order);
    int bound = 0;
    while (bound < 4 && pattern[comps[bound]]) ++bound;
    for (int i = bound; i < 4; ++i)
        if (pattern[comps[i]])
            throw StorageError(fmt::format("index {} cannot serve this pattern", indexName(impl_->order)));
    impl_->prefix = prefixFor(impl_->order, pattern, bound);
    if (impl_->prefixMode && impl_->prefix.size() < 24)
        throw StorageError("internal error: a prefix-filtered scan cannot serve a shorter prefix");
    impl_->namedGraphsOnly = graphs == GraphRange::NamedOnly && !pattern[kGraph];
    impl_->started = false;
    impl_->exhausted = false;
}

bool QuadScan::next(QuadIds& out) {
    auto& it = *impl_->iterator;
    if (impl_->exhausted) return false;
    for (;;) {
        if (!impl_->started) {
            it.Seek(impl_->prefix);
            impl_->started = true;
        } else {
            it.Next();
        }
        if (!it.Valid()) {
            impl_->exhausted = true;
            throwIfError(it.status(), "scanning index {}", indexName(impl_->order));
            return false;
        }
        rocksdb::Slice key = it.key();
        if (!key.starts_with(impl_->prefix)) {
            impl_->exhausted = true;
            return false;
        }
        out = decodeKey(impl_->order, std::string_view(key.data(), key.size()));
        if (impl_->namedGraphsOnly && out.g() == kDefaultGraph) continue;
        return true;
    }
}

} // namespace corridor::storage
