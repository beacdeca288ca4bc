#include "storage/read_view.h"

#include "storage/meta_keys.h"
#include "storage/quad_scan_impl.h"
#include "storage/read_view_impl.h"
#include "storage/rocksdb_util.h"
#include "storage/statistics_codec.h"
#include "storage/term_codec.h"
#include "storage/write/term_interner.h"

#include <algorithm>
#include <set>

namespace corridor::storage {

ReadView::ReadView(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ReadView::~ReadView() = default;

std::optional<TermId> ReadView::lookup(const Term& term) const {
    if (auto id = inlineIdFor(term)) return id;
    if (impl_->overlay && impl_->overlay->terms()) return impl_->overlay->terms()->find(term);
    std::string key = encodeTermKey(term);
    LookupMemo& memo = impl_->lookups();
    if (auto known = memo.find(key)) return *known;
    std::string value;
    auto status = impl_->store.db->Get(impl_->readOptions(), impl_->store.cf(kTerm2IdCf), key, &value);
    std::optional<TermId> id;
    if (!status.IsNotFound()) {
        throwIfError(status, "looking up a term");
        if (value.size() != 8) throw StorageError("corrupted term2id entry");
        id = getBigEndian(value.data());
    }
    memo.put(std::move(key), id);
    return id;
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

namespace {
// How far resolveMany steps with Next() before it seeks instead.
constexpr int kStepsBeforeSeek = 16;
// How many ids a batch resolves before it opens the dictionary's file to read it directly.
constexpr std::size_t kDirectBatch = 256;
// A batch of at most this many ids not cached puts its terms into the term cache: a small
// result is the kind asked again (a notebook, a web page), and it cannot push out much.
constexpr std::size_t kCachedBatch = 64;
} // namespace

void ReadView::resolveMany(std::span<const TermId> ids, std::vector<Term>& out) const {
    out.assign(ids.size(), Term{});
    std::vector<std::size_t> missing; // positions whose id is neither inline nor cached
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (isInline(ids[i])) {
            out[i] = inlineTerm(ids[i]);
        } else if (auto cached = impl_->store.cache.get(ids[i])) {
            out[i] = std::move(*cached);
        } else {
            missing.push_back(i);
        }
    }
    if (missing.empty()) return;
    std::sort(missing.begin(), missing.end(), [&](std::size_t a, std::size_t b) { return ids[a] < ids[b]; });
    std::vector<std::string> keys;
    std::vector<std::size_t> firstOf; // for each distinct id, its first position in `missing`
    for (std::size_t k = 0; k < missing.size(); ++k) {
        if (k > 0 && ids[missing[k]] == ids[missing[k - 1]]) continue;
        keys.push_back(meta::u64(ids[missing[k]]));
        firstOf.push_back(k);
    }
    // One iterator walks the sorted ids: a few Next() steps reach a near id
    // (ids are issued in load order, so a result's terms often sit together),
    // a Seek() a far one.
    rocksdb::ReadOptions options = impl_->readOptions();
    std::string upper = meta::u64(ids[missing.back()] + 1);
    rocksdb::Slice upperSlice(upper);
    options.iterate_upper_bound = &upperSlice;
    // A process that answers one query and exits (closeAtProcessExit) gains nothing from caching
    // blocks it will not come back to: a large batch whose ids all follow the previous batch's
    // (a result in id order, L8's 75,547 IRIs) reads past the block cache. Filling it cost page
    // faults and cache inserts for every block (whole L8 as TSV 41.8 -> 36.0 ms). A batch that
    // goes back (several columns, another order) caches as before: reading past the cache there
    // decompressed its blocks again and again ("people" 298 -> 388 ms).
    if (impl_->store.closeAtExit && keys.size() >= kDirectBatch) {
        const TermId first = ids[missing.front()], last = ids[missing.back()];
        if (first > impl_->store.lastBatchEnd.exchange(last, std::memory_order_relaxed)) options.fill_cache = false;
    }
    // A large batch reads the dictionary's file directly (opened once: Store::Impl::directTable).
    auto table = impl_->store.directTable(kId2TermCf, keys.size() >= kDirectBatch); // null when writable
    std::unique_ptr<rocksdb::Iterator> it = impl_->store.newIterator(table.get(), options, kId2TermCf);
    it->Seek(keys.front());
    for (std::size_t d = 0; d < keys.size(); ++d) {
        std::size_t end = d + 1 < keys.size() ? firstOf[d + 1] : missing.size();
        TermId id = ids[missing[firstOf[d]]];
        for (int step = 0; it->Valid() && it->key().compare(keys[d]) < 0; ++step) {
            if (step == kStepsBeforeSeek) {
                it->Seek(keys[d]);
                break;
            }
            it->Next();
        }
        throwIfError(it->status(), "resolving term ids");
        Term term;
        if (it->Valid() && it->key() == keys[d]) {
            // A large batch's terms are not cached: a batch read is cheap per id, and a
            // large result's terms would push out the small set that repeats.
            term = decodeTerm(it->value().ToStringView());
            if (keys.size() <= kCachedBatch) impl_->store.cache.put(id, term);
        } else if (impl_->overlay) {
            term = resolve(id); // a write transaction's new term, or the error resolve() gives
        } else {
            throw StorageError(fmt::format("term id {:#x} is not in the dictionary", id));
        }
        for (std::size_t k = firstOf[d]; k < end; ++k) out[missing[k]] = term;
    }
}

QuadScan ReadView::scan(const QuadPattern& pattern, GraphRange graphs) const {
    return scanIn(chooseIndex(pattern).order, pattern, graphs);
}

QuadScan ReadView::scanIn(IndexOrder order, const QuadPattern& pattern, GraphRange graphs) const {
    // The default graph's quads are read from the G-last twin, in the same order (key_codec.h).
    if (pattern[kGraph] == kDefaultGraph) order = gLastTwin(order);
    auto impl = std::make_unique<QuadScan::Impl>();
    impl->order = order;
    const int bound = boundPrefix(order, pattern);
    impl->prefixMode = usesPrefixFilter(order, bound);
    rocksdb::ReadOptions options = scanOptions(impl_->readOptions(), order, 8u * bound);
    if (impl->prefixMode) {
        options.prefix_same_as_start = true; // stop at the end of the filtered prefix's group
    } else {
        options.iterate_upper_bound = &impl->upperSlice; // aimed by reset()
    }
    impl->table = impl_->store.directTable(order, false);
    impl->iterator = impl_->store.newIterator(impl->table.get(), options, kFirstIndexCf + static_cast<int>(order));
    if (impl_->store.readOnly && !impl->table) impl->store = &impl_->store; // may go direct later
    impl->options = options;
    if (impl_->overlay && !impl_->overlay->empty()) impl->overlay = impl_->overlay->inOrder(order);
    QuadScan scan(std::move(impl));
    scan.reset(pattern, graphs);
    return scan;
}

std::vector<QuadScan> ReadView::scanByGraph(const QuadPattern& pattern) const {
    std::vector<QuadScan> scans;
    if (pattern[kGraph]) {
        scans.push_back(scanIn(IndexOrder::GSPO, pattern));
        return scans;
    }
    QuadPattern inDefault = pattern;
    inDefault[kGraph] = kDefaultGraph;
    scans.push_back(scanIn(IndexOrder::GSPO, inDefault));
    scans.push_back(scanIn(IndexOrder::GSPO, pattern, GraphRange::NamedOnly));
    return scans;
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
    const Store::Impl& store = impl_->store;
    auto read = [&] {
        Statistics stats = readStatistics(*store.db, store.cf(kMetaCf), impl_->readOptions());
        stats.classesKept = store.format >= 2;
        return stats;
    };
    if (!store.readOnly) return read();
    std::lock_guard lock(store.statisticsMutex);
    if (!store.statistics) store.statistics = read();
    return *store.statistics;
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
