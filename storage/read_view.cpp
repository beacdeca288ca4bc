#include "storage/read_view.h"

#include "storage/meta_keys.h"
#include "storage/quad_scan_impl.h"
#include "storage/read_view_impl.h"
#include "storage/rocksdb_util.h"
#include "storage/statistics_codec.h"
#include "storage/term_codec.h"
#include "storage/write/term_interner.h"

#include <set>

namespace corridor::storage {

ReadView::ReadView(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ReadView::~ReadView() = default;

std::optional<TermId> ReadView::lookup(const Term& term) const {
    if (auto id = inlineIdFor(term)) return id;
    if (impl_->overlay && impl_->overlay->terms()) return impl_->overlay->terms()->find(term);
    std::string value;
    auto status = impl_->store.db->Get(impl_->readOptions(), impl_->store.cf(kTerm2IdCf), encodeTermKey(term), &value);
    if (status.IsNotFound()) return std::nullopt;
    throwIfError(status, "looking up a term");
    if (value.size() != 8) throw StorageError("corrupted term2id entry");
    return getBigEndian(value.data());
}

Term ReadView::resolve(TermId id) const {
    if (isInline(id)) return inlineTerm(id);
    if (auto cached = impl_->store.cache.get(id)) return *cached;
    std::string value;
    auto status = impl_->store.db->Get(impl_->readOptions(), impl_->store.cf(kId2TermCf), meta::u64(id), &value);
    if (status.IsNotFound()) {
        // A term a write transaction added: not cached, since an abandoned
        // transaction's ids are handed out again.
        if (impl_->overlay && impl_->overlay->terms())
            if (auto t = impl_->overlay->terms()->newTerm(id)) return *t;
        throw StorageError(fmt::format("term id {:#x} is not in the dictionary", id));
    }
    throwIfError(status, "resolving a term id");
    Term term = decodeTerm(value);
    impl_->store.cache.put(id, term);
    return term;
}

QuadScan ReadView::scan(const QuadPattern& pattern, GraphRange graphs) const {
    return scanIn(chooseIndex(pattern).order, pattern, graphs);
}

QuadScan ReadView::scanIn(IndexOrder order, const QuadPattern& pattern, GraphRange graphs) const {
    auto impl = std::make_unique<QuadScan::Impl>();
    impl->order = order;
    int bound = 0;
    while (bound < 4 && pattern[componentsOf(order)[bound]]) ++bound;
    impl->prefixMode = order == IndexOrder::SPOG && 8u * bound >= kTriplePrefixSize;
    rocksdb::ReadOptions options = scanOptions(impl_->readOptions(), order, 8u * bound);
    if (impl->prefixMode) {
        options.prefix_same_as_start = true; // stop at the end of the (s,p,o) group
    } else {
        options.iterate_upper_bound = &impl->upperSlice; // aimed by reset()
    }
    impl->iterator.reset(impl_->store.db->NewIterator(options, impl_->store.index(order)));
    if (impl_->overlay && !impl_->overlay->empty()) impl->overlay = impl_->overlay->inOrder(order);
    QuadScan scan(std::move(impl));
    scan.reset(pattern, graphs);
    return scan;
}

bool ReadView::contains(const QuadIds& quad) const {
    if (impl_->overlay)
        if (auto changed = impl_->overlay->find(quad)) return *changed;
    std::string value;
    auto status = impl_->store.db->Get(impl_->readOptions(), impl_->store.index(IndexOrder::SPOG),
                                       encodeKey(IndexOrder::SPOG, quad), &value);
    if (status.IsNotFound()) return false;
    throwIfError(status, "reading a quad");
    return true;
}

Statistics ReadView::statistics() const {
    return readStatistics(*impl_->store.db, impl_->store.cf(kMetaCf), impl_->readOptions());
}

std::vector<TermId> ReadView::graphs() const {
    std::set<TermId> candidates;
    for (const auto& [g, count] : statistics().graphQuads) candidates.insert(g);
    if (!impl_->overlay) return {candidates.begin(), candidates.end()};
    // A transaction's view: graphs its changes fill, and only those still holding a quad.
    for (const auto& r : *impl_->overlay->inOrder(IndexOrder::GSPO))
        if (r[4] & 1) candidates.insert(r[0]);
    std::vector<TermId> out;
    for (TermId g : candidates) {
        QuadPattern pattern{};
        pattern[kGraph] = g;
        QuadIds q;
        if (scan(pattern).next(q)) out.push_back(g);
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> ReadView::prefixes() const {
    std::vector<std::pair<std::string, std::string>> out;
    std::unique_ptr<rocksdb::Iterator> it(impl_->store.db->NewIterator(impl_->readOptions(), impl_->store.cf(kMetaCf)));
    std::string start(meta::kPrefixPrefix);
    for (it->Seek(start); it->Valid() && it->key().starts_with(start); it->Next()) {
        out.emplace_back(it->key().ToString().substr(start.size()), it->value().ToString());
    }
    throwIfError(it->status(), "reading prefixes");
    return out;
}

} // namespace corridor::storage
